"""Ready-made guarantees: each a function returning a `Guarantee` with its defaults as
keyword parameters."""

from .allergy import allergy
from .late_shipment import late_shipment
from .price_match import price_match
from .spoilage import SPOILAGE_CATEGORIES, spoilage
from .standard import STANDARD_POLICY_VERSION, standard_policy

__all__ = ["SPOILAGE_CATEGORIES", "STANDARD_POLICY_VERSION", "allergy", "late_shipment",
           "price_match", "spoilage", "standard_policy"]
