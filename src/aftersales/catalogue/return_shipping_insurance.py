"""运费险 — return-shipping insurance: the insurer pays the return leg of an approved return."""

from __future__ import annotations

from ..model.decision import Payer
from ..rules.conditions import FeeCharged, Insured, NotGrantedBefore, ReturnApproved
from ..rules.guarantee import Guarantee
from ..rules.remedies import ReturnShipping

__all__ = ["return_shipping_insurance"]


def return_shipping_insurance(
    *,
    payer: Payer = Payer.INSURER,
    guarantee_id: str = "return_shipping_insurance",
) -> Guarantee:
    """An add-on: when another guarantee approves, in the same decision, a return whose
    return leg the buyer would bear, and the order is insured with a stated
    `return_shipping_fee`, the insurer pays that fee as a `return_shipping` remedy, once per
    order."""
    return Guarantee(
        id=guarantee_id,
        title="Return-shipping insurance (运费险)",
        is_add_on=True,
        conditions=(Insured(), ReturnApproved(leg_paid_by_buyer=True),
                    FeeCharged(fee="return_shipping_fee"),
                    NotGrantedBefore(per="order")),
        remedies=(ReturnShipping(payer=payer),),
    )
