"""`order_total_at_most`: a threshold on what the order was paid."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING, ClassVar, Literal

from ...model.fields import PolicyAmount
from ...model.money import EXACT
from ..edits import pay
from ..flips import total_flip
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

__all__ = ["OrderTotalAtMost"]


class OrderTotalAtMost(Condition):
    """The order's total paid is at most `amount` (a limit such as a fast-refund ceiling)."""

    kind: Literal["order_total_at_most"] = "order_total_at_most"
    OUTCOMES: ClassVar[Outcomes] = {
        "within_limit": OutcomeSpec(True, ("order_total", "limit")),
        "above_limit": OutcomeSpec(False, ("order_total", "limit")),
    }
    amount: PolicyAmount

    def compile(self, build: Build) -> Check:
        amount = self.amount

        def check(view: CaseView, lines: int) -> Outcome:
            total = view.total_paid
            facts = {"order_total": total, "limit": amount}
            if total <= amount:
                return Outcome(lines, "within_limit", facts)
            return Outcome(0, "above_limit", facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import ColumnarCheck

        limit = build.minor(self.amount)
        if limit is None:
            return None
        within = build.col("total") <= limit
        return ColumnarCheck(lambda slot: within, pl.lit("above_limit"))

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        threshold = step.facts.get("limit")
        if step.passed or not isinstance(threshold, Decimal):
            return None
        target = threshold.quantize(unit, ROUND_FLOOR, context=EXACT)
        return total_flip(case, "order_total_at_most", target)

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        text = f"{self.kind} {self.amount}"
        yield Boundary(text, "inside", pay(self.amount))
        yield Boundary(text, "outside", pay(self.amount + env.unit))

    def needs(self, seed: Seed) -> None:
        if seed.at_most is None:
            seed.at_most = self.amount

    def lint_facts(self) -> LintFacts:
        return LintFacts(limit=self.amount)




    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self)
