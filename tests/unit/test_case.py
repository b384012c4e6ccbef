"""Case validation: every problem is listed with its JSON path."""

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from aftersales import Case, InvalidCaseError, parse_case
from tests.builders import DELETE, case_dict, claim_case, merged


def problems(data: Any) -> dict[str, str]:
    with pytest.raises(InvalidCaseError) as caught:
        parse_case(data)
    assert isinstance(caught.value, ValueError)
    return {problem.path: problem.code for problem in caught.value.problems}


def test_a_valid_case_parses_from_a_dict_json_text_or_a_case() -> None:
    data = claim_case("spoilage")
    from_dict = parse_case(data)
    assert parse_case(json.dumps(data)) == from_dict
    assert parse_case(from_dict) is from_dict
    assert Case.parse(data) == from_dict


def test_money_is_decimal_and_keeps_its_digits() -> None:
    case = parse_case(case_dict())
    assert case.order.lines[0].paid_amount == Decimal("79.80")
    assert str(case.order.lines[0].paid_amount) == "79.80"


def test_json_numbers_are_read_exactly_not_through_float() -> None:
    data = case_dict()
    text = json.dumps(data).replace('"79.80"', "99999999999999.99")
    case = parse_case(text)
    assert case.order.lines[0].paid_amount == Decimal("99999999999999.99")


def test_float_money_in_python_is_refused_with_advice() -> None:
    data = case_dict(order={"lines": [{**case_dict()["order"]["lines"][0], "paid_amount": 79.8}]})
    with pytest.raises(InvalidCaseError, match="use str or Decimal"):
        parse_case(data)


def test_currency_defaults_to_cny() -> None:
    data = case_dict(order={"currency": DELETE})
    assert parse_case(data).order.currency == "CNY"


def test_claim_lines_omitted_means_every_line() -> None:
    case = parse_case(claim_case("allergy"))
    assert case.claim is not None
    assert case.claim.lines is None


def test_naive_datetimes_are_refused() -> None:
    assert problems(case_dict(as_of="2025-09-01T12:00:00")) == {"as_of": "timezone_aware"}


def test_numbers_are_not_accepted_as_instants() -> None:
    assert problems(case_dict(as_of=1756699200)) == {"as_of": "instant_type"}


def test_aware_datetime_objects_are_accepted() -> None:
    case = parse_case(case_dict(as_of=datetime.fromisoformat("2025-09-01T12:00:00+08:00")))
    assert case.as_of.utcoffset() is not None


@pytest.mark.parametrize(("amount", "code"), [
    ("-1.00", "amount_negative"), ("abc", "amount_parsing"), ("NaN", "amount_not_finite"),
    ("79.805", "amount_precision"), (True, "amount_type"),
])
def test_bad_amounts_are_refused_with_their_path(amount: object, code: str) -> None:
    line = {**case_dict()["order"]["lines"][0], "paid_amount": amount}
    assert problems(case_dict(order={"lines": [line]})) == {
        "order.lines[0].paid_amount": code}


def test_trailing_zeros_beyond_the_minor_unit_are_fine() -> None:
    line = {**case_dict()["order"]["lines"][0], "paid_amount": "79.800"}
    assert parse_case(case_dict(order={"lines": [line]})).order.lines[0].paid_amount == Decimal(
        "79.8")


def test_yen_amounts_may_not_have_fractions() -> None:
    line = {**case_dict()["order"]["lines"][0], "paid_amount": "100.5"}
    assert problems(case_dict(order={"currency": "JPY", "lines": [line]})) == {
        "order.lines[0].paid_amount": "amount_precision"}


@pytest.mark.parametrize("quantity", [0, -1, "2", 2.0])
def test_quantity_must_be_a_whole_number_of_at_least_one(quantity: object) -> None:
    line = {**case_dict()["order"]["lines"][0], "quantity": quantity}
    assert list(problems(case_dict(order={"lines": [line]}))) == ["order.lines[0].quantity"]


def test_a_claim_line_must_exist_and_not_exceed_what_was_bought() -> None:
    found = problems(claim_case("spoilage", claim={"lines": [
        {"line_id": "l1", "quantity": 3}, {"line_id": "nope", "quantity": 1}]}))
    assert found == {"claim.lines[0].quantity": "quantity_exceeds_bought",
                     "claim.lines[1].line_id": "line_unknown"}


