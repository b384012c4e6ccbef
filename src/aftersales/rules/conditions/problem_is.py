"""`problem_is`: the claim names one of some problem types (`rotten`, `price_drop`, ...)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from ..outcome import Check, Outcome
from ..protocol import (
    Bound,
    Boundary,
    BoundaryEnv,
    Build,
    Condition,
    FilingBound,
    Flip,
    LintFacts,
    Outcomes,
    OutcomeSpec,
    Seed,
    restricts,
    same_check,
)
from ..view import CaseView

if TYPE_CHECKING:

    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["ProblemIs"]


class ProblemIs(Condition):
    """The claim's `problem` is one of `problems`: a guarantee answering only some kinds of
    trouble (spoilage but not a wrong variety), or two guarantees on one claim kind kept
    apart (a later price drop, a lower price elsewhere)."""

    kind: Literal["problem_is"] = "problem_is"
    OUTCOMES: ClassVar[Outcomes] = {
        "problem_listed": OutcomeSpec(True, ("problem", "problems")),
        "problem_not_listed": OutcomeSpec(False, ("problem", "problems")),
        "problem_missing": OutcomeSpec(False, ("problems",)),
    }
    problems: Annotated[tuple[Annotated[str, Field(min_length=1, max_length=200)], ...],
                        Field(min_length=1)]

    def compile(self, build: Build) -> Check:
        problems = self.problems

        def check(view: CaseView, lines: int) -> Outcome:
            claim = view.claim
            problem = claim.problem if claim is not None else None
            if problem is None:
                return Outcome(0, "problem_missing", {"problems": problems})
            facts = {"problem": problem, "problems": problems}
            if problem in problems:
                return Outcome(lines, "problem_listed", facts)
            return Outcome(0, "problem_not_listed", facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import ColumnarCheck

        problem = build.col("problem")
        listed = problem.is_in(list(self.problems)).fill_null(False)
        return ColumnarCheck(lambda slot: listed, pl.when(problem.is_null()).then(
            pl.lit("problem_missing")).otherwise(pl.lit("problem_not_listed")))

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # the problem is what happened to the goods, not a fact to move

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())

    def needs(self, seed: Seed) -> None:
        seed.claim_facts.setdefault("problem", self.problems[0])

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        if isinstance(other, ProblemIs):
            return set(self.problems) <= set(other.problems)
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)
