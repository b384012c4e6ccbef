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


# --- reading strictly, as the published schema says ---------------------------------------


def json_text(data: dict[str, Any]) -> str:
    return json.dumps(data)


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_a_json_nan_or_infinity_amount_is_refused_at_its_path(literal: str) -> None:
    text = json_text(claim_case("spoilage")).replace('"79.80"', literal)
    assert problems(text) == {"order.lines[0].paid_amount": "amount_not_finite"}


def test_a_nan_amount_in_a_batch_is_returned_in_place_and_the_others_decided() -> None:
    from aftersales import Decision, evaluate_many

    good = json_text(claim_case("spoilage"))
    bad = good.replace('"79.80"', "NaN")
    results = evaluate_many([good, bad, good])
    assert [type(result).__name__ for result in results] == [
        "Decision", "InvalidCaseError", "Decision"]
    assert isinstance(results[0], Decision)
    error = results[1]
    assert isinstance(error, InvalidCaseError)
    assert [(p.path, p.code) for p in error.problems] == [
        ("order.lines[0].paid_amount", "amount_not_finite")]


@pytest.mark.parametrize(("written", "code"), [
    ('"1e5000000"', "amount_parsing"),     # text: exponents are not how amounts are written
    ("1e5000000", "amount_too_large"),     # a JSON number: read exactly, and too large
    ("1" + "0" * 5000, "amount_too_large"),  # an integer longer than Python reads from text
])
def test_an_astronomical_amount_is_refused_at_its_path(written: str, code: str) -> None:
    text = json_text(claim_case("spoilage")).replace('"79.80"', written)
    assert problems(text) == {"order.lines[0].paid_amount": code}


@pytest.mark.parametrize("amount", ["1_000", "\uff17\uff19.\uff18\uff10", "79.80\n", " 79.80",
                                    "+79.80", "1e3", ".5", "79.", "0x10"])
def test_amount_text_is_ascii_digits_with_an_optional_fraction(amount: str) -> None:
    line = {**case_dict()["order"]["lines"][0], "paid_amount": amount}
    assert problems(case_dict(order={"lines": [line]})) == {
        "order.lines[0].paid_amount": "amount_parsing"}


@pytest.mark.parametrize("insured", ["yes", "true", 1, 0, "1"])
def test_a_yes_or_no_field_is_only_true_or_false(insured: object) -> None:
    assert problems(case_dict(order={"insured": insured})) == {"order.insured": "bool_type"}


@pytest.mark.parametrize("identifier", [12, 1.5, True, b"o-1"])
def test_text_fields_are_never_coerced_from_other_types(identifier: object) -> None:
    assert problems(case_dict(order={"id": identifier})) == {"order.id": "string_type"}


def test_a_key_written_twice_in_json_is_refused_at_its_path() -> None:
    text = json_text(case_dict()).replace('"paid_amount": "79.80"',
                                          '"paid_amount": "79.80", "paid_amount": "1.00"')
    assert problems(text) == {"order.lines[0].paid_amount": "duplicate_key"}


def test_a_key_written_twice_at_the_top_is_refused_too() -> None:
    text = json_text(case_dict()).replace('{"id": "case-1"', '{"id": "case-1", "id": "x"', 1)
    assert problems(text) == {"id": "duplicate_key"}


def test_json_text_starting_with_a_byte_order_mark_is_read() -> None:
    assert parse_case("\ufeff" + json_text(case_dict())).id == "case-1"
    assert parse_case(b"\xef\xbb\xbf" + json_text(case_dict()).encode()).id == "case-1"


def test_json_bytes_that_are_not_utf8_are_refused() -> None:
    text = json_text(case_dict()).encode().replace(b"apple", b"appl\xff")
    assert problems(text) == {"": "not_utf8"}


def test_a_json_case_over_a_megabyte_is_refused_before_it_is_parsed() -> None:
    text = json_text(case_dict(id="x" * 1_000_001))
    assert problems(text) == {"": "case_too_large"}


def test_deeply_nested_json_is_refused_not_a_crash() -> None:
    assert problems("[" * 100_000 + "]" * 100_000) == {"": "json_too_deep"}


