"""`problem_in`: the problem the platform established with a claimed line is one listed."""

from __future__ import annotations

from typing import Any

from aftersales import ProblemIn
from tests.builders import case_dict
from tests.unit.rules.running import check

RULE = ProblemIn(problems=("material_mismatch", "brand_mismatch"))
TWO_LINES = [
    {"id": "l1", "sku": "shirt", "category": "apparel", "quantity": 1, "paid_amount": "100.00"},
    {"id": "l2", "sku": "skirt", "category": "apparel", "quantity": 1, "paid_amount": "100.00"},
]


def claim(**fields: Any) -> dict[str, Any]:
    return case_dict(order={"lines": TWO_LINES}, claim={
        "kind": "not_as_described", "filed_at": "2025-08-25T09:00:00+08:00", **fields})


def test_the_claims_problem_holds_on_every_claimed_line() -> None:
    outcome = check(RULE, claim(problem="brand_mismatch"))
    assert (outcome.lines, outcome.code) == (0b11, "problem_in")


def test_a_claim_lines_own_problem_holds_on_that_line_only() -> None:
    outcome = check(RULE, claim(lines=[
        {"line_id": "l1", "quantity": 1, "problem": "material_mismatch"},
        {"line_id": "l2", "quantity": 1}]))
    assert (outcome.lines, outcome.code) == (0b01, "problem_not_in")
    assert outcome.facts["lines"] == ("l1",)


def test_a_claim_lines_problem_overrides_the_claims() -> None:
    outcome = check(RULE, claim(problem="material_mismatch", lines=[
        {"line_id": "l1", "quantity": 1, "problem": "minor_flaw"},
        {"line_id": "l2", "quantity": 1}]))
    assert outcome.lines == 0b10


def test_a_problem_not_listed_does_not_hold() -> None:
    assert check(RULE, claim(problem="minor_flaw")).lines == 0


def test_without_an_established_problem_it_does_not_hold() -> None:
    assert check(RULE, claim()).code == "problem_not_in"
    assert check(RULE, case_dict()).lines == 0


def test_a_narrower_list_implies_a_wider_one() -> None:
    assert ProblemIn(problems=("brand_mismatch",)).implies(RULE)
    assert not RULE.implies(ProblemIn(problems=("brand_mismatch",)))