def test_timeline_must_run_forward() -> None:
    found = problems(case_dict(order={"shipped_at": "2025-08-19T10:00:00+08:00",
                                      "delivered_at": "2025-08-18T10:00:00+08:00"}))
    assert found == {"order.shipped_at": "shipped_before_paid",
                     "order.delivered_at": "delivered_before_shipped"}


def test_delivered_without_shipped_is_refused() -> None:
    assert problems(case_dict(order={"shipped_at": None})) == {
        "order.shipped_at": "delivered_not_shipped"}


def test_filed_after_as_of_is_refused() -> None:
    assert problems(claim_case("spoilage", claim={"filed_at": "2025-09-02T00:00:00+08:00"})) == {
        "claim.filed_at": "filed_after_as_of"}


def test_an_unknown_claim_kind_is_refused() -> None:
    assert problems(claim_case("spoilage", claim={"kind": "spoiled"})) == {"claim.kind": "enum"}


def test_a_price_match_claim_needs_a_reference_price() -> None:
    assert problems(claim_case("price_match", claim={"reference_price": None})) == {
        "claim.reference_price": "reference_price_missing"}


def test_unknown_fields_are_refused_rather_than_ignored() -> None:
    assert problems(case_dict(order={"shiped_at": "2025-08-22T09:00:00+08:00"})) == {
        "order.shiped_at": "extra_forbidden"}


def test_every_problem_is_listed_at_once() -> None:
    line = {**case_dict()["order"]["lines"][0], "paid_amount": 1.5, "quantity": 0}
    data = claim_case("spoilage", as_of="2025-09-01T12:00:00", claim={"kind": "x"},
                      order={"lines": [line]})
    found = problems(data)
    assert set(found) == {"as_of", "claim.kind", "order.lines[0].paid_amount",
                          "order.lines[0].quantity"}


def test_the_error_message_names_every_path() -> None:
    with pytest.raises(InvalidCaseError) as caught:
        parse_case(case_dict(as_of="yesterday", order={"id": ""}))
    message = str(caught.value)
    assert "invalid case: 2 problems" in message
    assert "as_of:" in message
    assert "order.id:" in message


def test_invalid_json_text_is_a_case_error() -> None:
    assert problems("{not json") == {"": "json_invalid"}


def test_the_line_unit_price_is_exact() -> None:
    line = parse_case(case_dict()).order.lines[0]
    assert line.unit_price == Decimal("39.90")


@pytest.mark.parametrize("amount", ["1" + "0" * 30, 10**30, Decimal("1e30")])
def test_an_absurdly_large_amount_is_a_problem_not_a_crash(amount: object) -> None:
    line = {**case_dict()["order"]["lines"][0], "paid_amount": amount}
    assert problems(case_dict(order={"lines": [line]})) == {
        "order.lines[0].paid_amount": "amount_too_large"}


@pytest.mark.parametrize("instant", ["1756000000", "1756000000.5"])
def test_numeric_text_is_not_taken_for_a_unix_timestamp(instant: str) -> None:
    assert problems(case_dict(as_of=instant)) == {"as_of": "instant_type"}


def test_a_json_timestamp_stays_refused_when_amounts_are_json_numbers() -> None:
    text = json.dumps(case_dict()).replace('"79.80"', "79.80").replace(
        '"2025-09-01T12:00:00+08:00"', "1756700000.5")
    assert problems(text) == {"as_of": "instant_type"}


def test_a_claim_of_no_lines_is_refused() -> None:
    assert problems(claim_case("spoilage", claim={"lines": []})) == {
        "claim.lines": "claim_lines_empty"}


# Facts added with the full catalogue (issue 3).

def returned_claim(received_at: str) -> dict[str, Any]:
    """A no-reason return filed 2025-08-26T09:00+08:00 (as_of 2025-09-01T12:00+08:00) whose
    goods the merchant received at `received_at`."""
    return case_dict(claim={"kind": "no_reason_return", "filed_at": "2025-08-26T09:00:00+08:00",
                            "item_condition": "intact", "return_received_at": received_at})


def test_goods_received_back_at_as_of_are_accepted() -> None:
    case = parse_case(returned_claim("2025-09-01T12:00:00+08:00"))
    assert case.claim is not None
    assert case.claim.return_received_at == datetime.fromisoformat("2025-09-01T12:00:00+08:00")


def test_goods_received_back_after_as_of_are_refused() -> None:
    assert problems(returned_claim("2025-09-01T12:00:01+08:00")) == {
        "claim.return_received_at": "after_as_of"}


