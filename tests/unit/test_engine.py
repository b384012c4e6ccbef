"""The engine: statuses across guarantees, the refund cap, the trace, batches and inputs."""

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

import aftersales
from aftersales import (
    ClaimedFraction,
    Decision,
    Engine,
    FiledWithin,
    Guarantee,
    InvalidCaseError,
    PercentOf,
    Policy,
    Refund,
    RequestedAmount,
    Status,
    evaluate,
    evaluate_many,
    standard_policy,
)
from tests.builders import case_dict, claim_case


def test_the_issue_example_is_approved_for_half_the_apples() -> None:
    decision = evaluate(claim_case("spoilage", history=[
        {"guarantee": "price_match", "kind": "refund", "amount": "4.90", "line_ids": ["l1"]}]))
    assert decision.status is Status.APPROVED
    [remedy] = decision.remedies
    assert (remedy.guarantee, remedy.kind, remedy.amount, remedy.payer) == (
        "spoilage", "refund", Decimal("39.90"), "merchant")
    assert remedy.return_required is False
    assert remedy.line_ids == ("l1",)
    assert decision.codes == ("spoilage.approved",)
    assert decision.deadline is not None
    assert decision.deadline.isoformat() == "2025-08-26T15:00:00+08:00"
    assert decision.policy.id == "standard"


def test_a_case_may_be_a_case_a_dict_or_json_text() -> None:
    data = claim_case("spoilage")
    expected = evaluate(data)
    assert evaluate(json.dumps(data)) == expected
    assert evaluate(aftersales.parse_case(data)) == expected


def test_evaluation_is_deterministic_and_reads_no_clock() -> None:
    data = case_dict(order={"shipped_at": "2025-08-23T09:00:00+08:00"})
    assert evaluate(data) == evaluate(data)


def test_no_claim_checks_the_automatic_guarantees() -> None:
    decision = evaluate(case_dict(order={"shipped_at": "2025-08-23T09:00:00+08:00"}))
    assert decision.codes == ("late_shipment.approved", "proactive_refund.shipped",
                              "proactive_refund.not_flagged", "remote_area_shipping.region_not_in",
                              "remote_area_shipping.no_fee")
    assert [remedy.kind for remedy in decision.remedies] == ["coupon"]
    assert decision.deadline is None


def test_a_late_shipment_claim_is_evaluated_like_no_claim() -> None:
    late = {"shipped_at": "2025-08-23T09:00:00+08:00"}
    claimed = case_dict(order=late, claim={"kind": "late_shipment",
                                           "filed_at": "2025-08-30T09:00:00+08:00"})
    assert evaluate(claimed).remedies == evaluate(case_dict(order=late)).remedies


def test_a_claim_outside_every_scope_is_not_covered_with_a_reason() -> None:
    data = claim_case("spoilage", order={"lines": [{
        "id": "l1", "sku": "phone", "category": "electronics.phone", "quantity": 2,
        "paid_amount": "2999.00"}]})
    decision = evaluate(data)
    assert decision.status is Status.NOT_COVERED
    assert decision.codes == ("spoilage.category_not_covered",)


def test_a_claim_kind_no_guarantee_handles_is_not_covered() -> None:
    policy = Policy(id="tiny", version="1", guarantees=(aftersales.late_shipment(),))
    decision = evaluate(claim_case("spoilage"), policy)
    assert decision.status is Status.NOT_COVERED
    assert decision.codes == ("policy.claim_kind_not_covered",)
    assert decision.reasons[0].guarantee is None


def test_a_policy_without_automatic_guarantees_covers_no_unclaimed_case() -> None:
    policy = Policy(id="claims-only", version="1", guarantees=(aftersales.spoilage(),))
    assert evaluate(case_dict(), policy).codes == ("policy.no_automatic_guarantee",)


def test_every_failing_condition_is_a_reason() -> None:
    strict = aftersales.spoilage().model_copy(update={"conditions": (
        FiledWithin(after="delivered_at", window_hours=1),
        FiledWithin(after="paid_at", window_hours=1),
    )})
    policy = standard_policy().with_guarantee(strict)
    decision = evaluate(claim_case("spoilage"), policy)
    assert decision.status is Status.DENIED
    assert decision.codes == ("spoilage.filed_too_late", "spoilage.filed_too_late")


def test_missing_evidence_names_the_kinds_and_the_deadline() -> None:
    decision = evaluate(claim_case("allergy", claim={"evidence": ["photo"]}))
    assert decision.status is Status.NEEDS_EVIDENCE
    assert decision.missing_evidence == ("medical_record",)
    assert decision.codes[0] == "allergy.evidence_missing"
    assert decision.deadline is not None
    assert decision.deadline.isoformat() == "2025-11-22T23:59:59.999999+08:00"


def test_a_denial_outranks_missing_evidence_within_a_guarantee() -> None:
    decision = evaluate(claim_case("spoilage", claim={
        "evidence": [], "filed_at": "2025-08-30T09:00:00+08:00"}))
    assert decision.status is Status.DENIED
    assert decision.missing_evidence == ()


