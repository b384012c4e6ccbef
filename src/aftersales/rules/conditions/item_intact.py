"""`item_intact`: the claim says the returned goods are intact."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Literal

from ...model.kinds import ItemCondition
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

__all__ = ["ItemIntact"]


class ItemIntact(Condition):
    """The claim says the goods are intact (`item_condition: intact`): original quality and
    function kept, accessories and labels complete; opening to inspect is fine."""

    kind: Literal["item_intact"] = "item_intact"
    OUTCOMES: ClassVar[Outcomes] = {
        "item_intact": OutcomeSpec(True, ("item_condition",)),
        "item_not_intact": OutcomeSpec(False, ("item_condition",)),
        "item_condition_unknown": OutcomeSpec(False, ()),
    }

    def compile(self, build: Build) -> Check:
        def check(view: CaseView, lines: int) -> Outcome:
            claim = view.claim
            condition = claim.item_condition if claim is not None else None
            if condition is None:
                return Outcome(0, "item_condition_unknown", {})
            if condition is ItemCondition.INTACT:
                return Outcome(lines, "item_intact", {"item_condition": condition})
            return Outcome(0, "item_not_intact", {"item_condition": condition})

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import ColumnarCheck

        condition = build.col("item_condition")
        intact = (condition == ItemCondition.INTACT.value).fill_null(False)
        return ColumnarCheck(lambda slot: intact, pl.when(condition.is_null()).then(
            pl.lit("item_condition_unknown")).otherwise(pl.lit("item_not_intact")))

    def needs(self, seed: Seed) -> None:
        seed.item_intact = True

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        if step.passed:
            return None
        return Flip("item_intact", "claim.item_condition", ItemCondition.INTACT.value,
                    "item_intact")

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
        return restricts(self) if negated else []  # the law returns intact goods only
