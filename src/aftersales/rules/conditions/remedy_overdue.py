"""`remedy_overdue`: an action granted on this order (a reship) was not carried out within some
hours of its grant: the fact a fallback payout waits for (Tmall's 贴坏包赔: a reship not sent 5
days after approval pays 30.00)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from ...model.fields import Hours
from ...model.kinds import RemedyKind
from ..edits import TICK
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

__all__ = ["RemedyOverdue"]

_FACTS = ("guarantee", "remedy", "granted_at", "due_by")


class RemedyOverdue(Condition):
    """A `remedy` of `guarantee` was granted on this order (at its `decided_at`) and was not
    carried out (`fulfilled_at`) within `within_hours` of the grant: carried out later, or
    not yet when the claim was filed (without a claim, at `as_of`). The latest such grant
    decides."""

    kind: Literal["remedy_overdue"] = "remedy_overdue"
    OUTCOMES: ClassVar[Outcomes] = {
        "remedy_overdue": OutcomeSpec(True, (*_FACTS, "checked_at")),
        "remedy_carried_out_in_time": OutcomeSpec(False, (*_FACTS, "fulfilled_at")),
        "remedy_not_yet_due": OutcomeSpec(False, (*_FACTS, "checked_at")),
        "remedy_not_granted": OutcomeSpec(False, ("guarantee", "remedy")),
    }
    guarantee: str
    remedy: RemedyKind = RemedyKind.RESHIP
    within_hours: Hours

    def compile(self, build: Build) -> Check:
        guarantee, remedy = self.guarantee, self.remedy
        span = timedelta(hours=self.within_hours)

        def check(view: CaseView, lines: int) -> Outcome:
            granted = [(entry.decided_at, index, entry)
                       for index, entry in enumerate(view.order_history)
                       if entry.guarantee == guarantee and entry.kind == remedy
                       and entry.decided_at is not None]
            if not granted:
                return Outcome(0, "remedy_not_granted", {"guarantee": guarantee,
                                                         "remedy": remedy.value})
            granted_at, _, entry = max(granted)
            due_by = granted_at + span
            facts: dict[str, object] = {"guarantee": guarantee, "remedy": remedy.value,
                                        "granted_at": granted_at, "due_by": due_by}
            fulfilled_at = entry.fulfilled_at
            checked_at = view.claim.filed_at if view.claim is not None else view.case.as_of
            if fulfilled_at is not None and fulfilled_at <= checked_at:
                facts["fulfilled_at"] = fulfilled_at
                if fulfilled_at <= due_by:
                    return Outcome(0, "remedy_carried_out_in_time", facts)
                facts.pop("fulfilled_at")
                facts["checked_at"] = checked_at
                return Outcome(lines, "remedy_overdue", facts)
            facts["checked_at"] = checked_at
            if checked_at > due_by:
                return Outcome(lines, "remedy_overdue", facts)
            return Outcome(0, "remedy_not_yet_due", facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        """Per order, as `compile` checks it: the latest grant in the history's slots on this
        order (the later slot on a tie), carried out by the check (the filing, else `as_of`)
        after its due time, or not carried out and the check after it."""
        import polars as pl

        from ..columnar import HOUR_MICROSECONDS, MAX_HISTORY, ColumnarCheck, checked_at

        col = build.col
        found, granted_at, fulfilled_at = pl.lit(False), pl.lit(None, pl.Int64), pl.lit(
            None, pl.Int64)
        for j in range(MAX_HISTORY):
            at = col(f"h{j}_decided_at")
            match = (col(f"h{j}_on_order") & (col(f"h{j}_guarantee") == self.guarantee)
                     & (col(f"h{j}_kind") == self.remedy.value) & at.is_not_null()
                     ).fill_null(False)
            later = match & (~found | (at >= granted_at)).fill_null(False)
            granted_at = pl.when(later).then(at).otherwise(granted_at)
            fulfilled_at = pl.when(later).then(col(f"h{j}_fulfilled_at")).otherwise(
                fulfilled_at)
            found = found | match
        checked, due_by = checked_at(build), granted_at + self.within_hours * HOUR_MICROSECONDS
        carried_out = fulfilled_at.is_not_null() & (fulfilled_at <= checked)
        held = found & pl.when(carried_out).then(fulfilled_at > due_by).otherwise(
            checked > due_by)
        code = pl.when(~found).then(pl.lit("remedy_not_granted")).when(carried_out).then(
            pl.lit("remedy_carried_out_in_time")).otherwise(pl.lit("remedy_not_yet_due"))
        return ColumnarCheck(lambda slot: held.fill_null(False), code)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # when the merchant acts is not the buyer's to change

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        claim = env.seed.get("claim")
        if claim is None:
            return
        filed_at = datetime.fromisoformat(claim["filed_at"])
        text = f"remedy_overdue {self.remedy.value} {self.within_hours} h"
        span = timedelta(hours=self.within_hours)
        yield Boundary(text, "inside", self._granted(filed_at - span - TICK))
        yield Boundary(text, "outside", self._granted(filed_at - span))

    def _granted(self, at: datetime) -> Edit:
        guarantee, remedy = self.guarantee, self.remedy.value

        def edit(case: dict[str, Any]) -> None:
            case["history"].append({"guarantee": guarantee, "kind": remedy,
                                    "decided_at": at.isoformat()})
        return Edit("history", at, edit)

    def needs(self, seed: Seed) -> None:
        pass  # what a plain case lacks is the earlier grant: its boundaries add it

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        if self.within_hours > MAX_WINDOW_HOURS:
            yield beyond("within_hours", f"{self.within_hours} hours to carry out a remedy",
                         f"{MAX_WINDOW_HOURS} hours")

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)
