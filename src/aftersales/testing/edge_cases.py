"""Edge-case discovery: a policy's boundaries (window ends, ship-time promises, thresholds,
tier starts, caps, minimums, limits) and a case on each side of each, so a test suite covers
every boundary even where random generation would miss it."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import Any, Literal

from ..amounts import Multiple, PercentOf, TieredAmount
from ..case import Case
from ..conditions import (
    BuyerLimit,
    FiledAfter,
    FiledBefore,
    FiledWithin,
    NotShippedWithin,
    OrderTotalAbove,
    OrderTotalAtMost,
    ShippedLate,
)
from ..guarantee import Guarantee
from ..money import minor_unit
from ..policy import Policy
from ..remedies import BuyersChoice
from ..timeline import day_window_deadline, hour_window_deadline, resolve_time_zone
from ._reach import base_case, leaves

__all__ = ["EdgeCase", "edge_cases"]

_TICK = timedelta(microseconds=1)
Side = Literal["inside", "outside", "below", "at"]


@dataclass(frozen=True)
class EdgeCase:
    """A case one side of a boundary of `guarantee`: `inside` or `outside` a condition's
    boundary, or `below` or `at` an amount threshold (a tier's start, a cap, a minimum)."""

    guarantee: str
    boundary: str
    side: Side
    case: Case


Edit = Callable[[dict[str, Any]], None]


def edge_cases(policy: Policy) -> list[EdgeCase]:
    """Both sides of every boundary of every guarantee of `policy` that a case can reach."""
    zone = resolve_time_zone(policy.time_zone)
    unit = minor_unit(policy.currency)
    found: list[EdgeCase] = []
    for guarantee in policy.ranked_guarantees():
        seed = base_case(policy, guarantee)
        if seed is None:
            continue
        for boundary, side, edit in _boundaries(guarantee, seed, zone, unit,
                                                policy.rounding.decimal_rounding):
            case = copy.deepcopy(seed)
            edit(case)
            _settle_as_of(case)
            found.append(EdgeCase(guarantee.id, boundary, side, Case.model_validate(case)))
    return found


def _at(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _boundaries(guarantee: Guarantee, seed: dict[str, Any], zone: Any, unit: Decimal,
                rounding: str) -> Iterator[tuple[str, Side, Edit]]:
    order = seed["order"]
    for condition in leaves(guarantee.conditions):
        if isinstance(condition, FiledWithin) and "claim" in seed:
            anchor = _at(order[condition.after])
            if anchor is None:
                continue
            deadline = (hour_window_deadline(anchor, condition.window_hours)
                        if condition.window_hours else
                        day_window_deadline(anchor, condition.window_days or 1, zone))
            text = f"filed_within {condition.after} closes {deadline.isoformat()}"
            yield text, "inside", _filed(deadline)
            yield text, "outside", _filed(deadline + _TICK)
            opens = f"filed_within opens at {condition.after} {anchor.isoformat()}"
            yield opens, "inside", _filed(anchor)
            if anchor - _TICK >= _at(order["paid_at"]):  # type: ignore[operator]
                yield opens, "outside", _filed(anchor - _TICK)
        elif isinstance(condition, FiledBefore | FiledAfter) and "claim" in seed:
            filed = datetime.fromisoformat(seed["claim"]["filed_at"])
            event = condition.event
            if event == "paid_at":
                continue
            before = isinstance(condition, FiledBefore)
            text = f"{condition.kind} {event} at {filed.isoformat()}"
            yield text, "inside", _event_at(event, filed + _TICK if before else filed)
            yield text, "outside", _event_at(event, filed if before else filed + _TICK)
        elif isinstance(condition, ShippedLate) and order["shipped_at"] is not None:
            limit = hour_window_deadline(datetime.fromisoformat(order["promised_ship_by"]),
                                         condition.grace_hours)
            text = f"shipped_late after {limit.isoformat()}"
            yield text, "outside", _event_at("shipped_at", limit)
            yield text, "inside", _event_at("shipped_at", limit + _TICK)
        elif isinstance(condition, NotShippedWithin):
            limit = hour_window_deadline(datetime.fromisoformat(order["promised_ship_by"]),
                                         condition.hours_after_promise)
            text = f"not_shipped_within until {limit.isoformat()}"
            yield text, "outside", _as_of(limit)
            yield text, "inside", _as_of(limit + _TICK)
        elif isinstance(condition, OrderTotalAbove | OrderTotalAtMost):
            above = isinstance(condition, OrderTotalAbove)
            text = f"{condition.kind} {condition.amount}"
            yield text, "outside" if above else "inside", _paid(condition.amount)
            yield text, "inside" if above else "outside", _paid(condition.amount + unit)
        elif isinstance(condition, BuyerLimit):
            text = f"buyer_limit {condition.max_claims} in {condition.window_days} days"
            yield text, "inside", _earlier_claims(guarantee.id, condition.max_claims - 1)
            yield text, "outside", _earlier_claims(guarantee.id, condition.max_claims)
    for remedy in guarantee.remedies:
        for option in remedy.options if isinstance(remedy, BuyersChoice) else (remedy,):
            if option.amount is not None:
                yield from _amount_thresholds(option.kind, option.amount, unit, rounding)


def _amount_thresholds(kind: str, formula: Any, unit: Decimal,
                       rounding: str) -> Iterator[tuple[str, Side, Edit]]:
    if isinstance(formula, TieredAmount):
        for tier in formula.tiers:
            if tier.at_least > 0:
                text = f"{kind} tier from {tier.at_least}"
                yield text, "below", _paid(tier.at_least - unit)
                yield text, "at", _paid(tier.at_least)
            yield from _amount_thresholds(kind, tier.amount, unit, rounding)
    elif isinstance(formula, PercentOf) and formula.cap is not None and formula.rate_percent:
        cap, rate = formula.cap, formula.rate_percent
        reaches = _first_base(lambda base: (base * rate / 100).quantize(
            unit, rounding=rounding) >= cap, (cap * 100 / rate).quantize(unit, ROUND_CEILING),
            unit)
        text = f"{kind} cap {cap} reached (once rounded) at a base of {reaches}"
        yield text, "below", _paid(reaches - unit)
        yield text, "at", _paid(reaches)
    elif isinstance(formula, Multiple) and formula.minimum > 0:
        crossing = (formula.minimum / formula.multiplier).quantize(unit, ROUND_CEILING)
        text = f"{kind} minimum {formula.minimum} left at a base of {crossing}"
        yield text, "below", _paid(crossing - unit)
        yield text, "at", _paid(crossing)


def _first_base(holds: Callable[[Decimal], bool], upper: Decimal, unit: Decimal) -> Decimal:
    """The smallest whole-unit base up to `upper` for which `holds` (monotone) is true."""
    low, high = 0, int(upper / unit)
    while low < high:
        middle = (low + high) // 2
        if holds(middle * unit):
            high = middle
        else:
            low = middle + 1
    return low * unit


def _filed(at: datetime) -> Edit:
    def edit(case: dict[str, Any]) -> None:
        case["claim"]["filed_at"] = at.isoformat()
    return edit


def _event_at(event: str, at: datetime) -> Edit:
    def edit(case: dict[str, Any]) -> None:
        order = case["order"]
        order[event] = at.isoformat()
        if event == "delivered_at" and order["shipped_at"] is None:
            order["shipped_at"] = at.isoformat()
        if event == "shipped_at" and order["delivered_at"] is not None:
            order["delivered_at"] = max(at, datetime.fromisoformat(order["delivered_at"])
                                        ).isoformat()
    return edit


def _as_of(at: datetime) -> Edit:
    def edit(case: dict[str, Any]) -> None:
        case["as_of"] = at.isoformat()
        case["fixed_as_of"] = True
    return edit


def _paid(amount: Decimal) -> Edit:
    def edit(case: dict[str, Any]) -> None:
        line = case["order"]["lines"][0]
        line["paid_amount"] = str(max(amount, Decimal(0)))
        claim = case.get("claim")
        if claim is not None and claim.get("reference_price") is not None:
            claim["reference_price"] = str(max(amount - 1, Decimal(0)))
    return edit


def _earlier_claims(guarantee: str, count: int) -> Edit:
    def edit(case: dict[str, Any]) -> None:
        filed = datetime.fromisoformat(case["claim"]["filed_at"])
        case["history"].extend(
            {"guarantee": guarantee, "kind": "refund", "amount": "1.00",
             "order_id": f"o-earlier-{index}", "decided_at": (filed - timedelta(
                 days=1, hours=index)).isoformat()}
            for index in range(count))
    return edit


def _settle_as_of(case: dict[str, Any]) -> None:
    """as_of after every event (unless a boundary set it), as a valid case needs."""
    if case.pop("fixed_as_of", False):
        return
    order = case["order"]
    times = [datetime.fromisoformat(t) for t in (
        case["as_of"], order["paid_at"], order["shipped_at"], order["delivered_at"],
        case.get("claim", {}).get("filed_at")) if t]
    case["as_of"] = max(times).isoformat()
