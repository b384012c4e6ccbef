"""Unsafe food — the food-safety law's refund plus ten times the price, at least 1000.00."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.categories import CategoryPath
from ..model.decision import Payer
from ..model.fields import PolicyAmount, PositivePolicyAmount
from ..model.kinds import ClaimKind
from ..rules.amounts import ClaimedFraction, Multiple
from ..rules.conditions import NotGrantedBefore
from ..rules.guarantee import Guarantee
from ..rules.remedies import Compensation, Refund

__all__ = ["FOOD_CATEGORIES", "NON_FOOD_CATEGORIES", "unsafe_food"]

#: Food: prepared food and drink, everything fresh (produce, seafood, meat and eggs, dairy,
#: whatever a catalogue calls its subcategories: `fresh.meat_eggs` too), and the pantry
#: (grain, oil, snacks).
FOOD_CATEGORIES = ("food", "fresh", "pantry")
#: Fresh goods that are not food: flowers and plants.
NON_FOOD_CATEGORIES = ("fresh.flowers", "fresh.plants")


def unsafe_food(
    *,
    multiplier: PositivePolicyAmount | str = "10",
    minimum: PolicyAmount | str = "1000.00",
    categories: Sequence[CategoryPath] = FOOD_CATEGORIES,
    excluded_categories: Sequence[CategoryPath] = NON_FOOD_CATEGORIES,
    evidence: Sequence[str] = ("inspection_report",),
    payer: Payer = Payer.MERCHANT,
    guarantee_id: str = "unsafe_food",
) -> Guarantee:
    """An unsafe-food claim on food lines (in `categories`, not in `excluded_categories`)
    with an inspection report, once per line: refund
    of the claimed fraction plus compensation of `multiplier` × that amount, at least
    `minimum` (食品安全法 Art. 148)."""
    return Guarantee(
        id=guarantee_id,
        title="Unsafe food compensation (食品安全法)",
        claim_kinds=(ClaimKind.UNSAFE_FOOD,),
        categories=tuple(categories),
        excluded_categories=tuple(excluded_categories),
        conditions=(NotGrantedBefore(per="line"),),
        evidence=tuple(evidence),
        remedies=(
            Refund(amount=ClaimedFraction(), payer=payer),
            Compensation(amount=Multiple(base="claimed_amount", multiplier=multiplier,
                                         minimum=minimum), payer=payer),
        ),
    )
