"""Case validation: every problem is listed with its JSON path."""

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from aftersales import Case, InvalidCaseError, parse_case
from tests.builders import DELETE, case_dict, claim_case


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


def test_an_absurdly_large_amount_is_a_problem_not_a_crash() -> None:
    line = {**case_dict()["order"]["lines"][0], "paid_amount": "1e30"}
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
