"""What the models with typed facts share (a reason, a trace step): the facts' JSON form, and
equality by the facts' texts, so that a decision equals itself read back from JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, WithJsonSchema, field_serializer

from .facts import fact_text, fact_texts

__all__ = ["OUTPUT_MODEL", "Facts", "WithFacts"]

OUTPUT_MODEL = ConfigDict(frozen=True, extra="forbid")
"""The output models' configuration: frozen, and no field the contract does not name."""

Facts = Annotated[dict[str, Any], WithJsonSchema({
    "type": "object", "additionalProperties": {"type": "string"},
    "description": "the facts compared, each as its machine text (ISO 8601 instants, exact "
    "decimals, `3 h` durations, `a, b` lists, `none`)"})]
"""Typed facts in Python, machine text in JSON."""


class WithFacts(BaseModel):
    """A model with typed facts (its field `facts`): written as their texts in JSON, and
    equal to another when the other fields and the facts' texts are equal."""

    model_config = OUTPUT_MODEL

    _TEXT_FIELDS: ClassVar[tuple[str, ...]] = ()

    @field_serializer("facts", when_used="json", check_fields=False)
    def _fact_texts(self, facts: Mapping[str, Any]) -> dict[str, str]:
        return fact_texts(facts)

    def fact_text(self, name: str) -> str:
        """One fact as its machine text."""
        facts: Mapping[str, Any] = self.__dict__["facts"]
        return fact_text(facts[name])

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        mine, theirs = self.__dict__, other.__dict__
        return all(mine[name] == theirs[name] for name in self._TEXT_FIELDS) \
            and fact_texts(mine["facts"]) == fact_texts(theirs["facts"])

    __hash__ = None  # type: ignore[assignment]  # facts are a dict: never hashable
