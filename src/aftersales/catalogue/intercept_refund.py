"""拦截急速退 — a refund requested in transit: paid at once, the parcel intercepted."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..model.decision import Payer
from ..model.fields import PolicyAmount
from ..model.kinds import ClaimKind
from ..rules.amounts import ClaimedFraction
from ..rules.conditions import (
    FiledAfter,
    FiledBefore,
    FlaggedWith,
    Not,
    NotGrantedBefore,
    OrderTotalAtMost,
)
from ..rules.guarantee import Guarantee
from ..rules.protocol import Condition
from ..rules.remedies import Intercept, Refund

__all__ = ["FAST_REFUND_LIMIT", "fast_refund_limits", "intercept_refund"]

#: The largest order total a fast refund is paid on without review.
FAST_REFUND_LIMIT = "2000.00"


def fast_refund_limits(limit: Decimal | str, abuse_flags: Sequence[str]) -> tuple[Condition, ...]:
    """The order is within the fast-refund limit and the buyer is not flagged for abuse."""
    limits: list[Condition] = [OrderTotalAtMost(amount=limit)]
    if abuse_flags:
        limits.append(Not(condition=FlaggedWith(flags=tuple(abuse_flags), on="buyer"),
                          code="buyer_flagged"))
    return tuple(limits)


def intercept_refund(
    *,
    limit: PolicyAmount | str = FAST_REFUND_LIMIT,
    abuse_flags: Sequence[str] = ("refund_abuse",),
    payer: Payer = Payer.MERCHANT,
    intercept_fee_payer: Payer = Payer.MERCHANT,
    guarantee_id: str = "intercept_refund",
) -> Guarantee:
    """A refund request filed after shipment and before delivery, on an order of at most
    `limit` from a buyer not flagged for abuse: the claimed lines are refunded at once and
    the parcel is intercepted (`intercept_fee_payer` bears the fee), once per line."""
    return Guarantee(
        id=guarantee_id,
        title="Interception fast refund (拦截急速退)",
        claim_kinds=(ClaimKind.REFUND_REQUEST,),
        conditions=(FiledAfter(event="shipped_at"), FiledBefore(event="delivered_at"),
                    *fast_refund_limits(limit, abuse_flags), NotGrantedBefore(per="line")),
        remedies=(Refund(amount=ClaimedFraction(), payer=payer),
                  Intercept(payer=intercept_fee_payer)),
    )
