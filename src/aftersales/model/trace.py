"""A decision's trace: one `Step` per check the engine made, each built when first read.

The engine records each check as a plain entry (guarantee, check, passed, and its outcome's
code and facts); most callers never read the steps one by one (a web API sends the decision's
JSON, a batch counts statuses), so the `Step` models are made only when the trace is read as
a sequence, and `to_dicts` writes the JSON form straight from the entries. To pydantic it is
a tuple of steps: validated from one, serialized as one, with the same JSON schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Final, overload

from pydantic import Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from . import hooks
from .construct import construct
from .facts import fact_texts
from .with_facts import Facts, WithFacts

__all__ = ["Step", "Trace", "TraceEntry"]


class Step(WithFacts):
    """One check the engine made, with the facts it compared."""

    guarantee: str | None
    check: str
    passed: bool
    code: str
    facts: Facts = Field(default_factory=dict)

    _TEXT_FIELDS = ("guarantee", "check", "passed", "code")

    @property
    def message(self) -> str:
        """The step as a sentence, rendered from its code and facts (in English)."""
        return hooks.render(self.code, self.facts, "en")

    def to_dict(self) -> dict[str, Any]:
        return {"guarantee": self.guarantee, "check": self.check, "passed": self.passed,
                "code": self.code, "facts": fact_texts(self.facts)}


_STEP_FIELDS: Final = set(Step.model_fields)


TraceEntry = tuple[str, str, bool, str, Mapping[str, object]]
"""One check as the engine records it: guarantee, check, passed, outcome code, facts. A plain
tuple (not the outcome itself): once its facts hold no container, the garbage collector stops
tracking it, which a batch of many decisions kept in memory would otherwise pay for."""


class Trace(Sequence[Step]):
    """The steps of a decision, in the order the engine made its checks. A sequence of
    `Step` (`trace[1].facts`, `len(trace)`, iteration), equal to a tuple of the same steps."""

    __slots__ = ("_entries", "_steps")

    def __init__(self, steps: Sequence[Step] = (), *,
                 entries: Sequence[TraceEntry] | None = None) -> None:
        self._steps: tuple[Step, ...] | None = None if entries is not None else tuple(steps)
        self._entries: Sequence[TraceEntry] = entries if entries is not None else ()

    @property
    def steps(self) -> tuple[Step, ...]:
        """The steps, as a tuple (built on first use)."""
        steps = self._steps
        if steps is None:
            steps = self._steps = tuple(_step(*entry) for entry in self._entries)
            self._entries = ()
        return steps

    def to_dicts(self) -> list[dict[str, Any]]:
        """Each step as JSON-ready data (what `Step.to_dict` gives)."""
        if self._steps is not None:
            return [step.to_dict() for step in self._steps]
        return [{"guarantee": guarantee, "check": check, "passed": passed,
                 "code": code, "facts": fact_texts(facts)}
                for guarantee, check, passed, code, facts in self._entries]

    @overload
    def __getitem__(self, index: int) -> Step: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Step, ...]: ...

    def __getitem__(self, index: int | slice) -> Step | tuple[Step, ...]:
        return self.steps[index]

    def __len__(self) -> int:
        return len(self._steps) if self._steps is not None else len(self._entries)

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Trace):
            return self.steps == other.steps
        if isinstance(other, tuple | list):
            return self.steps == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # steps hold dicts of facts

    def __repr__(self) -> str:
        return repr(self.steps)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any,
                                     handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        steps = handler.generate_schema(tuple[Step, ...])

        def validate(value: Any, inner: Callable[[Any], Any]) -> Trace:
            return value if isinstance(value, Trace) else Trace(inner(value))

        return core_schema.no_info_wrap_validator_function(
            validate, steps, serialization=core_schema.plain_serializer_function_ser_schema(
                lambda trace: trace.steps, return_schema=steps))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return handler(schema)


def _step(guarantee: str, check: str, passed: bool, code: str,
          facts: Mapping[str, object]) -> Step:
    return construct(Step, {"guarantee": guarantee, "check": check, "passed": passed,
                            "code": code, "facts": facts}, _STEP_FIELDS)
