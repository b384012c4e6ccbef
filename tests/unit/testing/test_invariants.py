"""Invariants: each holds for the standard policy, and the broken policies in
examples/broken/ are caught with a minimal counterexample."""

from __future__ import annotations

from pathlib import Path

import pytest

import aftersales
from aftersales import Policy, evaluate
from aftersales.testing import invariants

BROKEN = Path(__file__).parents[3] / "examples" / "broken"


def broken(name: str) -> Policy:
    return Policy.parse((BROKEN / f"{name}.json").read_text(encoding="utf-8"))


def test_every_invariant_is_named_and_described() -> None:
    names = [inv.name for inv in invariants.INVARIANTS]
    assert len(set(names)) == len(names)
    assert all(getattr(invariants, inv.name) is inv for inv in invariants.INVARIANTS)
    assert all(inv.description.endswith(".") for inv in invariants.INVARIANTS)


def test_an_invariant_is_one_line_in_a_users_test() -> None:
    invariants.deterministic.verify(aftersales.standard_policy(), max_examples=20)


def test_a_tier_table_that_pays_more_than_the_order_is_caught_with_a_small_case() -> None:
    policy = broken("overpaying-tiers")
    failure = invariants.never_pays_more_than_allowed.find_failure(policy, max_examples=50)
    assert failure is not None
    assert "exceed what is left of the order's total" in failure.message
    assert len(failure.case.order.lines) == 1
    assert evaluate(failure.case, policy).total("refund") > failure.case.order.total_paid


def test_a_window_that_lets_later_filing_win_is_caught() -> None:
    policy = broken("later-filing-wins")
    with pytest.raises(invariants.InvariantError, match="filing_later_never_helps") as caught:
        invariants.filing_later_never_helps.verify(policy, max_examples=50)
    assert "counterexample: {" in str(caught.value)


def test_verify_all_lists_only_the_invariants_that_fail() -> None:
    failures = invariants.verify_all(broken("overpaying-tiers"), max_examples=30)
    assert [f.invariant for f in failures] == ["never_pays_more_than_allowed"]


def test_a_seed_makes_the_search_reproducible() -> None:
    policy = broken("overpaying-tiers")
    first = invariants.never_pays_more_than_allowed.find_failure(policy, seed=7,
                                                                  with_edge_cases=False)
    again = invariants.never_pays_more_than_allowed.find_failure(policy, seed=7,
                                                                  with_edge_cases=False)
    assert first is not None
    assert again is not None
    assert first.case == again.case


def test_checking_one_case_raises_an_assertion_error_that_says_why() -> None:
    policy = broken("overpaying-tiers")
    failure = invariants.never_pays_more_than_allowed.find_failure(policy, max_examples=30)
    assert failure is not None
    with pytest.raises(AssertionError, match="refunds of"):
        invariants.never_pays_more_than_allowed(policy, failure.case)


def test_invariants_hold_whatever_decimal_context_the_caller_set() -> None:
    import decimal

    with decimal.localcontext(decimal.Context(prec=3)):
        for invariant in invariants.INVARIANTS:
            invariant.verify(aftersales.standard_policy(), max_examples=5)
