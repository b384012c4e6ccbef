"""The standard policy: the full after-sales catalogue with its published defaults."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from types import MappingProxyType

from ..policy.policy import ExclusiveGroup, Policy, Stacking
from ..rules.guarantee import Guarantee
from .allergy import allergy
from .counterfeit import counterfeit
from .damage_reship import damage_reship
from .instant_refund_on_return import instant_refund_on_return
from .intercept_refund import intercept_refund
from .large_item_pickup import large_item_pickup
from .late_shipment import late_shipment
from .no_reason_return import no_reason_return
from .pre_shipment_refund import pre_shipment_refund
from .price_match import price_match
from .proactive_refund import proactive_refund
from .remote_area_shipping import remote_area_shipping
from .return_shipping_insurance import return_shipping_insurance
from .spoilage import spoilage
from .unsafe_food import unsafe_food

__all__ = ["STANDARD_GUARANTEES", "STANDARD_POLICY_VERSION", "STANDARD_STACKING",
           "standard_policy"]

STANDARD_POLICY_VERSION = "2026.11"

STANDARD_GUARANTEES: Mapping[str, Callable[..., Guarantee]] = MappingProxyType({
    factory.__name__: factory for factory in (
        late_shipment, spoilage, allergy, price_match, no_reason_return,
        return_shipping_insurance, large_item_pickup, intercept_refund,
        instant_refund_on_return, pre_shipment_refund, proactive_refund, counterfeit,
        unsafe_food, remote_area_shipping, damage_reship)
})
"""The standard policy's guarantees by id, each its factory (keyword parameters, defaults)."""

STANDARD_STACKING = Stacking(
    # Refunds take up the order's cap in this order; ties in an exclusive group go to the
    # earlier one (allergy before no_reason_return: the merchant pays the return leg).
    priority=("late_shipment", "proactive_refund", "pre_shipment_refund", "intercept_refund",
              "instant_refund_on_return", "counterfeit", "unsafe_food", "allergy",
              "no_reason_return", "spoilage", "damage_reship", "price_match",
              "large_item_pickup", "return_shipping_insurance", "remote_area_shipping"),
    exclusive=(
        ExclusiveGroup(guarantees=("allergy", "no_reason_return")),  # one return of a line
        # The law's damages are claimed once, under one law.
        ExclusiveGroup(guarantees=("counterfeit", "unsafe_food")),
        # One remedy for goods that arrived unusable.
        ExclusiveGroup(guarantees=("spoilage", "damage_reship")),
        # The pickup covers the return freight, which is priced on the whole order.
        ExclusiveGroup(guarantees=("large_item_pickup", "return_shipping_insurance"),
                       per="order"),
    ),
)


@lru_cache(maxsize=1)
def standard_policy() -> Policy:
    """The policy `evaluate` uses when given none (built once; policies are immutable)."""
    return Policy(
        id="standard",
        version=STANDARD_POLICY_VERSION,
        title="Standard after-sales promises (Douyin-style, with the legal baseline)",
        guarantees=tuple(factory() for factory in STANDARD_GUARANTEES.values()),
        stacking=STANDARD_STACKING,
    )
