"""Invariants of stacking: the order of a policy's guarantees never matters, refunds plus
compensation stay within what the law and the policy allow, allocations sum exactly, and
exclusive guarantees never both pay."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import aftersales
from aftersales import Decision, Policy, RemedyKind, Stacking, allocate, evaluate
from aftersales.amounts import Multiple
from aftersales.guarantees import STANDARD_STACKING
from tests.property.strategies import cases
from tests.property.test_properties import new_refunds, on_this_order, refunded_before, total_paid

STANDARD = aftersales.standard_policy()


def reordered(policy: Policy, order: list[int], priority: tuple[str, ...] | None = None) -> Policy:
    guarantees = tuple(policy.guarantees[index] for index in order)
    stacking = policy.stacking if priority is None else policy.stacking.model_copy(
        update={"priority": priority})
    return Policy(id=policy.id, version=policy.version, guarantees=guarantees, stacking=stacking)


@given(cases(), st.permutations(range(len(STANDARD.guarantees))))
def test_the_order_of_the_guarantees_never_changes_the_decision(case: dict[str, Any],
                                                                order: list[int]) -> None:
    assert evaluate(case, reordered(STANDARD, order)) == evaluate(case)


catalogue_policies = st.builds(
    lambda guarantees, priority: Policy(
        id="generated", version="1", guarantees=guarantees,
        stacking=Stacking(priority=priority, exclusive=STANDARD_STACKING.exclusive)),
    st.tuples(
        st.builds(aftersales.late_shipment, grace_hours=st.integers(0, 48)),
        st.builds(aftersales.spoilage, window_hours=st.integers(1, 240)),
        st.builds(aftersales.allergy, window_days=st.integers(1, 365)),
        st.builds(aftersales.price_match, multiplier=st.sampled_from(["1", "2"])),
        st.builds(aftersales.no_reason_return, window_days=st.integers(7, 30)),
        st.builds(aftersales.return_shipping_insurance),
        st.builds(aftersales.large_item_pickup),
        st.builds(aftersales.intercept_refund, limit=st.sampled_from(["0.00", "2000.00"])),
        st.builds(aftersales.instant_refund_on_return),
        st.builds(aftersales.pre_shipment_refund),
        st.builds(aftersales.proactive_refund, days_after_promise=st.integers(0, 10)),
        st.builds(aftersales.counterfeit, multiplier=st.sampled_from(["3", "4", "10"])),
        st.builds(aftersales.unsafe_food, minimum=st.sampled_from(["0.00", "1000.00"])),
        st.builds(aftersales.remote_area_shipping),
        st.builds(aftersales.damage_reship, window_hours=st.integers(1, 96)),
    ),
    st.permutations([g.id for g in STANDARD.guarantees]).map(tuple),
)


def allowed_compensation(decision: Decision, case: dict[str, Any], policy: Policy) -> Decimal:
    """What the compensation formulas allow on the lines compensated: max(multiple × the
    claimed amount, minimum) per compensating guarantee."""
    claimed = {line["line_id"]: line["quantity"] for line in case["claim"]["lines"]} \
        if case.get("claim") and case["claim"].get("lines") else None
    allowed = Decimal(0)
    for remedy in decision.remedies:
        if remedy.kind is not RemedyKind.COMPENSATION:
            continue
        formula = next(r.amount for r in policy.guarantee(remedy.guarantee).remedies
                       if r.kind == "compensation")
        assert isinstance(formula, Multiple)
        base = Decimal(0)
        for line in case["order"]["lines"]:
            if line["id"] in remedy.line_ids:
                k = line["quantity"] if claimed is None else claimed[line["id"]]
                base += Decimal(line["paid_amount"]) * k / line["quantity"]
        allowed += max(base * formula.multiplier, formula.minimum).quantize(
            Decimal("0.01"), rounding="ROUND_HALF_UP")
    return allowed


@given(catalogue_policies, cases())
def test_no_decision_pays_more_than_the_order_total_plus_allowed_compensation(
        policy: Policy, case: dict[str, Any]) -> None:
    decision = evaluate(case, policy)
    left = max(total_paid(case) - refunded_before(case, policy), Decimal(0))
    paid = new_refunds(decision) + decision.total(RemedyKind.COMPENSATION)
    assert paid <= left + allowed_compensation(decision, case, policy)


@given(catalogue_policies, cases(), st.randoms(use_true_random=False))
def test_generated_policies_decide_the_same_in_any_guarantee_order(
        policy: Policy, case: dict[str, Any], random: Any) -> None:
    order = list(range(len(policy.guarantees)))
    random.shuffle(order)
    assert evaluate(case, reordered(policy, order)) == evaluate(case, policy)


@given(catalogue_policies, cases())
def test_allocations_sum_exactly_to_each_remedy(policy: Policy, case: dict[str, Any]) -> None:
    for remedy in evaluate(case, policy).remedies:
        if remedy.amount is None:
            assert remedy.allocation == {}
            continue
        assert list(remedy.allocation) == list(remedy.line_ids)
        assert sum(remedy.allocation.values(), Decimal(0)) == remedy.amount
        for part in remedy.allocation.values():
            assert part >= 0
            assert part == part.quantize(Decimal("0.01"))


@given(st.lists(st.integers(0, 10**6).map(lambda n: Decimal(n) / 1000), min_size=1,
                max_size=8),
       st.integers(0, 10**7))
def test_allocate_sums_exactly_and_never_strays_a_unit_from_the_share(
        weights: list[Decimal], fen: int) -> None:
    total = Decimal(fen) / 100
    parts = allocate(total, weights, Decimal("0.01"))
    assert sum(parts, Decimal(0)) == total
    weight_sum = sum(weights, Decimal(0)) or Decimal(len(weights))
    for part, weight in zip(parts, weights, strict=True):
        share = total * (weight if sum(weights) else Decimal(1)) / weight_sum
        assert abs(part - share) < Decimal("0.01")


@given(catalogue_policies, cases())
def test_exclusive_guarantees_never_both_pay(policy: Policy, case: dict[str, Any]) -> None:
    decision = evaluate(case, policy)
    all_lines = [line["id"] for line in case["order"]["lines"]]
    for group in policy.stacking.exclusive:
        members = set(group.guarantees)
        paid_on: dict[str, set[str]] = {}
        for entry in on_this_order(case):
            if entry["guarantee"] in members:
                lines = set(all_lines if group.per == "order" or not entry["line_ids"]
                            else entry["line_ids"])
                paid_on.setdefault(entry["guarantee"], set()).update(lines)
        now: dict[str, set[str]] = {}
        for remedy in decision.remedies:
            if remedy.guarantee in members:
                lines = set(all_lines if group.per == "order" else remedy.line_ids)
                now.setdefault(remedy.guarantee, set()).update(lines)
        for gid, lines in now.items():
            for other, other_lines in {**paid_on, **now}.items():
                if other != gid:
                    assert not lines & other_lines, (gid, other, decision.explain())

