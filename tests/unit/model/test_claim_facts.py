"""The case facts of claims after delivery: optional, checked alike by `Case` and the fast
path (`tests/property/test_fast_path.py` holds the two to one answer)."""

import json
from typing import Any

import pytest

from aftersales import InvalidCaseError, parse_case
from tests.builders import claim_case


def problems(case: dict[str, Any]) -> list[tuple[str, str]]:
    answers = []
    for given in (case, json.dumps(case)):
        with pytest.raises(InvalidCaseError) as error:
            parse_case(given)
        answers.append([(p.path, p.code) for p in error.value.problems])
    assert answers[0] == answers[1]
    return answers[0]


def test_a_case_without_them_is_valid_and_reads_none() -> None:
    case = parse_case(claim_case("spoilage"))
    assert case.claim is not None
    assert (case.claim.problem, case.claim.affected_percent) == (None, None)
    assert case.order.payment_channel_discount is None
    assert case.order.lines[0].ripening_days is None


def test_an_affected_share_above_a_hundred_is_refused() -> None:
    assert problems(claim_case("spoilage", claim={"affected_percent": "100.01"})) == [
        ("claim.affected_percent", "percent_above_100")]


def test_a_channel_discount_above_the_paid_total_is_refused() -> None:
    assert problems(claim_case("price_match", order={"payment_channel_discount": "79.81"})) == [
        ("order.payment_channel_discount", "channel_discount_above_paid")]


def test_discounts_have_the_currencys_digits() -> None:
    lines = [{"id": "l1", "sku": "a", "category": "fresh.produce", "tags": [], "quantity": 1,
              "paid_amount": "10.00", "platform_discount": "0.001"}]
    assert problems(claim_case("price_match", order={"lines": lines})) == [
        ("order.lines[0].platform_discount", "amount_precision")]


def test_a_ripening_period_is_a_whole_number_of_days() -> None:
    lines = [{"id": "l1", "sku": "a", "category": "fresh.produce", "tags": [], "quantity": 1,
              "paid_amount": "10.00", "ripening_days": 0}]
    assert [path for path, _ in problems(claim_case("spoilage", order={"lines": lines}))] == [
        "order.lines[0].ripening_days"]


@pytest.mark.parametrize("kind", ["partial_refund", "goodwill"])
def test_a_claim_asking_an_amount_must_name_it(kind: str) -> None:
    assert problems(claim_case("spoilage", claim={"kind": kind})) == [
        ("claim.requested_amount", "requested_amount_missing")]


def test_the_amount_asked_has_the_currencys_digits_and_is_not_negative() -> None:
    assert problems(claim_case("spoilage", claim={
        "kind": "partial_refund", "requested_amount": "1.001"})) == [
        ("claim.requested_amount", "amount_precision")]
    negative = claim_case("spoilage", claim={"kind": "goodwill", "requested_amount": "-1.00"})
    assert [code for _, code in problems(negative)] == ["amount_negative"]


def test_the_amount_asked_is_read_as_given_and_optional_for_other_claims() -> None:
    case = parse_case(claim_case("spoilage", claim={
        "kind": "partial_refund", "requested_amount": "12.30"}))
    assert case.claim is not None
    assert str(case.claim.requested_amount) == "12.30"
    spoilage = parse_case(claim_case("spoilage"))
    assert spoilage.claim is not None
    assert spoilage.claim.requested_amount is None
