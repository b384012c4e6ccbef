"""`return_shipping`: the return leg's freight, reimbursed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from ...model.decision import Payer
from ..amounts import AnyAmount, OrderFeeAmount
from ..protocol import Bound
from .base import GrantTerms, RemedySpec

__all__ = ["ReturnShipping"]


class ReturnShipping(RemedySpec):
    """The return leg's freight, reimbursed (by default the insured amount of the order)."""

    kind: Literal["return_shipping"] = "return_shipping"
    amount: AnyAmount = OrderFeeAmount(fee="return_shipping_fee")
    payer: Payer = Payer.INSURER

    def terms(self) -> GrantTerms:
        return GrantTerms()

    def is_money(self) -> bool:
        return True

    def is_bonus(self) -> bool:
        return False

    def pays_back(self) -> bool:
        return False

    def is_damages(self) -> bool:
        return False

    def counts_toward_refund_cap(self) -> bool:
        return False

    def grants_return(self, buyer_leg: bool) -> bool:
        return False

    def refunds_what_was_paid(self) -> bool:
        return False

    def remedy_bounds(self) -> Iterator[Bound]:
        return iter(())
