"""`insured`: the order carries return-shipping insurance."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Literal

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

__all__ = ["Insured"]


class Insured(Condition):
    """The order carries return-shipping insurance (`order.insured`)."""

    kind: Literal["insured"] = "insured"
    OUTCOMES: ClassVar[Outcomes] = {
        "insured": OutcomeSpec(True, ()),
        "not_insured": OutcomeSpec(False, ()),
    }

    def compile(self, build: Build) -> Check:
        def check(view: CaseView, lines: int) -> Outcome:
            if view.order.insured:
                return Outcome(lines, "insured", {})
            return Outcome(0, "not_insured", {})

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import ColumnarCheck

        insured = build.col("insured")
        return ColumnarCheck(lambda slot: insured, pl.lit("not_insured"))

    def needs(self, seed: Seed) -> None:
        seed.insured = True

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # insurance is bought with the order, not added to a claim

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self)
