"""The legal floor: the statutory 7-day no-reason return (《消费者权益保护法》 Art. 25,
《网络购买商品七日无理由退货暂行办法》). A policy may be more generous, never stricter.

A policy that answers `no_reason_return` claims must do so, in at least one guarantee, on
terms no stricter than the law: every category, excluding only the statutory exclusions;
a window of at least 7 calendar days after delivery; no evidence; intact goods only; a refund
of what was paid for the goods returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from .amounts import ClaimedFraction
from .case import ClaimKind
from .categories import in_scope
from .conditions import (
    AllOf,
    CategoryIn,
    FiledWithin,
    HasTag,
    ItemIntact,
    Not,
    NotGrantedBefore,
)
from .conditions.base import Condition
from .remedies import Refund

if TYPE_CHECKING:
    from .guarantee import Guarantee

__all__ = ["LEGAL_RETURN_DAYS", "STATUTORY_EXCLUDED_CATEGORIES", "STATUTORY_EXCLUDED_TAGS",
           "legal_floor_problems"]

LEGAL_RETURN_DAYS: Final = 7
#: Categories the law excludes without confirmation: fresh and perishable goods, digital
#: goods, newspapers and periodicals.
STATUTORY_EXCLUDED_CATEGORIES: Final = ("fresh", "digital", "media.periodicals")
#: Tags marking lines the law excludes: made to order, digital, periodicals; and goods the
#: buyer confirmed at purchase as not returnable (unsealing affects safety, activation, ...).
STATUTORY_EXCLUDED_TAGS: Final = ("custom_made", "digital", "periodical", "no_return_confirmed")
_HOURS_ALWAYS_LONGER: Final = (LEGAL_RETURN_DAYS + 1) * 24


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
        found.extend(_condition_shortfalls(condition))
    if not any(isinstance(remedy, Refund) and isinstance(remedy.amount, ClaimedFraction)
               for remedy in guarantee.remedies):
        found.append("does not refund what was paid for the returned goods (a refund of "
                     "claimed_fraction)")
    return found


def _condition_shortfalls(condition: Condition) -> list[str]:
    if isinstance(condition, AllOf):
        return [text for part in condition.conditions for text in _condition_shortfalls(part)]
    if isinstance(condition, ItemIntact | NotGrantedBefore):
        return []
    if isinstance(condition, FiledWithin):
        if condition.after != "delivered_at":
            return [f"its window runs from {condition.after}; the law's runs from delivery"]
        if condition.window_days is not None and condition.window_days < LEGAL_RETURN_DAYS:
            return [f"its window of {condition.window_days} calendar days is shorter than the "
                    f"law's {LEGAL_RETURN_DAYS}"]
        if condition.window_hours is not None and condition.window_hours < _HOURS_ALWAYS_LONGER:
            return [f"its window of {condition.window_hours} h can close before the end of "
                    f"the {LEGAL_RETURN_DAYS}th calendar day after delivery (use window_days)"]
        return []
    if isinstance(condition, Not):
        excluded = condition.condition
        if isinstance(excluded, CategoryIn):
            extra = [c for c in excluded.categories
                     if not in_scope(c, STATUTORY_EXCLUDED_CATEGORIES)]
            return [f"excludes categories the law covers: {', '.join(extra)}"] if extra else []
        if isinstance(excluded, HasTag):
            extra = [t for t in excluded.tags if t not in STATUTORY_EXCLUDED_TAGS]
            return [f"excludes tags the law does not: {', '.join(extra)}"] if extra else []
    return [f"the condition {condition.kind} restricts the statutory right"]
