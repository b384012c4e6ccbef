"""Local time on the case table's instant columns (UTC microseconds), read in the policy's
time zone exactly as `model.time` reads it: calendar days, months and wall-clock times,
daylight saving included, and which zones Polars reads as Python does. The columnar forms
reach these through `rules.columnar`."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..model.time import start_of_day

if TYPE_CHECKING:
    import polars as pl

__all__ = ["DAY_MICROSECONDS", "HOUR_MICROSECONDS", "PLAIN_SPAN", "PLAIN_YEARS",
           "at_wall_clock", "day_starts", "day_window_closes", "local_date", "local_time",
           "microseconds", "month_starts", "zone_agrees"]


HOUR_MICROSECONDS = 3_600_000_000
"""An hour, in the microseconds the instant columns count."""
DAY_MICROSECONDS = 24 * HOUR_MICROSECONDS
"""A day of 24 hours, in the same microseconds."""


def local_time(at: pl.Expr, zone: ZoneInfo) -> pl.Expr:
    """An instant column (UTC microseconds) as local date-times in `zone`."""
    import polars as pl

    return pl.from_epoch(at, time_unit="us").dt.replace_time_zone("UTC") \
        .dt.convert_time_zone(zone.key)


def local_date(at: pl.Expr, zone: ZoneInfo) -> pl.Expr:
    """The calendar day (a date column) on which an instant column falls in `zone`."""
    return local_time(at, zone).dt.date()


def at_wall_clock(wall: pl.Expr, zone: ZoneInfo, clock: time | None = None) -> pl.Expr:
    """UTC microseconds of naive local date-times in `zone`, as Python reads such a time with
    `fold=0`: the earlier of two in a DST overlap; in a DST gap, with the offset from before
    the gap (taken a day earlier, as `dateutil.tz.resolve_imaginary` takes it), which is the
    first instant that exists when the gap swallowed local midnight. `clock`: every time of
    `wall` is this time of day, which lets a zone where no gap ever swallows it skip the
    gap's arithmetic (twice the work)."""
    import polars as pl

    def exact(at: pl.Expr) -> pl.Expr:
        return at.dt.replace_time_zone(zone.key, ambiguous="earliest",
                                       non_existent="null").dt.epoch("us")

    if clock is not None and not _swallowed(zone, clock):
        return exact(wall)
    day_before = wall - pl.duration(days=1)
    offset_before = day_before.dt.epoch("us") - exact(day_before)
    return pl.coalesce(exact(wall), wall.dt.epoch("us") - offset_before)


def day_starts(day: pl.Expr, zone: ZoneInfo) -> pl.Expr:
    """The first instant (UTC microseconds) of each calendar day of a date column in `zone`,
    as `model.time.start_of_day` gives it: local midnight, the earlier one in a DST overlap,
    or the first instant that exists when a DST gap swallows it."""
    import polars as pl

    return at_wall_clock(day.cast(pl.Datetime("us")), zone, time(0))


PLAIN_YEARS = (1971, 2098)
"""The years of the instants the columnar path reads; the rest go through the row engine.
Polars' copy of the time-zone database stops daylight saving after 2099, and a ship-by time
or a window close may fall a little after the instant it is counted from."""
_ZONE_CHECKED = (date(PLAIN_YEARS[0], 1, 1), date(2100, 1, 1))
"""The days on which `zone_agrees` compares the two readings of a time zone."""


@cache
def zone_agrees(zone: ZoneInfo) -> bool:
    """Whether Polars reads `zone` as Python does, every day from 1971 to 2099: the same
    offset at local noon, and, on the days around a change of offset, the same first instant
    (`day_starts`) and the same 23:59:59. Polars carries its own copy of the time-zone
    database, which may be older or newer than Python's; a columnar plan is made only for a
    zone on which the two agree."""
    import polars as pl

    if zone.key is None:
        return False
    days, changing = _checked_days(), _changing_days(zone)
    noon = pl.col("day").cast(pl.Datetime("us")) + pl.duration(hours=12)
    try:
        read = pl.DataFrame({"day": days}).select(noon=at_wall_clock(noon, zone))
    except pl.exceptions.ComputeError:  # a zone Polars does not know
        return False
    python_noon = [microseconds(datetime.combine(day, _NOON, tzinfo=zone)) for day in days]
    if read["noon"].to_list() != python_noon:
        return False
    edges = pl.DataFrame({"day": changing}, schema={"day": pl.Date}).select(
        start=day_starts(pl.col("day"), zone),
        end=at_wall_clock(pl.col("day").cast(pl.Datetime("us")) + pl.duration(
            hours=23, minutes=59, seconds=59), zone, _DAY_END))
    return edges["start"].to_list() == [microseconds(start_of_day(day, zone))
                                        for day in changing] \
        and edges["end"].to_list() == [microseconds(datetime.combine(day, _DAY_END,
                                                                      tzinfo=zone))
                                       for day in changing]


@cache
def _checked_days() -> list[date]:
    first, end = _ZONE_CHECKED
    return [first + timedelta(days=n) for n in range((end - first).days)]


@cache
def _changing_days(zone: ZoneInfo) -> tuple[date, ...]:
    """The checked days on which, or the day after which, `zone`'s offset at noon changes."""
    days = _checked_days()
    offsets = [datetime.combine(day, _NOON, tzinfo=zone).utcoffset() for day in days]
    return tuple(day for n, day in enumerate(days) if 0 < n < len(days) - 1 and (
        offsets[n - 1] != offsets[n] or offsets[n] != offsets[n + 1]))


@cache
def _swallowed(zone: ZoneInfo, clock: time) -> bool:
    """Whether a DST gap swallows the local time `clock` on some checked day in `zone`."""
    for day in _changing_days(zone):
        wall = datetime.combine(day, clock, tzinfo=zone)
        if wall.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall.replace(
                tzinfo=None):
            return True
    return False


_NOON, _DAY_END = time(12), time(23, 59, 59)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def microseconds(at: datetime) -> int:
    """An aware instant as the instant columns hold it: UTC microseconds."""
    return (at - _EPOCH) // timedelta(microseconds=1)


PLAIN_SPAN = (microseconds(datetime(PLAIN_YEARS[0], 1, 2, tzinfo=UTC)),
              microseconds(datetime(PLAIN_YEARS[1], 12, 31, tzinfo=UTC)))
"""UTC microseconds [first, last) of the instants read where only the instant is known, not
the offset it was written in (a typed table's timestamps): a day inside `PLAIN_YEARS` either
way, so that their local year is in it under any offset. Comparing the integers costs a
fraction of reading each instant's year."""


def day_window_closes(event: pl.Expr, days: int, zone: ZoneInfo) -> pl.Expr:
    """The last microsecond of the `days`-th calendar day in `zone` after the local day of
    `event` (UTC microseconds), as `model.time.day_window_deadline` gives it."""
    import polars as pl

    return day_starts(local_date(event, zone) + pl.duration(days=days + 1), zone) - 1


def month_starts(at: pl.Expr, zone: ZoneInfo) -> pl.Expr:
    """The first instant of the calendar month in `zone` of an instant column."""
    return day_starts(local_date(at, zone).dt.truncate("1mo"), zone)
