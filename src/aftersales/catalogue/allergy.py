"""过敏包退 — allergy returns for beauty products, in a 90-day window."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.categories import CategoryPath
from ..model.decision import Payer
from ..model.fields import Days
from ..model.kinds import ClaimKind
from ..rules.amounts import ClaimedFraction
from ..rules.conditions import FiledWithin
from ..rules.guarantee import Guarantee
from ..rules.remedies import Refund

__all__ = ["allergy"]


def allergy(
    *,
    window_days: Days = 90,
    categories: Sequence[CategoryPath] = ("beauty",),
    evidence: Sequence[str] = ("photo", "medical_record"),
    payer: Payer = Payer.MERCHANT,
    guarantee_id: str = "allergy",
) -> Guarantee:
    """Delivered, and filed by the end of the `window_days`-th calendar day after the
    delivery day (policy time zone), with a photo and a medical record: refund of the claimed
    fraction, goods returned at `payer`'s cost."""
    return Guarantee(
        id=guarantee_id,
        title="Allergy returns (过敏包退)",
        claim_kinds=(ClaimKind.ALLERGY,),
        categories=tuple(categories),
        conditions=(FiledWithin(after="delivered_at", window_days=window_days),),
        evidence=tuple(evidence),
        remedies=(Refund(amount=ClaimedFraction(), payer=payer, return_required=True,
                         return_shipping_payer=payer),),
    )
