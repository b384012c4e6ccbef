"""极速退款 — a refund requested before shipment, granted at once."""

from __future__ import annotations

from ..model.decision import Payer
from ..model.kinds import ClaimKind
from ..rules.amounts import ClaimedFraction
from ..rules.conditions import FiledBefore, NotGrantedBefore
from ..rules.guarantee import Guarantee
from ..rules.remedies import Refund

__all__ = ["pre_shipment_refund"]


def pre_shipment_refund(
    *,
    payer: Payer = Payer.MERCHANT,
    guarantee_id: str = "pre_shipment_refund",
) -> Guarantee:
    """A refund request filed before the order shipped: the claimed lines are refunded in
    full at once, once per line."""
    return Guarantee(
        id=guarantee_id,
        title="Refund before shipment (极速退款)",
        claim_kinds=(ClaimKind.REFUND_REQUEST,),
        conditions=(FiledBefore(event="shipped_at"), NotGrantedBefore(per="line")),
        remedies=(Refund(amount=ClaimedFraction(), payer=payer),),
    )
