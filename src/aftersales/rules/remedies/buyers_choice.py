"""`buyers_choice`: several remedies offered; the claim's `preferred_remedy` picks one, else
the first."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Literal, Self

from pydantic import BaseModel, Field, model_validator

from ...model.kinds import RemedyKind
from ..protocol import RULE_MODEL, Bound

if TYPE_CHECKING:
    from . import SingleRemedy

__all__ = ["BuyersChoice"]


class BuyersChoice(BaseModel):
    """Several remedies offered; the claim's `preferred_remedy` picks one, else the first.
    It answers the remedy protocol through the option it grants, or through all of them."""

    model_config = RULE_MODEL

    kind: Literal["buyers_choice"] = "buyers_choice"
    options: Annotated[tuple[SingleRemedy, ...], Field(min_length=2)]

    @model_validator(mode="after")
    def _distinct(self) -> Self:
        kinds = [option.kind for option in self.options]
        if len(set(kinds)) != len(kinds):
            raise ValueError("each option of a buyers_choice must be of a different kind")
        return self

    def choose(self, preferred: RemedyKind | str | None) -> SingleRemedy:
        for option in self.options:
            if option.kind == preferred:
                return option
        return self.options[0]

    def offered(self) -> tuple[SingleRemedy, ...]:
        return tuple(self.options)

    def refunds_what_was_paid(self) -> bool:
        return False  # the law's refund is the buyer's right, not one option among others

    def remedy_bounds(self) -> Iterator[Bound]:
        for option in self.options:
            yield from option.remedy_bounds()
