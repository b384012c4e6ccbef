"""`per_count`: the order's paid total shared out by count: what it paid, over every unit in
it (gifts included), times the units claimed (fresh food's 按只数退款)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from ...model.facts import Formula
from ...model.money import decimal_of, exact
from ..outcome import Price, Quote
from ..protocol import AmountFormula, Bound, Boundary, BoundaryEnv, Build
from ..view import CaseView

if TYPE_CHECKING:
    from ..columnar import ColumnarAmount, ColumnarBuild

__all__ = ["PerCount"]


class PerCount(AmountFormula):
    """`order total / units in the order × units claimed` on the eligible lines: a unit of
    a gift line (paid 0.00) counts in the order's units like any other, so it lowers the
    price of each. Claimed units are the claim's quantities (`claim.lines`)."""

    kind: Literal["per_count"] = "per_count"
    FACTS = ("units", "claimed_units")

    def compile(self, build: Build) -> Price:
        formula = Formula(self.kind, "order total / units × units claimed")

        unit = build.unit

        def price(view: CaseView, lines: int) -> Quote:
            units = sum(line.quantity for line in view.lines)
            claimed = view.claimed
            weights = {index: Fraction(claimed[index]) for index, _ in view.lines_in(lines)}
            count = sum(claimed[index] for index in weights)
            amount = exact(view.total_paid) * count / units
            return Quote(amount, {"formula": formula, "exact": decimal_of(amount, unit),
                                  "units": units, "claimed_units": count},
                         weights if count else None)

        return price

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        """`total × units claimed on the eligible lines / units in the order`: the validity
        bounds keep it in int64 (at most 10¹⁰ minor units × 4 × 99 units)."""
        import polars as pl

        from ..columnar import MAX_LINES, ColumnarAmount

        slots = range(MAX_LINES)
        claimed = pl.sum_horizontal(*(pl.when(build.eligible[i]).then(build.line(i, "k"))
                                      .otherwise(0) for i in slots))
        units = pl.sum_horizontal(*(build.line(i, "qty").fill_null(0) for i in slots))
        return ColumnarAmount(build.col("total") * claimed, units)

    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())

    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        return ()

    def describe(self) -> str:
        return "the order total shared by count over every unit, gifts included"

    def fixed(self) -> Decimal | None:
        return None

    def always_zero(self) -> bool:
        return False

    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        return None

    def per_line(self) -> bool:
        return False  # a unit's price is the whole order's

    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        return "claimed"  # a unit of a cheap line is priced at the order's average

    def amount_bounds(self) -> Iterator[Bound]:
        return iter(())

    def uncapped(self, example: Decimal) -> tuple[str, Decimal, str] | None:
        return None

    def is_statutory_damages(self) -> bool:
        return False

    def tier_table(self) -> tuple[str, tuple[tuple[Decimal, AmountFormula], ...]] | None:
        return None

    def refunds_what_was_paid(self) -> bool:
        return False
