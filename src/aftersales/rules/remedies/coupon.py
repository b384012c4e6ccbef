"""`coupon`: a voucher credited to the buyer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from ...model.decision import Payer
from ..amounts import AnyAmount
from ..protocol import Bound
from .base import GrantTerms, RemedySpec

__all__ = ["Coupon"]


class Coupon(RemedySpec):
    """A voucher credited to the buyer; counted apart from refunds."""

    kind: Literal["coupon"] = "coupon"
    amount: AnyAmount
    payer: Payer = Payer.PLATFORM

    def terms(self) -> GrantTerms:
        return GrantTerms()

    def is_money(self) -> bool:
        return True

    def is_bonus(self) -> bool:
        return True

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
