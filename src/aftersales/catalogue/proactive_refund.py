"""Proactive refund — the platform refunds, unasked, an order the merchant will not ship or
sold with false advertising."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.decision import Payer
from ..model.fields import GraceDays
from ..rules.amounts import ClaimedFraction
from ..rules.conditions import FlaggedWith, NotGrantedBefore, NotShippedWithin
from ..rules.guarantee import Guarantee
from ..rules.remedies import Refund

__all__ = ["proactive_refund"]


def proactive_refund(
    *,
    days_after_promise: GraceDays = 3,
    flags: Sequence[str] = ("fake_shipment", "false_advertising"),
    payer: Payer = Payer.MERCHANT,
    guarantee_id: str = "proactive_refund",
) -> Guarantee:
    """Without a claim: the order has still not shipped `days_after_promise` days (exact,
    24 h each) after the promised ship time, or its `flags` include one of `flags`: the
    whole order is refunded, once per order, on top of the late-ship coupon."""
    unshipped = NotShippedWithin(hours_after_promise=days_after_promise * 24)
    trigger = unshipped | FlaggedWith(flags=tuple(flags)) if flags else unshipped
    return Guarantee(
        id=guarantee_id,
        title="Proactive refund",
        is_automatic=True,
        conditions=(trigger, NotGrantedBefore(per="order")),
        remedies=(Refund(amount=ClaimedFraction(), payer=payer),),
    )