def test_goods_received_back_at_the_filing_instant_are_accepted() -> None:
    assert parse_case(returned_claim("2025-08-26T09:00:00+08:00")).claim is not None


def test_goods_received_back_before_the_claim_was_filed_are_refused() -> None:
    assert problems(returned_claim("2025-08-26T08:59:59+08:00")) == {
        "claim.return_received_at": "received_before_filed"}


@pytest.mark.parametrize("kind", ["refund", "coupon", "compensation", "return_shipping",
                                  "shipping_subsidy"])
def test_a_money_remedy_in_the_history_needs_an_amount(kind: str) -> None:
    data = case_dict(history=[{"guarantee": "g", "kind": kind}])
    assert problems(data) == {"history[0].amount": "amount_missing"}


@pytest.mark.parametrize("kind", ["pickup", "intercept", "reship"])
def test_an_action_in_the_history_may_have_no_amount(kind: str) -> None:
    case = parse_case(case_dict(history=[{"guarantee": "g", "kind": kind}]))
    assert case.history[0].amount is None


def test_a_history_amount_has_the_currencys_digits() -> None:
    data = case_dict(history=[{"guarantee": "g", "kind": "refund", "amount": "1.005"}])
    assert problems(data) == {"history[0].amount": "amount_precision"}


def test_history_lines_of_another_order_are_not_checked_against_this_one() -> None:
    data = case_dict(history=[{"guarantee": "g", "kind": "refund", "amount": "1.00",
                               "order_id": "o-2", "line_ids": ["x9"]}])
    assert parse_case(data).history[0].line_ids == ("x9",)


@pytest.mark.parametrize("order_id", [DELETE, "o-1"])
def test_history_lines_of_this_order_must_exist(order_id: object) -> None:
    entry = merged({"guarantee": "g", "kind": "refund", "amount": "1.00",
                    "line_ids": ["l1", "x9"]}, {"order_id": order_id})
    assert problems(case_dict(history=[entry])) == {"history[0].line_ids[1]": "line_unknown"}


@pytest.mark.parametrize("fee", ["return_shipping_fee", "shipping_surcharge"])
def test_order_fees_have_the_currencys_digits(fee: str) -> None:
    assert problems(case_dict(order={fee: "8.005"})) == {f"order.{fee}": "amount_precision"}
    assert getattr(parse_case(case_dict(order={fee: "8.00"})).order, fee) == Decimal("8.00")


def test_yen_fees_may_not_have_fractions() -> None:
    line = {**case_dict()["order"]["lines"][0], "paid_amount": "100"}
    data = case_dict(order={"currency": "JPY", "lines": [line], "return_shipping_fee": "8.5"})
    assert problems(data) == {"order.return_shipping_fee": "amount_precision"}


@pytest.mark.parametrize("fee", ["return_shipping_fee", "shipping_surcharge"])
def test_a_negative_fee_is_refused(fee: str) -> None:
    assert problems(case_dict(order={fee: "-1.00"})) == {f"order.{fee}": "amount_negative"}


@pytest.mark.parametrize(("field", "value"), [("item_condition", "broken"),
                                              ("preferred_remedy", "cash")])
def test_an_unknown_claim_choice_is_refused_with_its_path(field: str, value: str) -> None:
    data = claim_case("spoilage", claim={field: value})
    assert problems(data) == {f"claim.{field}": "enum"}


@pytest.mark.parametrize(("field", "value"), [("item_condition", "not_intact"),
                                              ("preferred_remedy", "reship")])
def test_a_known_claim_choice_is_accepted(field: str, value: str) -> None:
    claim = parse_case(claim_case("spoilage", claim={field: value})).claim
    assert claim is not None
    assert getattr(claim, field) == value


def test_the_order_history_is_the_entries_on_this_order_in_their_order() -> None:
    history = [
        {"guarantee": "a", "kind": "refund", "amount": "1.00"},
        {"guarantee": "b", "kind": "refund", "amount": "2.00", "order_id": "o-2"},
        {"guarantee": "c", "kind": "coupon", "amount": "3.00", "order_id": "o-1"},
        {"guarantee": "d", "kind": "reship"},
    ]
    case = parse_case(case_dict(history=history))
    assert [entry.guarantee for entry in case.order_history()] == ["a", "c", "d"]
    assert [entry.guarantee for entry in case.history] == ["a", "b", "c", "d"]


def test_a_case_without_history_has_no_order_history() -> None:
    assert parse_case(case_dict()).order_history() == ()
