"""The library's invariants, checked with the testing kit it ships (`aftersales.testing`): the
standard policy and generated policies keep every named invariant, over generated cases aimed
at their guarantees and every edge case."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aftersales import Case, Policy, allocate, evaluate, standard_policy
from aftersales.testing import invariants
from aftersales.testing.strategies import cases, policies

settings.register_profile("ci", max_examples=150, deadline=None)
settings.load_profile("ci")

STANDARD = standard_policy()


@pytest.mark.parametrize("invariant", invariants.INVARIANTS, ids=lambda inv: inv.name)
def test_the_standard_policy_keeps_every_invariant(invariant: invariants.Invariant) -> None:
    invariant.verify(STANDARD, max_examples=150)


@given(policies(), st.data())
def test_generated_policies_keep_every_invariant(policy: Policy, data: st.DataObject) -> None:
    case = data.draw(cases(policy=policy))
    for invariant in invariants.INVARIANTS:
        invariant(policy, case)


@given(cases(), st.permutations(range(len(STANDARD.guarantees))))
def test_no_order_of_the_guarantees_changes_a_decision(case: Case, order: list[int]) -> None:
    shuffled = STANDARD.model_copy(update={
        "guarantees": tuple(STANDARD.guarantees[index] for index in order)})
    assert evaluate(case, shuffled) == evaluate(case, STANDARD)


@given(policies())
def test_policies_round_trip_through_json(policy: Policy) -> None:
    assert Policy.model_validate_json(policy.model_dump_json()) == policy
    assert Policy.parse(policy.to_dict()) == policy


@given(cases())
def test_every_reason_code_is_one_the_policy_declares(case: Case) -> None:
    assert set(evaluate(case).codes) <= set(STANDARD.reason_codes())


@given(st.lists(st.integers(0, 10**6).map(lambda n: Decimal(n) / 1000), min_size=1,
                max_size=8),
       st.integers(0, 10**7))
def test_allocate_sums_exactly_and_never_strays_a_unit_from_the_share(
        weights: list[Decimal], fen: int) -> None:
    total = Decimal(fen) / 100
    parts = allocate(total, weights, Decimal("0.01"))
    assert sum(parts, Decimal(0)) == total
    weight_sum = sum(weights, Decimal(0))
    for part, weight in zip(parts, weights, strict=True):
        share = total * weight / weight_sum if weight_sum else total / len(weights)
        assert abs(part - share) < Decimal("0.01")
