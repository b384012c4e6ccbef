"""Each condition on both sides of its boundary, its missing-fact case, and composition."""

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from aftersales import (
    AllOf,
    AnyOf,
    BuyerLimit,
    CategoryIn,
    FeeCharged,
    FiledAfter,
    FiledBefore,
    FiledWithin,
    FlaggedWith,
    HasTag,
    Insured,
    ItemIntact,
    Not,
    NotGrantedBefore,
    NotShippedWithin,
    OrderTotalAbove,
    OrderTotalAtMost,
    ReferencePriceBelowUnitPrice,
    RegionIn,
    ReturnApproved,
    ReturnTracked,
    ShippedLate,
)
from aftersales.rules.outcome import Outcome
from aftersales.rules.protocol import Condition
from tests.builders import case_dict, claim_case
from tests.unit.rules.running import check, view_of

CST = timezone(timedelta(hours=8))
TWO_LINES = [
    {"id": "l1", "sku": "a", "category": "fresh.produce", "tags": ["gift"], "quantity": 1,
     "paid_amount": "10.00"},
    {"id": "l2", "sku": "b", "category": "electronics.phone", "tags": [], "quantity": 1,
     "paid_amount": "20.00"},
]


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
        view = view_of(case_dict(), trace=True)
        condition = OrderTotalAbove(amount="1000") & ShippedLate()
        outcome = check(condition, view, lines=1)
        assert outcome.code == "below_minimum"
        assert outcome.facts["failed"] == ("below_minimum", "shipped_on_time")
        assert view.steps is not None
        assert [step[1] for step in view.steps] == ["order_total_above", "shipped_late",
                                                    "all_of"]

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


# Rule parts added with the full catalogue (issue 3). Order-level facts hold on every line
# or on none, so they are checked on two lines: 0b11 when they hold, 0 when they fail.

def refund_request(filed_at: str, **order: Any) -> dict[str, Any]:
    """A two-line case with a `refund_request` claim filed at `filed_at`."""
    return case_dict(order={"lines": TWO_LINES, **order},
                     claim={"kind": "refund_request", "filed_at": filed_at})


UNSHIPPED = {"shipped_at": None, "delivered_at": None}


class TestFiledBefore:
    def test_a_claim_filed_at_the_shipment_instant_is_after_shipment(self) -> None:
        outcome = check(FiledBefore(event="shipped_at"),
                        refund_request("2025-08-22T09:00:00+08:00"))
        assert (outcome.lines, outcome.code) == (0, "filed_after_shipment")

    def test_a_claim_filed_one_second_before_shipment_is_before_it(self) -> None:
        outcome = check(FiledBefore(event="shipped_at"),
                        refund_request("2025-08-22T08:59:59+08:00"))
        assert (outcome.lines, outcome.code) == (0b11, "filed_before_shipment")

    def test_a_claim_on_an_order_never_shipped_is_before_shipment(self) -> None:
        data = refund_request("2025-08-21T09:00:00+08:00", **UNSHIPPED)
        outcome = check(FiledBefore(event="shipped_at"), data)
        assert (outcome.lines, outcome.code) == (0b11, "filed_before_shipment")

    def test_a_claim_filed_at_the_delivery_instant_is_after_delivery(self) -> None:
        at_delivery = refund_request("2025-08-24T15:00:00+08:00")
        just_before = refund_request("2025-08-24T14:59:59+08:00")
        assert check(FiledBefore(event="delivered_at"), at_delivery).code == (
            "filed_after_delivery")
        assert check(FiledBefore(event="delivered_at"), just_before).code == (
            "filed_before_delivery")

    def test_without_a_claim_nothing_was_filed_before(self) -> None:
        outcome = check(FiledBefore(event="shipped_at"), case_dict(order={"lines": TWO_LINES}))
        assert (outcome.lines, outcome.code) == (0, "no_claim")


