"""`tier_grid`: a two-dimensional tier table on ship times: rows by one measure (how long the
ship-by promise was, `promise_hours`, or how late the order shipped, `late_hours`), columns by
another, each cell a `percent_between` or empty (not this guarantee's: it pays nothing)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, Literal, Self

from pydantic import BaseModel, Field, model_validator

from ...model.facts import Formula
from ...model.fields import Hours
from ..clock import ShipByClock
from ..outcome import Price, Quote
from ..protocol import RULE_MODEL, AmountFormula, Bound, Boundary, BoundaryEnv, Build
from ..view import CaseView
from .percent_between import PercentBetween

if TYPE_CHECKING:
    import polars as pl

    from ..columnar import ColumnarAmount, ColumnarBuild

__all__ = ["GridAxis", "TierGrid"]

Measure = Literal["promise_hours", "late_hours"]
"""`promise_hours`: from payment to the ship-by time; `late_hours`: from the ship-by time to
the shipment (or, unshipped, to `as_of`), never below zero. Both read by the grid's clock."""

_ZERO = Decimal(0)


class GridAxis(BaseModel):
    """The bands of one axis: band i holds the measure up to `up_to[i]` hours (inclusive),
    above the band before; `null` last means no upper bound."""

    model_config = RULE_MODEL

    by: Measure
    up_to: Annotated[tuple[Hours | None, ...], Field(min_length=1, max_length=20)]

    @model_validator(mode="after")
    def _ascending(self) -> Self:
        bounds = self.up_to
        if any(bound is None for bound in bounds[:-1]):
            raise ValueError("only the last band may have no upper bound (null)")
        numbers = [bound for bound in bounds if bound is not None]
        if any(low >= high for low, high in pairwise(numbers)):
            raise ValueError("up_to must be strictly ascending")
        return self

    def band(self, value: timedelta) -> int | None:
        for index, bound in enumerate(self.up_to):
            if bound is None or value <= timedelta(hours=bound):
                return index
        return None

    def columnar_band(self, value: pl.Expr) -> pl.Expr:
        """`band`, of a measure in microseconds (null: beyond the last band)."""
        import polars as pl

        from ..columnar import HOUR_MICROSECONDS

        band = pl.lit(None, pl.Int64)
        for index in reversed(range(len(self.up_to))):  # the first band that holds it
            bound = self.up_to[index]
            band = pl.when(
                pl.lit(True) if bound is None else value <= bound * HOUR_MICROSECONDS).then(
                pl.lit(index, pl.Int64)).otherwise(band)
        return band

    def label(self, index: int) -> str:
        low = self.up_to[index - 1] if index else None
        high = self.up_to[index]
        if high is None:
            return f"{self.by} > {low}" if low is not None else f"any {self.by}"
        return f"{low} < {self.by} <= {high}" if low is not None else f"{self.by} <= {high}"


class TierGrid(AmountFormula):
    """The cell of `cells[row][column]` the case falls in pays; an empty cell (`null`), or
    a case beyond the last band, pays nothing."""

    kind: Literal["tier_grid"] = "tier_grid"
    FACTS = ("cell",)
    clock: ShipByClock = ShipByClock()
    rows: GridAxis
    columns: GridAxis
    cells: tuple[tuple[PercentBetween | None, ...], ...]

    @model_validator(mode="after")
    def _shape(self) -> Self:
        if len(self.cells) != len(self.rows.up_to) or any(
                len(row) != len(self.columns.up_to) for row in self.cells):
            raise ValueError(f"cells must be {len(self.rows.up_to)} rows of "
                             f"{len(self.columns.up_to)} cells, one per band")
        return self

    def compile(self, build: Build) -> Price:
        clock, zone, rows, columns = self.clock, build.zone, self.rows, self.columns
        cells = [[None if cell is None else cell.compile(build) for cell in row]
                 for row in self.cells]

        def measure(by: Measure, view: CaseView) -> timedelta:
            order = view.order
            ship_by = clock.ship_by(order, zone).at
            if by == "promise_hours":
                return ship_by - order.paid_at
            shipped = clock.shipped_at(order)
            return max((shipped or view.case.as_of) - ship_by, timedelta(0))

        def price(view: CaseView, lines: int) -> Quote:
            row, column = rows.band(measure(rows.by, view)), columns.band(
                measure(columns.by, view))
            if row is None or column is None:
                return _nothing("beyond the table's last band", "outside")
            label = f"{rows.label(row)}, {columns.label(column)}"
            cell = cells[row][column]
            if cell is None:
                return _nothing(f"no payout in this cell ({label})", label)
            quote = cell(view, lines)
            return Quote(quote.amount, {**quote.facts, "cell": label})

        return price

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        """The cell's amount on the band pair each case falls in, as `compile` prices it;
        nothing in an empty cell or beyond the last band."""
        import polars as pl

        from ..columnar import ColumnarAmount

        clock, col = self.clock, build.col
        ship_by = clock.columnar_ship_by(build)

        def measure(by: Measure) -> pl.Expr:
            if by == "promise_hours":
                return ship_by - col("paid_at")
            shipped = pl.coalesce(clock.columnar_shipped_at(build), col("as_of"))
            return pl.max_horizontal(shipped - ship_by, pl.lit(0))

        row = self.rows.columnar_band(measure(self.rows.by))
        column = self.columns.columnar_band(measure(self.columns.by))
        numerator, denominator = pl.lit(0), pl.lit(1)
        sure: pl.Expr | None = None
        for r, cells in enumerate(self.cells):
            for c, cell in enumerate(cells):
                if cell is None:
                    continue
                amount = cell.columnar(build)
                if amount is None:
                    return None
                here = ((row == r) & (column == c)).fill_null(False)
                numerator = pl.when(here).then(amount.numerator).otherwise(numerator)
                denominator = pl.when(here).then(amount.denominator).otherwise(denominator)
                if amount.sure is not None:
                    sure = pl.when(here).then(amount.sure).otherwise(
                        pl.lit(True) if sure is None else sure)
        return ColumnarAmount(numerator, denominator, sure)

    def _cells(self) -> Iterator[PercentBetween]:
        for row in self.cells:
            yield from (cell for cell in row if cell is not None)

    def parts(self) -> tuple[AmountFormula, ...]:
        return tuple(self._cells())

    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        for cell in self._cells():
            yield from cell.thresholds(kind, env)

    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        return ()

    def describe(self) -> str:
        return f"a {self.rows.by} × {self.columns.by} table of percentages"

    def fixed(self) -> Decimal | None:
        return None

    def always_zero(self) -> bool:
        return all(cell.always_zero() for cell in self._cells())

    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        return None  # the cell depends on ship times, not on the base alone

    def per_line(self) -> bool:
        return False

    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        found = {cell.excess(low_claimed, low_total) for cell in self._cells()}
        return "total" if "total" in found else "claimed" if "claimed" in found else None

    def amount_bounds(self) -> Iterator[Bound]:
        for cell in self._cells():
            yield from cell.amount_bounds()

    def uncapped(self, example: Decimal) -> tuple[str, Decimal, str] | None:
        return None  # every cell has its maximum

    def is_statutory_damages(self) -> bool:
        return False

    def tier_table(self) -> tuple[str, tuple[tuple[Decimal, AmountFormula], ...]] | None:
        return None

    def refunds_what_was_paid(self) -> bool:
        return False


def _nothing(text: str, label: str) -> Quote:
    return Quote(Fraction(0), {"formula": Formula("tier_grid", text), "exact": _ZERO,
                               "cell": label})
