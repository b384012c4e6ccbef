"""`flagged_with`: the order's flags (or the buyer's) include one of some flags."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

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

__all__ = ["FlaggedWith"]


class FlaggedWith(Condition):
    """The order's `flags` (or, with `on="buyer"`, its `buyer_flags`) include one of
    `flags`."""

    kind: Literal["flagged_with"] = "flagged_with"
    OUTCOMES: ClassVar[Outcomes] = {
        "flagged": OutcomeSpec(True, ("on", "flags", "found")),
        "not_flagged": OutcomeSpec(False, ("on", "flags", "found")),
    }
    flags: Annotated[tuple[str, ...], Field(min_length=1)]
    on: Literal["order", "buyer"] = "order"

    def compile(self, build: Build) -> Check:
        flags, on = self.flags, self.on

        def check(view: CaseView, lines: int) -> Outcome:
            present = view.order.flags if on == "order" else view.order.buyer_flags
            found = tuple(flag for flag in flags if flag in present)
            facts = {"on": on, "flags": flags, "found": found}
            return Outcome(lines if found else 0, "flagged" if found else "not_flagged", facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import ColumnarCheck

        present = build.col("flags" if self.on == "order" else "buyer_flags")
        found = pl.any_horizontal(*(present.list.contains(pl.lit(flag))
                                    for flag in self.flags))
        return ColumnarCheck(lambda slot: found, pl.lit("not_flagged"))

    def needs(self, seed: Seed) -> None:
        seed.flags.append((self.on, self.flags[0]))

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # flags are established facts, not a change a claim can make

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        if isinstance(other, FlaggedWith):  # one of ours is one of any superset's
            return self.on == other.on and set(self.flags) <= set(other.flags)
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self)
