"""Damaged in transit — the buyer chooses: the goods sent again (补寄), or a refund."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.decision import Payer
from ..model.fields import Hours
from ..model.kinds import ClaimKind
from ..rules.amounts import ClaimedFraction
from ..rules.conditions import FiledWithin, NotGrantedBefore
from ..rules.guarantee import Guarantee
from ..rules.remedies import BuyersChoice, Refund, Reship

__all__ = ["damage_reship"]


def damage_reship(
    *,
    window_hours: Hours = 48,
    evidence: Sequence[str] = ("photo",),
    payer: Payer = Payer.MERCHANT,
    guarantee_id: str = "damage_reship",
) -> Guarantee:
    """A damaged-in-transit claim filed within `window_hours` after delivery (inclusive),
    with a photo, once per line: the claimed goods are reshipped, or refunded (the claimed
    fraction) when the claim's `preferred_remedy` is `refund`."""
    return Guarantee(
        id=guarantee_id,
        title="Damaged in transit: reship or refund",
        claim_kinds=(ClaimKind.DAMAGED_IN_TRANSIT,),
        conditions=(FiledWithin(after="delivered_at", window_hours=window_hours),
                    NotGrantedBefore(per="line")),
        evidence=tuple(evidence),
        remedies=(BuyersChoice(options=(Reship(payer=payer),
                                        Refund(amount=ClaimedFraction(), payer=payer))),),
    )