class TestFiledAfter:
    def test_a_claim_filed_at_the_shipment_instant_is_after_shipment(self) -> None:
        outcome = check(FiledAfter(event="shipped_at"),
                        refund_request("2025-08-22T09:00:00+08:00"))
        assert (outcome.lines, outcome.code) == (0b11, "filed_after_shipment")

    def test_a_claim_filed_one_second_before_shipment_is_before_it(self) -> None:
        outcome = check(FiledAfter(event="shipped_at"),
                        refund_request("2025-08-22T08:59:59+08:00"))
        assert (outcome.lines, outcome.code) == (0, "filed_before_shipment")

    def test_a_claim_on_an_order_not_shipped_is_not_after_shipment(self) -> None:
        data = refund_request("2025-08-21T09:00:00+08:00", **UNSHIPPED)
        outcome = check(FiledAfter(event="shipped_at"), data)
        assert (outcome.lines, outcome.code) == (0, "not_shipped")

    def test_a_claim_on_an_order_not_delivered_is_not_after_delivery(self) -> None:
        data = refund_request("2025-08-23T09:00:00+08:00", delivered_at=None)
        outcome = check(FiledAfter(event="delivered_at"), data)
        assert (outcome.lines, outcome.code) == (0, "not_delivered")

    def test_a_claim_filed_at_the_delivery_instant_is_after_delivery(self) -> None:
        at_delivery = refund_request("2025-08-24T15:00:00+08:00")
        just_before = refund_request("2025-08-24T14:59:59+08:00")
        assert check(FiledAfter(event="delivered_at"), at_delivery).code == (
            "filed_after_delivery")
        assert check(FiledAfter(event="delivered_at"), just_before).code == (
            "filed_before_delivery")

    def test_every_claim_is_filed_after_payment(self) -> None:
        outcome = check(FiledAfter(event="paid_at"), refund_request("2025-08-20T10:00:00+08:00"))
        assert (outcome.lines, outcome.code) == (0b11, "filed_after_payment")

    def test_without_a_claim_nothing_was_filed_after(self) -> None:
        outcome = check(FiledAfter(event="shipped_at"), case_dict(order={"lines": TWO_LINES}))
        assert (outcome.lines, outcome.code) == (0, "no_claim")


class TestNotShippedWithin:
    # Promised 2025-08-22T10:00+08:00: 72 h later is 2025-08-25T10:00+08:00.
    def test_unshipped_exactly_72_hours_after_the_promise_is_within_grace(self) -> None:
        data = case_dict(as_of="2025-08-25T10:00:00+08:00", order={"lines": TWO_LINES,
                                                                    **UNSHIPPED})
        outcome = check(NotShippedWithin(), data)
        assert (outcome.lines, outcome.code) == (0, "within_grace")
        assert outcome.facts["limit"] == datetime(2025, 8, 25, 10, tzinfo=CST)

    def test_unshipped_one_second_past_72_hours_is_past_grace(self) -> None:
        data = case_dict(as_of="2025-08-25T10:00:01+08:00", order={"lines": TWO_LINES,
                                                                    **UNSHIPPED})
        outcome = check(NotShippedWithin(), data)
        assert (outcome.lines, outcome.code) == (0b11, "unshipped_past_grace")

    def test_an_order_shipped_even_late_is_shipped(self) -> None:
        data = case_dict(order={"lines": TWO_LINES, "shipped_at": "2025-08-26T10:00:00+08:00",
                                "delivered_at": None})
        outcome = check(NotShippedWithin(), data)
        assert (outcome.lines, outcome.code) == (0, "shipped")

    def test_the_grace_hours_are_a_parameter(self) -> None:
        data = case_dict(as_of="2025-08-22T11:00:01+08:00", order=UNSHIPPED)
        assert check(NotShippedWithin(hours_after_promise=1), data).code == (
            "unshipped_past_grace")
        assert check(NotShippedWithin(hours_after_promise=2), data).code == "within_grace"


