"""`return_tracked`: the claim gives the tracking number of the return parcel."""

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

if TYPE_CHECKING:
    from ...model.case import Case
    from ...model.decision import Step

__all__ = ["TRACKING_PLACEHOLDER", "ReturnTracked"]


TRACKING_PLACEHOLDER: Final = "RETURN-TRACKING-NO"
"""The tracking number what-if gives (any non-empty text passes)."""


class ReturnTracked(Condition):
    """The claim gives the tracking number of the return parcel."""

    kind: Literal["return_tracked"] = "return_tracked"
    OUTCOMES: ClassVar[Outcomes] = {
        "return_tracked": OutcomeSpec(True, ("return_tracking_no",)),
        "return_tracking_missing": OutcomeSpec(False, ()),
    }

    def compile(self, build: Build) -> Check:
        def check(view: CaseView, lines: int) -> Outcome:
            claim = view.claim
            number = claim.return_tracking_no if claim is not None else None
            if number is None:
                return Outcome(0, "return_tracking_missing", {})
            return Outcome(lines, "return_tracked", {"return_tracking_no": number})

        return check

    def needs(self, seed: Seed) -> None:
        seed.tracked = True

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        if step.passed:
            return None
        return Flip("add_return_tracking", "claim.return_tracking_no", TRACKING_PLACEHOLDER,
                    "add_return_tracking")

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self)
