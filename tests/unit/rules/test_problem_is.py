"""`problem_is`: the claim names one of some problem types."""

from aftersales import ProblemIs
from tests.builders import claim_case
from tests.unit.rules.running import check

ROT = ProblemIs(problems=("rotten", "damaged"))


def test_a_listed_problem_holds_on_every_line() -> None:
    outcome = check(ROT, claim_case("spoilage", claim={"problem": "damaged"}))
    assert (outcome.lines, outcome.code) == (0b1, "problem_listed")


def test_a_problem_not_listed_fails() -> None:
    outcome = check(ROT, claim_case("spoilage", claim={"problem": "variety_mismatch"}))
    assert (outcome.lines, outcome.code) == (0, "problem_not_listed")
    assert outcome.facts["problem"] == "variety_mismatch"


def test_a_claim_naming_no_problem_fails_as_missing() -> None:
    assert check(ROT, claim_case("spoilage")).code == "problem_missing"


def test_a_narrower_list_implies_a_wider_one() -> None:
    assert ProblemIs(problems=("rotten",)).implies(ROT)
    assert not ROT.implies(ProblemIs(problems=("rotten",)))
