"""`return_approved`: a return of the line was approved, in this decision or before."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Literal

from ...model.fields import Flag
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

__all__ = ["ReturnApproved"]


class ReturnApproved(Condition):
    """A return of the line was approved: by a guarantee checked earlier in this decision
    (`source="this_decision"`, for add-ons such as return-shipping insurance), or before,
    in the order's history (`source="history"`, for a refund paid when the return ships)."""

    kind: Literal["return_approved"] = "return_approved"
    OUTCOMES: ClassVar[Outcomes] = {
        "return_approved": OutcomeSpec(True, ("source", "lines")),
        "no_return_approved": OutcomeSpec(False, ("source", "lines")),
    }
    source: Literal["this_decision", "history"] = "this_decision"
    leg_paid_by_buyer: Flag = False
    """Only returns whose return leg the buyer bears (what return-shipping insurance
    reimburses); with `source="this_decision"` only."""

    def compile(self, build: Build) -> Check:
        in_decision, buyer_leg = self.source == "this_decision", self.leg_paid_by_buyer
        source = "the buyer bearing the return leg" if buyer_leg else self.source

        def check(view: CaseView, lines: int) -> Outcome:
            if in_decision:
                held = lines & (view.buyer_paid_returns if buyer_leg
                                else view.approved_returns)
            else:
                held = 0
                for entry in view.order_history:
                    if not entry.return_required:
                        continue
                    if not entry.line_ids:  # on the whole order
                        held = lines
                        break
                    for index, line in view.lines_in(lines):
                        if line.id in entry.line_ids:
                            held |= 1 << index
            return Outcome(held, "return_approved" if held == lines else "no_return_approved",
                           {"source": source, "lines": view.line_ids(held)})

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        """Reads the returns approved earlier in this decision, which the plan gives an
        add-on; a return approved in the history has no columnar form yet."""
        import polars as pl

        from ..columnar import ColumnarCheck

        returns = build.buyer_paid_returns if self.leg_paid_by_buyer \
            else build.approved_returns
        if self.source != "this_decision" or not returns:
            return None
        return ColumnarCheck(lambda slot: returns[slot], pl.lit("no_return_approved"))

    def needs(self, seed: Seed) -> None:
        if self.source == "history":
            seed.approved_return = True

    def lint_facts(self) -> LintFacts:
        if self.source != "this_decision":
            return LintFacts()
        return LintFacts(return_in_decision=self.leg_paid_by_buyer)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # a return is approved by a decision, not by changing this case

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())


    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self)
