"""买贵必赔 — price match: the platform pays the difference to a lower price found elsewhere."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..amounts import UnitPriceDifference
from ..case import ClaimKind
from ..conditions import FiledWithin, NotGrantedBefore, ReferencePriceBelowUnitPrice
from ..decision import Payer
from ..guarantee import Guarantee
from ..remedies import Refund

__all__ = ["price_match"]


def price_match(
    *,
    window_days: int = 7,
    evidence: Sequence[str] = ("price_screenshot",),
    multiplier: Decimal | str = "1",
    payer: Payer = Payer.PLATFORM,
    guarantee_id: str = "price_match",
) -> Guarantee:
    """Filed by the end of the `window_days`-th calendar day after the payment day; the
    reference price is below the unit price paid; once per line: refund of
    `(unit price − reference_price) × k × multiplier`, no return."""
    return Guarantee(
        id=guarantee_id,
        title="Price match (买贵必赔)",
        claim_kinds=(ClaimKind.PRICE_MATCH,),
        conditions=(
            FiledWithin(after="paid_at", window_days=window_days),
            ReferencePriceBelowUnitPrice(),
            NotGrantedBefore(per="line"),
        ),
        evidence=tuple(evidence),
        remedies=(Refund(amount=UnitPriceDifference(multiplier=multiplier), payer=payer),),
    )
