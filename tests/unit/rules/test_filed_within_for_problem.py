"""`filed_within_for_problem`: the window of the claim's problem type, from an event, plus the
line's ripening period when the window says so."""

from typing import Any

from aftersales import FiledWithinForProblem, ProblemWindow
from tests.builders import claim_case
from tests.unit.rules.running import check

# The spoilage case: delivered 2025-08-24 15:00.
WINDOWS = FiledWithinForProblem(windows=(
    ProblemWindow(problems=("thawed",), categories=("fresh.seafood",), window_hours=12),
    ProblemWindow(problems=("thawed",), window_hours=24),
    ProblemWindow(problems=("ripening_rot",), window_hours=48, plus_ripening=True),
))


def filed(at: str, problem: str, **line: Any) -> dict[str, Any]:
    lines = [{"id": "l1", "sku": "a", "category": "fresh.produce", "tags": [], "quantity": 2,
              "paid_amount": "79.80", **line}]
    return claim_case("spoilage", order={"lines": lines},
                      claim={"filed_at": f"2025-08-{at}+08:00", "problem": problem})


def test_at_the_windows_end_it_holds() -> None:
    assert check(WINDOWS, filed("25T15:00:00", "thawed")).code == "filed_in_time_for_problem"


def test_just_after_the_windows_end_it_fails() -> None:
    outcome = check(WINDOWS, filed("25T15:00:00.000001", "thawed"))
    assert (outcome.lines, outcome.code) == (0, "filed_too_late_for_problem")


def test_the_first_window_for_the_lines_category_applies() -> None:
    assert not check(WINDOWS, filed("25T09:00:00", "thawed", category="fresh.seafood")).lines


def test_a_ripening_window_runs_from_the_event_plus_the_period() -> None:
    assert check(WINDOWS, filed("31T15:00:00", "ripening_rot", ripening_days=5)).lines
    assert not check(WINDOWS, filed("31T15:00:00.000001", "ripening_rot",
                                    ripening_days=5)).lines


def test_a_ripening_window_without_the_period_cannot_be_judged() -> None:
    assert check(WINDOWS, filed("25T09:00:00", "ripening_rot")).code == \
        "ripening_period_missing"


def test_a_problem_without_a_window_fails() -> None:
    assert check(WINDOWS, filed("25T09:00:00", "rotten")).code == "no_window_for_problem"


def test_a_claim_naming_no_problem_fails() -> None:
    assert check(WINDOWS, claim_case("spoilage")).code == "problem_missing"
