"""`remedy_overdue`: a reship granted on the order was not sent within some hours of its
grant."""

from __future__ import annotations

from typing import Any

from aftersales import RemedyOverdue
from tests.builders import case_dict
from tests.unit.rules.running import check

RULE = RemedyOverdue(guarantee="film", within_hours=120)
GRANTED = "2025-08-25T10:00:00+08:00"


def complaint(filed_at: str, **grant: Any) -> dict[str, Any]:
    return case_dict(claim={"kind": "reship_request", "filed_at": f"2025-{filed_at}+08:00"},
                     history=[{"guarantee": "film", "kind": "reship", "decided_at": GRANTED,
                               **grant}])


def test_unsent_exactly_120_hours_after_the_grant_is_not_yet_overdue() -> None:
    outcome = check(RULE, complaint("08-30T10:00:00"))
    assert (outcome.lines, outcome.code) == (0, "remedy_not_yet_due")


def test_unsent_a_microsecond_after_120_hours_is_overdue() -> None:
    outcome = check(RULE, complaint("08-30T10:00:00.000001"))
    assert (outcome.lines, outcome.code) == (1, "remedy_overdue")


def test_sent_at_the_last_instant_is_in_time() -> None:
    outcome = check(RULE, complaint("08-31T10:00:00", fulfilled_at="2025-08-30T10:00:00+08:00"))
    assert outcome.code == "remedy_carried_out_in_time"


def test_sent_after_the_limit_is_overdue() -> None:
    outcome = check(RULE, complaint("08-31T10:00:00",
                                    fulfilled_at="2025-08-30T10:00:00.000001+08:00"))
    assert outcome.code == "remedy_overdue"


def test_sent_after_the_complaint_counts_as_unsent_when_it_was_filed() -> None:
    outcome = check(RULE, complaint("08-31T10:00:00", fulfilled_at="2025-08-31T11:00:00+08:00"))
    assert outcome.code == "remedy_overdue"


def test_without_such_a_grant_it_does_not_hold() -> None:
    case = complaint("08-31T10:00:00")
    case["history"][0]["kind"] = "refund"
    case["history"][0]["amount"] = "1.00"
    assert check(RULE, case).code == "remedy_not_granted"
    assert check(RULE, case_dict()).code == "remedy_not_granted"


def test_a_grant_on_another_order_does_not_count() -> None:
    assert check(RULE, complaint("08-31T10:00:00", order_id="o-9")).code == "remedy_not_granted"


def test_without_a_claim_it_is_checked_at_as_of() -> None:
    case = complaint("08-31T10:00:00")
    del case["claim"]
    assert check(RULE, case).code == "remedy_overdue"  # as_of is 09-01 12:00