class TestOrderFacts:
    def test_an_order_flag_among_those_named_is_flagged(self) -> None:
        data = case_dict(order={"lines": TWO_LINES, "flags": ["fake_shipment"]})
        outcome = check(FlaggedWith(flags=("false_advertising", "fake_shipment")), data)
        assert (outcome.lines, outcome.code) == (0b11, "flagged")
        assert outcome.facts["found"] == ("fake_shipment",)

    def test_other_flags_or_none_are_not_flagged(self) -> None:
        other = case_dict(order={"lines": TWO_LINES, "flags": ["gift_wrapped"]})
        none = case_dict(order={"lines": TWO_LINES})
        condition = FlaggedWith(flags=("fake_shipment",))
        outcome = check(condition, other)
        assert (outcome.lines, outcome.code) == (0, "not_flagged")
        assert check(condition, none).code == "not_flagged"

    def test_buyer_flags_are_read_only_on_the_buyer(self) -> None:
        data = case_dict(order={"lines": TWO_LINES, "flags": ["refund_abuse"]})
        assert check(FlaggedWith(flags=("refund_abuse",), on="buyer"), data).code == (
            "not_flagged")
        data = case_dict(order={"lines": TWO_LINES, "buyer_flags": ["refund_abuse"]})
        assert check(FlaggedWith(flags=("refund_abuse",), on="buyer"), data).code == "flagged"
        assert check(FlaggedWith(flags=("refund_abuse",)), data).code == "not_flagged"

    def test_an_insured_order_is_insured(self) -> None:
        outcome = check(Insured(), case_dict(order={"lines": TWO_LINES, "insured": True}))
        assert (outcome.lines, outcome.code) == (0b11, "insured")

    def test_an_order_without_insurance_stated_is_not_insured(self) -> None:
        outcome = check(Insured(), case_dict(order={"lines": TWO_LINES}))
        assert (outcome.lines, outcome.code) == (0, "not_insured")
        assert check(Insured(), case_dict(order={"insured": False})).code == "not_insured"

    def test_a_region_among_those_named_is_in(self) -> None:
        outcome = check(RegionIn(regions=("CN-XJ", "CN-XZ")),
                        case_dict(order={"lines": TWO_LINES, "region": "CN-XZ"}))
        assert (outcome.lines, outcome.code) == (0b11, "region_in")

    def test_another_region_is_not_in(self) -> None:
        outcome = check(RegionIn(regions=("CN-XJ",)),
                        case_dict(order={"lines": TWO_LINES, "region": "CN-SH"}))
        assert (outcome.lines, outcome.code) == (0, "region_not_in")

    def test_an_order_without_a_region_is_in_none(self) -> None:
        outcome = check(RegionIn(regions=("CN-XJ",)), case_dict(order={"lines": TWO_LINES}))
        assert (outcome.lines, outcome.code) == (0, "region_not_in")
        assert outcome.facts["region"] is None

    def test_a_fee_of_one_fen_is_charged(self) -> None:
        data = case_dict(order={"lines": TWO_LINES, "shipping_surcharge": "0.01"})
        outcome = check(FeeCharged(fee="shipping_surcharge"), data)
        assert (outcome.lines, outcome.code) == (0b11, "fee_charged")
        assert outcome.facts["amount"] == Decimal("0.01")

    def test_a_fee_of_zero_is_not_charged(self) -> None:
        data = case_dict(order={"lines": TWO_LINES, "shipping_surcharge": "0.00"})
        outcome = check(FeeCharged(fee="shipping_surcharge"), data)
        assert (outcome.lines, outcome.code) == (0, "no_fee")

    def test_an_absent_fee_is_not_charged(self) -> None:
        outcome = check(FeeCharged(fee="return_shipping_fee"),
                        case_dict(order={"lines": TWO_LINES}))
        assert (outcome.lines, outcome.code) == (0, "no_fee")
        assert outcome.facts["amount"] is None

    def test_each_fee_is_read_from_its_own_field(self) -> None:
        data = case_dict(order={"return_shipping_fee": "8.00"})
        assert check(FeeCharged(fee="return_shipping_fee"), data).code == "fee_charged"
        assert check(FeeCharged(fee="shipping_surcharge"), data).code == "no_fee"


