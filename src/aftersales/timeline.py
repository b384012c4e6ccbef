"""Exact time: aware instants, hour windows and calendar-day windows in a time zone.

Every window here has an inclusive deadline: the last instant at which filing is in time.
- An hour window after E closes at exactly E + hours (filing at that instant is in time).
- An N-day window after E closes at the end of the Nth calendar day after the local day of E,
  i.e. one microsecond before the following local midnight (the Chinese 7-day rule: signed
  for on the 1st, the last day is the 8th, until 24:00).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import tz

__all__ = ["DEFAULT_TIME_ZONE", "day_window_deadline", "hour_window_deadline", "local_day",
           "resolve_time_zone"]

DEFAULT_TIME_ZONE = "Asia/Shanghai"
_LAST_MICROSECOND = timedelta(microseconds=1)


@lru_cache(maxsize=64)
def resolve_time_zone(name: str) -> tzinfo:
    """The IANA zone `name`: the standard library's (fast, C) where the system has the tz
    database, else dateutil's bundled copy (e.g. on Windows without the tzdata package)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        zone = tz.gettz(name) if "/" in name or name.isalpha() else None
    if zone is None:
        raise ValueError(f"unknown time zone {name!r}")
    return zone


def local_day(at: datetime, zone: tzinfo) -> date:
    """The calendar day on which the instant `at` falls in `zone`."""
    return at.astimezone(zone).date()


def hour_window_deadline(event_at: datetime, hours: int) -> datetime:
    """Last instant of a window of `hours` after `event_at` (inclusive)."""
    return event_at + timedelta(hours=hours)


def day_window_deadline(event_at: datetime, days: int, zone: tzinfo) -> datetime:
    """Last instant of the `days`-th calendar day after the local day of `event_at`."""
    closing_day = local_day(event_at, zone) + timedelta(days=days + 1)
    # Subtract in UTC: aware arithmetic is wall-clock arithmetic, wrong across a DST gap.
    next_day_starts = _local_midnight(closing_day, zone).astimezone(UTC)
    return (next_day_starts - _LAST_MICROSECOND).astimezone(zone)


def start_of_day(day: date, zone: tzinfo) -> datetime:
    """The first instant of the calendar day `day` in `zone`."""
    return _local_midnight(day, zone)


@lru_cache(maxsize=4096)  # many cases share a day; the zone lookups are the costly part
def _local_midnight(day: date, zone: tzinfo) -> datetime:
    midnight = datetime.combine(day, time.min, tzinfo=zone)
    round_trip = midnight.astimezone(UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) == midnight.replace(tzinfo=None):
        return midnight
    # A DST gap swallowed midnight: the day starts at the first instant that exists.
    return tz.resolve_imaginary(midnight)
