"""`order_total_above`: a threshold on what the order was paid."""

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

__all__ = ["OrderTotalAbove"]


class OrderTotalAbove(Condition):
    """The order's total paid is strictly above `amount` (a minimum for a payout)."""

    kind: Literal["order_total_above"] = "order_total_above"
    OUTCOMES: ClassVar[Outcomes] = {
        "above_minimum": OutcomeSpec(True, ("order_total", "minimum")),
        "below_minimum": OutcomeSpec(False, ("order_total", "minimum")),
    }
    amount: PolicyAmount

    def compile(self, build: Build) -> Check:
        amount = self.amount

        def check(view: CaseView, lines: int) -> Outcome:
            total = view.total_paid
            facts = {"order_total": total, "minimum": amount}
            if total > amount:
                return Outcome(lines, "above_minimum", facts)
            return Outcome(0, "below_minimum", facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import ColumnarCheck

        minimum = build.minor(self.amount)
        if minimum is None:
            return None
        above = build.col("total") > minimum
        return ColumnarCheck(lambda slot: above, pl.lit("below_minimum"))

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        threshold = step.facts.get("minimum")
        if step.passed or not isinstance(threshold, Decimal):
            return None
        target = threshold.quantize(unit, ROUND_FLOOR, context=EXACT) + unit
        return total_flip(case, "order_total_at_least", target)

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        text = f"{self.kind} {self.amount}"
        yield Boundary(text, "outside", pay(self.amount))
        yield Boundary(text, "inside", pay(self.amount + env.unit))

    def needs(self, seed: Seed) -> None:
        if seed.above is None:
            seed.above = self.amount

    def lint_facts(self) -> LintFacts:
        return LintFacts(minimum=self.amount)




    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self)
