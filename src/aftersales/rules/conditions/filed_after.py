"""`filed_after`: an order event had happened when the claim was filed (at or before
`filed_at`)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Final, Literal

from ...model.facts import Window
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
from ._events import NOT_HAPPENED, NOUN, OrderEvent, filing
from ._filing_flip import filing_flip
from ._filing_order import event_bound, event_boundaries

if TYPE_CHECKING:
    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["FiledAfter"]

_FACTS: Final = ("event", "event_at", "filed_at")
_NO_CLAIM: Final = ("event", "event_at", "window", "deadline")
_CLAIM_WINDOW: Final = Window(claim=True)


class FiledAfter(Condition):
    """`event` had happened when the claim was filed (at or before `filed_at`)."""

    kind: Literal["filed_after"] = "filed_after"
    OUTCOMES: ClassVar[Outcomes] = {
        **{f"filed_after_{noun}": OutcomeSpec(True, _FACTS) for noun in NOUN.values()},
        **{f"filed_before_{noun}": OutcomeSpec(False, _FACTS) for noun in NOUN.values()},
        "not_shipped": OutcomeSpec(False, (*_FACTS, "window")),
        "not_delivered": OutcomeSpec(False, (*_FACTS, "window")),
        "no_claim": OutcomeSpec(False, _NO_CLAIM),
    }
    event: OrderEvent

    def failure_codes(self) -> tuple[str, ...]:
        if self.event == "paid_at":  # a claim is always filed after payment
            return self._own_or(("no_claim",))
        return self._own_or((f"filed_before_{NOUN[self.event]}", NOT_HAPPENED[self.event],
                             "no_claim"))

    def compile(self, build: Build) -> Check:
        event = self.event
        not_happened = NOT_HAPPENED[event]
        before_code, after_code = f"filed_before_{NOUN[event]}", f"filed_after_{NOUN[event]}"

        def check(view: CaseView, lines: int) -> Outcome:
            filed_at, event_at, facts = filing(view, event)
            if filed_at is None:
                return Outcome(0, "no_claim", facts)
            if event_at is None:
                return Outcome(0, not_happened, {**facts, "window": _CLAIM_WINDOW})
            if event_at > filed_at:
                return Outcome(0, before_code, facts)
            return Outcome(lines, after_code, facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import ColumnarCheck

        filed, event = build.col("filed_at"), build.col(self.event)
        after = filed.is_not_null() & event.is_not_null() & (event <= filed)
        code = pl.when(filed.is_null()).then(pl.lit("no_claim")).when(event.is_null()).then(
            pl.lit(NOT_HAPPENED[self.event])).otherwise(
            pl.lit(f"filed_before_{NOUN[self.event]}"))
        return ColumnarCheck(lambda slot: after, code)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None if step.passed else filing_flip(step, before=False)

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        return event_boundaries(self.kind, self.event, False, env)

    def needs(self, seed: Seed) -> None:
        seed.filing_anchors.append(self.event)

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        yield event_bound(self.kind, self.event, True, negated)

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self, negated)
