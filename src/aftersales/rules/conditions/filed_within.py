"""`filed_within`: the claim was filed within N hours (exact) or N calendar days (in the
policy's time zone) after an order event. The window's deadline is inclusive and becomes the
decision's deadline."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Final, Literal, Self

from pydantic import model_validator

from ...model.facts import Window
from ...model.fields import Days, Hours
from ...model.time import day_window_deadline, hour_window_deadline
from ..edits import TICK, at_instant, file_at
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
from ..sensible import MAX_WINDOW_DAYS, MAX_WINDOW_HOURS
from ..statute import HOURS_ALWAYS_LONGER, LEGAL_RETURN_DAYS
from ..view import CaseView
from ._events import NOT_HAPPENED, NOUN, OrderEvent
from ._filing_flip import filing_flip

if TYPE_CHECKING:
    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["FiledWithin"]

_FACTS: Final = ("event", "event_at", "window", "deadline", "filed_at")


class FiledWithin(Condition):
    """The claim was filed no earlier than `after` and no later than the window's deadline:
    `window_hours` after it (exact), or the end of the `window_days`-th calendar day after
    the day on which it happened."""

    kind: Literal["filed_within"] = "filed_within"
    OUTCOMES: ClassVar[Outcomes] = {
        "filed_in_time": OutcomeSpec(True, _FACTS),
        "filed_too_early": OutcomeSpec(False, _FACTS),
        "filed_too_late": OutcomeSpec(False, (*_FACTS, "late_by")),
        "not_paid": OutcomeSpec(False, ("event", "window")),
        "not_shipped": OutcomeSpec(False, ("event", "window")),
        "not_delivered": OutcomeSpec(False, ("event", "window")),
        "no_claim": OutcomeSpec(False, ("event", "event_at", "window", "deadline")),
    }
    after: OrderEvent
    """The order event the window opens at."""
    window_hours: Hours | None = None
    """The window in hours after the event, exact and inclusive (give this or window_days)."""
    window_days: Days | None = None
    """The window in calendar days in the policy's time zone: it closes at the end of the
    Nth day after the event's day (give this or window_hours)."""

    @model_validator(mode="after")
    def _one_window(self) -> Self:
        if (self.window_hours is None) == (self.window_days is None):
            raise ValueError("give exactly one of window_hours and window_days")
        return self

    @property
    def window(self) -> Window:
        return Window(hours=self.window_hours, days=self.window_days)

    def failure_codes(self) -> tuple[str, ...]:
        if self.after == "paid_at":  # a case is always paid, and filed after payment
            return self._own_or(("filed_too_late", "no_claim"))
        return self._own_or(("filed_too_early", "filed_too_late", NOT_HAPPENED[self.after],
                             "no_claim"))

    def compile(self, build: Build) -> Check:
        after, window, zone = self.after, self.window, build.zone
        not_happened = NOT_HAPPENED[after]
        hours, days = self.window_hours, self.window_days

        def check(view: CaseView, lines: int) -> Outcome:
            event_at = getattr(view.order, after)
            if event_at is None:
                return Outcome(0, not_happened, {"event": after, "window": window})
            deadline = (hour_window_deadline(event_at, hours) if hours is not None
                        else day_window_deadline(event_at, days or 0, zone))
            facts: dict[str, object] = {"event": after, "event_at": event_at,
                                        "window": window, "deadline": deadline}
            claim = view.claim
            if claim is None:
                return Outcome(0, "no_claim", facts, deadline)
            filed_at = claim.filed_at
            facts["filed_at"] = filed_at
            if filed_at < event_at:
                return Outcome(0, "filed_too_early", facts, deadline)
            if filed_at > deadline:
                facts["late_by"] = filed_at - deadline
                return Outcome(0, "filed_too_late", facts, deadline)
            return Outcome(lines, "filed_in_time", facts, deadline)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import HOUR_MICROSECONDS, ColumnarCheck, day_window_closes

        if self.after not in ("paid_at", "promised_ship_by", "shipped_at", "delivered_at"):
            return None
        event, filed = build.col(self.after), build.col("filed_at")
        if self.window_hours is not None:
            deadline = event + self.window_hours * HOUR_MICROSECONDS
        else:
            deadline = day_window_closes(event, self.window_days or 0, build.zone)
        held = event.is_not_null() & filed.is_not_null() & (filed >= event) & (
            filed <= deadline)
        code = pl.when(event.is_null()).then(pl.lit(NOT_HAPPENED[self.after])).when(
            filed.is_null()).then(pl.lit("no_claim")).when(filed < event).then(
            pl.lit("filed_too_early")).otherwise(pl.lit("filed_too_late"))
        return ColumnarCheck(lambda slot: held, code)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None if step.passed else filing_flip(step, before=False)

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        order = env.seed["order"]
        anchor = at_instant(order[self.after])
        if "claim" not in env.seed or anchor is None:
            return
        deadline = (hour_window_deadline(anchor, self.window_hours)
                    if self.window_hours is not None
                    else day_window_deadline(anchor, self.window_days or 1, env.zone))
        closes = f"filed_within {self.after} closes {deadline.isoformat()}"
        yield Boundary(closes, "inside", file_at(deadline))
        yield Boundary(closes, "outside", file_at(deadline + TICK))
        opens = f"filed_within opens at {self.after} {anchor.isoformat()}"
        yield Boundary(opens, "inside", file_at(anchor))
        paid_at = at_instant(order["paid_at"])
        if paid_at is not None and anchor - TICK >= paid_at:
            yield Boundary(opens, "outside", file_at(anchor - TICK))

    def needs(self, seed: Seed) -> None:
        seed.filing_anchors.append(self.after)

    def lint_facts(self) -> LintFacts:
        return LintFacts(window=(self.after, self.window_hours, self.window_days))

    def bounds(self) -> Iterator[Bound]:
        if self.window_days is not None and self.window_days > MAX_WINDOW_DAYS:
            yield beyond("window_days", f"a claim window of {self.window_days} days",
                        f"{MAX_WINDOW_DAYS} days")
        if self.window_hours is not None and self.window_hours > MAX_WINDOW_HOURS:
            yield beyond("window_hours", f"a claim window of {self.window_hours} hours",
                        f"{MAX_WINDOW_HOURS} hours; for a long window use window_days")

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        if not negated:  # a negated window is lint's `window_inverted` business
            size = (f"{self.window_hours} hours" if self.window_hours is not None
                    else f"{self.window_days} days")
            yield FilingBound(True, self.after, f"filed_within {size} after {self.after} "
                              f"needs the claim after {NOUN[self.after]}", True)

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        if negated:
            return restricts(self, negated)
        if self.after != "delivered_at":
            return [f"its window runs from {self.after}; the law's runs from delivery"]
        if self.window_days is not None and self.window_days < LEGAL_RETURN_DAYS:
            return [f"its window of {self.window_days} calendar days is shorter than the "
                    f"law's {LEGAL_RETURN_DAYS}"]
        if self.window_hours is not None and self.window_hours < HOURS_ALWAYS_LONGER:
            return [f"its window of {self.window_hours} h can close before the end of "
                    f"the {LEGAL_RETURN_DAYS}th calendar day after delivery (use window_days)"]
        return []
