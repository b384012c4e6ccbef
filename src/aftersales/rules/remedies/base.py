"""The remedy protocol: what a guarantee grants, who pays, and whether goods come back.

Money remedies carry an amount formula; actions (`pickup`, `intercept`, `reship`) are things
done for the buyer and may carry none. Every remedy kind answers, in its own module, what the
engine, lint, testing and the legal floor ask of it.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from pydantic import BaseModel, field_validator

from ...model.decision import Payer
from ...model.kinds import RemedyKind
from ..protocol import RULE_MODEL, AmountFormula, Bound

if TYPE_CHECKING:
    from . import SingleRemedy

__all__ = ["GrantTerms", "RemedySpec"]


class GrantTerms(NamedTuple):
    """How a remedy is granted besides its amount: against the return of the goods (and who
    bears the return leg), due some days after the return arrives, or as an advance of a
    refund already counted."""

    return_required: bool = False
    return_shipping_payer: Payer | None = None
    due_days_after_return: int | None = None
    advance: bool = False


class RemedySpec(BaseModel):
    """Base of every remedy: its `kind`, who pays, the amount formula (None for an action
    without an amount), and the protocol."""

    model_config = RULE_MODEL

    kind: str
    payer: Payer
    amount: AmountFormula | None = None

    @field_validator("payer")
    @classmethod
    def _not_the_buyer(cls, payer: Payer) -> Payer:
        if payer is Payer.BUYER:
            raise ValueError("the buyer never pays a remedy (only bears a return leg)")
        return payer

    @property
    def remedy_kind(self) -> RemedyKind:
        return RemedyKind(self.kind)

    def choose(self, preferred: RemedyKind | str | None) -> SingleRemedy:
        """The remedy granted when the buyer prefers `preferred` (a single remedy: itself)."""
        return self  # type: ignore[return-value]  # every subclass but buyers_choice is single

    def offered(self) -> tuple[SingleRemedy, ...]:
        """Every remedy it may grant."""
        return (self,)  # type: ignore[return-value]

    @abstractmethod
    def terms(self) -> GrantTerms:
        """How it is granted besides its amount."""

    @abstractmethod
    def is_money(self) -> bool:
        """Whether it is money (never of amount zero) rather than an action."""

    @abstractmethod
    def is_bonus(self) -> bool:
        """Whether it is money on top of what was paid back (a coupon, damages), which a
        fixed amount above the order's total would overpay."""

    @abstractmethod
    def pays_back(self) -> bool:
        """Whether it pays back money paid for the goods (a refund): it should never pay more
        than was paid (lint's `refund_exceeds_*`)."""

    @abstractmethod
    def is_damages(self) -> bool:
        """Whether it is damages (compensation), which a multiple the law sets leaves
        uncapped."""

    @abstractmethod
    def counts_toward_refund_cap(self) -> bool:
        """Whether it takes up the order's refund cap (a refund, not an advance)."""

    @abstractmethod
    def grants_return(self, buyer_leg: bool) -> bool:
        """Whether it is granted against the return of the goods (whose leg the buyer bears,
        with `buyer_leg`): what add-ons such as return-shipping insurance follow."""

    @abstractmethod
    def refunds_what_was_paid(self) -> bool:
        """Whether it refunds what was paid for the goods claimed (the statutory return's
        refund)."""

    @abstractmethod
    def remedy_bounds(self) -> Iterator[Bound]:
        """Parameters beyond a sensible bound."""
