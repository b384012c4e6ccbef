"""Each condition on both sides of its boundary, its missing-fact case, and composition."""

from datetime import timedelta, timezone
from typing import Any

import pytest

from aftersales import (
    AllOf,
    AnyOf,
    CategoryIn,
    FiledWithin,
    HasTag,
    Not,
    NotGrantedBefore,
    OrderTotalAbove,
    ReferencePriceBelowUnitPrice,
    ShippedLate,
    parse_case,
)
from aftersales.conditions import Condition
from aftersales.context import Context, Outcome
from aftersales.timeline import resolve_time_zone
from tests.builders import case_dict, claim_case

CST = timezone(timedelta(hours=8))
TWO_LINES = [
    {"id": "l1", "sku": "a", "category": "fresh.produce", "tags": ["gift"], "quantity": 1,
     "paid_amount": "10.00"},
    {"id": "l2", "sku": "b", "category": "electronics.phone", "tags": [], "quantity": 1,
     "paid_amount": "20.00"},
]


def check(condition: Condition, data: dict[str, Any], guarantee: str = "g") -> Outcome:
    case = parse_case(data)
    claimed = tuple(line.quantity for line in case.order.lines)
    context = Context(case, resolve_time_zone("Asia/Shanghai"), claimed, guarantee=guarantee)
    return context.check(condition, (1 << len(claimed)) - 1)


class TestShippedLate:
    def test_shipping_exactly_at_the_promise_is_on_time(self) -> None:
        outcome = check(ShippedLate(), case_dict(order={"shipped_at": "2025-08-22T10:00:00+08:00"}))
        assert (outcome.lines, outcome.code) == (0, "shipped_on_time")

    def test_shipping_one_second_after_the_promise_is_late(self) -> None:
        outcome = check(ShippedLate(), case_dict(order={"shipped_at": "2025-08-22T10:00:01+08:00"}))
        assert (outcome.lines, outcome.code) == (1, "shipped_late")
        assert outcome.facts["late_by"] == timedelta(seconds=1)

    def test_unshipped_at_the_promise_is_not_late_yet(self) -> None:
        data = case_dict(as_of="2025-08-22T10:00:00+08:00",
                         order={"shipped_at": None, "delivered_at": None})
        assert check(ShippedLate(), data).code == "not_yet_late"

    def test_unshipped_past_the_promise_is_late(self) -> None:
        data = case_dict(as_of="2025-08-22T10:00:01+08:00",
                         order={"shipped_at": None, "delivered_at": None})
        assert check(ShippedLate(), data).code == "unshipped_past_promise"

    def test_grace_hours_move_the_promise(self) -> None:
        data = case_dict(order={"shipped_at": "2025-08-22T11:00:00+08:00"})
        assert check(ShippedLate(grace_hours=1), data).code == "shipped_on_time"


class TestFiledWithin:
    def test_filing_at_the_last_instant_of_an_hour_window_is_in_time(self) -> None:
        data = claim_case("spoilage", claim={"filed_at": "2025-08-26T15:00:00+08:00"})
        outcome = check(FiledWithin(after="delivered_at", window_hours=48), data)
        assert outcome.code == "filed_in_time"
        assert outcome.deadline is not None
        assert outcome.deadline.isoformat() == "2025-08-26T15:00:00+08:00"

    def test_filing_one_second_after_an_hour_window_is_too_late(self) -> None:
        data = claim_case("spoilage", claim={"filed_at": "2025-08-26T15:00:01+08:00"})
        outcome = check(FiledWithin(after="delivered_at", window_hours=48), data)
        assert (outcome.lines, outcome.code) == (0, "filed_too_late")
        assert outcome.facts["late_by"] == timedelta(seconds=1)

    def test_filing_before_the_event_is_too_early(self) -> None:
        data = claim_case("spoilage", claim={"filed_at": "2025-08-23T15:00:00+08:00"})
        assert check(FiledWithin(after="delivered_at", window_hours=48), data).code == (
            "filed_too_early")

    def test_a_window_after_an_event_that_has_not_happened_does_not_open(self) -> None:
        data = claim_case("spoilage", order={"delivered_at": None})
        outcome = check(FiledWithin(after="delivered_at", window_hours=48), data)
        assert (outcome.lines, outcome.code, outcome.deadline) == (0, "not_delivered", None)

    def test_day_90_until_23_59_59_is_in_time_and_the_next_midnight_is_not(self) -> None:
        window = FiledWithin(after="delivered_at", window_days=90)
        order = {"delivered_at": "2025-06-01T10:00:00+08:00", "paid_at":
                 "2025-05-30T10:00:00+08:00", "promised_ship_by": "2025-05-31T10:00:00+08:00",
                 "shipped_at": "2025-05-31T09:00:00+08:00"}
        last = claim_case("allergy", as_of="2025-09-30T00:00:00+08:00", order=order,
                          claim={"filed_at": "2025-08-30T23:59:59+08:00"})
        late = claim_case("allergy", as_of="2025-09-30T00:00:00+08:00", order=order,
                          claim={"filed_at": "2025-08-31T00:00:00+08:00"})
        assert check(window, last).code == "filed_in_time"
        assert check(window, late).code == "filed_too_late"

    def test_exactly_one_window_length_is_required(self) -> None:
        with pytest.raises(ValueError, match="exactly one of window_hours and window_days"):
            FiledWithin(after="paid_at", window_hours=1, window_days=1)
        with pytest.raises(ValueError, match="exactly one"):
            FiledWithin(after="paid_at")

    def test_windows_must_have_positive_length(self) -> None:
        with pytest.raises(ValueError, match="greater than 0"):
            FiledWithin(after="paid_at", window_days=0)


