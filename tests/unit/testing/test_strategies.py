"""The public strategies: keyword-only, valid by construction, aimed at a policy's
guarantees, and clear about impossible requests."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis.errors import InvalidArgument

import aftersales
from aftersales import Case, Claim, Order, Policy, evaluate
from aftersales.testing.strategies import (
    Timeline,
    cases,
    claims,
    money,
    orders,
    policies,
    timelines,
)

STANDARD = aftersales.standard_policy()


@given(money(min_value="1.00", max_value="2.50"))
def test_money_stays_within_its_bounds_in_whole_fen(amount: Decimal) -> None:
    assert Decimal("1.00") <= amount <= Decimal("2.50")
    assert amount == amount.quantize(Decimal("0.01"))


@given(money(currency="JPY", max_value="500"))
def test_money_of_a_currency_without_minor_units_is_whole(amount: Decimal) -> None:
    assert amount == amount.to_integral_value()


@pytest.mark.parametrize(("low", "high", "message"), [
    ("5.00", "1.00", "min_value <= max_value"),
    ("-1.00", "1.00", "min_value <= max_value"),
    ("0.001", "1.00", "whole CNY minor units"),
])
def test_money_refuses_impossible_bounds(low: str, high: str, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        money(min_value=low, max_value=high)


@given(timelines())
def test_timelines_keep_paid_before_shipped_before_delivered(timeline: Timeline) -> None:
    assert timeline.promised_ship_by >= timeline.paid_at
    if timeline.shipped_at is not None:
        assert timeline.shipped_at >= timeline.paid_at
    if timeline.delivered_at is not None:
        assert timeline.shipped_at is not None
        assert timeline.delivered_at >= timeline.shipped_at


@given(timelines(shipped=True, delivered=False))
def test_timelines_can_force_an_event_to_happen_or_not(timeline: Timeline) -> None:
    assert timeline.shipped_at is not None
    assert timeline.delivered_at is None


def test_timelines_refuse_delivery_without_shipment_and_naive_times() -> None:
    with pytest.raises(InvalidArgument, match="delivered without being shipped"):
        timelines(shipped=False, delivered=True)
    with pytest.raises(InvalidArgument, match="aware"):
        timelines(paid_at=datetime(2025, 8, 20))


@given(orders(amounts=money(max_value="9.99"), categories=["beauty.skincare"], max_lines=2))
def test_orders_take_sub_strategies_for_amounts_and_categories(order: Order) -> None:
    assert 1 <= len(order.lines) <= 2
    assert all(line.category == "beauty.skincare" for line in order.lines)
    assert all(line.paid_amount <= Decimal("9.99") for line in order.lines)


def test_orders_need_at_least_one_line() -> None:
    with pytest.raises(InvalidArgument, match="at least one line"):
        orders(max_lines=0)


@given(claims(kind="spoilage"))
def test_claims_are_of_the_kind_asked_for(claim: Claim) -> None:
    assert claim.kind == "spoilage"


def test_strategies_take_keyword_arguments_only() -> None:
    with pytest.raises(TypeError):
        cases(STANDARD)  # type: ignore[call-arg]


def test_cases_refuse_a_kind_no_guarantee_answers_and_an_unknown_guarantee() -> None:
    tiny = Policy(id="tiny", version="1", guarantees=(aftersales.late_shipment(),))
    with pytest.raises(InvalidArgument, match="no guarantee reachable by a claim of kind"):
        cases(policy=tiny, kind="spoilage")
    with pytest.raises(InvalidArgument, match="guarantee 'ghost'"):
        cases(policy=tiny, guarantee="ghost")


@pytest.mark.parametrize("guarantee", [g.id for g in STANDARD.guarantees])
def test_cases_aimed_at_a_guarantee_of_the_standard_policy_reach_it(guarantee: str) -> None:
    paid_by: Counter[str] = Counter()

    @settings(max_examples=60, database=None, derandomize=True)
    @given(cases(guarantee=guarantee))
    def collect(case: Case) -> None:
        paid_by.update({remedy.guarantee for remedy in evaluate(case).remedies})

    collect()
    assert paid_by[guarantee] > 0


@given(cases(policy=STANDARD, kind="allergy"))
def test_cases_of_a_kind_carry_claims_of_that_kind(case: Case) -> None:
    assert case.claim is not None
    assert case.claim.kind == "allergy"


def test_a_case_shrinks_to_the_plain_case_its_guarantee_approves() -> None:
    from hypothesis import find

    smallest = find(cases(guarantee="spoilage"), lambda case: True,
                    settings=settings(database=None))
    decision = evaluate(smallest)
    assert [remedy.guarantee for remedy in decision.remedies] == ["spoilage"]
    assert len(smallest.order.lines) == 1
    assert smallest.history == ()


@given(policies())
def test_policies_are_valid_and_use_only_their_own_guarantees_in_stacking(
        policy: Policy) -> None:
    ids = {g.id for g in policy.guarantees}
    assert set(policy.stacking.priority) == ids
    assert all(set(group.guarantees) <= ids for group in policy.stacking.exclusive)
