"""`shipping_subsidy`: shipping charged to the buyer, paid back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from ...model.decision import Payer
from ..amounts import AnyAmount, OrderFeeAmount
from ..protocol import Bound
from .base import GrantTerms, RemedySpec

__all__ = ["ShippingSubsidy"]


class ShippingSubsidy(RemedySpec):
    """Shipping charged to the buyer, paid back (by default the order's surcharge)."""

    kind: Literal["shipping_subsidy"] = "shipping_subsidy"
    amount: AnyAmount = OrderFeeAmount(fee="shipping_surcharge")
    payer: Payer = Payer.PLATFORM

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