@pytest.mark.parametrize(("instant", "code"), [
    ("9999-12-31T00:00:00+08:00", "instant_out_of_range"),
    ("0001-01-01T00:00:00+14:00", "instant_out_of_range"),
    ("9999-12-31T23:00:00-14:00", "instant_out_of_range"),
    ("1969-12-31T23:59:59Z", "instant_out_of_range"),
    ("2025-02-30T10:00:00+08:00", "instant_parsing"),
    ("2025-08-24 15:00:00+08:00", "instant_parsing"),
    ("2025-08-24T15:00+08:00", "instant_parsing"),
    ("2025-08-24T15:00:00.1234567+08:00", "instant_parsing"),
    ("2025-08-24T15:00:00+0800", "instant_parsing"),
    ("20250824T150000+08:00", "instant_parsing"),
])
def test_an_instant_is_rfc_3339_from_1970_and_before_9000(instant: str, code: str) -> None:
    assert problems(case_dict(order={"promised_ship_by": instant})) == {
        "order.promised_ship_by": code}


def test_an_extreme_datetime_object_is_refused_not_a_crash() -> None:
    from datetime import timedelta, timezone

    far = datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-14)))
    assert problems(case_dict(order={"promised_ship_by": far})) == {
        "order.promised_ship_by": "instant_out_of_range"}


def test_an_instant_with_a_zoneinfo_keeps_its_instant_with_a_fixed_offset() -> None:
    from zoneinfo import ZoneInfo

    delivered = datetime(2025, 8, 24, 3, tzinfo=ZoneInfo("America/New_York"))
    case = parse_case(case_dict(order={"delivered_at": delivered}))
    read = case.order.delivered_at
    assert read == delivered
    assert read is not None
    assert type(read.tzinfo).__name__ == "timezone"
    assert read.utcoffset() == delivered.utcoffset()


def test_history_decided_after_as_of_is_refused() -> None:
    data = case_dict(history=[{"guarantee": "late_shipment", "kind": "coupon", "amount": "3.00",
                               "decided_at": "2025-09-01T12:00:01+08:00"}])
    assert problems(data) == {"history[0].decided_at": "after_as_of"}


def test_a_history_refund_above_what_the_order_was_paid_is_refused() -> None:
    data = case_dict(history=[{"guarantee": "spoilage", "kind": "refund", "amount": "79.81"}])
    assert problems(data) == {"history[0].amount": "refund_above_paid"}


def test_a_refund_on_another_order_may_be_larger_than_this_one() -> None:
    data = case_dict(history=[{"guarantee": "spoilage", "kind": "refund", "amount": "500.00",
                               "order_id": "o-0"}])
    assert parse_case(data).history[0].amount == Decimal("500.00")


def test_an_order_of_more_than_a_thousand_lines_is_refused_quickly() -> None:
    import time

    line = case_dict()["order"]["lines"][0]
    lines = [{**line, "id": f"l{index}"} for index in range(100_000)]
    started = time.perf_counter()
    assert problems(case_dict(order={"lines": lines})) == {"order.lines": "too_long"}
    assert time.perf_counter() - started < 5


def test_a_quantity_of_a_million_digits_is_refused_quickly() -> None:
    import time

    line = {**case_dict()["order"]["lines"][0], "quantity": 10**1_000_000}
    started = time.perf_counter()
    with pytest.raises(InvalidCaseError) as caught:
        parse_case(case_dict(order={"lines": [line]}))
    assert time.perf_counter() - started < 1
    (problem,) = caught.value.problems
    assert (problem.path, problem.code) == ("order.lines[0].quantity", "less_than_equal")
    assert "an integer of about 1,000,001 digits" in problem.message


@pytest.mark.parametrize(("category", "read"), [
    ("beauty-care.skincare", "beauty-care.skincare"), ("美妆.护肤", "美妆.护肤"),
    ("Beauty.SkinCare", "beauty.skincare"), ("cafe\u0301.x", "caf\u00e9.x"),
])
def test_real_catalogue_names_are_categories_read_in_one_normal_form(category: str,
                                                                      read: str) -> None:
    line = {**case_dict()["order"]["lines"][0], "category": category}
    assert parse_case(case_dict(order={"lines": [line]})).order.lines[0].category == read


