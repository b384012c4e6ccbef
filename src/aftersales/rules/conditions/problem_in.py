"""`problem_in`: the problem established with a claimed line is one of some problems (e.g.
`material_mismatch`, `brand_mismatch`)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import Field

from ..outcome import Check, Outcome
from ..protocol import (
    Bound,
    Boundary,
    BoundaryEnv,
    Build,
    Condition,
    Edit,
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
    import polars as pl

    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["ProblemIn"]


class ProblemIn(Condition):
    """The problem established with the line (its claim line's `problem`, else the claim's)
    is one of `problems`. A line whose problem is not established does not meet it."""

    kind: Literal["problem_in"] = "problem_in"
    OUTCOMES: ClassVar[Outcomes] = {
        "problem_in": OutcomeSpec(True, ("problems", "lines")),
        "problem_not_in": OutcomeSpec(False, ("problems", "lines")),
    }
    problems: Annotated[tuple[str, ...], Field(min_length=1)]

    def compile(self, build: Build) -> Check:
        problems = frozenset(self.problems)
        listed = self.problems

        def check(view: CaseView, lines: int) -> Outcome:
            claim = view.claim
            held = 0
            if claim is not None:
                own = {line.line_id: line.problem for line in claim.lines or ()}
                for index, line in view.lines_in(lines):
                    problem = own.get(line.id) or claim.problem
                    if problem in problems:
                        held |= 1 << index
            return Outcome(held, "problem_in" if held == lines else "problem_not_in",
                           {"problems": listed, "lines": view.line_ids(held)})

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        """Per line slot: its claim line's problem (a non-empty one), else the claim's."""
        import polars as pl

        from ..columnar import MAX_LINES, ColumnarCheck

        problems = list(self.problems)

        def holds(slot: int) -> pl.Expr:
            own = pl.coalesce(*(
                pl.when((build.col(f"c{j}_line_id") == build.line(slot, "id"))
                        & (build.col(f"c{j}_problem") != "")).then(build.col(f"c{j}_problem"))
                for j in range(MAX_LINES)))
            return pl.coalesce(own, build.col("problem")).is_in(problems).fill_null(False)

        return ColumnarCheck(holds, pl.lit("problem_not_in"))

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # the problem is what the platform found: no nearby change moves it

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        if "claim" not in env.seed:
            return
        text = f"problem_in {', '.join(self.problems)}"
        yield Boundary(text, "inside", _problem(self.problems[0]))
        yield Boundary(text, "outside", _problem(None))

    def needs(self, seed: Seed) -> None:
        seed.problem = seed.problem or self.problems[0]

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        if isinstance(other, ProblemIn):  # a problem among ours is among any superset's
            return set(self.problems) <= set(other.problems)
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)


def _problem(problem: str | None) -> Edit:
    """The claim's problem set to `problem` (None: none established)."""
    def edit(case: dict[str, Any]) -> None:
        case["claim"]["problem"] = problem
    return Edit("claim.problem", problem, edit)
