"""晚发即赔 — late-ship compensation: a no-threshold coupon, granted without a claim."""

from __future__ import annotations

from decimal import Decimal

from ..model.decision import Payer
from ..model.fields import GraceHours, PolicyAmount
from ..model.kinds import ClaimKind
from ..rules.amounts import FixedAmount, PercentOf, Tier, TieredAmount
from ..rules.conditions import NotGrantedBefore, OrderTotalAbove, ShippedLate
from ..rules.guarantee import Guarantee
from ..rules.remedies import Coupon

__all__ = ["late_shipment"]


def late_shipment(
    *,
    minimum: PolicyAmount | str = "3.00",
    flat_amount: PolicyAmount | str = "3.00",
    percent_from: PolicyAmount | str = "300.00",
    rate_percent: PolicyAmount | str = "1",
    cap: PolicyAmount | str = "30.00",
    grace_hours: GraceHours = 0,
    payer: Payer = Payer.PLATFORM,
    guarantee_id: str = "late_shipment",
) -> Guarantee:
    """Shipped strictly after the promise (or unshipped past it at `as_of`), once per order.
    Base = order total paid: at most `minimum` → nothing; below `percent_from` →
    `flat_amount`; from `percent_from` → `rate_percent` % of the base, at most `cap`."""
    return Guarantee(
        id=guarantee_id,
        title="Late-ship compensation (晚发即赔)",
        claim_kinds=(ClaimKind.LATE_SHIPMENT,),
        is_automatic=True,
        conditions=(
            ShippedLate(grace_hours=grace_hours),
            NotGrantedBefore(per="order"),
            OrderTotalAbove(amount=minimum),
        ),
        remedies=(Coupon(
            payer=payer,
            amount=TieredAmount(base="order_total", tiers=(
                Tier(at_least=Decimal(0), amount=FixedAmount(amount=flat_amount)),
                Tier(at_least=percent_from, amount=PercentOf(
                    base="order_total", rate_percent=rate_percent, cap=cap)),
            )),
        ),),
    )
