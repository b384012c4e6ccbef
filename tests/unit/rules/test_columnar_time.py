"""The columnar forms' local time: day starts, wall-clock instants and month starts read as
`model.time` reads them, in zones whose daylight saving swallows or repeats local midnight;
and the zones whose two readings (Python's and Polars') the columnar path trusts."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

pl = pytest.importorskip("polars")

from aftersales.model.time import day_window_deadline, start_of_day  # noqa: E402
from aftersales.rules.columnar_time import (  # noqa: E402
    at_wall_clock,
    day_starts,
    day_window_closes,
    microseconds,
    month_starts,
    zone_agrees,
)

DST_AT_MIDNIGHT = [
    ("America/Santiago", date(2024, 9, 8)),  # 00:00 does not exist: the day starts at 01:00
    ("America/Santiago", date(2024, 4, 7)),  # 23:00 to 24:00 happens twice, the day before
    ("America/Havana", date(2024, 11, 3)),  # 00:00 to 01:00 happens twice
    ("America/Havana", date(2024, 3, 10)),
    ("Asia/Beirut", date(2024, 3, 31)),
    ("Australia/Lord_Howe", date(1981, 3, 1)),  # a half-hour gap at midnight
    ("Asia/Shanghai", date(1988, 4, 10)),
]


def _days(zone: str, day: date) -> list[date]:
    return [day + timedelta(days=offset) for offset in (-2, -1, 0, 1, 2)]


@pytest.mark.parametrize(("zone", "day"), DST_AT_MIDNIGHT)
def test_a_day_starts_where_python_starts_it_when_dst_moves_midnight(zone: str,
                                                                      day: date) -> None:
    tz, days = ZoneInfo(zone), _days(zone, day)
    starts = pl.DataFrame({"day": days}).select(day_starts(pl.col("day"), tz))["day"]
    assert starts.to_list() == [microseconds(start_of_day(d, tz)) for d in days]


@pytest.mark.parametrize(("zone", "day"), DST_AT_MIDNIGHT)
def test_a_wall_clock_time_is_read_with_fold_zero_as_python_reads_it(zone: str,
                                                                      day: date) -> None:
    tz = ZoneInfo(zone)
    walls = [datetime.combine(d, clock) for d in _days(zone, day)
             for clock in (time(0), time(0, 30), time(1), time(23, 30), time(23, 59, 59))]
    read = pl.DataFrame({"wall": walls}).select(at_wall_clock(pl.col("wall"), tz))["wall"]
    assert read.to_list() == [microseconds(wall.replace(tzinfo=tz)) for wall in walls]


@pytest.mark.parametrize(("zone", "day"), DST_AT_MIDNIGHT)
def test_a_day_window_closes_where_python_closes_it_across_a_moved_midnight(
        zone: str, day: date) -> None:
    tz = ZoneInfo(zone)
    events = [datetime.combine(day, time(12), tzinfo=tz) - timedelta(hours=hours)
              for hours in range(0, 24 * 9, 7)]
    frame = pl.DataFrame({"at": [microseconds(at) for at in events]})
    for days in (0, 1, 7):
        closes = frame.select(day_window_closes(pl.col("at"), days, tz))["at"].to_list()
        assert closes == [microseconds(day_window_deadline(at, days, tz)) for at in events]


def test_a_month_starts_at_its_first_days_start() -> None:
    tz = ZoneInfo("America/Havana")
    at = datetime(2024, 11, 17, 5, tzinfo=UTC)
    got = pl.DataFrame({"at": [microseconds(at)]}).select(month_starts(pl.col("at"), tz))
    assert got["at"][0] == microseconds(start_of_day(date(2024, 11, 1), tz))


def test_the_columnar_path_trusts_a_zone_both_readings_agree_on() -> None:
    assert zone_agrees(ZoneInfo("Asia/Shanghai"))
    assert zone_agrees(ZoneInfo("America/Santiago"))


def test_a_zone_polars_does_not_know_is_not_trusted() -> None:
    assert not zone_agrees(ZoneInfo("Factory"))