class TestOrderTotalAtMost:
    def test_an_order_total_equal_to_the_limit_is_within_it(self) -> None:
        outcome = check(OrderTotalAtMost(amount="79.80"), case_dict())
        assert (outcome.lines, outcome.code) == (1, "within_limit")

    def test_an_order_total_one_fen_above_the_limit_is_above_it(self) -> None:
        outcome = check(OrderTotalAtMost(amount="79.79"), case_dict())
        assert (outcome.lines, outcome.code) == (0, "above_limit")
        assert outcome.facts["order_total"] == Decimal("79.80")

    def test_the_limit_is_on_the_whole_order_total(self) -> None:
        data = case_dict(order={"lines": TWO_LINES})  # 10.00 + 20.00
        assert check(OrderTotalAtMost(amount="30.00"), data).lines == 0b11
        assert check(OrderTotalAtMost(amount="20.00"), data).lines == 0


class TestClaimFacts:
    def test_goods_stated_intact_are_intact(self) -> None:
        data = claim_case("allergy", order={"lines": TWO_LINES},
                          claim={"item_condition": "intact"})
        outcome = check(ItemIntact(), data)
        assert (outcome.lines, outcome.code) == (0b11, "item_intact")

    def test_goods_stated_not_intact_are_not_intact(self) -> None:
        data = claim_case("allergy", order={"lines": TWO_LINES},
                          claim={"item_condition": "not_intact"})
        outcome = check(ItemIntact(), data)
        assert (outcome.lines, outcome.code) == (0, "item_not_intact")

    def test_goods_of_unstated_condition_are_unknown(self) -> None:
        outcome = check(ItemIntact(), claim_case("allergy", order={"lines": TWO_LINES}))
        assert (outcome.lines, outcome.code) == (0, "item_condition_unknown")

    def test_without_a_claim_the_condition_of_goods_is_unknown(self) -> None:
        outcome = check(ItemIntact(), case_dict(order={"lines": TWO_LINES}))
        assert (outcome.lines, outcome.code) == (0, "item_condition_unknown")

    def test_a_return_with_a_tracking_number_is_tracked(self) -> None:
        data = claim_case("allergy", order={"lines": TWO_LINES},
                          claim={"kind": "return_shipped", "return_tracking_no": "SF1234"})
        outcome = check(ReturnTracked(), data)
        assert (outcome.lines, outcome.code) == (0b11, "return_tracked")
        assert outcome.facts["return_tracking_no"] == "SF1234"

    def test_a_return_without_a_tracking_number_is_not_tracked(self) -> None:
        data = claim_case("allergy", order={"lines": TWO_LINES}, claim={"kind": "return_shipped"})
        outcome = check(ReturnTracked(), data)
        assert (outcome.lines, outcome.code) == (0, "return_tracking_missing")

    def test_without_a_claim_no_return_is_tracked(self) -> None:
        outcome = check(ReturnTracked(), case_dict())
        assert (outcome.lines, outcome.code) == (0, "return_tracking_missing")


def granted(guarantee: str = "spoilage", **entry: Any) -> dict[str, Any]:
    """A history entry: a refund of 1.00 by `guarantee`, varied by keyword."""
    return {"guarantee": guarantee, "kind": "refund", "amount": "1.00", **entry}


