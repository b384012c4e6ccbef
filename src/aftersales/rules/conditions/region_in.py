"""`region_in`: the order ships to one of some regions."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from ...model.regions import RegionCode
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

__all__ = ["RegionIn"]


class RegionIn(Condition):
    """The order ships to one of `regions` (ISO 3166-2 codes such as `CN-XJ`)."""

    kind: Literal["region_in"] = "region_in"
    OUTCOMES: ClassVar[Outcomes] = {
        "region_in": OutcomeSpec(True, ("region", "regions")),
        "region_not_in": OutcomeSpec(False, ("region", "regions")),
    }
    regions: Annotated[tuple[RegionCode, ...], Field(min_length=1)]

    def compile(self, build: Build) -> Check:
        regions = self.regions

        def check(view: CaseView, lines: int) -> Outcome:
            region = view.order.region
            facts = {"region": region, "regions": regions}
            if region in regions:
                return Outcome(lines, "region_in", facts)
            return Outcome(0, "region_not_in", facts)

        return check

    def columnar(self, build: ColumnarBuild) -> ColumnarCheck | None:
        import polars as pl

        from ..columnar import ColumnarCheck

        inside = build.col("region").is_in(list(self.regions)).fill_null(False)
        return ColumnarCheck(lambda slot: inside, pl.lit("region_not_in"))

    def needs(self, seed: Seed) -> None:
        if seed.region is None:
            seed.region = self.regions[0]

    def lint_facts(self) -> LintFacts:
        return LintFacts(regions=self.regions)

    @classmethod
    def flip(cls, step: Step, case: Case, unit: Decimal) -> Flip | None:
        return None  # the destination is what it is

    def boundaries(self, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())


    def bounds(self) -> Iterator[Bound]:
        return iter(())

    def filing_bounds(self, negated: bool) -> Iterator[FilingBound]:
        return iter(())

    def implies(self, other: Condition) -> bool:
        if isinstance(other, RegionIn):  # one of ours is one of any superset's
            return set(self.regions) <= set(other.regions)
        return same_check(self, other)

    def legal_shortfalls(self, *, negated: bool = False) -> list[str]:
        return restricts(self)
