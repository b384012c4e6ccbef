"""Money in the columnar path is integers: an exact fraction of minor units, scaled and held
to bounds without leaving int64, rounded once, half-up, in integers."""

from __future__ import annotations

import pytest

pl = pytest.importorskip("polars")

from decimal import Decimal  # noqa: E402
from fractions import Fraction  # noqa: E402

from aftersales.rules.columnar import (  # noqa: E402
    ColumnarAmount,
    clamped,
    round_half_up,
    scaled,
    times_ratio,
    within,
)


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



def value(amount: ColumnarAmount | None, n: int, d: int) -> tuple[Fraction, bool | None]:
    """`amount`, built on columns `n` and `d`, on one row: its exact value, and whether it is
    sure (None: everywhere)."""
    assert amount is not None
    frame = pl.DataFrame({"n": [n], "d": [d]}).select(
        num=amount.numerator, den=amount.denominator,
        sure=pl.lit(None, pl.Boolean) if amount.sure is None else amount.sure)
    row = frame.row(0, named=True)
    return Fraction(row["num"], row["den"]), row["sure"]


N, D = pl.col("n"), pl.col("d")


def test_an_amount_exactly_at_a_bound_is_left_as_it_is() -> None:
    assert value(clamped(ColumnarAmount(N, D), low=5, high=5), 15, 3) == (Fraction(5), None)


def test_an_amount_a_hair_below_the_minimum_is_raised_to_it() -> None:
    assert value(clamped(ColumnarAmount(N, D), low=5), 14, 3) == (Fraction(5), None)
    assert value(clamped(ColumnarAmount(N, D), low=5), 16, 3) == (Fraction(16, 3), None)


def test_an_amount_a_hair_above_the_maximum_is_held_to_it() -> None:
    assert value(clamped(ColumnarAmount(N, D), high=5), 16, 3) == (Fraction(5), None)
    assert value(clamped(ColumnarAmount(N, D), high=5), 14, 3) == (Fraction(14, 3), None)


def test_bounds_compare_without_multiplying_near_int64() -> None:
    near, large = 2**62 + 1, 10**9  # large × 10¹⁰ passes 2⁶³
    assert value(clamped(ColumnarAmount(N, D), high=10**10), near, large) == (
        Fraction(near, large), None)
    assert value(clamped(ColumnarAmount(N, D), low=10**10), near, large) == (
        Fraction(10**10), None)


def test_a_scaled_amount_is_exact_and_sure_while_it_fits() -> None:
    amount = scaled(ColumnarAmount(N, D), Decimal("2.5"))
    assert value(amount, 7, 3) == (Fraction(35, 6), True)


def test_a_scaled_amount_that_may_pass_int64_is_not_sure() -> None:
    amount = scaled(ColumnarAmount(N, D), Decimal(10))
    assert value(amount, 10**10 * 99**4, 99**4)[1] is False
    assert value(amount, 10**9 * 99**4, 99**4)[1] is True


def test_a_ratio_whose_denominator_grows_too_large_is_not_sure() -> None:
    amount = times_ratio(ColumnarAmount(N, D), pl.lit(1), pl.lit(10**10))
    assert value(amount, 1, 99**4)[1] is False
    assert value(amount, 1, 99)[1] is True


def test_an_amount_larger_than_its_bound_allows_is_not_sure() -> None:
    assert value(within(N, D, pl.lit(10**10)), 1, 99**4)[1] is True
    assert value(within(N, D, pl.lit(10**12)), 1, 99**4)[1] is False


def test_a_factor_with_more_than_three_decimals_has_no_columnar_form() -> None:
    assert scaled(ColumnarAmount(N, D), Decimal("0.0001")) is None