class TestBuyerLimit:
    # The spoilage claim is filed 2025-08-25T09:00+08:00: 30 days before is
    # 2025-07-26T09:00+08:00.
    LIMIT = BuyerLimit(max_claims=1, window_days=30)

    def limit_with(self, *history: dict[str, Any], limit: BuyerLimit | None = None) -> Outcome:
        data = claim_case("spoilage", order={"lines": TWO_LINES}, history=list(history))
        return check(limit or self.LIMIT, data, guarantee="spoilage")

    def test_a_buyer_with_no_claims_granted_is_within_the_limit(self) -> None:
        outcome = self.limit_with()
        assert (outcome.lines, outcome.code) == (0b11, "within_buyer_limit")
        assert outcome.facts["claims"] == 0

    def test_a_claim_decided_exactly_window_days_before_filing_is_outside_the_window(
            self) -> None:
        outcome = self.limit_with(granted(decided_at="2025-07-26T09:00:00+08:00"))
        assert (outcome.lines, outcome.code) == (0b11, "within_buyer_limit")

    def test_a_claim_decided_one_second_inside_the_window_counts(self) -> None:
        outcome = self.limit_with(granted(decided_at="2025-07-26T09:00:01+08:00"))
        assert (outcome.lines, outcome.code) == (0, "buyer_limit_reached")
        assert outcome.facts["claims"] == 1

    def test_the_window_boundary_is_an_instant_whatever_its_offset(self) -> None:
        assert self.limit_with(granted(decided_at="2025-07-26T01:00:00+00:00")).code == (
            "within_buyer_limit")
        assert self.limit_with(granted(decided_at="2025-07-26T01:00:01+00:00")).code == (
            "buyer_limit_reached")

    def test_a_claim_decided_at_the_filing_instant_counts(self) -> None:
        outcome = self.limit_with(granted(decided_at="2025-08-25T09:00:00+08:00"))
        assert outcome.code == "buyer_limit_reached"

    def test_an_entry_without_decided_at_counts_as_recent(self) -> None:
        outcome = self.limit_with(granted())
        assert (outcome.lines, outcome.code) == (0, "buyer_limit_reached")

    def test_remedies_of_one_decision_count_as_one_claim(self) -> None:
        limit = BuyerLimit(max_claims=2)
        at = "2025-08-10T12:00:00+08:00"
        one_decision = [granted(decided_at=at),
                        granted(kind="compensation", amount="500.00", decided_at=at)]
        outcome = self.limit_with(*one_decision, limit=limit)
        assert (outcome.code, outcome.facts["claims"]) == ("within_buyer_limit", 1)

    def test_this_order_named_or_omitted_is_one_order(self) -> None:
        at = "2025-08-10T12:00:00+08:00"
        outcome = self.limit_with(granted(decided_at=at), granted(decided_at=at, order_id="o-1"),
                                  limit=BuyerLimit(max_claims=2))
        assert (outcome.code, outcome.facts["claims"]) == ("within_buyer_limit", 1)

    def test_decisions_at_two_instants_count_as_two_claims(self) -> None:
        outcome = self.limit_with(granted(decided_at="2025-08-10T12:00:00+08:00"),
                                  granted(decided_at="2025-08-10T12:00:01+08:00"),
                                  limit=BuyerLimit(max_claims=2))
        assert (outcome.code, outcome.facts["claims"]) == ("buyer_limit_reached", 2)

    def test_the_same_instant_on_two_orders_counts_as_two_claims(self) -> None:
        at = "2025-08-10T12:00:00+08:00"
        outcome = self.limit_with(granted(decided_at=at), granted(decided_at=at, order_id="o-2"),
                                  limit=BuyerLimit(max_claims=2))
        assert (outcome.code, outcome.facts["claims"]) == ("buyer_limit_reached", 2)

    def test_each_undated_entry_counts_as_a_claim_of_its_own(self) -> None:
        outcome = self.limit_with(granted(), granted(), limit=BuyerLimit(max_claims=3))
        assert (outcome.code, outcome.facts["claims"]) == ("within_buyer_limit", 2)

    def test_claims_granted_on_the_buyers_other_orders_count(self) -> None:
        outcome = self.limit_with(granted(order_id="o-2", line_ids=["x9"],
                                          decided_at="2025-08-10T12:00:00+08:00"))
        assert (outcome.lines, outcome.code) == (0, "buyer_limit_reached")

    def test_claims_granted_by_other_guarantees_do_not_count(self) -> None:
        outcome = self.limit_with(granted("price_match", decided_at="2025-08-10T12:00:00+08:00"),
                                  granted("late_shipment", kind="coupon", amount="3.00"))
        assert (outcome.code, outcome.facts["claims"]) == ("within_buyer_limit", 0)

    def test_a_named_guarantee_is_counted_instead_of_the_one_evaluated(self) -> None:
        outcome = self.limit_with(granted("price_match"),
                                  limit=BuyerLimit(max_claims=1, guarantee="price_match"))
        assert outcome.code == "buyer_limit_reached"

    def test_the_limit_is_reached_at_max_claims_not_before(self) -> None:
        history = [granted(decided_at="2025-08-10T12:00:00+08:00"),
                   granted(decided_at="2025-08-11T12:00:00+08:00")]
        assert self.limit_with(*history, limit=BuyerLimit(max_claims=3)).code == (
            "within_buyer_limit")
        assert self.limit_with(*history, limit=BuyerLimit(max_claims=2)).code == (
            "buyer_limit_reached")

    def test_without_a_claim_the_window_ends_at_as_of(self) -> None:
        # as_of 2025-09-01T12:00+08:00: 30 days before is 2025-08-02T12:00+08:00.
        data = case_dict(history=[granted(decided_at="2025-08-02T12:00:00+08:00")])
        assert check(self.LIMIT, data, guarantee="spoilage").code == "within_buyer_limit"
        data = case_dict(history=[granted(decided_at="2025-08-02T12:00:01+08:00")])
        assert check(self.LIMIT, data, guarantee="spoilage").code == "buyer_limit_reached"

    def test_a_limit_needs_at_least_one_claim_and_one_day(self) -> None:
        with pytest.raises(ValueError, match="greater than or equal to 1"):
            BuyerLimit(max_claims=0)
        with pytest.raises(ValueError, match="greater than or equal to 1"):
            BuyerLimit(max_claims=1, window_days=0)


