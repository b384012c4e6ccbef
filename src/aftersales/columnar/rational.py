"""Exact money in integers: amounts as numerator and denominator in minor units, rounded once
and half-up (the policy's default, 四舍五入) in integers, never through a float."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

__all__ = ["round_half_up"]


def round_half_up(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    """`numerator / denominator` (denominator > 0) to a whole minor unit, halves away from
    zero (Decimal's ROUND_HALF_UP), in integers."""
    import polars as pl

    size = numerator.abs()
    rounded = (2 * size + denominator) // (2 * denominator)
    return pl.when(numerator < 0).then(-rounded).otherwise(rounded)