def test_refunds_never_exceed_the_order_total() -> None:
    history = [{"guarantee": "price_match", "kind": "refund", "amount": "60.00"}]
    decision = evaluate(claim_case("spoilage", history=history))
    assert decision.remedies[0].amount == Decimal("19.80")
    assert decision.codes == ("spoilage.approved", "spoilage.refund_capped")


def test_a_refund_with_nothing_left_is_denied() -> None:
    history = [{"guarantee": "price_match", "kind": "refund", "amount": "79.80"}]
    decision = evaluate(claim_case("spoilage", history=history))
    assert decision.status is Status.DENIED
    assert decision.codes == ("spoilage.nothing_left_to_refund",)


def test_coupons_do_not_count_toward_the_refund_cap() -> None:
    history = [{"guarantee": "late_shipment", "kind": "coupon", "amount": "79.80"}]
    assert evaluate(claim_case("spoilage", history=history)).status is Status.APPROVED


def test_a_remedy_that_rounds_to_zero_is_denied() -> None:
    line = {"id": "l1", "sku": "free-sample", "category": "fresh.produce", "quantity": 1,
            "paid_amount": "0.00"}
    decision = evaluate(claim_case("spoilage", order={"lines": [line]}, claim={"lines": None}))
    assert decision.status is Status.DENIED
    assert decision.codes == ("spoilage.zero_amount",)


def test_an_order_in_another_currency_than_the_policy_is_invalid() -> None:
    with pytest.raises(InvalidCaseError) as caught:
        evaluate(case_dict(order={"currency": "USD"}))
    assert caught.value.problems[0].path == "order.currency"
    assert caught.value.problems[0].code == "currency_mismatch"


def test_the_trace_has_one_step_per_check_with_the_facts_compared() -> None:
    decision = evaluate(claim_case("spoilage"))
    spoilage_steps = [step for step in decision.trace if step.guarantee == "spoilage"]
    assert [step.check for step in spoilage_steps] == [
        "covers", "filed_within", "evidence", "amount", "refund_cap"]
    window = spoilage_steps[1]
    assert window.passed
    assert window.fact_text("deadline") == "2025-08-26T15:00:00+08:00"
    assert window.facts["filed_at"] == datetime.fromisoformat("2025-08-25T09:00:00+08:00")


def test_without_a_trace_the_decision_is_the_same() -> None:
    data = claim_case("spoilage")
    with_trace, without = evaluate(data), evaluate(data, trace=False)
    assert without.trace == ()
    assert without.model_copy(update={"trace": with_trace.trace}) == with_trace


def test_a_batch_decides_the_good_cases_and_returns_errors_in_place() -> None:
    bad = case_dict(as_of="not a time")
    results = evaluate_many([claim_case("spoilage"), bad, json.dumps(case_dict())])
    assert isinstance(results[0], Decision)
    assert isinstance(results[1], InvalidCaseError)
    assert results[1].problems[0].path == "as_of"
    assert isinstance(results[2], Decision)


def test_a_policy_compiles_once() -> None:
    policy = standard_policy()
    assert policy.engine is policy.engine
    assert isinstance(policy.engine, Engine)


def test_a_guarantee_built_from_parts_decides_like_the_standard_ones() -> None:
    flowers = Guarantee(
        id="flowers", claim_kinds=("spoilage",), categories=("fresh.flowers",),
        conditions=(FiledWithin(after="delivered_at", window_hours=72),),
        evidence=("photo",), remedies=(Refund(amount=ClaimedFraction()),),
    )
    policy = Policy(id="florist", version="1", guarantees=(flowers,))
    line = {"id": "l1", "sku": "roses-11", "category": "fresh.flowers.roses", "quantity": 11,
            "paid_amount": "99.00"}
    data = claim_case("spoilage", order={"lines": [line]}, claim={
        "filed_at": "2025-08-27T15:00:00+08:00", "lines": [{"line_id": "l1", "quantity": 1}]})
    decision = evaluate(data, policy)
    assert decision.remedies[0].amount == Decimal("9.00")
    assert evaluate(data).codes == ("spoilage.filed_too_late",)


def test_a_capped_refund_keeps_the_currency_digits_with_whole_yuan_inputs() -> None:
    lines = [{"id": "l1", "sku": "mango", "category": "fresh.produce", "quantity": 2,
              "paid_amount": "60"}]
    history = [{"guarantee": "price_match", "kind": "refund", "amount": "10"}]
    decision = evaluate(claim_case("spoilage", order={"lines": lines}, history=history,
                                   claim={"lines": None}))
    assert decision.to_dict()["remedies"][0]["amount"] == "50.00"


def test_a_failing_combination_gives_one_readable_reason_per_failing_part() -> None:
    from aftersales import OrderTotalAbove, ShippedLate

    late = aftersales.late_shipment().model_copy(update={"conditions": (
        ShippedLate() & OrderTotalAbove(amount="1000"),)})
    decision = evaluate(case_dict(), standard_policy().with_guarantee(late))
    assert decision.codes[:2] == ("late_shipment.shipped_on_time", "late_shipment.below_minimum")
    assert all("?" not in reason.message for reason in decision.reasons)