class TestReturnApproved:
    FROM_HISTORY = ReturnApproved(source="history")

    def test_a_return_approved_before_on_a_line_holds_on_that_line(self) -> None:
        data = case_dict(order={"lines": TWO_LINES},
                         history=[granted("no_reason_return", line_ids=["l2"],
                                          return_required=True)])
        outcome = check(self.FROM_HISTORY, data)
        assert (outcome.lines, outcome.code) == (0b10, "no_return_approved")
        assert outcome.facts["lines"] == ("l2",)

    def test_a_return_approved_before_on_the_whole_order_holds_on_every_line(self) -> None:
        data = case_dict(order={"lines": TWO_LINES},
                         history=[granted("no_reason_return", return_required=True)])
        outcome = check(self.FROM_HISTORY, data)
        assert (outcome.lines, outcome.code) == (0b11, "return_approved")

    def test_a_remedy_granted_without_a_return_is_no_approved_return(self) -> None:
        data = case_dict(order={"lines": TWO_LINES}, history=[granted("spoilage")])
        outcome = check(self.FROM_HISTORY, data)
        assert (outcome.lines, outcome.code) == (0, "no_return_approved")

    def test_a_return_approved_on_another_order_is_not_one_on_this_order(self) -> None:
        data = case_dict(order={"lines": TWO_LINES},
                         history=[granted("no_reason_return", order_id="o-2",
                                          return_required=True)])
        outcome = check(self.FROM_HISTORY, data)
        assert (outcome.lines, outcome.code) == (0, "no_return_approved")

    def test_with_no_history_no_return_was_approved(self) -> None:
        outcome = check(self.FROM_HISTORY, case_dict(order={"lines": TWO_LINES}))
        assert (outcome.lines, outcome.code) == (0, "no_return_approved")

    def test_returns_approved_in_this_decision_are_read_from_the_context(self) -> None:
        view = view_of(case_dict(order={"lines": TWO_LINES}), approved_returns=0b11,
                       buyer_paid_returns=0b01)
        assert check(ReturnApproved(), view, lines=0b11)[:2] == (0b11, "return_approved")
        assert check(ReturnApproved(leg_paid_by_buyer=True), view, lines=0b11)[:2] == (
            0b01, "no_return_approved")
        assert check(ReturnApproved(leg_paid_by_buyer=True), view, lines=0b01)[:2] == (
            0b01, "return_approved")

    def test_no_return_approved_in_this_decision_holds_on_no_line(self) -> None:
        outcome = check(ReturnApproved(), case_dict(order={"lines": TWO_LINES}))
        assert (outcome.lines, outcome.code) == (0, "no_return_approved")


