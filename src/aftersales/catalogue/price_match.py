"""买贵必赔 — price match: the platform pays the difference to a lower price found elsewhere."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.decision import Payer
from ..model.fields import Days, Limit, PositivePolicyAmount
from ..model.kinds import ClaimKind
from ..rules.amounts import UnitPriceDifference
from ..rules.conditions import (
    BuyerLimit,
    FiledWithin,
    NotGrantedBefore,
    ReferencePriceBelowUnitPrice,
)
from ..rules.guarantee import Guarantee
from ..rules.remedies import Refund

__all__ = ["price_match"]


def price_match(
    *,
    window_days: Days = 7,
    evidence: Sequence[str] = ("price_screenshot",),
    multiplier: PositivePolicyAmount | str = "1",
    max_claims_per_buyer: Limit | None = None,
    buyer_window_days: Days = 30,
    payer: Payer = Payer.PLATFORM,
    guarantee_id: str = "price_match",
) -> Guarantee:
    """Filed by the end of the `window_days`-th calendar day after the payment day; the
    reference price is below the unit price paid; once per line: refund of
    `(unit price − reference_price) × k × multiplier`, no return. With
    `max_claims_per_buyer`, a buyer who already had that many price-match claims granted in
    the `buyer_window_days` days before filing (across orders, by `decided_at`) is denied."""
    limits = () if max_claims_per_buyer is None else (
        BuyerLimit(max_claims=max_claims_per_buyer, window_days=buyer_window_days),)
    return Guarantee(
        id=guarantee_id,
        title="Price match (买贵必赔)",
        claim_kinds=(ClaimKind.PRICE_MATCH,),
        conditions=(
            FiledWithin(after="paid_at", window_days=window_days),
            ReferencePriceBelowUnitPrice(),
            NotGrantedBefore(per="line"),
            *limits,
        ),
        evidence=tuple(evidence),
        remedies=(Refund(amount=UnitPriceDifference(multiplier=multiplier), payer=payer),),
    )
