"""七天无理由退货 — the statutory 7-day no-reason return, as a guarantee."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from pydantic import Field

from ..model.categories import CategoryPath
from ..model.decision import Payer
from ..model.fields import Days
from ..model.kinds import ClaimKind
from ..rules.amounts import ClaimedFraction
from ..rules.conditions import CategoryIn, FiledWithin, HasTag, ItemIntact, Not, NotGrantedBefore
from ..rules.guarantee import Guarantee
from ..rules.protocol import Condition
from ..rules.remedies import Refund
from ..rules.statute import (
    LEGAL_RETURN_DAYS,
    STATUTORY_EXCLUDED_CATEGORIES,
    STATUTORY_EXCLUDED_TAGS,
)

__all__ = ["no_reason_return"]


def no_reason_return(
    *,
    window_days: Days = LEGAL_RETURN_DAYS,
    excluded_categories: Sequence[CategoryPath] = STATUTORY_EXCLUDED_CATEGORIES,
    excluded_tags: Sequence[str] = STATUTORY_EXCLUDED_TAGS,
    refund_due_days: Days = 7,
    return_shipping_payer: Payer = Payer.BUYER,
    claim_kinds: Annotated[Sequence[ClaimKind], Field(min_length=1)] = (
        ClaimKind.NO_REASON_RETURN, ClaimKind.ALLERGY),
    guarantee_id: str = "no_reason_return",
) -> Guarantee:
    """Delivered; filed by the end of the `window_days`-th calendar day after the delivery
    day; goods intact; not in an excluded category nor tagged as excluded; once per line:
    refund of the claimed fraction against the return of the goods, paid by the merchant by
    the end of the `refund_due_days`-th day after the return is received. The buyer bears
    the return leg unless insurance pays it. An allergy claim is a return request too, so by
    default this guarantee also answers it (the buyer gets the better of the two)."""
    conditions: list[Condition] = [FiledWithin(after="delivered_at", window_days=window_days)]
    if excluded_categories:
        conditions.append(Not(condition=CategoryIn(categories=tuple(excluded_categories)),
                              code="category_excluded"))
    if excluded_tags:
        conditions.append(Not(condition=HasTag(tags=tuple(excluded_tags)), code="tag_excluded"))
    return Guarantee(
        id=guarantee_id,
        title="7-day no-reason return (七天无理由退货)",
        claim_kinds=tuple(claim_kinds),
        conditions=(*conditions, ItemIntact(), NotGrantedBefore(per="line")),
        remedies=(Refund(amount=ClaimedFraction(), payer=Payer.MERCHANT, return_required=True,
                         return_shipping_payer=return_shipping_payer,
                         due_days_after_return=refund_due_days),),
    )
