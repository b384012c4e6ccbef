"""The ship-by clock: a promise type derives the ship-by time from payment; without one the
order's promise stands; calendars move it later, never earlier; the ship time is the pickup
scan when the clock reads it."""

from __future__ import annotations

from datetime import datetime

import pytest

from aftersales import ShipByClock, parse_case
from aftersales.model.kinds import PromiseType
from aftersales.model.records import OrderRecord
from aftersales.rules.clock import promised_by_type
from tests.builders import case_dict
from tests.unit.rules.running import ZONE


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(("promise", "paid", "ship_by"), [
    ("same_day", "2026-03-02T15:59:59.999999+08:00", "2026-03-02T23:59:59+08:00"),
    ("same_day", "2026-03-02T16:00:00+08:00", "2026-03-03T23:59:59+08:00"),
    ("same_day", "2026-03-02T00:00:00+08:00", "2026-03-02T23:59:59+08:00"),
    ("next_day", "2026-03-02T00:00:00+08:00", "2026-03-03T23:59:59+08:00"),
    ("next_day", "2026-03-02T23:59:59+08:00", "2026-03-03T23:59:59+08:00"),
    ("within_48h", "2026-03-02T10:00:00+08:00", "2026-03-04T10:00:00+08:00"),
], ids=["same-day-before-16", "same-day-at-16", "same-day-at-midnight", "next-day-early",
        "next-day-late", "within-48h"])
def test_a_promise_type_gives_its_ship_by_time(promise: str, paid: str, ship_by: str) -> None:
    assert promised_by_type(PromiseType(promise), at(paid), ZONE) == at(ship_by)


def test_the_same_day_cut_off_is_local_time_whatever_the_offset_written() -> None:
    # 07:59:59 UTC is 15:59:59 in Beijing: before the cut-off.
    assert promised_by_type(PromiseType.SAME_DAY, at("2026-03-02T07:59:59Z"), ZONE) == at(
        "2026-03-02T23:59:59+08:00")


def order_of(**order: object) -> OrderRecord:
    return parse_case(case_dict(as_of="2026-12-01T12:00:00+08:00", order=order)).record().order


def test_without_a_promise_type_the_promised_ship_by_stands() -> None:
    found = ShipByClock().ship_by(order_of(), ZONE)
    assert found == (at("2025-08-22T10:00:00+08:00"), "promised_ship_by")


def test_a_clock_that_ignores_promise_types_keeps_the_promised_ship_by() -> None:
    order = order_of(promise_type="same_day")
    assert ShipByClock(promise_types=False).ship_by(order, ZONE).source == "promised_ship_by"
    assert ShipByClock().ship_by(order, ZONE) == (
        at("2025-08-20T23:59:59+08:00"), "same_day")


def test_a_holiday_calendar_moves_the_ship_by_time_later_for_orders_paid_in_its_period() -> None:
    clock = ShipByClock(calendars=("tmall-2026-spring-festival",))
    order = order_of(paid_at="2026-02-23T23:59:59+08:00",
                     promised_ship_by="2026-02-25T23:59:59+08:00", shipped_at=None,
                     delivered_at=None)
    assert clock.ship_by(order, ZONE) == (
        at("2026-02-26T23:59:59+08:00"), "tmall-2026-spring-festival")


def test_a_holiday_calendar_never_moves_a_later_promise_earlier() -> None:
    clock = ShipByClock(calendars=("tmall-2026-spring-festival",))
    order = order_of(paid_at="2026-02-20T10:00:00+08:00",
                     promised_ship_by="2026-02-27T10:00:00+08:00", shipped_at=None,
                     delivered_at=None)
    assert clock.ship_by(order, ZONE).source == "promised_ship_by"


def test_an_order_paid_after_the_holiday_period_keeps_its_promise() -> None:
    clock = ShipByClock(calendars=("tmall-2026-spring-festival",))
    order = order_of(paid_at="2026-02-24T00:00:00+08:00",
                     promised_ship_by="2026-02-26T00:00:00+08:00", shipped_at=None,
                     delivered_at=None)
    assert clock.ship_by(order, ZONE).source == "promised_ship_by"


@pytest.mark.parametrize(("region", "promised", "source"), [
    ("CN-ZJ", "2026-08-17T23:59:59+08:00", "tmall-2026-disaster-exemptions"),
    ("CN-ZJ", "2026-08-18T00:00:00+08:00", "promised_ship_by"),
    ("CN-SH", "2026-08-17T10:00:00+08:00", "promised_ship_by"),
    ("CN-JS", "2026-08-16T10:00:00+08:00", "tmall-2026-disaster-exemptions"),
    ("CN-JS", "2026-08-17T10:00:00+08:00", "promised_ship_by"),
], ids=["in-region-in-window", "in-region-after-window", "other-region", "second-entry",
        "second-entry-after-its-window"])
def test_a_force_majeure_exemption_applies_by_region_and_promise_window(
        region: str, promised: str, source: str) -> None:
    clock = ShipByClock(calendars=("tmall-2026-disaster-exemptions",))
    order = order_of(region=region, paid_at="2026-08-15T10:00:00+08:00",
                     promised_ship_by=promised, shipped_at=None, delivered_at=None)
    assert clock.ship_by(order, ZONE).source == source


def test_the_ship_time_is_the_pickup_scan_when_the_clock_reads_it_and_the_case_gives_it() -> None:
    order = order_of(picked_up_at="2025-08-22T11:00:00+08:00")
    assert ShipByClock(ship_time="pickup").shipped_at(order) == at(
        "2025-08-22T11:00:00+08:00")
    assert ShipByClock().shipped_at(order) == at(
        "2025-08-22T09:00:00+08:00")
    assert ShipByClock(ship_time="pickup").shipped_at(order_of()) == at(
        "2025-08-22T09:00:00+08:00")


def test_a_clock_naming_an_unknown_calendar_is_refused() -> None:
    with pytest.raises(ValueError, match="no ship-by calendar 'lunar'"):
        ShipByClock(calendars=("lunar",))
