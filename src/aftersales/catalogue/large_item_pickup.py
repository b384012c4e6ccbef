"""大件上门取退 — door pickup of a bulky return, the freight covered by insurance."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.categories import CategoryPath
from ..model.decision import Payer
from ..rules.amounts import OrderFeeAmount
from ..rules.conditions import NotGrantedBefore, ReturnApproved
from ..rules.guarantee import Guarantee
from ..rules.remedies import Pickup

__all__ = ["LARGE_ITEM_CATEGORIES", "large_item_pickup"]

#: Bulky goods: furniture and e-bikes.
LARGE_ITEM_CATEGORIES = ("home.furniture", "vehicles.ebike")


def large_item_pickup(
    *,
    categories: Sequence[CategoryPath] = LARGE_ITEM_CATEGORIES,
    payer: Payer = Payer.INSURER,
    guarantee_id: str = "large_item_pickup",
) -> Guarantee:
    """An add-on: when another guarantee approves the return of a bulky line, a door
    pickup is arranged, and `payer` covers the return freight (the order's
    `return_shipping_fee`, when stated), once per order."""
    return Guarantee(
        id=guarantee_id,
        title="Large-item return pickup (大件上门取退)",
        is_add_on=True,
        categories=tuple(categories),
        conditions=(ReturnApproved(), NotGrantedBefore(per="order")),
        remedies=(Pickup(amount=OrderFeeAmount(fee="return_shipping_fee"), payer=payer),),
    )
