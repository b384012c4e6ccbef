"""坏了包退 — spoilage guarantee: refund of the spoiled share of fresh food, no return."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.categories import CategoryPath
from ..model.decision import Payer
from ..model.fields import Hours
from ..model.kinds import ClaimKind
from ..rules.amounts import ClaimedFraction
from ..rules.conditions import FiledWithin
from ..rules.guarantee import Guarantee
from ..rules.remedies import Refund

__all__ = ["SPOILAGE_CATEGORIES", "spoilage"]

#: Fruit and vegetables, seafood, meat and eggs, flowers (all under `fresh`), and the
#: 2025 extension to grain, oil, rice and flour (粮油米面).
SPOILAGE_CATEGORIES = ("fresh", "pantry.grain_oil")


def spoilage(
    *,
    window_hours: Hours = 48,
    categories: Sequence[CategoryPath] = SPOILAGE_CATEGORIES,
    evidence: Sequence[str] = ("photo",),
    payer: Payer = Payer.MERCHANT,
    guarantee_id: str = "spoilage",
) -> Guarantee:
    """Delivered, and filed within `window_hours` after `delivered_at` (inclusive), with a
    photo: refund of `paid_amount × k / n` for the claimed lines, no return needed."""
    return Guarantee(
        id=guarantee_id,
        title="Spoilage guarantee (坏了包退)",
        claim_kinds=(ClaimKind.SPOILAGE,),
        categories=tuple(categories),
        conditions=(FiledWithin(after="delivered_at", window_hours=window_hours),),
        evidence=tuple(evidence),
        remedies=(Refund(amount=ClaimedFraction(), payer=payer, return_required=False),),
    )
