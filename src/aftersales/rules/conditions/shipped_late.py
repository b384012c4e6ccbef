"""`shipped_late`: shipped strictly after the promise (plus a grace) is late; exactly on it is
on time; not shipped and `as_of` past it is late."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Literal

from ...model.fields import GraceHours
from ...model.time import hour_window_deadline
from ..edits import TICK, at_instant, event_at
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
from ..sensible import MAX_GRACE_HOURS
from ..view import CaseView
from ._ship_flip import ship_flip

if TYPE_CHECKING:
    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["ShippedLate"]


class ShippedLate(Condition):
    """The order shipped strictly after `promised_ship_by` (plus `grace_hours`), or has not
    shipped and `as_of` is past it."""

    kind: Literal["shipped_late"] = "shipped_late"
    OUTCOMES: ClassVar[Outcomes] = {
        "shipped_late": OutcomeSpec(True, ("promised_ship_by", "shipped_at", "late_by")),
        "unshipped_past_promise": OutcomeSpec(True, ("promised_ship_by", "shipped_at",
                                                     "as_of")),
        "shipped_on_time": OutcomeSpec(False, ("promised_ship_by", "shipped_at")),
        "not_yet_late": OutcomeSpec(False, ("promised_ship_by", "shipped_at", "as_of")),
    }
    grace_hours: GraceHours = 0

    def compile(self, build: Build) -> Check:
        grace = self.grace_hours

        def check(view: CaseView, lines: int) -> Outcome:
            order = view.order
            promise = order.promised_ship_by
            if grace:
                promise = hour_window_deadline(promise, grace)
            shipped_at = order.shipped_at
            if shipped_at is not None:
                if shipped_at > promise:
                    return Outcome(lines, "shipped_late", {
                        "promised_ship_by": promise, "shipped_at": shipped_at,
                        "late_by": shipped_at - promise})
                return Outcome(0, "shipped_on_time",
                               {"promised_ship_by": promise, "shipped_at": shipped_at})
            as_of = view.case.as_of
            facts = {"promised_ship_by": promise, "shipped_at": None, "as_of": as_of}
            if as_of > promise:
                return Outcome(lines, "unshipped_past_promise", facts)
            return Outcome(0, "not_yet_late", facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import HOUR_MICROSECONDS, ColumnarCheck

        promise = build.col("promised_ship_by") + self.grace_hours * HOUR_MICROSECONDS
        shipped = build.col("shipped_at")
        late = pl.when(shipped.is_not_null()).then(shipped > promise).otherwise(
            build.col("as_of") > promise)
        code = pl.when(shipped.is_not_null()).then(pl.lit("shipped_on_time")).otherwise(
            pl.lit("not_yet_late"))
        return ColumnarCheck(lambda slot: late, code)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return ship_flip(step, "promised_ship_by")

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        order = env.seed["order"]
        promised = at_instant(order["promised_ship_by"])
        if order["shipped_at"] is None or promised is None:
            return
        limit = hour_window_deadline(promised, self.grace_hours)
        text = f"shipped_late after {limit.isoformat()}"
        yield Boundary(text, "outside", event_at("shipped_at", limit))
        yield Boundary(text, "inside", event_at("shipped_at", limit + TICK))

    def needs(self, seed: Seed) -> None:
        if seed.grace_hours is None:
            seed.grace_hours = self.grace_hours

    def lint_facts(self) -> LintFacts:
        return LintFacts(needs_late_shipment=True)

    def bounds(self) -> Iterator[Bound]:
        if self.grace_hours > MAX_GRACE_HOURS:
            yield beyond("grace_hours", f"a late-ship grace of {self.grace_hours} hours",
                        f"{MAX_GRACE_HOURS} hours (a grace of days means late is a day "
                        "late: move promised_ship_by instead)")

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)
