"""The decision's JSON contract and its readable explanation."""

from decimal import Decimal

from aftersales import Decision, evaluate
from tests.builders import case_dict, claim_case


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


def test_a_decision_round_trips_through_json() -> None:
    decision = evaluate(claim_case("spoilage"))
    assert Decision.model_validate_json(decision.to_json()) == decision


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
