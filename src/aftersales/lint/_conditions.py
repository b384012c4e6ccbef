"""Checks on what a guarantee covers and requires: a scope that covers nothing, conditions
that contradict each other, parameters outside sensible bounds, evidence asked twice."""

from __future__ import annotations

from collections.abc import Iterator

from ..categories import in_scope
from ..conditions import (
    BuyerLimit,
    CategoryIn,
    FiledWithin,
    FlaggedWith,
    HasTag,
    Not,
    NotShippedWithin,
    OrderTotalAbove,
    OrderTotalAtMost,
    RegionIn,
    ShippedLate,
)
from ..conditions.base import Condition
from ._report import Finding, finding
from ._shape import Shape, intersect, key, leaves

__all__ = ["MAX_WINDOW_DAYS", "MAX_WINDOW_HOURS", "condition_findings"]

MAX_WINDOW_DAYS = 365
MAX_WINDOW_HOURS = 720
MAX_GRACE_HOURS = 23
"""A late-ship grace of a day or more makes "late" mean "a day late"."""


def condition_findings(shape: Shape) -> Iterator[Finding]:
    yield from _scope(shape)
    yield from _totals(shape)
    yield from _negations(shape)
    yield from _bounds(shape)
    yield from _evidence(shape)


def _names(categories: tuple[str, ...] | None) -> str:
    return "every category" if categories is None else ", ".join(categories) or "nothing"


def _scope(shape: Shape) -> Iterator[Finding]:
    guarantee = shape.guarantee
    if guarantee.categories == ():
        yield finding("scope_empty", f"{shape.path}.categories", shape.id,
                      "categories is an empty list, so the guarantee covers no line: leave "
                      "categories out to cover every category, or list those it covers")
        return
    scope = guarantee.categories
    if scope is not None and scope and all(in_scope(category, guarantee.excluded_categories)
                                           for category in scope):
        yield finding("scope_empty", f"{shape.path}.excluded_categories", shape.id,
                      f"excluded_categories ({', '.join(guarantee.excluded_categories)}) leave "
                      f"out every category the guarantee covers ({_names(scope)}), so it "
                      "covers no line: narrow the exclusions, or widen the scope")
        return
    for path, condition in shape.must:
        if not isinstance(condition, CategoryIn):
            continue
        narrowed = intersect(scope, condition.categories)
        if narrowed == ():
            yield finding("scope_empty", path, shape.id,
                          f"category_in {', '.join(condition.categories)} has no category in "
                          f"common with the scope before it ({_names(scope)}), so no line "
                          "meets both: widen one of them, or drop the condition")
            return
        scope = narrowed
    for path, condition in shape.must:
        excluded = condition.condition if isinstance(condition, Not) else None
        if isinstance(excluded, CategoryIn) and scope is not None \
                and all(in_scope(category, excluded.categories) for category in scope):
            yield finding("scope_empty", path, shape.id,
                          f"not category_in {', '.join(excluded.categories)} excludes every "
                          f"category the guarantee covers ({_names(scope)}), so no line is "
                          "left: narrow the exclusion, or widen the scope")


def _totals(shape: Shape) -> Iterator[Finding]:
    minimums = [(p, c) for p, c in shape.must if isinstance(c, OrderTotalAbove)]
    limits = [(p, c) for p, c in shape.must if isinstance(c, OrderTotalAtMost)]
    if not minimums or not limits:
        return
    low_path, low = max(minimums, key=lambda pc: pc[1].amount)
    high_path, high = min(limits, key=lambda pc: pc[1].amount)
    if high.amount <= low.amount:
        yield finding("never_holds", high_path, shape.id,
                      f"order_total_at_most {high.amount} and order_total_above {low.amount} "
                      f"({low_path}) admit no order total: raise the limit above the minimum, "
                      "or drop one of them")


def _implies(condition: Condition, negated: Condition) -> bool:
    """Whether `condition` holding means `negated` holds too (so `not negated` fails)."""
    if key(condition) == key(negated):
        return True
    if isinstance(condition, FlaggedWith) and isinstance(negated, FlaggedWith):
        return condition.on == negated.on and set(condition.flags) <= set(negated.flags)
    if isinstance(condition, HasTag) and isinstance(negated, HasTag):
        return set(condition.tags) <= set(negated.tags)
    if isinstance(condition, RegionIn) and isinstance(negated, RegionIn):
        return set(condition.regions) <= set(negated.regions)
    return False


def _negations(shape: Shape) -> Iterator[Finding]:
    for path, condition in shape.must:
        if not isinstance(condition, Not) or isinstance(condition.condition, CategoryIn):
            continue  # category exclusions are the scope's business
        for other_path, other in shape.must:
            if not isinstance(other, Not) and _implies(other, condition.condition):
                yield finding("never_holds", path, shape.id,
                              f"this not {condition.condition.kind} fails on every case that "
                              f"{other_path} ({other.kind}) admits, so the two never hold "
                              "together: drop one of them")
                break
    regions = [(p, c) for p, c in shape.must if isinstance(c, RegionIn)]
    for later, (path, region) in enumerate(regions):
        clash = next(((p, c) for p, c in regions[:later]
                      if not set(c.regions) & set(region.regions)), None)
        if clash is not None:
            yield finding("never_holds", path, shape.id,
                          f"region_in {', '.join(region.regions)} and region_in "
                          f"{', '.join(clash[1].regions)} ({clash[0]}) share no region: an "
                          "order ships to one region, so they never hold together")


def _bounds(shape: Shape) -> Iterator[Finding]:
    for path, condition in leaves(shape.guarantee.conditions, shape.path):
        if isinstance(condition, FiledWithin):
            if condition.window_days is not None and condition.window_days > MAX_WINDOW_DAYS:
                yield _too_big(shape, f"{path}.window_days",
                               f"a claim window of {condition.window_days} days",
                               f"{MAX_WINDOW_DAYS} days")
            if condition.window_hours is not None \
                    and condition.window_hours > MAX_WINDOW_HOURS:
                yield _too_big(shape, f"{path}.window_hours",
                               f"a claim window of {condition.window_hours} hours",
                               f"{MAX_WINDOW_HOURS} hours; for a long window use window_days")
        elif isinstance(condition, BuyerLimit) and condition.window_days > MAX_WINDOW_DAYS:
            yield _too_big(shape, f"{path}.window_days",
                           f"a buyer limit counted over {condition.window_days} days",
                           f"{MAX_WINDOW_DAYS} days")
        elif isinstance(condition, NotShippedWithin) \
                and condition.hours_after_promise > MAX_WINDOW_HOURS:
            yield _too_big(shape, f"{path}.hours_after_promise",
                           f"waiting {condition.hours_after_promise} hours past the promise",
                           f"{MAX_WINDOW_HOURS} hours")
        elif isinstance(condition, ShippedLate) and condition.grace_hours > MAX_GRACE_HOURS:
            yield _too_big(shape, f"{path}.grace_hours",
                           f"a late-ship grace of {condition.grace_hours} hours",
                           f"{MAX_GRACE_HOURS} hours (a grace of days means late is a day "
                           "late: move promised_ship_by instead)")


def _too_big(shape: Shape, path: str, what: str, bound: str) -> Finding:
    return finding("out_of_bounds", path, shape.id,
                   f"{what} is beyond the sensible bound of {bound}: check the unit and "
                   "the figure")


def _evidence(shape: Shape) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, kind in enumerate(shape.guarantee.evidence):
        if kind in seen:
            yield finding("evidence_duplicate", f"{shape.path}.evidence[{index}]", shape.id,
                          f"evidence names {kind} twice: remove the repeat")
        seen.add(kind)
