"""Checks on what a guarantee covers and requires: a scope that covers nothing, conditions
that contradict each other, parameters outside sensible bounds, evidence asked twice."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.categories import in_scope
from ..rules.sensible import MAX_WINDOW_DAYS, MAX_WINDOW_HOURS
from ._report import Finding, finding
from ._shape import Shape, intersect, leaves

__all__ = ["MAX_WINDOW_DAYS", "MAX_WINDOW_HOURS", "condition_findings"]


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
        categories = condition.lint_facts().scope
        if categories is None:
            continue
        narrowed = intersect(scope, categories)
        if narrowed == ():
            yield finding("scope_empty", path, shape.id,
                          f"category_in {', '.join(categories)} has no category in "
                          f"common with the scope before it ({_names(scope)}), so no line "
                          "meets both: widen one of them, or drop the condition")
            return
        scope = narrowed
    for path, condition in shape.must:
        negated = condition.negation()
        excluded = None if negated is None else negated.lint_facts().scope
        if excluded is not None and scope is not None \
                and all(in_scope(category, excluded) for category in scope):
            yield finding("scope_empty", path, shape.id,
                          f"not category_in {', '.join(excluded)} excludes every "
                          f"category the guarantee covers ({_names(scope)}), so no line is "
                          "left: narrow the exclusion, or widen the scope")


def _totals(shape: Shape) -> Iterator[Finding]:
    facts = [(path, condition.lint_facts()) for path, condition in shape.must]
    minimums = [(path, fact.minimum) for path, fact in facts if fact.minimum is not None]
    limits = [(path, fact.limit) for path, fact in facts if fact.limit is not None]
    if not minimums or not limits:
        return
    low_path, low = max(minimums, key=lambda pair: pair[1])
    high_path, high = min(limits, key=lambda pair: pair[1])
    if high <= low:
        yield finding("never_holds", high_path, shape.id,
                      f"order_total_at_most {high} and order_total_above {low} "
                      f"({low_path}) admit no order total: raise the limit above the minimum, "
                      "or drop one of them")


def _negations(shape: Shape) -> Iterator[Finding]:
    for path, condition in shape.must:
        negated = condition.negation()
        if negated is None or negated.lint_facts().scope is not None:
            continue  # category exclusions are the scope's business
        for other_path, other in shape.must:
            if other.negation() is None and other.implies(negated):
                yield finding("never_holds", path, shape.id,
                              f"this not {negated.kind} fails on every case that "
                              f"{other_path} ({other.kind}) admits, so the two never hold "
                              "together: drop one of them")
                break
    regions = [(path, facts.regions) for path, facts in
               ((path, condition.lint_facts()) for path, condition in shape.must)
               if facts.regions is not None]
    for later, (path, region) in enumerate(regions):
        clash = next(((p, other) for p, other in regions[:later]
                      if not set(other) & set(region)), None)
        if clash is not None:
            yield finding("never_holds", path, shape.id,
                          f"region_in {', '.join(region)} and region_in "
                          f"{', '.join(clash[1])} ({clash[0]}) share no region: an "
                          "order ships to one region, so they never hold together")


def _bounds(shape: Shape) -> Iterator[Finding]:
    for path, condition in leaves(shape.guarantee.conditions, shape.path):
        for bound in condition.bounds():
            yield finding("out_of_bounds", f"{path}.{bound.field}", shape.id, bound.message)


def _evidence(shape: Shape) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, kind in enumerate(shape.guarantee.evidence):
        if kind in seen:
            yield finding("evidence_duplicate", f"{shape.path}.evidence[{index}]", shape.id,
                          f"evidence names {kind} twice: remove the repeat")
        seen.add(kind)