def test_factories_refuse_float_money() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="use str or Decimal"):
        aftersales.late_shipment(cap=0.1)  # type: ignore[arg-type]


def test_a_large_multiplier_times_a_large_amount_is_computed_exactly() -> None:
    from aftersales import Compensation, Multiple

    guarantee = Guarantee(
        id="damages", claim_kinds=("counterfeit",),
        remedies=(Compensation(amount=Multiple(multiplier="999999999999999.999999")),))
    policy = Policy(id="big", version="1", guarantees=(guarantee,))
    case = claim_case("spoilage", claim={"kind": "counterfeit", "lines": None},
                      order={"lines": [{"id": "l1", "sku": "s", "category": "fresh.produce",
                                        "quantity": 3, "paid_amount": "999999999999999.99"}]})
    (remedy,) = evaluate(case, policy).remedies
    exact = Decimal("999999999999999.99") * Decimal("999999999999999.999999")
    assert remedy.amount == exact.quantize(Decimal("0.01"), context=aftersales.model.money.EXACT)


def test_decisions_do_not_depend_on_the_callers_decimal_context() -> None:
    import decimal

    case = claim_case("spoilage", claim={"lines": [{"line_id": "l1", "quantity": 1}]},
                      order={"lines": [{"id": "l1", "sku": "s", "category": "fresh.produce",
                                        "quantity": 3, "paid_amount": "100.00"}]})
    expected = evaluate(case).to_dict()
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_DOWN)):
        assert evaluate(case).to_dict() == expected


def test_a_capped_request_does_not_depend_on_the_callers_decimal_context() -> None:
    import decimal

    capped = RequestedAmount(at_most=PercentOf(rate_percent=Decimal(30), cap=Decimal("200.00")))
    partial = Guarantee(id="partial_refund", claim_kinds=("partial_refund",),
                        remedies=(Refund(amount=capped),))
    policy = Policy(id="partial", version="1", guarantees=(partial,))
    case = claim_case("spoilage", claim={"kind": "partial_refund", "lines": None,
                                         "requested_amount": "500.00"},
                      order={"lines": [{"id": "l1", "sku": "s", "category": "home.lighting",
                                        "quantity": 1, "paid_amount": "1000.00"}]})
    expected = evaluate(case, policy).to_dict()
    assert expected["remedies"][0]["amount"] == "200.00"
    with decimal.localcontext(decimal.Context(prec=3)):
        assert evaluate(case, policy).to_dict() == expected


def thirds_of_three_lines(rounding: str) -> tuple[dict[str, object], Policy]:
    """One unit claimed of each of three lines of 3 units for 10.00: exactly 10.00."""
    lines = [{"id": f"l{i}", "sku": f"s{i}", "category": "fresh.produce", "quantity": 3,
              "paid_amount": "10.00"} for i in (1, 2, 3)]
    case = claim_case("spoilage", order={"lines": lines}, claim={
        "lines": [{"line_id": f"l{i}", "quantity": 1} for i in (1, 2, 3)]})
    return case, Policy.model_validate({**standard_policy().to_dict(), "rounding": rounding})


@pytest.mark.parametrize("rounding", ["half_up", "half_even", "down", "up"])
def test_shares_of_a_third_sum_to_the_exact_amount_before_it_is_rounded(rounding: str) -> None:
    case, policy = thirds_of_three_lines(rounding)
    (remedy,) = evaluate(case, policy).remedies
    assert remedy.amount == Decimal("10.00")  # not 9.99: three thirds of 10.00 are 10.00
    assert remedy.allocation == {"l1": Decimal("3.34"), "l2": Decimal("3.33"),
                                 "l3": Decimal("3.33")}


def test_the_same_case_gets_the_same_decision_whatever_was_decided_before() -> None:
    beijing = claim_case("spoilage")
    utc = claim_case("spoilage", order={"delivered_at": "2025-08-24T07:00:00+00:00"})
    alone = evaluate(utc).to_dict()
    evaluate(beijing)  # the same instant of delivery, written with another offset
    assert evaluate(utc).to_dict() == alone
    facts = [step["facts"] for step in alone["trace"] if step["check"] == "filed_within"]
    assert facts[0]["event_at"] == "2025-08-24T07:00:00+00:00"


@pytest.mark.parametrize(("policy", "said"), [
    (5, "not int$"),
    ({"id": "mine"}, r"not dict \(a policy document as a dict: Policy\.parse"),
])
def test_a_policy_argument_of_another_type_is_a_type_error_saying_what_goes_there(
        policy: Any, said: str) -> None:
    expected = (r"the policy is a Policy, PolicyVersions, a shipped policy's name or None "
                r"\(the standard policy\), " + said)
    with pytest.raises(TypeError, match=expected):
        aftersales.evaluate("{}", policy)
    with pytest.raises(TypeError, match=expected):
        aftersales.evaluate_many([], policy)
