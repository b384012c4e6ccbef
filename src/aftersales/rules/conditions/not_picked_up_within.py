"""`not_picked_up_within`: the carrier has no pickup scan within N hours of the tracking
number's upload (揽收超时): picked up after that, or not picked up and `as_of` past it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal

from ...model.fields import Hours
from ..edits import TICK, at_instant, decidable_at, decide_at
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
    beyond,
    restricts,
    same_check,
)
from ..sensible import MAX_WINDOW_HOURS
from ..view import CaseView

if TYPE_CHECKING:
    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["NotPickedUpWithin"]

_FACTS: Final = ("tracking_uploaded_at", "limit", "picked_up_at")


class NotPickedUpWithin(Condition):
    """The order's tracking number was uploaded (`tracking_uploaded_at`) and the carrier's
    pickup scan (`picked_up_at`) came strictly more than `hours` after it, or has not come
    and `as_of` is past that (a delivered parcel without a scan: its delivery is). A pickup
    exactly at the limit is in time."""

    kind: Literal["not_picked_up_within"] = "not_picked_up_within"
    OUTCOMES: ClassVar[Outcomes] = {
        "picked_up_late": OutcomeSpec(True, _FACTS),
        "not_picked_up": OutcomeSpec(True, (*_FACTS, "as_of")),
        "picked_up_in_time": OutcomeSpec(False, _FACTS),
        "pickup_not_yet_due": OutcomeSpec(False, (*_FACTS, "as_of")),
        "no_tracking_number": OutcomeSpec(False, ()),
    }
    hours: Hours = 24

    def compile(self, build: Build) -> Check:
        hours = timedelta(hours=self.hours)

        def check(view: CaseView, lines: int) -> Outcome:
            order = view.order
            uploaded = order.tracking_uploaded_at
            if uploaded is None:
                return Outcome(0, "no_tracking_number", {})
            limit = uploaded + hours
            picked = order.picked_up_at
            facts: dict[str, object] = {"tracking_uploaded_at": uploaded, "limit": limit,
                                        "picked_up_at": picked}
            if picked is not None:
                if picked > limit:
                    return Outcome(lines, "picked_up_late", facts)
                return Outcome(0, "picked_up_in_time", facts)
            as_of = view.case.as_of
            facts["as_of"] = as_of
            delivered = order.delivered_at
            # A parcel delivered was picked up by its delivery, scan or no scan.
            if (as_of if delivered is None else min(as_of, delivered)) > limit:
                return Outcome(lines, "not_picked_up", facts)
            return Outcome(0, "pickup_not_yet_due", facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        """Per order, as `compile` checks it: the pickup scan after the limit, or none and
        the earlier of `as_of` and the delivery after it."""
        import polars as pl

        from ..columnar import HOUR_MICROSECONDS, ColumnarCheck

        uploaded, picked = build.col("tracking_uploaded_at"), build.col("picked_up_at")
        limit = uploaded + self.hours * HOUR_MICROSECONDS
        seen_by = pl.min_horizontal(build.col("as_of"), build.col("delivered_at"))
        held = uploaded.is_not_null() & pl.when(picked.is_not_null()).then(
            picked > limit).otherwise(seen_by > limit)
        code = pl.when(uploaded.is_null()).then(pl.lit("no_tracking_number")).when(
            picked.is_not_null()).then(pl.lit("picked_up_in_time")).otherwise(
            pl.lit("pickup_not_yet_due"))
        return ColumnarCheck(lambda slot: held, code)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        limit = step.facts.get("limit")
        if not step.passed or not isinstance(limit, datetime):
            return None
        return Flip("pick_up_by", "order.picked_up_at", limit.isoformat(), "pick_up_by",
                    {"by": limit})

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        uploaded = at_instant(env.seed["order"].get("tracking_uploaded_at"))
        if uploaded is None:
            return
        limit = uploaded + timedelta(hours=self.hours)
        text = f"not_picked_up_within until {limit.isoformat()}"
        yield Boundary(text, "outside", _picked_up(limit))
        yield Boundary(text, "inside", _picked_up(limit + TICK))
        if decidable_at(env.seed, limit):
            yield Boundary(text, "outside", decide_at(limit))
            yield Boundary(text, "inside", decide_at(limit + TICK))

    def needs(self, seed: Seed) -> None:
        if seed.pickup_overdue_hours is None:
            seed.pickup_overdue_hours = self.hours

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        if self.hours > MAX_WINDOW_HOURS:
            yield beyond("hours", f"a pickup timeout of {self.hours} hours",
                         f"{MAX_WINDOW_HOURS} hours")

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        if isinstance(other, NotPickedUpWithin) and other.code == self.code:
            return other.hours <= self.hours  # later than a longer limit is later than a shorter
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)


def _picked_up(at: datetime) -> Edit:
    """The carrier's pickup scan at `at` (decided after it)."""
    def edit(case: dict[str, Any]) -> None:
        case["order"]["picked_up_at"] = at.isoformat()
        case["as_of"] = max(datetime.fromisoformat(case["as_of"]), at).isoformat()
    return Edit("order.picked_up_at", at, edit)
