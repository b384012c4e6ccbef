"""`shipped_late_on_clock`: late against a ship-by clock (the ship-by time a promise type or a
calendar gives, `rules.clock`), by more than `more_than_hours` when given: shipped strictly
after it, or not shipped and `as_of` past it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Final, Literal

from ...model.fields import GraceHours
from ..clock import ShipByClock
from ..edits import TICK, at_instant, decidable_at, decide_at, event_at
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

__all__ = ["ShippedLateOnClock"]

_FACTS: Final = ("ship_by", "ship_by_source", "shipped_at", "more_than")


class ShippedLateOnClock(Condition):
    """The order shipped more than `more_than_hours` after its ship-by time as `clock` reads
    it (0: strictly after it), or has not shipped and `as_of` is that far past it. Exactly on
    the limit is not late."""

    kind: Literal["shipped_late_on_clock"] = "shipped_late_on_clock"
    OUTCOMES: ClassVar[Outcomes] = {
        "shipped_past_ship_by": OutcomeSpec(True, (*_FACTS, "late_by")),
        "unshipped_past_ship_by": OutcomeSpec(True, (*_FACTS, "as_of")),
        "shipped_by_limit": OutcomeSpec(False, (*_FACTS, "late_by")),
        "unshipped_within_limit": OutcomeSpec(False, (*_FACTS, "as_of")),
    }
    clock: ShipByClock = ShipByClock()
    more_than_hours: GraceHours = 0

    def compile(self, build: Build) -> Check:
        clock, zone = self.clock, build.zone
        grace = timedelta(hours=self.more_than_hours)

        def check(view: CaseView, lines: int) -> Outcome:
            order = view.order
            ship_by = clock.ship_by(order, zone)
            limit = ship_by.at + grace
            shipped_at = clock.shipped_at(order)
            facts: dict[str, object] = {"ship_by": ship_by.at, "ship_by_source": ship_by.source,
                                        "shipped_at": shipped_at, "more_than": grace}
            if shipped_at is not None:
                facts["late_by"] = max(shipped_at - ship_by.at, timedelta(0))
                if shipped_at > limit:
                    return Outcome(lines, "shipped_past_ship_by", facts)
                return Outcome(0, "shipped_by_limit", facts)
            as_of = view.case.as_of
            facts["as_of"] = as_of
            if as_of > limit:
                return Outcome(lines, "unshipped_past_ship_by", facts)
            return Outcome(0, "unshipped_within_limit", facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import HOUR_MICROSECONDS, ColumnarCheck

        limit = self.clock.columnar_ship_by(build) + self.more_than_hours * HOUR_MICROSECONDS
        shipped = self.clock.columnar_shipped_at(build)
        late = pl.coalesce(shipped, build.col("as_of")) > limit  # unshipped: as of now
        code = pl.when(shipped.is_not_null()).then(pl.lit("shipped_by_limit")).otherwise(
            pl.lit("unshipped_within_limit"))
        return ColumnarCheck(lambda slot: late, code)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return ship_flip(step, "ship_by")

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        order = env.seed["order"]
        promised = at_instant(order["promised_ship_by"])
        if promised is None or order.get("promise_type") or self.clock.calendars:
            return  # the clock's own boundaries are in its scenario tables
        limit = promised + timedelta(hours=self.more_than_hours)
        text = f"shipped_late_on_clock after {limit.isoformat()}"
        if order["shipped_at"] is None:
            if not decidable_at(env.seed, limit):
                return
            yield Boundary(text, "outside", decide_at(limit))
            yield Boundary(text, "inside", decide_at(limit + TICK))
            return
        yield Boundary(text, "outside", event_at("shipped_at", limit))
        yield Boundary(text, "inside", event_at("shipped_at", limit + TICK))

    def needs(self, seed: Seed) -> None:
        if self.more_than_hours:
            if seed.unshipped_hours is None:
                seed.unshipped_hours = self.more_than_hours
        elif seed.grace_hours is None:
            seed.grace_hours = 0

    def lint_facts(self) -> LintFacts:
        return LintFacts(needs_late_shipment=True)

    def bounds(self) -> Iterator[Bound]:
        if self.more_than_hours > MAX_WINDOW_HOURS:
            yield beyond("more_than_hours", f"late by more than {self.more_than_hours} hours",
                         f"{MAX_WINDOW_HOURS} hours")

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)
