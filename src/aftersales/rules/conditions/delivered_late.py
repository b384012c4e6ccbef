"""`delivered_late`: an appointment delivery missed (预约到货): delivered strictly after the
agreed `deliver_by`, or not delivered and `as_of` past it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Final, Literal

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
    restricts,
    same_check,
)
from ..view import CaseView

if TYPE_CHECKING:
    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["DeliveredLate"]

_FACTS: Final = ("deliver_by", "delivered_at")


class DeliveredLate(Condition):
    """The order has a delivery appointment (`order.deliver_by`) and was delivered strictly
    after it, or is undelivered and `as_of` is past it. Delivered exactly at it is on time;
    an order without an appointment never meets it."""

    kind: Literal["delivered_late"] = "delivered_late"
    OUTCOMES: ClassVar[Outcomes] = {
        "delivered_after_appointment": OutcomeSpec(True, (*_FACTS, "late_by")),
        "undelivered_past_appointment": OutcomeSpec(True, (*_FACTS, "as_of")),
        "delivered_by_appointment": OutcomeSpec(False, _FACTS),
        "appointment_not_yet_due": OutcomeSpec(False, (*_FACTS, "as_of")),
        "no_delivery_appointment": OutcomeSpec(False, ()),
    }

    def compile(self, build: Build) -> Check:
        def check(view: CaseView, lines: int) -> Outcome:
            order = view.order
            deliver_by = order.deliver_by
            if deliver_by is None:
                return Outcome(0, "no_delivery_appointment", {})
            delivered = order.delivered_at
            facts: dict[str, object] = {"deliver_by": deliver_by, "delivered_at": delivered}
            if delivered is not None:
                if delivered > deliver_by:
                    return Outcome(lines, "delivered_after_appointment",
                                   {**facts, "late_by": delivered - deliver_by})
                return Outcome(0, "delivered_by_appointment", facts)
            as_of = view.case.as_of
            facts["as_of"] = as_of
            if as_of > deliver_by:
                return Outcome(lines, "undelivered_past_appointment", facts)
            return Outcome(0, "appointment_not_yet_due", facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import ColumnarCheck

        deliver_by, delivered = build.col("deliver_by"), build.col("delivered_at")
        late = deliver_by.is_not_null() & (pl.coalesce(delivered, build.col("as_of"))
                                           > deliver_by)
        code = pl.when(deliver_by.is_null()).then(pl.lit("no_delivery_appointment")).when(
            delivered.is_not_null()).then(pl.lit("delivered_by_appointment")).otherwise(
            pl.lit("appointment_not_yet_due"))
        return ColumnarCheck(lambda slot: late, code)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        by = step.facts.get("deliver_by")
        if not step.passed or not isinstance(by, datetime):
            return None
        return Flip("deliver_by", "order.delivered_at", by.isoformat(), "deliver_by",
                    {"by": by})

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        order = env.seed["order"]
        deliver_by = at_instant(order.get("deliver_by"))
        if deliver_by is None:
            return
        text = f"delivered_late after {deliver_by.isoformat()}"
        if order["delivered_at"] is None:
            if not decidable_at(env.seed, deliver_by):
                return
            yield Boundary(text, "outside", decide_at(deliver_by))
            yield Boundary(text, "inside", decide_at(deliver_by + TICK))
            return
        yield Boundary(text, "outside", event_at("delivered_at", deliver_by))
        yield Boundary(text, "inside", event_at("delivered_at", deliver_by + TICK))

    def needs(self, seed: Seed) -> None:
        seed.appointment_missed = True

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)
