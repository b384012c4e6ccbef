"""`not_granted_before`: no remedy of a guarantee was granted before on this order or line."""

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

__all__ = ["NotGrantedBefore"]


class NotGrantedBefore(Condition):
    """No remedy of `guarantee` (default: the guarantee being evaluated) was granted before
    on this order (`per="order"`) or on the line (`per="line"`)."""

    kind: Literal["not_granted_before"] = "not_granted_before"
    OUTCOMES: ClassVar[Outcomes] = {
        "not_granted_before": OutcomeSpec(True, ("guarantee", "per", "granted_before")),
        "already_granted": OutcomeSpec(False, ("guarantee", "per", "granted_before")),
    }
    guarantee: str | None = None
    per: Literal["order", "line"] = "order"

    def compile(self, build: Build) -> Check:
        own, per = self.guarantee, self.per

        def check(view: CaseView, lines: int) -> Outcome:
            guarantee = own or view.guarantee
            granted = [entry for entry in view.order_history if entry.guarantee == guarantee]
            facts: dict[str, object] = {"guarantee": guarantee, "per": per,
                                        "granted_before": len(granted)}
            if not granted:
                return Outcome(lines, "not_granted_before", facts)
            if per == "order" or any(not entry.line_ids for entry in granted):
                return Outcome(0, "already_granted", facts)  # (or on the whole order)
            granted_ids = {line_id for entry in granted for line_id in entry.line_ids}
            held = 0
            for index, line in view.lines_in(lines):
                if line.id not in granted_ids:
                    held |= 1 << index
            facts["granted_lines"] = tuple(sorted(granted_ids))
            return Outcome(held, "not_granted_before" if held == lines else "already_granted",
                           facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import MAX_HISTORY, ColumnarCheck

        own = self.guarantee or build.guarantee
        granted = [build.col(f"h{j}_on_order") & (build.col(f"h{j}_guarantee") == own)
                   for j in range(MAX_HISTORY)]
        never = ~pl.any_horizontal(*granted)
        code = pl.lit("already_granted")
        if self.per == "order":
            return ColumnarCheck(lambda slot: never, code)
        whole = pl.any_horizontal(*(
            entry & (build.col(f"h{j}_line_ids").list.len() == 0)
            for j, entry in enumerate(granted)))

        def holds(slot: int) -> pl.Expr:
            line = build.line(slot, "id")
            on_line = pl.any_horizontal(*(
                entry & build.col(f"h{j}_line_ids").list.contains(line)
                for j, entry in enumerate(granted)))
            return ~whole & ~on_line

        return ColumnarCheck(holds, code)

    def needs(self, seed: Seed) -> None:
        pass  # a plain case has no history: nothing was granted before

    def lint_facts(self) -> LintFacts:
        if self.guarantee is not None:
            return LintFacts()
        return LintFacts(about_itself=True, kept_by_group=self.per)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # what was granted was granted

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())


    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated) if negated else []  # the law returns a line once
