"""Ready-made guarantees: each a function returning a `Guarantee` with its defaults as
keyword parameters."""

from .allergy import allergy
from .counterfeit import counterfeit
from .damage_reship import damage_reship
from .instant_refund_on_return import instant_refund_on_return
from .intercept_refund import FAST_REFUND_LIMIT, intercept_refund
from .large_item_pickup import LARGE_ITEM_CATEGORIES, large_item_pickup
from .late_shipment import late_shipment
from .no_reason_return import no_reason_return
from .pre_shipment_refund import pre_shipment_refund
from .price_match import price_match
from .proactive_refund import proactive_refund
from .remote_area_shipping import REMOTE_REGIONS, remote_area_shipping
from .return_shipping_insurance import return_shipping_insurance
from .spoilage import SPOILAGE_CATEGORIES, spoilage
from .standard import STANDARD_POLICY_VERSION, STANDARD_STACKING, standard_policy
from .unsafe_food import FOOD_CATEGORIES, unsafe_food

__all__ = [
    "FAST_REFUND_LIMIT",
    "FOOD_CATEGORIES",
    "LARGE_ITEM_CATEGORIES",
    "REMOTE_REGIONS",
    "SPOILAGE_CATEGORIES",
    "STANDARD_POLICY_VERSION",
    "STANDARD_STACKING",
    "allergy",
    "counterfeit",
    "damage_reship",
    "instant_refund_on_return",
    "intercept_refund",
    "large_item_pickup",
    "late_shipment",
    "no_reason_return",
    "pre_shipment_refund",
    "price_match",
    "proactive_refund",
    "remote_area_shipping",
    "return_shipping_insurance",
    "spoilage",
    "standard_policy",
    "unsafe_food",
]
