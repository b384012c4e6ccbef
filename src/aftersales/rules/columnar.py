"""The rule protocol's columnar part: what a rule part's columnar form may read (the case
table's columns, one line slot at a time, and the policy's settings), the forms it gives back,
and the exact line fractions amounts share. `aftersales.columnar` compiles and runs them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import polars as pl

__all__ = ["MAX_HISTORY", "MAX_LINES", "ColumnarAmount", "ColumnarBuild", "ColumnarCheck",
           "in_categories", "line_fractions"]

MAX_LINES = 4
"""Line slots of the case table: a case with more lines goes through the row engine."""
MAX_HISTORY = 2
"""History slots: a case with more entries goes through the row engine."""


class ColumnarCheck(NamedTuple):
    """A condition's columnar form: whether it holds on line slot `i` (a boolean expression;
    an order-level condition ignores the slot), and the outcome code it reports when it
    holds on none of the lines checked."""

    holds: Callable[[int], pl.Expr]
    fails_with: pl.Expr


class ColumnarAmount(NamedTuple):
    """An exact amount in minor units: `numerator / denominator`, integer expressions (the
    denominator positive)."""

    numerator: pl.Expr
    denominator: pl.Expr


@dataclass(frozen=True, slots=True)
class ColumnarBuild:
    """The policy's settings, the eligible line slots an amount is computed on, and for an
    add-on the returns approved before it (set by the plan: a boolean expression per slot)."""

    zone: ZoneInfo
    unit_scale: int
    """Minor units per major unit (100 for CNY)."""
    guarantee: str
    eligible: tuple[pl.Expr, ...] = ()
    approved_returns: tuple[pl.Expr, ...] = ()
    """For an add-on: whether a return of the line in each slot was approved earlier in this
    decision (empty: the guarantee is not checked after the others)."""
    buyer_paid_returns: tuple[pl.Expr, ...] = ()
    """For an add-on: the same, for returns whose return leg the buyer bears."""

    @staticmethod
    def col(name: str) -> pl.Expr:
        """An order-level column (`shipped_at`, `total`, `filed_at`, `reference`, ...)."""
        import polars as pl

        return pl.col(name)

    @staticmethod
    def line(slot: int, name: str) -> pl.Expr:
        """A column of line slot `slot`: `paid` (minor units), `qty`, `k` (quantity claimed,
        0 when not claimed), `id`, `category`, `tags` (a list, empty when none)."""
        import polars as pl

        return pl.col(f"l{slot}_{name}")

    def minor(self, amount: object) -> int | None:
        """`amount` (a Decimal) in whole minor units, or None when it has a finer part."""
        from decimal import Decimal

        scaled = Decimal(str(amount)) * self.unit_scale
        return int(scaled) if scaled == scaled.to_integral_value() else None


def in_categories(category: pl.Expr, scope: tuple[str, ...]) -> pl.Expr:
    """Whether a line slot's category (a normalised path, as the validity filter keeps it) is
    one of `scope` or below one, as `model.categories.in_scope` has it."""
    import polars as pl

    return pl.any_horizontal(*(
        (category == entry) | category.str.starts_with(entry + ".")
        for entry in scope)) if scope else pl.lit(False)


def line_fractions(build: ColumnarBuild,
                   value: Callable[[int], pl.Expr]) -> tuple[pl.Expr, pl.Expr]:
    """`Σ value(i) × k_i / q_i` over the eligible line slots, exactly: a numerator over the
    product of the eligible lines' quantities (the validity filter keeps both in int64)."""
    import polars as pl

    denominators = [pl.when(build.eligible[i]).then(build.line(i, "qty")).otherwise(1)
                    for i in range(MAX_LINES)]
    denominator = denominators[0]
    for part in denominators[1:]:
        denominator = denominator * part
    numerator = pl.sum_horizontal(*(
        pl.when(build.eligible[i]).then(
            value(i) * build.line(i, "k") * (denominator // denominators[i])).otherwise(0)
        for i in range(MAX_LINES)))
    return numerator, denominator
