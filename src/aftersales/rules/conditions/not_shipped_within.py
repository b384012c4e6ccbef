"""`not_shipped_within`: still not shipped at `as_of`, more than N hours after the promised
ship time (a merchant who will not ship)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Final, Literal

from ...model.fields import GraceHours
from ...model.time import hour_window_deadline
from ..edits import TICK, at_instant, decide_at
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
    beyond,
    restricts,
    same_check,
)
from ..sensible import MAX_WINDOW_HOURS
from ..view import CaseView
from ._ship_flip import ship_flip

if TYPE_CHECKING:
    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["NotShippedWithin"]

_FACTS: Final = ("promised_ship_by", "limit", "as_of")


class NotShippedWithin(Condition):
    """The order has still not shipped at `as_of`, more than `hours_after_promise` after the
    promised ship time (a merchant who will not ship)."""

    kind: Literal["not_shipped_within"] = "not_shipped_within"
    OUTCOMES: ClassVar[Outcomes] = {
        "unshipped_past_grace": OutcomeSpec(True, _FACTS),
        "shipped": OutcomeSpec(False, (*_FACTS, "shipped_at")),
        "within_grace": OutcomeSpec(False, _FACTS),
    }
    hours_after_promise: GraceHours = 72

    def compile(self, build: Build) -> Check:
        hours = self.hours_after_promise

        def check(view: CaseView, lines: int) -> Outcome:
            order = view.order
            limit = hour_window_deadline(order.promised_ship_by, hours)
            as_of = view.case.as_of
            facts: dict[str, object] = {"promised_ship_by": order.promised_ship_by,
                                        "limit": limit, "as_of": as_of}
            if order.shipped_at is not None:
                return Outcome(0, "shipped", {**facts, "shipped_at": order.shipped_at})
            if as_of > limit:
                return Outcome(lines, "unshipped_past_grace", facts)
            return Outcome(0, "within_grace", facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import HOUR_MICROSECONDS, ColumnarCheck

        limit = build.col("promised_ship_by") + self.hours_after_promise * HOUR_MICROSECONDS
        shipped = build.col("shipped_at").is_not_null()
        past = ~shipped & (build.col("as_of") > limit)
        code = pl.when(shipped).then(pl.lit("shipped")).otherwise(pl.lit("within_grace"))
        return ColumnarCheck(lambda slot: past, code)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return ship_flip(step, "limit")

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        promised = at_instant(env.seed["order"]["promised_ship_by"])
        if promised is None:
            return
        limit = hour_window_deadline(promised, self.hours_after_promise)
        text = f"not_shipped_within until {limit.isoformat()}"
        yield Boundary(text, "outside", decide_at(limit))
        yield Boundary(text, "inside", decide_at(limit + TICK))

    def needs(self, seed: Seed) -> None:
        if seed.unshipped_hours is None:
            seed.unshipped_hours = self.hours_after_promise

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        if self.hours_after_promise > MAX_WINDOW_HOURS:
            yield beyond("hours_after_promise",
                        f"waiting {self.hours_after_promise} hours past the promise",
                        f"{MAX_WINDOW_HOURS} hours")

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        if not negated:
            yield FilingBound(False, "shipped_at", "not_shipped_within needs the order "
                              "unshipped when decided, after any claim", False,
                              on_filing=False)

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)