class TestNotGrantedBeforeAcrossOrders:
    def test_a_grant_on_another_order_does_not_block_this_order(self) -> None:
        data = case_dict(order={"lines": TWO_LINES},
                         history=[granted("late_shipment", kind="coupon", amount="3.00",
                                          order_id="o-2")])
        outcome = check(NotGrantedBefore(), data, guarantee="late_shipment")
        assert (outcome.lines, outcome.code) == (0b11, "not_granted_before")

    def test_a_whole_order_grant_on_another_order_does_not_block_a_line(self) -> None:
        data = case_dict(order={"lines": TWO_LINES},
                         history=[granted("price_match", order_id="o-2")])
        outcome = check(NotGrantedBefore(guarantee="price_match", per="line"), data)
        assert (outcome.lines, outcome.code) == (0b11, "not_granted_before")

    def test_a_grant_on_a_line_of_the_same_id_on_another_order_does_not_block_it(
            self) -> None:
        data = case_dict(order={"lines": TWO_LINES},
                         history=[granted("price_match", order_id="o-2", line_ids=["l1"])])
        outcome = check(NotGrantedBefore(guarantee="price_match", per="line"), data)
        assert (outcome.lines, outcome.code) == (0b11, "not_granted_before")

    def test_a_grant_naming_this_order_blocks_it(self) -> None:
        data = case_dict(order={"lines": TWO_LINES},
                         history=[granted("price_match", order_id="o-1", line_ids=["l1"])])
        outcome = check(NotGrantedBefore(guarantee="price_match", per="line"), data)
        assert (outcome.lines, outcome.code) == (0b10, "already_granted")


def rule_id(value: object) -> str | None:
    """A parameter id naming a condition by its kind and set fields (`filed_before-paid_at`)."""
    if not isinstance(value, Condition):
        return None
    fields = value.model_dump(exclude={"kind"}, exclude_defaults=True).values()
    return "-".join([value.kind, *map(str, fields)])


@pytest.mark.parametrize(("condition", "codes"), [
    (FiledBefore(event="shipped_at"), ("filed_after_shipment", "no_claim")),
    (FiledBefore(event="delivered_at"), ("filed_after_delivery", "no_claim")),
    (FiledBefore(event="paid_at"), ("filed_after_payment", "no_claim")),
    (FiledAfter(event="shipped_at"), ("filed_before_shipment", "not_shipped", "no_claim")),
    (FiledAfter(event="delivered_at"),
     ("filed_before_delivery", "not_delivered", "no_claim")),
    (FiledAfter(event="paid_at"), ("no_claim",)),
    (NotShippedWithin(), ("shipped", "within_grace")),
    (FlaggedWith(flags=("fake_shipment",)), ("not_flagged",)),
    (Insured(), ("not_insured",)),
    (RegionIn(regions=("CN-XJ",)), ("region_not_in",)),
    (FeeCharged(fee="shipping_surcharge"), ("no_fee",)),
    (OrderTotalAtMost(amount="2000.00"), ("above_limit",)),
    (ItemIntact(), ("item_not_intact", "item_condition_unknown")),
    (ReturnTracked(), ("return_tracking_missing",)),
    (BuyerLimit(max_claims=1), ("buyer_limit_reached",)),
    (ReturnApproved(), ("no_return_approved",)),
    (ReturnApproved(source="history"), ("no_return_approved",)),
    (NotGrantedBefore(per="line"), ("already_granted",)),
], ids=rule_id)
def test_each_new_condition_lists_every_code_it_can_fail_with(
        condition: Condition, codes: tuple[str, ...]) -> None:
    assert condition.failure_codes() == codes


@pytest.mark.parametrize(("condition", "data"), [
    (FiledBefore(event="shipped_at", code="own_code"),
     refund_request("2025-08-22T09:00:00+08:00")),
    (FiledAfter(event="delivered_at", code="own_code"),
     refund_request("2025-08-23T09:00:00+08:00", delivered_at=None)),
    (ItemIntact(code="own_code"), case_dict()),
    (BuyerLimit(max_claims=1, code="own_code"), case_dict(history=[granted("g")])),
], ids=rule_id)
def test_a_new_condition_failing_with_its_own_code_lists_only_that_code(
        condition: Condition, data: dict[str, Any]) -> None:
    assert condition.failure_codes() == ("own_code",)
    assert check(condition, data).code == "own_code"