@pytest.mark.parametrize("category", ["", "fresh..x", "fresh produce", "fresh\nx", ".fresh"])
def test_a_category_with_spaces_control_characters_or_empty_segments_is_refused(
        category: str) -> None:
    line = {**case_dict()["order"]["lines"][0], "category": category}
    assert problems(case_dict(order={"lines": [line]})) == {
        "order.lines[0].category": "string_pattern_mismatch"}


@pytest.mark.parametrize(("region", "read"), [
    ("CN-XJ", "CN-XJ"), ("cn-xj", "CN-XJ"), ("CN-65", "CN-XJ"), ("cn-31", "CN-SH"),
    ("US-CA", "US-CA"),
])
def test_region_codes_are_read_in_one_form(region: str, read: str) -> None:
    assert parse_case(case_dict(order={"region": region})).order.region == read


@pytest.mark.parametrize("region", ["Xinjiang", "新疆", "CN", "CN-", "CN-XJ-1", ""])
def test_text_that_is_not_a_region_code_is_refused(region: str) -> None:
    assert problems(case_dict(order={"region": region})) == {"order.region": "region_invalid"}


# --- Tmall preset (issue 11): confirmed receipt, problems, a grant's items ------------------


def test_receipt_confirmed_before_shipment_is_refused() -> None:
    data = case_dict(order={"receipt_confirmed_at": "2025-08-22T08:00:00+08:00"})
    assert problems(data) == {"order.receipt_confirmed_at": "confirmed_before_shipped"}
    assert problems(json.dumps(data)) == {"order.receipt_confirmed_at": "confirmed_before_shipped"}


def test_receipt_confirmed_on_an_unshipped_order_is_refused() -> None:
    data = case_dict(order={"shipped_at": None, "delivered_at": None,
                            "receipt_confirmed_at": "2025-08-25T08:00:00+08:00"})
    assert problems(data) == {"order.shipped_at": "confirmed_not_shipped"}


def test_receipt_confirmed_after_as_of_is_refused() -> None:
    data = case_dict(order={"receipt_confirmed_at": "2025-09-02T08:00:00+08:00"})
    assert problems(data) == {"order.receipt_confirmed_at": "after_as_of"}


def test_a_remedy_carried_out_after_as_of_is_refused() -> None:
    data = case_dict(history=[{"guarantee": "g", "kind": "reship",
                               "fulfilled_at": "2025-09-02T08:00:00+08:00"}])
    assert problems(data) == {"history[0].fulfilled_at": "after_as_of"}


def test_the_new_facts_read_the_same_from_json_text_and_from_a_dict() -> None:
    data = case_dict(order={"receipt_confirmed_at": "2025-08-25T10:00:00+08:00"},
                     claim={"kind": "not_as_described", "filed_at": "2025-08-26T09:00:00+08:00",
                            "problem": "brand_mismatch",
                            "lines": [{"line_id": "l1", "quantity": 1, "problem": "x"}]},
                     history=[{"guarantee": "g", "kind": "reship", "skus": ["apple-5kg"],
                               "fulfilled_at": "2025-08-26T12:00:00+08:00"}])
    read = parse_case(json.dumps(data))
    assert read == Case.model_validate(data) == parse_case(data)
    assert read.claim is not None
    assert read.claim.lines is not None
    assert (read.claim.problem, read.claim.lines[0].problem) == ("brand_mismatch", "x")
    assert read.history[0].skus == ("apple-5kg",)


def messages(data: Any) -> dict[str, str]:
    with pytest.raises(InvalidCaseError) as caught:
        parse_case(data)
    return {problem.path: problem.message for problem in caught.value.problems}


@pytest.mark.parametrize(("given", "said"), [
    ("null", "must be an object, not null"),
    ("[]", "must be an object, not a list"),
    ("5", "must be an object, not the number 5"),
    ('"x"', "must be an object, not the text 'x'"),
    ("true", "must be an object, not true"),
])
def test_a_case_that_is_not_an_object_says_what_it_is_in_json_words(given: str,
                                                                    said: str) -> None:
    assert messages(given) == {"": said}


def test_a_part_that_is_not_an_object_says_so_at_its_path() -> None:
    data = case_dict(claim=[])
    data["order"]["lines"] = [None, 3]
    assert messages(json.dumps(data)) == {
        "order.lines[0]": "must be an object, not null",
        "order.lines[1]": "must be an object, not the number 3",
        "claim": "must be an object, not a list"}
