"""The legal floor: a policy may extend the statutory 7-day no-reason return, never restrict
it. Problems name the guarantee at fault."""

from __future__ import annotations

import pytest

import aftersales
from aftersales import (
    CategoryIn,
    FiledWithin,
    InvalidPolicyError,
    Not,
    OrderTotalAbove,
    Policy,
    no_reason_return,
    standard_policy,
)


def problems_of(*guarantees: aftersales.Guarantee) -> list[tuple[str, str, str]]:
    data = {"id": "p", "version": "1",
            "guarantees": [g.model_dump(mode="json") for g in guarantees]}
    with pytest.raises(InvalidPolicyError) as caught:
        Policy.parse(data)
    return [(p.path, p.code, p.message) for p in caught.value.problems]


def with_conditions(*conditions: object) -> aftersales.Guarantee:
    return no_reason_return().model_copy(update={"conditions": conditions})


def test_the_standard_policy_meets_the_floor() -> None:
    from aftersales.policy.legal_floor import legal_floor_problems

    assert legal_floor_problems(standard_policy().guarantees) == []


def test_a_longer_window_is_more_generous_and_allowed() -> None:
    Policy(id="p", version="1", guarantees=(no_reason_return(window_days=15),))


def test_a_window_shorter_than_seven_days_is_refused_naming_the_guarantee() -> None:
    [(path, code, message)] = problems_of(no_reason_return(window_days=6))
    assert (path, code) == ("guarantees[0]", "below_legal_floor")
    assert "no_reason_return: its window of 6 calendar days is shorter than the law's 7" in message


@pytest.mark.parametrize(("hours", "allowed"), [(191, False), (192, True)])
def test_an_hour_window_must_outlast_every_seventh_calendar_day(hours: int,
                                                                allowed: bool) -> None:
    guarantee = with_conditions(FiledWithin(after="delivered_at", window_hours=hours))
    if allowed:
        Policy(id="p", version="1", guarantees=(guarantee,))
    else:
        assert problems_of(guarantee)[0][1] == "below_legal_floor"


def test_a_window_from_payment_instead_of_delivery_is_refused() -> None:
    [(_, _, message)] = problems_of(with_conditions(FiledWithin(after="paid_at", window_days=30)))
    assert "runs from paid_at" in message


def test_excluding_a_category_the_law_covers_is_refused() -> None:
    guarantee = no_reason_return(excluded_categories=("fresh", "electronics"))
    [(_, _, message)] = problems_of(guarantee)
    assert "excludes categories the law covers: electronics" in message


def test_excluding_below_a_statutory_category_is_allowed() -> None:
    guarantee = with_conditions(Not(condition=CategoryIn(categories=("fresh.produce",))))
    Policy(id="p", version="1", guarantees=(guarantee,))


def test_excluding_a_tag_the_law_does_not_is_refused() -> None:
    [(_, _, message)] = problems_of(no_reason_return(excluded_tags=("clearance",)))
    assert "excludes tags the law does not: clearance" in message


def test_a_scope_evidence_or_extra_condition_restricts_the_right() -> None:
    scoped = no_reason_return().model_copy(update={"categories": ("apparel",),
                                                   "evidence": ("photo",)})
    extra = with_conditions(OrderTotalAbove(amount="100.00"))
    assert [code for _, code, _ in problems_of(scoped)] == ["below_legal_floor"] * 2
    assert "order_total_above restricts" in problems_of(extra)[0][2]


def test_a_partial_refund_does_not_meet_the_floor() -> None:
    from aftersales import FixedAmount, Refund

    guarantee = no_reason_return().model_copy(update={"remedies": (
        Refund(amount=FixedAmount(amount="1.00"), return_required=True),)})
    assert "does not refund what was paid" in problems_of(guarantee)[0][2]


def test_one_guarantee_meeting_the_floor_is_enough() -> None:
    electronics = no_reason_return(window_days=15, guarantee_id="electronics_15").model_copy(
        update={"categories": ("electronics",)})
    Policy(id="p", version="1", guarantees=(electronics, no_reason_return()))


def test_a_policy_that_answers_no_returns_is_a_partial_policy_and_allowed() -> None:
    Policy(id="p", version="1", guarantees=(aftersales.late_shipment(),))


def test_every_policy_problem_is_listed_with_its_path() -> None:
    data = standard_policy().to_dict()
    data["currency"] = "XYZ"
    data["time_zone"] = "Nowhere/Land"
    data["stacking"]["priority"].append("late_shipment")
    data["stacking"]["exclusive"].append({"guarantees": ["ghost", "spoilage"]})
    with pytest.raises(InvalidPolicyError) as caught:
        Policy.parse(data)
    found = {(p.path, p.code) for p in caught.value.problems}
    assert found == {
        ("currency", "currency_unknown"),
        ("time_zone", "time_zone_unknown"),
        ("stacking.priority[15]", "priority_duplicate"),
        ("stacking.exclusive[4].guarantees[0]", "guarantee_unknown"),
        ("stacking.exclusive[4].guarantees", "group_overlap"),
    }
