"""Exact time: aware instants, hour windows and calendar-day windows in a time zone.

Every window here has an inclusive deadline: the last instant at which filing is in time.
- An hour window after E closes at exactly E + hours (filing at that instant is in time).
- An N-day window after E closes at the end of the Nth calendar day after the local day of E,
  i.e. one microsecond before the following local midnight (the Chinese 7-day rule: signed
  for on the 1st, the last day is the 8th, until 24:00).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dateutil import tz

__all__ = ["DEFAULT_TIME_ZONE", "day_window_deadline", "hour_window_deadline",
           "known_time_zones", "local_day", "resolve_time_zone"]

DEFAULT_TIME_ZONE = "Asia/Shanghai"
_LAST_MICROSECOND = timedelta(microseconds=1)


@lru_cache(maxsize=64)
def resolve_time_zone(name: str) -> tzinfo:
    """The IANA zone `name` (`Asia/Shanghai`), from the system's time-zone database or the
    tzdata package (which the library requires on Windows). Only the database's zone names
    are known: a file path, or anything else, is refused as unknown without the file system
    being asked for it."""
    known = known_time_zones()
    if name not in known:
        close = [zone for zone in known if zone.lower() == name.lower()]
        hint = f"; did you mean `{close[0]}`?" if close else ""
        raise ValueError(f"unknown time zone {name!r}: an IANA zone name, e.g. "
                         f"Asia/Shanghai{hint}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:  # listed, but its file is unreadable
        raise ValueError(f"time zone {name!r} cannot be read: {error}") from None


@cache
def known_time_zones() -> frozenset[str]:
    """Every IANA zone name this machine's time-zone database has."""
    return frozenset(available_timezones())


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
