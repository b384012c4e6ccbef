"""`shipped_late_on_clock`: late against the clock's ship-by time, by more than the hours
given; exactly at the limit is not late; unshipped counts to as_of."""

from __future__ import annotations

from typing import Any

import aftersales
from aftersales import ShipByClock, ShippedLateOnClock
from tests.builders import case_dict
from tests.unit.rules.running import check

PROMISE = "2025-08-22T10:00:00+08:00"


def shipped(at: str | None, **order: Any) -> dict[str, Any]:
    return case_dict(order={"shipped_at": at, "delivered_at": None, **order})


def test_shipped_a_microsecond_after_the_ship_by_time_is_late() -> None:
    outcome = check(ShippedLateOnClock(), shipped("2025-08-22T10:00:00.000001+08:00"))
    assert (outcome.code, outcome.lines) == ("shipped_past_ship_by", 1)


def test_shipped_exactly_at_the_ship_by_time_is_not_late() -> None:
    assert check(ShippedLateOnClock(), shipped(PROMISE)).code == "shipped_by_limit"


def test_late_by_no_more_than_the_hours_given_does_not_hold() -> None:
    condition = ShippedLateOnClock(more_than_hours=48)
    assert check(condition, shipped("2025-08-24T10:00:00+08:00")).code == "shipped_by_limit"
    assert check(condition, shipped("2025-08-24T10:00:01+08:00")).code == (
        "shipped_past_ship_by")


def test_unshipped_counts_to_as_of() -> None:
    condition = ShippedLateOnClock(more_than_hours=48)
    assert check(condition, shipped(None) | {"as_of": "2025-08-24T10:00:00+08:00"}).code == (
        "unshipped_within_limit")
    assert check(condition, shipped(None) | {"as_of": "2025-08-24T10:00:01+08:00"}).code == (
        "unshipped_past_ship_by")


def test_a_promise_type_sets_the_ship_by_time_and_is_reported_as_its_source() -> None:
    case = shipped("2025-08-21T00:00:00+08:00", promise_type="same_day")
    outcome = check(ShippedLateOnClock(), case)  # paid 10:00: ships by 23:59:59 that day
    assert outcome.code == "shipped_past_ship_by"
    assert outcome.facts["ship_by_source"] == "same_day"
    assert check(ShippedLateOnClock(clock=ShipByClock(promise_types=False)), case).code == (
        "shipped_by_limit")


def test_the_pickup_scan_is_the_ship_time_when_the_clock_reads_it() -> None:
    case = shipped("2025-08-22T09:00:00+08:00", picked_up_at="2025-08-22T11:00:00+08:00")
    assert check(ShippedLateOnClock(), case).code == "shipped_by_limit"
    assert check(ShippedLateOnClock(clock=ShipByClock(ship_time="pickup")), case).code == (
        "shipped_past_ship_by")


def test_a_lateness_of_a_month_is_beyond_a_sensible_bound() -> None:
    assert [bound.field for bound in ShippedLateOnClock(more_than_hours=721).bounds()] == [
        "more_than_hours"]


def test_a_calendar_named_by_the_clock_moves_the_ship_by_time_when_decided() -> None:
    case = case_dict(as_of="2026-03-01T12:00:00+08:00", order={
        "paid_at": "2026-02-20T10:00:00+08:00", "promised_ship_by": "2026-02-22T10:00:00+08:00",
        "shipped_at": "2026-02-26T23:59:59+08:00", "delivered_at": None})
    festive = ShippedLateOnClock(clock=ShipByClock(calendars=("tmall-2026-spring-festival",)))
    assert check(ShippedLateOnClock(), case).code == "shipped_past_ship_by"
    outcome = check(festive, case)
    assert (outcome.code, outcome.facts["ship_by_source"]) == (
        "shipped_by_limit", "tmall-2026-spring-festival")
    policy = aftersales.Policy(id="p", version="1", guarantees=[aftersales.Guarantee(
        id="late", is_automatic=True, conditions=[festive],
        remedies=[aftersales.Coupon(amount=aftersales.FixedAmount(amount="3.00"))])])
    assert aftersales.evaluate(case, policy).codes == ("late.shipped_by_limit",)
    assert aftersales.Policy.parse(policy.to_dict()) == policy