class TestLineConditions:
    def test_category_in_keeps_the_lines_in_scope(self) -> None:
        outcome = check(CategoryIn(categories=("fresh",)), case_dict(order={"lines": TWO_LINES}))
        assert (outcome.lines, outcome.code) == (0b01, "category_not_in")

    def test_has_tag_keeps_the_tagged_lines(self) -> None:
        outcome = check(HasTag(tags=("gift",)), case_dict(order={"lines": TWO_LINES}))
        assert outcome.lines == 0b01

    def test_a_reference_price_equal_to_the_unit_price_is_not_lower(self) -> None:
        data = claim_case("price_match", claim={"reference_price": "39.90"})
        assert check(ReferencePriceBelowUnitPrice(), data).code == "price_not_lower"

    def test_a_reference_price_one_fen_below_the_unit_price_is_lower(self) -> None:
        data = claim_case("price_match", claim={"reference_price": "39.89"})
        assert check(ReferencePriceBelowUnitPrice(), data).code == "price_lower"


class TestHistoryAndTotals:
    def test_a_guarantee_granted_before_on_the_order_is_not_granted_again(self) -> None:
        data = case_dict(history=[{"guarantee": "late_shipment", "kind": "coupon",
                                   "amount": "3.00"}])
        outcome = check(NotGrantedBefore(), data, guarantee="late_shipment")
        assert outcome.code == "already_granted"
        assert check(NotGrantedBefore(), data, guarantee="spoilage").code == "not_granted_before"

    def test_once_per_line_drops_only_the_lines_granted_before(self) -> None:
        data = case_dict(order={"lines": TWO_LINES}, history=[
            {"guarantee": "price_match", "kind": "refund", "amount": "1.00", "line_ids": ["l2"]}])
        outcome = check(NotGrantedBefore(guarantee="price_match", per="line"), data)
        assert (outcome.lines, outcome.code) == (0b01, "already_granted")

    def test_an_order_total_equal_to_the_minimum_is_not_above_it(self) -> None:
        assert check(OrderTotalAbove(amount="79.80"), case_dict()).code == "below_minimum"
        assert check(OrderTotalAbove(amount="79.79"), case_dict()).code == "above_minimum"


class TestComposition:
    def test_operators_build_flat_combinators(self) -> None:
        a, b, c = ShippedLate(), OrderTotalAbove(amount="1"), HasTag(tags=("x",))
        assert a & b & c == AllOf(conditions=(a, b, c))
        assert a | b | c == AnyOf(conditions=(a, b, c))
        assert ~a == Not(condition=a)

    def test_all_of_holds_on_the_lines_where_every_part_holds(self) -> None:
        data = case_dict(order={"lines": TWO_LINES})
        condition = CategoryIn(categories=("fresh", "electronics")) & ~HasTag(tags=("gift",))
        assert check(condition, data).lines == 0b10

    def test_any_of_holds_on_the_lines_where_some_part_holds(self) -> None:
        data = case_dict(order={"lines": TWO_LINES})
        condition = CategoryIn(categories=("electronics",)) | HasTag(tags=("gift",))
        assert check(condition, data).lines == 0b11

    def test_every_part_is_checked_and_recorded_without_short_circuit(self) -> None:
        case = parse_case(case_dict())
        context = Context(case, resolve_time_zone("Asia/Shanghai"), (2,), steps=[])
        condition = OrderTotalAbove(amount="1000") & ShippedLate()
        outcome = context.check(condition, 1)
        assert outcome.code == "below_minimum"
        assert outcome.facts["failed"] == ("below_minimum", "shipped_on_time")
        assert context.steps is not None
        assert [step[1] for step in context.steps] == [*condition.conditions, condition]

    def test_a_failing_condition_can_report_its_own_code(self) -> None:
        excluded = Not(condition=HasTag(tags=("gift",)), code="gifts_excluded")
        data = case_dict(order={"lines": TWO_LINES[:1]})
        assert check(excluded, data).code == "gifts_excluded"

    def test_conditions_round_trip_through_json(self) -> None:
        condition = (ShippedLate(grace_hours=2) & ~HasTag(tags=("presale",))) | OrderTotalAbove(
            amount="300.00")
        from pydantic import TypeAdapter

        from aftersales import AnyCondition

        adapter: TypeAdapter[Any] = TypeAdapter(AnyCondition)
        assert adapter.validate_json(adapter.dump_json(condition)) == condition


def test_an_order_level_grant_blocks_every_line_of_a_once_per_line_guarantee() -> None:
    data = case_dict(order={"lines": TWO_LINES}, history=[
        {"guarantee": "price_match", "kind": "refund", "amount": "1.00"}])
    outcome = check(NotGrantedBefore(guarantee="price_match", per="line"), data)
    assert (outcome.lines, outcome.code) == (0, "already_granted")


def test_a_failing_all_of_reports_each_failing_part_with_its_own_facts() -> None:
    outcome = check(ShippedLate() & OrderTotalAbove(amount="1000"), case_dict())
    assert [(f.code, "order_total" in f.facts or "shipped_at" in f.facts)
            for f in outcome.failures()] == [("shipped_on_time", True), ("below_minimum", True)]


def test_a_window_inside_a_combinator_still_gives_the_deadline() -> None:
    data = claim_case("spoilage")
    outcome = check(FiledWithin(after="delivered_at", window_hours=48) & HasTag(tags=("x",)),
                    data)
    assert outcome.deadline is not None
