"""`category_in`: the line's category is one of some categories or below one."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from ...model.categories import CategoryPath, in_scope
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
from ..statute import STATUTORY_EXCLUDED_CATEGORIES
from ..view import CaseView

if TYPE_CHECKING:
    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["CategoryIn"]


class CategoryIn(Condition):
    """The line's category is one of `categories` or below one."""

    kind: Literal["category_in"] = "category_in"
    OUTCOMES: ClassVar[Outcomes] = {
        "category_in": OutcomeSpec(True, ("categories", "lines")),
        "category_not_in": OutcomeSpec(False, ("categories", "lines")),
    }
    categories: Annotated[tuple[CategoryPath, ...], Field(min_length=1)]

    def compile(self, build: Build) -> Check:
        categories = self.categories

        def check(view: CaseView, lines: int) -> Outcome:
            held = 0
            for index, line in view.lines_in(lines):
                if in_scope(line.category, categories):
                    held |= 1 << index
            return Outcome(held, "category_in" if held == lines else "category_not_in",
                           {"categories": categories, "lines": view.line_ids(held)})

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import ColumnarCheck, in_categories

        return ColumnarCheck(
            lambda slot: in_categories(build.line(slot, "category"), self.categories),
            pl.lit("category_not_in"))

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # a line's category is what it is; no nearby change moves it

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())

    def needs(self, seed: Seed) -> None:
        if seed.categories is None:
            seed.categories = self.categories

    def lint_facts(self) -> LintFacts:
        return LintFacts(scope=self.categories)

    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        if not negated:
            return restricts(self, negated)
        extra = [c for c in self.categories if not in_scope(c, STATUTORY_EXCLUDED_CATEGORIES)]
        return [f"excludes categories the law covers: {', '.join(extra)}"] if extra else []
