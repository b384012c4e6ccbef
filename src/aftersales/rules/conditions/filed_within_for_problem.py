"""`filed_within_for_problem`: the claim was filed within the window its problem type (and the
line's category) has, counted from an order event, optionally plus the line's ripening
period (fresh food: thawed goods 24 h, surface rot 48 h, ripening fruit the ripening period
plus 48 h)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, Self

from pydantic import BaseModel, Field, model_validator

from ...model.categories import CategoryPath, in_scope
from ...model.facts import Window
from ...model.fields import Days, Flag, Hours
from ...model.time import day_window_deadline, hour_window_deadline
from ..edits import TICK, at_instant, file_at
from ..outcome import Check, Outcome
from ..protocol import (
    RULE_MODEL,
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
from ..view import CaseView
from ._events import NOT_HAPPENED, NOUN, OrderEvent
from ._filing_flip import filing_flip

if TYPE_CHECKING:
    from datetime import tzinfo

    import polars as pl

    from ...model.case import Case
    from ...model.decision import Step
    from ...model.records import LineRecord
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["FiledWithinForProblem", "ProblemWindow"]

_FACTS = ("problem", "event", "event_at", "deadline", "filed_at", "lines")
_DAY = timedelta(days=1)


class ProblemWindow(BaseModel):
    """For a claim whose `problem` is one of `problems` (on lines in `categories`, when
    given): `window_hours` (exact) or `window_days` (calendar days) after the event, the
    event moved on by the line's `ripening_days` first when `plus_ripening`."""

    model_config = RULE_MODEL

    problems: Annotated[tuple[Annotated[str, Field(min_length=1, max_length=200)], ...],
                        Field(min_length=1)]
    categories: tuple[CategoryPath, ...] | None = None
    window_hours: Hours | None = None
    window_days: Days | None = None
    plus_ripening: Flag = False

    @model_validator(mode="after")
    def _one_window(self) -> Self:
        if (self.window_hours is None) == (self.window_days is None):
            raise ValueError("give exactly one of window_hours and window_days")
        return self

    def applies(self, problem: str, category: str) -> bool:
        return problem in self.problems and (self.categories is None
                                             or in_scope(category, self.categories))

    def columnar_applies(self, build: ColumnarBuild, slot: int) -> pl.Expr:
        """`applies`, on line slot `slot` and the claim's problem."""
        from ..columnar import in_categories

        applies = build.col("problem").is_in(list(self.problems))
        if self.categories is not None:
            applies = applies & in_categories(build.line(slot, "category"), self.categories)
        return applies.fill_null(False)

    def columnar_deadline(self, build: ColumnarBuild, event: pl.Expr, slot: int) -> pl.Expr:
        """`deadline`, on line slot `slot` (UTC microseconds; null without the ripening
        period it needs)."""
        from ..columnar import DAY_MICROSECONDS, HOUR_MICROSECONDS, day_window_closes

        if self.plus_ripening:
            event = event + build.line(slot, "ripening") * DAY_MICROSECONDS
        if self.window_hours is not None:
            return event + self.window_hours * HOUR_MICROSECONDS
        return day_window_closes(event, self.window_days or 0, build.zone)

    def deadline(self, event_at: datetime, line: LineRecord, zone: tzinfo) -> datetime | None:
        """The window's deadline on `line`; None when it needs a ripening period the line
        does not give."""
        if self.plus_ripening:
            if line.ripening_days is None:
                return None
            event_at = event_at + line.ripening_days * _DAY
        if self.window_hours is not None:
            return hour_window_deadline(event_at, self.window_hours)
        return day_window_deadline(event_at, self.window_days or 0, zone)


