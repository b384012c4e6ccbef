"""秒退 — the approved refund paid as soon as the return parcel ships."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.decision import Payer
from ..model.fields import PolicyAmount
from ..model.kinds import ClaimKind
from ..rules.amounts import ApprovedReturnRefund
from ..rules.conditions import NotGrantedBefore, ReturnApproved, ReturnTracked
from ..rules.guarantee import Guarantee
from ..rules.remedies import Refund
from .intercept_refund import FAST_REFUND_LIMIT, fast_refund_limits

__all__ = ["instant_refund_on_return"]


def instant_refund_on_return(
    *,
    limit: PolicyAmount | str = FAST_REFUND_LIMIT,
    abuse_flags: Sequence[str] = ("refund_abuse",),
    payer: Payer = Payer.PLATFORM,
    guarantee_id: str = "instant_refund_on_return",
) -> Guarantee:
    """A `return_shipped` claim with the return's tracking number, on lines whose return was
    approved before (in history), on an order of at most `limit` from a buyer not flagged:
    the approved refund is paid at once, advanced by `payer` before the merchant receives
    the goods, once per line. An advance is not new money: the refund cap counts it once."""
    return Guarantee(
        id=guarantee_id,
        title="Instant refund on return (秒退)",
        claim_kinds=(ClaimKind.RETURN_SHIPPED,),
        conditions=(ReturnApproved(source="history"), ReturnTracked(),
                    *fast_refund_limits(limit, abuse_flags), NotGrantedBefore(per="line")),
        remedies=(Refund(amount=ApprovedReturnRefund(), payer=payer, advance=True),),
    )
