"""`filed_within_receipt`: the claim was filed after the goods were signed for (签收) and by the
end of a window of calendar days after the signing, or after the buyer's confirmed receipt
(确认收货).

签收 is the carrier's record (`order.delivered_at`); a carrier that sends back no record leaves
it to a presumption, some days after shipment (Tmall: "3 days after shipment counts as signed
for"). A confirmed-receipt window runs from `order.receipt_confirmed_at`; until the buyer
confirms, a claim filed after the signing is in time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Final, Literal

from pydantic import Field, Strict

from ...model.facts import Window
from ...model.fields import MAX_DAYS, Days, Flag
from ...model.time import day_window_deadline
from ..edits import TICK, at_instant, file_at
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
from ..sensible import MAX_WINDOW_DAYS
from ..statute import LEGAL_RETURN_DAYS
from ..view import CaseView
from ._filing_flip import filing_flip

if TYPE_CHECKING:
    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["FiledWithinReceipt", "ReceiptAnchor"]

ReceiptAnchor = Literal["signed_for", "receipt_confirmed"]
"""What the window runs from: the signing (签收), or the buyer's confirmed receipt (确认收货)."""

_FACTS: Final = ("event", "event_at", "signed_for_by", "window", "deadline", "filed_at")


class FiledWithinReceipt(Condition):
    """The claim was filed no earlier than the signing (签收: `delivered_at`, else
    `presumed_after_days` days after `shipped_at`) and no later than the end of the
    `window_days`-th calendar day after the `anchor` (the signing, or `receipt_confirmed_at`;
    an unconfirmed receipt leaves the window open). With `event_day_counts`, the anchor's own
    day is the first day of the window (含签收当日)."""

    kind: Literal["filed_within_receipt"] = "filed_within_receipt"
    OUTCOMES: ClassVar[Outcomes] = {
        "filed_in_receipt_window": OutcomeSpec(True, _FACTS),
        "filed_before_receipt_confirmed": OutcomeSpec(True, (
            "event", "event_at", "signed_for_by", "window", "filed_at")),
        "filed_before_signed_for": OutcomeSpec(False, (
            "event", "event_at", "signed_for_by", "window", "filed_at")),
        "filed_after_receipt_window": OutcomeSpec(False, (*_FACTS, "late_by")),
        "not_signed_for": OutcomeSpec(False, ("event", "window")),
        "receipt_not_claimed": OutcomeSpec(False, ("event", "window")),
    }
    anchor: ReceiptAnchor = "signed_for"
    window_days: Days
    """The window in calendar days in the policy's time zone: it closes at the end of the
    Nth day after the anchor's day (the (N-1)th with `event_day_counts`)."""
    presumed_after_days: Annotated[int, Strict(), Field(ge=0, le=MAX_DAYS)] | None = 3
    """Without a carrier record, the goods count as signed for this many days (exact, 24 h
    each) after shipment; None: only the carrier's record counts."""
    event_day_counts: Flag = False
    """The anchor's own day is the window's first day."""

    @property
    def window(self) -> Window:
        return Window(days=self.window_days)

    def _closing_days(self) -> int:
        return self.window_days - 1 if self.event_day_counts else self.window_days

    def compile(self, build: Build) -> Check:
        anchor, window, zone = self.anchor, self.window, build.zone
        days, presumed = self._closing_days(), self.presumed_after_days
        confirmed_anchor = anchor == "receipt_confirmed"

        def check(view: CaseView, lines: int) -> Outcome:
            order = view.order
            signed = signed_for(order.delivered_at, order.shipped_at, presumed)
            if signed is None:
                return Outcome(0, "not_signed_for", {"event": anchor, "window": window})
            signed_at, by = signed
            claim = view.claim
            if claim is None:
                return Outcome(0, "receipt_not_claimed", {"event": anchor, "window": window})
            filed_at = claim.filed_at
            facts: dict[str, object] = {"event": anchor, "event_at": signed_at,
                                        "signed_for_by": by, "window": window,
                                        "filed_at": filed_at}
            if filed_at < signed_at:
                return Outcome(0, "filed_before_signed_for", facts)
            opened_at = signed_at
            if confirmed_anchor:
                confirmed = order.receipt_confirmed_at
                if confirmed is None or confirmed > filed_at:
                    return Outcome(lines, "filed_before_receipt_confirmed", facts)
                opened_at = confirmed
            deadline = day_window_deadline(opened_at, days, zone)
            facts["deadline"] = deadline
            if filed_at > deadline:
                facts["late_by"] = filed_at - deadline
                return Outcome(0, "filed_after_receipt_window", facts, deadline)
            return Outcome(lines, "filed_in_receipt_window", facts, deadline)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        """Per order, as `compile` checks it: filed from the signing (the carrier's record,
        else the presumption after shipment) to the window's close after the anchor; an
        unconfirmed receipt, or one confirmed after the filing, leaves it open."""
        import polars as pl

        from ..columnar import DAY_MICROSECONDS, ColumnarCheck, day_window_closes

        delivered, filed = build.col("delivered_at"), build.col("filed_at")
        presumed = self.presumed_after_days
        signed = delivered if presumed is None else pl.coalesce(
            delivered, build.col("shipped_at") + presumed * DAY_MICROSECONDS)
        opened, open_ended = signed, pl.lit(False)
        if self.anchor == "receipt_confirmed":
            opened = build.col("receipt_confirmed_at")
            open_ended = opened.is_null() | (opened > filed)
        in_window = open_ended | (filed <= day_window_closes(opened, self._closing_days(),
                                                             build.zone))
        held = signed.is_not_null() & filed.is_not_null() & (filed >= signed) \
            & in_window.fill_null(False)
        code = pl.when(signed.is_null()).then(pl.lit("not_signed_for")).when(
            filed.is_null()).then(pl.lit("receipt_not_claimed")).when(filed < signed).then(
            pl.lit("filed_before_signed_for")).otherwise(pl.lit("filed_after_receipt_window"))
        return ColumnarCheck(lambda slot: held, code)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None if step.passed else filing_flip(step, before=False)

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        order = env.seed["order"]
        signed = signed_for(at_instant(order.get("delivered_at")),
                            at_instant(order.get("shipped_at")), self.presumed_after_days)
        if "claim" not in env.seed or signed is None:
            return
        signed_at = signed[0]
        opens = f"filed_within_receipt opens at the signing {signed_at.isoformat()}"
        yield Boundary(opens, "inside", file_at(signed_at))
        yield Boundary(opens, "outside", file_at(signed_at - TICK))
        deadline = day_window_deadline(signed_at, self._closing_days(), env.zone)
        closes = f"filed_within_receipt {self.anchor} closes {deadline.isoformat()}"
        if self.anchor == "signed_for":
            yield Boundary(closes, "inside", file_at(deadline))
            yield Boundary(closes, "outside", file_at(deadline + TICK))
            return
        yield Boundary(closes, "inside", _confirmed_and_filed(signed_at, deadline))
        yield Boundary(closes, "outside", _confirmed_and_filed(signed_at, deadline + TICK))

    def needs(self, seed: Seed) -> None:
        seed.filing_anchors.append("delivered_at")

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        if self.window_days > MAX_WINDOW_DAYS:
            yield beyond("window_days", f"a claim window of {self.window_days} days",
                         f"{MAX_WINDOW_DAYS} days")

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        if not negated:
            yield FilingBound(True, "shipped_at", "filed_within_receipt needs the claim after "
                              "the goods were signed for, which follows shipment", True)

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        if negated:
            return restricts(self, negated)
        if self.presumed_after_days is not None:  # it may open after the buyer has the goods
            return ["without a carrier record it presumes delivery "
                    f"{self.presumed_after_days} days after shipment; the law's window runs "
                    "from the buyer's receipt"]
        if self._closing_days() < LEGAL_RETURN_DAYS:
            return [f"its window of {self.window_days} calendar days is shorter than the "
                    f"law's {LEGAL_RETURN_DAYS}"]
        return []


def signed_for(delivered_at: datetime | None, shipped_at: datetime | None,
               presumed_after_days: int | None) -> tuple[datetime, str] | None:
    """When the goods count as signed for, and by what (`carrier_record`, or
    `presumed_after_shipment`); None before shipment (or without a record, when nothing is
    presumed)."""
    if delivered_at is not None:
        return delivered_at, "carrier_record"
    if shipped_at is None or presumed_after_days is None:
        return None
    return shipped_at + timedelta(days=presumed_after_days), "presumed_after_shipment"


def _confirmed_and_filed(confirmed_at: datetime, filed_at: datetime) -> Edit:
    """Receipt confirmed at `confirmed_at`, the claim filed at `filed_at`."""
    def edit(case: dict[str, Any]) -> None:
        case["order"]["receipt_confirmed_at"] = confirmed_at.isoformat()
        case["claim"]["filed_at"] = filed_at.isoformat()
    return Edit("claim.filed_at", filed_at, edit)
