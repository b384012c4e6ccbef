"""`has_tag`: the line carries at least one of some tags (e.g. `custom_made`)."""

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
from ..statute import STATUTORY_EXCLUDED_TAGS
from ..view import CaseView

if TYPE_CHECKING:
    from ...model.case import Case
    from ...model.decision import Step
    from ..columnar import ColumnarBuild, ColumnarCheck

__all__ = ["HasTag"]


class HasTag(Condition):
    """The line carries at least one of `tags` (e.g. `custom_made`)."""

    kind: Literal["has_tag"] = "has_tag"
    OUTCOMES: ClassVar[Outcomes] = {
        "has_tag": OutcomeSpec(True, ("tags", "lines")),
        "lacks_tag": OutcomeSpec(False, ("tags", "lines")),
    }
    tags: Annotated[tuple[str, ...], Field(min_length=1)]

    def compile(self, build: Build) -> Check:
        tags = self.tags

        def check(view: CaseView, lines: int) -> Outcome:
            held = 0
            for index, line in view.lines_in(lines):
                if any(tag in line.tags for tag in tags):
                    held |= 1 << index
            return Outcome(held, "has_tag" if held == lines else "lacks_tag",
                           {"tags": tags, "lines": view.line_ids(held)})

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import ColumnarCheck

        def holds(slot: int) -> pl.Expr:
            tags = build.line(slot, "tags")
            return pl.any_horizontal(*(tags.list.contains(pl.lit(tag)) for tag in self.tags))

        return ColumnarCheck(holds, pl.lit("lacks_tag"))

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # a line's tags are what it is; no nearby change moves them

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())

    def needs(self, seed: Seed) -> None:
        if not seed.tags:
            seed.tags = [self.tags[0]]

    def lint_facts(self) -> LintFacts:
        return LintFacts()

    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        if isinstance(other, HasTag):  # a tag among ours is among any superset's
            return set(self.tags) <= set(other.tags)
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        if not negated:
            return restricts(self, negated)
        extra = [tag for tag in self.tags if tag not in STATUTORY_EXCLUDED_TAGS]
        return [f"excludes tags the law does not: {', '.join(extra)}"] if extra else []
