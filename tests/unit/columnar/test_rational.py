"""Money in the columnar path is integers: an exact fraction of minor units, rounded once,
half-up, in integers."""

from __future__ import annotations

import pytest

pl = pytest.importorskip("polars")

from aftersales.columnar.rational import round_half_up  # noqa: E402


def rounded(numerator: int, denominator: int) -> int:
    frame = pl.DataFrame({"n": [numerator], "d": [denominator]})
    value = frame.select(round_half_up(pl.col("n"), pl.col("d"))).item()
    assert isinstance(value, int)
    return value


def test_a_half_minor_unit_rounds_up() -> None:
    assert rounded(5, 2) == 3
    assert rounded(3, 2) == 2


def test_below_a_half_rounds_down_and_above_rounds_up() -> None:
    assert rounded(1001, 2001) == 1  # just above a half of one... of 0.5002 minor units
    assert rounded(999, 2000) == 0
    assert rounded(1999, 3) == 666


def test_a_negative_half_rounds_away_from_zero_as_decimal_half_up_does() -> None:
    assert rounded(-5, 2) == -3

