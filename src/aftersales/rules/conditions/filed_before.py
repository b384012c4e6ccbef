"""`filed_before`: the claim was filed before an order event happened (or it has not): a
refund requested before shipment, a parcel still to be intercepted before delivery."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Final, Literal

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
from ._events import NOUN, OrderEvent, filing
from ._filing_flip import filing_flip
from ._filing_order import event_bound, event_boundaries

if TYPE_CHECKING:
    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["FiledBefore"]

_FACTS: Final = ("event", "event_at", "filed_at")
_NO_CLAIM: Final = ("event", "event_at", "window", "deadline")


class FiledBefore(Condition):
    """The claim was filed before `event` happened (or `event` has not happened)."""

    kind: Literal["filed_before"] = "filed_before"
    OUTCOMES: ClassVar[Outcomes] = {
        **{f"filed_before_{noun}": OutcomeSpec(True, _FACTS) for noun in NOUN.values()},
        **{f"filed_after_{noun}": OutcomeSpec(False, _FACTS) for noun in NOUN.values()},
        "no_claim": OutcomeSpec(False, _NO_CLAIM),
    }
    event: OrderEvent

    def failure_codes(self) -> tuple[str, ...]:
        return self._own_or((f"filed_after_{NOUN[self.event]}", "no_claim"))

    def compile(self, build: Build) -> Check:
        event = self.event
        after_code, before_code = f"filed_after_{NOUN[event]}", f"filed_before_{NOUN[event]}"

        def check(view: CaseView, lines: int) -> Outcome:
            filed_at, event_at, facts = filing(view, event)
            if filed_at is None:
                return Outcome(0, "no_claim", facts)
            if event_at is not None and event_at <= filed_at:
                return Outcome(0, after_code, facts)
            return Outcome(lines, before_code, facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import ColumnarCheck

        filed, event = build.col("filed_at"), build.col(self.event)
        before = filed.is_not_null() & (event.is_null() | (event > filed))
        code = pl.when(filed.is_null()).then(pl.lit("no_claim")).otherwise(
            pl.lit(f"filed_after_{NOUN[self.event]}"))
        return ColumnarCheck(lambda slot: before, code)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None if step.passed else filing_flip(step, before=True)

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        return event_boundaries(self.kind, self.event, True, env)

    def needs(self, seed: Seed) -> None:
        seed.before.add(self.event)

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        yield event_bound(self.kind, self.event, False, negated)

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)