class FiledWithinForProblem(Condition):
    """On each claimed line, the claim was filed no earlier than `after` and by the deadline
    of the first of `windows` that applies to the claim's `problem` and the line's category.
    A line no window applies to, or one whose window needs a ripening period it does not
    give, fails. The latest deadline among the lines becomes the decision's deadline."""

    kind: Literal["filed_within_for_problem"] = "filed_within_for_problem"
    OUTCOMES: ClassVar[Outcomes] = {
        "filed_in_time_for_problem": OutcomeSpec(True, _FACTS),
        "filed_too_late_for_problem": OutcomeSpec(False, _FACTS),
        "filed_too_early": OutcomeSpec(False, ("event", "event_at", "filed_at")),
        "no_window_for_problem": OutcomeSpec(False, ("problem", "lines")),
        "ripening_period_missing": OutcomeSpec(False, ("problem", "lines")),
        "problem_missing": OutcomeSpec(False, ("problems",)),
        "not_paid": OutcomeSpec(False, ("event", "window")),
        "not_shipped": OutcomeSpec(False, ("event", "window")),
        "not_delivered": OutcomeSpec(False, ("event", "window")),
    }
    after: OrderEvent = "delivered_at"
    windows: Annotated[tuple[ProblemWindow, ...], Field(min_length=1)]

    def failure_codes(self) -> tuple[str, ...]:
        return self._own_or(("filed_too_late_for_problem", "filed_too_early",
                             "no_window_for_problem", "ripening_period_missing",
                             "problem_missing", NOT_HAPPENED[self.after]))

    def compile(self, build: Build) -> Check:
        after, windows, zone = self.after, self.windows, build.zone
        problems = tuple(dict.fromkeys(p for window in windows for p in window.problems))
        not_happened = NOT_HAPPENED[after]

        def check(view: CaseView, lines: int) -> Outcome:
            event_at: datetime | None = getattr(view.order, after)
            claim = view.claim
            if event_at is None:
                named = claim.problem if claim is not None else None
                first = next((w for w in windows if named in w.problems), windows[0])
                return Outcome(0, not_happened, {"event": after, "window": Window(
                    hours=first.window_hours, days=first.window_days)})
            if claim is None or claim.problem is None:
                return Outcome(0, "problem_missing", {"problems": problems})
            problem, filed_at = claim.problem, claim.filed_at
            if filed_at < event_at:
                return Outcome(0, "filed_too_early", {"event": after, "event_at": event_at,
                                                      "filed_at": filed_at})
            held = unwindowed = unripe = 0
            latest: datetime | None = None
            for index, line in view.lines_in(lines):
                window = next((w for w in windows if w.applies(problem, line.category)), None)
                if window is None:
                    unwindowed |= 1 << index
                    continue
                deadline = window.deadline(event_at, line, zone)
                if deadline is None:
                    unripe |= 1 << index
                    continue
                latest = deadline if latest is None else max(latest, deadline)
                if filed_at <= deadline:
                    held |= 1 << index
            if unripe:
                return Outcome(held, "ripening_period_missing",
                               {"problem": problem, "lines": view.line_ids(unripe)}, latest)
            if unwindowed:
                return Outcome(held, "no_window_for_problem",
                               {"problem": problem, "lines": view.line_ids(unwindowed)}, latest)
            code = "filed_in_time_for_problem" if held == lines else "filed_too_late_for_problem"
            return Outcome(held, code, {
                "problem": problem, "event": after, "event_at": event_at, "deadline": latest,
                "filed_at": filed_at, "lines": view.line_ids(held if held == lines
                                                             else lines & ~held)}, latest)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        """Per line, as `compile` checks it: filed from the event to the deadline of the
        first window applying to the claim's problem and the line; failing with the first
        of `compile`'s reasons (an unripe or an unwindowed line among those checked)."""
        import polars as pl

        from ..columnar import MAX_LINES, ColumnarCheck

        if self.after not in ("paid_at", "promised_ship_by", "shipped_at", "delivered_at"):
            return None
        event, filed, problem = build.col(self.after), build.col("filed_at"), build.col(
            "problem")

        def first_window(slot: int, value: Callable[[ProblemWindow], pl.Expr],
                         otherwise: pl.Expr) -> pl.Expr:
            chosen = otherwise
            for window in reversed(self.windows):
                chosen = pl.when(window.columnar_applies(build, slot)).then(
                    value(window)).otherwise(chosen)
            return chosen

        def deadline(slot: int) -> pl.Expr:
            return first_window(slot, lambda w: w.columnar_deadline(build, event, slot),
                                pl.lit(None, pl.Int64))

        def unripe(slot: int) -> pl.Expr:
            ripening = build.line(slot, "ripening").is_null()
            return first_window(slot, lambda w: ripening if w.plus_ripening else pl.lit(False),
                                pl.lit(False))

        def unwindowed(slot: int) -> pl.Expr:
            return ~pl.any_horizontal(*(w.columnar_applies(build, slot) for w in self.windows))

        def holds(slot: int) -> pl.Expr:
            closes = deadline(slot)
            return (event.is_not_null() & problem.is_not_null() & (filed >= event)
                    & closes.is_not_null() & (filed <= closes)).fill_null(False)

        def on_a_checked_line(flag: Callable[[int], pl.Expr]) -> pl.Expr:
            return pl.any_horizontal(*(build.covered[slot] & flag(slot).fill_null(False)
                                       for slot in range(MAX_LINES)))

        if not build.covered:
            return None
        code = pl.when(event.is_null()).then(pl.lit(NOT_HAPPENED[self.after])).when(
            problem.is_null() | filed.is_null()).then(pl.lit("problem_missing")).when(
            filed < event).then(pl.lit("filed_too_early")).when(on_a_checked_line(unripe)).then(
            pl.lit("ripening_period_missing")).when(on_a_checked_line(unwindowed)).then(
            pl.lit("no_window_for_problem")).otherwise(pl.lit("filed_too_late_for_problem"))
        return ColumnarCheck(holds, code)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None if step.passed else filing_flip(step, before=False)

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        """The first window's end, on a plain case (its problem, no category scope, no
        ripening period): at it (inside) and just after (outside)."""
        window = self.windows[0]
        anchor = at_instant(env.seed["order"][self.after])
        if "claim" not in env.seed or anchor is None or window.plus_ripening \
                or window.categories is not None:
            return
        deadline = (hour_window_deadline(anchor, window.window_hours)
                    if window.window_hours is not None
                    else day_window_deadline(anchor, window.window_days or 1, env.zone))
        text = f"{self.kind} {window.problems[0]} closes {deadline.isoformat()}"
        yield Boundary(text, "inside", file_at(deadline))
        yield Boundary(text, "outside", file_at(deadline + TICK))

    def needs(self, seed: Seed) -> None:
        seed.filing_anchors.append(self.after)
        seed.claim_facts.setdefault("problem", self.windows[0].problems[0])

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        for index, window in enumerate(self.windows):
            if window.window_days is not None and window.window_days > MAX_WINDOW_DAYS:
                yield beyond(f"windows[{index}].window_days",
                             f"a claim window of {window.window_days} days",
                             f"{MAX_WINDOW_DAYS} days")
            if window.window_hours is not None and window.window_hours > MAX_WINDOW_HOURS:
                yield beyond(f"windows[{index}].window_hours",
                             f"a claim window of {window.window_hours} hours",
                             f"{MAX_WINDOW_HOURS} hours")

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        if not negated:
            yield FilingBound(True, self.after, f"{self.kind} needs the claim after "
                              f"{NOUN[self.after]}", True)

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)
