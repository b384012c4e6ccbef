"""Exact money in integers: amounts as numerator and denominator in minor units, rounded once
and half-up (the policy's default, 四舍五入) in integers, never through a float."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .build import MAX_LINES, ColumnarBuild

if TYPE_CHECKING:
    import polars as pl

__all__ = ["at_half", "line_fractions", "round_half_up"]


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


def round_half_up(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    """`numerator / denominator` (denominator > 0) to a whole minor unit, halves away from
    zero (Decimal's ROUND_HALF_UP), in integers."""
    import polars as pl

    size = numerator.abs()
    rounded = (2 * size + denominator) // (2 * denominator)
    return pl.when(numerator < 0).then(-rounded).otherwise(rounded)


def at_half(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    """Whether the exact amount lies exactly half-way between two minor units."""
    return (2 * numerator.abs()) % (2 * denominator) == denominator
