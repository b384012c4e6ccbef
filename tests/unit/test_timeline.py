from datetime import UTC, datetime, timedelta, timezone

import pytest

from aftersales.model.time import (
    day_window_deadline,
    hour_window_deadline,
    local_day,
    resolve_time_zone,
)

SHANGHAI = resolve_time_zone("Asia/Shanghai")
CST = timezone(timedelta(hours=8))


def test_an_hour_window_closes_exactly_that_many_hours_later() -> None:
    delivered = datetime(2025, 8, 24, 15, 0, tzinfo=CST)
    assert hour_window_deadline(delivered, 48) == datetime(2025, 8, 26, 15, 0, tzinfo=CST)


def test_a_seven_day_window_after_signing_on_the_1st_ends_with_the_8th() -> None:
    signed = datetime(2025, 3, 1, 9, 30, tzinfo=CST)
    deadline = day_window_deadline(signed, 7, SHANGHAI)
    assert deadline == datetime(2025, 3, 8, 23, 59, 59, 999999, tzinfo=CST)


def test_a_day_window_counts_calendar_days_in_the_policy_zone_not_utc() -> None:
    # 16:30 UTC on 1 June is 00:30 on 2 June in Shanghai: the window starts a day later.
    delivered = datetime(2025, 6, 1, 16, 30, tzinfo=UTC)
    assert local_day(delivered, SHANGHAI).isoformat() == "2025-06-02"
    deadline = day_window_deadline(delivered, 90, SHANGHAI)
    assert deadline.astimezone(CST) == datetime(2025, 8, 31, 23, 59, 59, 999999, tzinfo=CST)


def test_the_deadline_is_the_last_instant_before_the_next_local_midnight() -> None:
    deadline = day_window_deadline(datetime(2025, 6, 1, 10, tzinfo=CST), 90, SHANGHAI)
    next_midnight = datetime(2025, 8, 31, 0, 0, tzinfo=CST)
    assert deadline < next_midnight
    assert next_midnight - deadline == timedelta(microseconds=1)


def test_a_day_window_survives_a_dst_change() -> None:
    new_york = resolve_time_zone("America/New_York")
    event = datetime(2025, 3, 8, 12, tzinfo=new_york)
    deadline = day_window_deadline(event, 1, new_york)
    assert deadline.replace(tzinfo=None) == datetime(2025, 3, 9, 23, 59, 59, 999999)
    assert deadline.utcoffset() == timedelta(hours=-4)


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        resolve_time_zone("Mars/Olympus_Mons")


def test_a_day_window_ends_just_before_a_day_whose_midnight_a_dst_gap_skips() -> None:
    # Havana springs forward at midnight: 9 March 2025 starts at 01:00 CDT (-04:00).
    havana = resolve_time_zone("America/Havana")
    deadline = day_window_deadline(datetime(2025, 3, 7, 12, tzinfo=havana), 1, havana)
    day_starts = datetime(2025, 3, 9, 5, 0, tzinfo=UTC)
    assert day_starts - deadline == timedelta(microseconds=1)
    assert deadline.utcoffset() == timedelta(hours=-5)
