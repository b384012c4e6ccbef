"""The standard policy: the four headline guarantees with their published defaults."""

from __future__ import annotations

from functools import lru_cache

from ..policy import Policy
from .allergy import allergy
from .late_shipment import late_shipment
from .price_match import price_match
from .spoilage import spoilage

__all__ = ["STANDARD_POLICY_VERSION", "standard_policy"]

STANDARD_POLICY_VERSION = "2025.08"


@lru_cache(maxsize=1)
def standard_policy() -> Policy:
    """The policy `evaluate` uses when given none (built once; policies are immutable)."""
    return Policy(
        id="standard",
        version=STANDARD_POLICY_VERSION,
        title="Standard after-sales promises (Douyin-style, August 2025)",
        guarantees=(late_shipment(), spoilage(), allergy(), price_match()),
    )
