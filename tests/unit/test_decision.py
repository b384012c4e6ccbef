"""The decision's JSON contract and its readable explanation."""

from decimal import Decimal
from functools import cache
from typing import Any, Literal

import jsonschema  # type: ignore[import-untyped]
import pytest

import aftersales
from aftersales import Case, Decision, Policy, Status, evaluate
from tests.builders import case_dict, claim_case
from tests.unit.test_sample_cases import sample_cases


def test_amounts_serialize_as_strings_with_the_currency_digits() -> None:
    data = claim_case("price_match", claim={"reference_price": "39.00"})
    payload = evaluate(data).to_dict()
    assert payload["remedies"][0]["amount"] == "1.80"
    assert payload["status"] == "approved"


def test_the_json_contract_has_exactly_the_documented_fields() -> None:
    payload = evaluate(claim_case("spoilage")).to_dict()
    assert list(payload) == ["case_id", "order_id", "status", "remedies", "reasons",
                             "missing_evidence", "deadline", "policy", "trace"]
    assert list(payload["remedies"][0]) == ["guarantee", "kind", "amount", "currency", "payer",
                                            "return_required", "line_ids", "allocation",
                                            "return_shipping_payer", "due_by", "advance"]
    assert list(payload["reasons"][0]) == ["code", "guarantee", "message", "facts"]


def test_total_sums_remedy_amounts_by_kind() -> None:
    decision = evaluate(claim_case("spoilage"))
    assert decision.total() == Decimal("39.90")
    assert decision.total("coupon") == Decimal(0)


def test_explain_names_the_status_remedy_and_every_check() -> None:
    text = evaluate(claim_case("spoilage")).explain()
    assert "APPROVED" in text
    assert "refund 39.90 CNY paid by merchant on l1" in text
    assert "✓ filed_within: filed 2025-08-25 09:00" in text


def test_explain_says_by_how_much_a_window_was_missed() -> None:
    late = claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"})
    text = evaluate(late).explain()
    assert "DENIED" in text
    assert "3 h after the 48 h window after delivery closed at 2025-08-26 15:00" in text


def test_explain_without_a_trace_still_gives_the_reasons() -> None:
    text = evaluate(case_dict(), trace=False).explain()
    assert "late_shipment.shipped_on_time" in text
    assert "trace:" not in text


def test_a_remedy_gives_its_amount_as_money() -> None:
    from aftersales import Money

    assert evaluate(claim_case("spoilage")).remedies[0].money == Money(Decimal("39.90"), "CNY")


# --- the JSON contract over a spread of decisions -------------------------------------------


@cache
def spread() -> tuple[tuple[str, Decision], ...]:
    """The shipped sample cases and a few the samples lack (a capped refund, nothing left to
    refund, a claim no guarantee of the policy answers), each with and without a trace."""
    history = [{"guarantee": "price_match", "kind": "refund", "amount": "60.00"}]
    refunded = [{"guarantee": "price_match", "kind": "refund", "amount": "79.80"}]
    tiny = Policy(id="tiny", version="1", guarantees=(aftersales.late_shipment(),))
    cases: list[tuple[str, Case | dict[str, Any], Policy | None]] = [
        *((case.id or "", case, None) for case in sample_cases()),
        ("capped", claim_case("spoilage", history=history), None),
        ("nothing-left", claim_case("spoilage", history=refunded), None),
        ("no-guarantee", claim_case("spoilage"), tiny)]
    return tuple((f"{name} (trace={trace})", evaluate(case, policy, trace=trace))
                 for name, case, policy in cases for trace in (True, False))


def test_the_spread_has_every_status_several_remedies_and_decisions_without_a_trace() -> None:
    decisions = [decision for _, decision in spread()]
    assert {decision.status for decision in decisions} == set(Status)
    assert any(len(decision.remedies) > 1 for decision in decisions)
    assert any(not decision.trace for decision in decisions)
    assert "policy.claim_kind_not_covered" in {code for d in decisions for code in d.codes}


def test_to_dict_is_what_pydantic_dumps_as_json() -> None:
    for name, decision in spread():
        assert decision.to_dict() == decision.model_dump(mode="json"), name


def test_a_decision_read_back_from_its_json_is_equal_and_writes_the_same_json() -> None:
    """Facts come back as their machine text (`str`), not as the typed values they were; a
    reason or step compares its facts by that text, so the decision read back is equal and
    writes exactly the same JSON."""
    for name, decision in spread():
        read = Decision.model_validate_json(decision.model_dump_json())
        assert read == decision, name
        assert read.to_dict() == decision.to_dict(), name
        assert read.trace == decision.trace, name
        facts = [*(r.facts for r in read.reasons), *(s.facts for s in read.trace)]
        assert all(type(value) is str for each in facts for value in each.values()), name


@pytest.mark.parametrize("mode", ["validation", "serialization"])
def test_the_published_schema_admits_every_decisions_json(
        mode: Literal["validation", "serialization"]) -> None:
    validator = jsonschema.Draft202012Validator(
        Decision.model_json_schema(mode=mode),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for name, decision in spread():
        errors = [error.message for error in validator.iter_errors(decision.to_dict())]
        assert errors == [], name
