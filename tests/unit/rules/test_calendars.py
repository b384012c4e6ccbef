"""Ship-by calendars: each shipped file reads as its id, and entries are checked."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from aftersales import ShipByCalendar
from aftersales.rules.calendars import CalendarEntry, calendar, known_calendars


def test_the_package_ships_the_tmall_calendars() -> None:
    assert known_calendars() == ("tmall-2026-disaster-exemptions",
                                 "tmall-2026-spring-festival")


@pytest.mark.parametrize("calendar_id", known_calendars())
def test_every_shipped_calendar_reads_and_names_itself_by_its_file(calendar_id: str) -> None:
    read = calendar(calendar_id)
    assert isinstance(read, ShipByCalendar)
    assert read.id == calendar_id
    assert read.entries
    assert all(entry.source for entry in read.entries)


def test_an_entry_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValidationError, match="end must not be before start"):
        CalendarEntry(kind="holiday_extension", start="2026-02-10T00:00:00+08:00",
                      end="2026-02-09T00:00:00+08:00", ship_by="2026-02-26T23:59:59+08:00",
                      source="test")


def test_the_spring_festival_extension_is_for_orders_paid_10_to_23_february() -> None:
    (entry,) = calendar("tmall-2026-spring-festival").entries
    assert entry.applies_to == "paid_at"
    assert entry.start.isoformat() == "2026-02-10T00:00:00+08:00"
    assert entry.ship_by.isoformat() == "2026-02-26T23:59:59+08:00"
    assert entry.regions == ()


def test_a_disaster_exemption_applies_to_the_ship_by_time_in_its_regions() -> None:
    entry = calendar("tmall-2026-disaster-exemptions").entries[0]
    assert entry.applies_to == "ship_by"
    assert entry.regions == ("CN-ZJ",)
