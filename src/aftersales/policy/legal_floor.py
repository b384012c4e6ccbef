"""The legal floor: the statutory 7-day no-reason return (《消费者权益保护法》 Art. 25,
《网络购买商品七日无理由退货暂行办法》). A policy may be more generous, never stricter.

A policy that answers `no_reason_return` claims must do so, in at least one guarantee, on
terms no stricter than the law: every category, excluding only the statutory exclusions;
a window of at least 7 calendar days after delivery; no evidence; intact goods only; a refund
of what was paid for the goods returned. Each condition kind says itself how it measures up
(`Condition.legal_shortfalls`); the guarantee's own parts are checked here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model.categories import in_scope
from ..model.kinds import ClaimKind
from ..rules.statute import (
    LEGAL_RETURN_DAYS,
    STATUTORY_EXCLUDED_CATEGORIES,
    STATUTORY_EXCLUDED_TAGS,
)

if TYPE_CHECKING:
    from ..rules.guarantee import Guarantee

__all__ = ["LEGAL_RETURN_DAYS", "STATUTORY_EXCLUDED_CATEGORIES", "STATUTORY_EXCLUDED_TAGS",
           "legal_floor_problems"]


def legal_floor_problems(guarantees: Iterable[Guarantee]) -> list[tuple[int, str]]:
    """Why the policy's guarantees would switch off the statutory return, as (index of the
    guarantee, shortfall); empty when at least one guarantee answering `no_reason_return`
    claims meets the floor (or none answers them)."""
    shortfalls: list[tuple[int, str]] = []
    for index, guarantee in enumerate(guarantees):
        if ClaimKind.NO_REASON_RETURN not in guarantee.claim_kinds:
            continue
        found = _shortfalls(guarantee)
        if not found:
            return []
        shortfalls.extend((index, text) for text in found)
    return shortfalls


def _shortfalls(guarantee: Guarantee) -> list[str]:
    found: list[str] = []
    if guarantee.categories is not None:
        found.append(f"covers only {', '.join(guarantee.categories)}; the law covers every "
                     "category but the statutory exclusions")
    beyond = [c for c in guarantee.excluded_categories
              if not in_scope(c, STATUTORY_EXCLUDED_CATEGORIES)]
    if beyond:
        found.append(f"excludes categories the law covers: {', '.join(beyond)}")
    if guarantee.evidence:
        found.append(f"asks for evidence ({', '.join(guarantee.evidence)}); the law asks "
                     "for none")
    for condition in guarantee.conditions:
        found.extend(condition.legal_shortfalls())
    if not any(remedy.refunds_what_was_paid() for remedy in guarantee.remedies):
        found.append("does not refund what was paid for the returned goods (a refund of "
                     "claimed_fraction)")
    return found
