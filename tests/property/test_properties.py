"""Invariants of the engine under the standard policy, over generated valid cases."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import aftersales
from aftersales import Decision, Policy, RemedyKind, Status, evaluate
from tests.property.strategies import cases

settings.register_profile("ci", max_examples=150, deadline=None)
settings.load_profile("ci")


def total_paid(case: dict[str, Any]) -> Decimal:
    return sum((Decimal(line["paid_amount"]) for line in case["order"]["lines"]), Decimal(0))


def on_this_order(case: dict[str, Any]) -> list[dict[str, Any]]:
    return [entry for entry in case["history"]
            if entry.get("order_id") in (None, case["order"]["id"])]


def refunded_before(case: dict[str, Any], policy: Policy | None = None) -> Decimal:
    """Refunds already on the order, as the cap counts them (advances are counted once, as
    the refunds they advance)."""
    policy = policy or aftersales.standard_policy()
    advances = {g.id for g in policy.guarantees
                for r in g.remedies if isinstance(r, aftersales.Refund) and r.advance}
    return sum((Decimal(entry["amount"]) for entry in on_this_order(case)
                if entry["kind"] == "refund" and entry["guarantee"] not in advances), Decimal(0))


def new_refunds(decision: Decision) -> Decimal:
    return sum((r.amount for r in decision.remedies
                if r.kind is RemedyKind.REFUND and not r.advance and r.amount is not None),
               Decimal(0))


@given(cases())
def test_the_same_case_always_gets_the_same_decision(case: dict[str, Any]) -> None:
    assert evaluate(case) == evaluate(copy.deepcopy(case))


@given(cases())
def test_refunds_never_exceed_what_was_paid(case: dict[str, Any]) -> None:
    decision = evaluate(case)
    assert new_refunds(decision) <= max(total_paid(case) - refunded_before(case), Decimal(0))


@given(cases())
def test_amounts_are_positive_and_quantized_to_the_currency(case: dict[str, Any]) -> None:
    for remedy in evaluate(case).remedies:
        if remedy.amount is None:
            assert remedy.kind in aftersales.ACTIONS  # only actions come without an amount
            continue
        assert remedy.amount > 0
        assert remedy.amount.as_tuple().exponent == -2
        assert remedy.amount == remedy.amount.quantize(Decimal("0.01"))


@given(cases())
def test_every_decision_has_a_consistent_status_and_reasons(case: dict[str, Any]) -> None:
    decision = evaluate(case)
    assert decision.reasons, "every decision carries at least one reason"
    assert (decision.status is Status.APPROVED) == bool(decision.remedies)
    assert (decision.status is Status.NEEDS_EVIDENCE) <= bool(decision.missing_evidence)
    for reason in decision.reasons:
        assert reason.code.split(".", 1)[0] in {"policy", reason.guarantee}


@given(cases())
def test_decisions_round_trip_through_json(case: dict[str, Any]) -> None:
    decision = evaluate(case)
    assert Decision.model_validate_json(decision.to_json()) == decision


@given(cases(), st.data())
def test_filing_later_never_helps(case: dict[str, Any], data: st.DataObject) -> None:
    claim = case.get("claim")
    if claim is None or claim["kind"] == "late_shipment":
        return
    order = case["order"]
    opens_at = order["delivered_at"] if claim["kind"] != "price_match" else order["paid_at"]
    if opens_at is None or claim["filed_at"] < opens_at:
        return
    as_of = datetime.fromisoformat(case["as_of"])
    filed = datetime.fromisoformat(claim["filed_at"])
    later = filed + timedelta(seconds=data.draw(st.integers(0, 200 * 86400)))
    claim.pop("return_received_at", None)  # must not precede the later filing
    later_case = copy.deepcopy(case)
    later_case["claim"]["filed_at"] = later.isoformat()
    later_case["as_of"] = max(as_of, later).isoformat()
    early, late = evaluate(case), evaluate(later_case)
    if late.status is Status.APPROVED:
        assert early.status is Status.APPROVED
        assert late.total() <= early.total()
    if early.status is Status.DENIED:
        assert late.status is Status.DENIED


@given(cases(with_claim=False), st.integers(min_value=0, max_value=10 * 86400))
def test_shipping_later_never_lowers_late_ship_compensation(case: dict[str, Any],
                                                            delay: int) -> None:
    order = case["order"]
    if order["shipped_at"] is None:
        return
    later = copy.deepcopy(case)
    shipped = datetime.fromisoformat(order["shipped_at"]) + timedelta(seconds=delay)
    later["order"]["shipped_at"] = shipped.isoformat()
    if order["delivered_at"] is not None:
        delivered = max(datetime.fromisoformat(order["delivered_at"]), shipped)
        later["order"]["delivered_at"] = delivered.isoformat()
        shipped = delivered
    later["as_of"] = max(datetime.fromisoformat(case["as_of"]), shipped).isoformat()
    assert evaluate(later).total("coupon") >= evaluate(case).total("coupon")


policies = st.builds(
    lambda late, spoil, allergy, price: Policy(
        id="generated", version="1",
        guarantees=(late, spoil, allergy, price)),
    st.builds(aftersales.late_shipment,
              minimum=st.sampled_from(["0.00", "3.00", "9.99"]),
              cap=st.sampled_from(["10.00", "30.00", "99.99"]),
              grace_hours=st.integers(0, 48)),
    st.builds(aftersales.spoilage, window_hours=st.integers(1, 240),
              categories=st.sampled_from([("fresh",), ("fresh", "pantry.grain_oil")])),
    st.builds(aftersales.allergy, window_days=st.integers(1, 365)),
    st.builds(aftersales.price_match, window_days=st.integers(1, 30),
              multiplier=st.sampled_from(["1", "2", "1.5"])),
)


@given(policies)
def test_policies_round_trip_through_json(policy: Policy) -> None:
    assert Policy.model_validate_json(policy.model_dump_json()) == policy
    assert Policy.parse(policy.to_dict()) == policy


@given(policies, cases())
def test_generated_policies_never_refund_more_than_was_paid(policy: Policy,
                                                            case: dict[str, Any]) -> None:
    decision = evaluate(case, policy)
    assert new_refunds(decision) <= max(total_paid(case) - refunded_before(case, policy),
                                        Decimal(0))


@given(cases())
def test_every_reason_code_is_one_the_policy_declares(case: dict[str, Any]) -> None:
    declared = set(aftersales.standard_policy().reason_codes())
    assert set(evaluate(case).codes) <= declared
