"""What a guarantee's conditions say for certain: the conditions that must all hold (its own,
and the parts of an all-of, with their JSON paths), the categories it can cover, and the order
totals it admits. A condition under an any-of or a not is opaque to these facts: lint only
reports what it can prove."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_FLOOR, Decimal

from ..model.categories import in_scope
from ..model.money import minor_unit
from ..model.time import resolve_time_zone
from ..policy.policy import Policy
from ..rules.guarantee import Guarantee
from ..rules.protocol import Condition

__all__ = ["Scope", "Shape", "covers", "intersect", "key", "leaves", "must_hold", "shape_of"]

Scope = tuple[str, ...] | None
"""Categories covered (each with everything below it); None covers every category."""


@dataclass(frozen=True)
class Shape:
    guarantee: Guarantee
    path: str
    """`guarantees[i]`."""
    must: tuple[tuple[str, Condition], ...]
    """The conditions that must all hold, with their paths (all-ofs flattened)."""
    scope: Scope
    """The guarantee's categories narrowed by every `category_in` it must meet; () for none."""
    low_total: Decimal
    """The lowest order total it admits (whole minor units; 0 without a minimum)."""
    high_total: Decimal | None
    """The highest (its `order_total_at_most` limit), or None."""
    unit: Decimal
    dst_hours: int
    """How many hours a calendar day in the policy's time zone may differ from 24 (0 or 1)."""

    @property
    def id(self) -> str:
        return self.guarantee.id

    def always_has_claim(self) -> bool:
        """Only a claim reaches it (a condition that holds without a claim cannot help)."""
        guarantee = self.guarantee
        return bool(guarantee.claim_kinds) and not guarantee.is_automatic \
            and not guarantee.is_add_on


def shape_of(policy: Policy, index: int) -> Shape:
    guarantee = policy.guarantees[index]
    path = f"guarantees[{index}]"
    must = tuple(must_hold(guarantee.conditions, path))
    scope: Scope = guarantee.categories
    facts = [condition.lint_facts() for _, condition in must]
    for fact in facts:
        if fact.scope is not None:
            scope = intersect(scope, fact.scope)
    unit = minor_unit(policy.currency)
    minimums = [fact.minimum for fact in facts if fact.minimum is not None]
    limits = [fact.limit for fact in facts if fact.limit is not None]
    low = _just_above(max(minimums), unit) if minimums else Decimal(0)
    return Shape(guarantee, path, must, scope, low, min(limits) if limits else None, unit,
                 _dst_hours(policy.time_zone))


def _dst_hours(time_zone: str) -> int:
    """1 where the zone observes daylight-saving time (winter and summer offsets differ)."""
    zone = resolve_time_zone(time_zone)
    winter, summer = (datetime(2025, month, 1, tzinfo=UTC).astimezone(zone).utcoffset()
                      for month in (1, 7))
    return int(winter != summer)


def _just_above(amount: Decimal, unit: Decimal) -> Decimal:
    """The smallest whole number of minor units strictly above `amount`."""
    return ((amount / unit).to_integral_value(rounding=ROUND_FLOOR) + 1) * unit


def must_hold(conditions: tuple[Condition, ...], path: str) -> Iterator[tuple[str, Condition]]:
    """The conditions that must all hold (all-ofs flattened), with their JSON paths."""
    for index, condition in enumerate(conditions):
        yield from condition.must_hold(f"{path}.conditions[{index}]")


def leaves(conditions: tuple[Condition, ...], path: str) -> Iterator[tuple[str, Condition]]:
    """Every condition below the combinators (negated ones and any-of parts included)."""
    for index, condition in enumerate(conditions):
        yield from condition.leaves(f"{path}.conditions[{index}]")


def key(condition: Condition) -> str:
    """What a condition checks, whatever `code` it reports: equal keys, equal conditions."""
    return json.dumps(condition.model_dump(mode="json", exclude={"code"}), sort_keys=True)


def intersect(scope: Scope, other: Scope) -> tuple[str, ...] | None:
    """The categories in both scopes (the deeper path of each related pair)."""
    if scope is None:
        return other
    if other is None:
        return scope
    both = [a if in_scope(a, (b,)) else b for a in scope for b in other
            if in_scope(a, (b,)) or in_scope(b, (a,))]
    return tuple(dict.fromkeys(both))


def covers(outer: Scope, inner: Scope) -> bool:
    """Whether `outer` covers every category `inner` covers."""
    if outer is None:
        return True
    if inner is None:
        return False
    return all(in_scope(category, outer) for category in inner)
