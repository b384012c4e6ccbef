"""`delivered_late`: an appointment delivery missed; exactly at the appointment is on time."""

from __future__ import annotations

from typing import Any

from aftersales import DeliveredLate
from tests.builders import case_dict
from tests.unit.rules.running import check

APPOINTMENT = "2025-08-24T15:00:00+08:00"


def case(delivered: str | None, as_of: str = "2025-09-01T12:00:00+08:00") -> dict[str, Any]:
    return case_dict(as_of=as_of, order={"deliver_by": APPOINTMENT, "delivered_at": delivered})


def test_delivered_at_the_appointment_is_on_time() -> None:
    assert check(DeliveredLate(), case(APPOINTMENT)).code == "delivered_by_appointment"


def test_delivered_a_second_after_the_appointment_is_late() -> None:
    outcome = check(DeliveredLate(), case("2025-08-24T15:00:01+08:00"))
    assert (outcome.code, outcome.lines) == ("delivered_after_appointment", 1)


def test_undelivered_is_late_once_as_of_is_past_the_appointment() -> None:
    assert check(DeliveredLate(), case(None, as_of=APPOINTMENT)).code == (
        "appointment_not_yet_due")
    assert check(DeliveredLate(), case(None, as_of="2025-08-24T15:00:01+08:00")).code == (
        "undelivered_past_appointment")


def test_an_order_without_an_appointment_never_meets_it() -> None:
    assert check(DeliveredLate(), case_dict()).code == "no_delivery_appointment"
