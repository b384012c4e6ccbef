"""`not_picked_up_within`: no carrier pickup scan within N hours of the tracking upload."""

from __future__ import annotations

from typing import Any

from aftersales import NotPickedUpWithin
from tests.builders import case_dict
from tests.unit.rules.running import check

UPLOADED = "2025-08-22T09:00:00+08:00"


def case(picked: str | None, as_of: str = "2025-08-30T12:00:00+08:00",
         delivered: str | None = None) -> dict[str, Any]:
    return case_dict(as_of=as_of, order={"tracking_uploaded_at": UPLOADED,
                                         "picked_up_at": picked, "delivered_at": delivered})


def test_a_pickup_exactly_24_hours_after_the_upload_is_in_time() -> None:
    assert check(NotPickedUpWithin(), case("2025-08-23T09:00:00+08:00")).code == (
        "picked_up_in_time")


def test_a_pickup_a_microsecond_later_is_late() -> None:
    outcome = check(NotPickedUpWithin(), case("2025-08-23T09:00:00.000001+08:00"))
    assert (outcome.code, outcome.lines) == ("picked_up_late", 1)


def test_no_pickup_holds_once_as_of_is_past_the_limit() -> None:
    assert check(NotPickedUpWithin(), case(None, as_of="2025-08-23T09:00:00+08:00")).code == (
        "pickup_not_yet_due")
    assert check(NotPickedUpWithin(), case(None, as_of="2025-08-23T09:00:01+08:00")).code == (
        "not_picked_up")


def test_a_parcel_delivered_without_a_scan_was_picked_up_by_its_delivery() -> None:
    assert check(NotPickedUpWithin(), case(None, delivered="2025-08-23T08:00:00+08:00")).code == (
        "pickup_not_yet_due")
    assert check(NotPickedUpWithin(), case(None, delivered="2025-08-23T10:00:00+08:00")).code == (
        "not_picked_up")


def test_without_a_tracking_number_it_never_holds() -> None:
    assert check(NotPickedUpWithin(), case_dict()).code == "no_tracking_number"


def test_a_longer_timeout_implies_a_shorter_one() -> None:
    assert NotPickedUpWithin(hours=120).implies(NotPickedUpWithin(hours=48))
    assert not NotPickedUpWithin(hours=24).implies(NotPickedUpWithin(hours=48))
