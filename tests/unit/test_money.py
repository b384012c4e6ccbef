import decimal
from decimal import Decimal
from fractions import Fraction

import pytest

from aftersales import CurrencyMismatchError, Money, RoundingMode, allocate
from aftersales.model.money import decimal_of, exact, minor_unit, quantize, round_exact


def test_minor_units_follow_the_currency() -> None:
    assert minor_unit("CNY") == Decimal("0.01")
    assert minor_unit("JPY") == Decimal("1")
    assert minor_unit("KWD") == Decimal("0.001")


def test_an_unknown_currency_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown currency 'XXX'"):
        minor_unit("XXX")


@pytest.mark.parametrize(
    ("mode", "expected"),
    [(RoundingMode.HALF_UP, "0.13"), (RoundingMode.HALF_EVEN, "0.12"),
     (RoundingMode.DOWN, "0.12"), (RoundingMode.UP, "0.13")],
)
def test_half_a_fen_rounds_by_the_policy_mode(mode: RoundingMode, expected: str) -> None:
    assert quantize(Decimal("0.125"), "CNY", mode) == Decimal(expected)


def test_half_up_is_the_default_rounding() -> None:
    assert quantize(Decimal("12.345"), "CNY") == Decimal("12.35")


def test_money_adds_within_one_currency() -> None:
    assert Money(Decimal("1.10"), "CNY") + Money(Decimal("2.20"), "CNY") == Money(
        Decimal("3.30"), "CNY")


def test_mixed_currencies_raise() -> None:
    with pytest.raises(CurrencyMismatchError, match="CNY and USD"):
        _ = Money(Decimal(1), "CNY") + Money(Decimal(1), "USD")


def test_money_refuses_floats() -> None:
    with pytest.raises(TypeError):
        Money(0.1, "CNY")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _ = Money(Decimal(1), "CNY") * 0.5  # type: ignore[operator]


def test_money_quantizes_once_to_the_minor_unit() -> None:
    third = Money(Decimal(10) * 2 / 3, "CNY")
    assert third.quantized() == Money(Decimal("6.67"), "CNY")
    assert str(third.quantized()) == "6.67 CNY"


def fen(*amounts: str) -> list[Decimal]:
    return [Decimal(amount) for amount in amounts]


FEN = Decimal("0.01")


def test_allocate_gives_the_units_left_over_to_the_largest_remainders() -> None:
    # 10 fen over 1 : 2 is 3.33 and 6.67 fen: the unit left goes to the larger remainder.
    assert allocate(Decimal("0.10"), fen("1", "2"), FEN) == fen("0.03", "0.07")


def test_allocate_breaks_ties_in_remainders_toward_the_earlier_part() -> None:
    assert allocate(Decimal("1.00"), fen("1", "1", "1"), FEN) == fen("0.34", "0.33", "0.33")
    assert allocate(Decimal("0.02"), fen("1", "1", "1"), FEN) == fen("0.01", "0.01", "0.00")


def test_allocate_gives_a_larger_remainder_a_unit_before_an_earlier_part() -> None:
    assert allocate(Decimal("0.02"), fen("1", "1", "1.5"), FEN) == fen("0.01", "0.00", "0.01")


def test_allocate_sums_exactly_to_the_total() -> None:
    # 5990 fen over 79.80 : 20.00 : 0.33 is 4773.81, 1196.44 and 19.74 fen: the 2 fen left
    # over go to the remainders .81 and .74.
    parts = allocate(Decimal("59.90"), fen("79.80", "20.00", "0.33"), FEN)
    assert parts == fen("47.74", "11.96", "0.20")
    assert sum(parts) == Decimal("59.90")


def test_allocate_in_exact_proportion_needs_no_rounding() -> None:
    assert allocate(Decimal("99.80"), fen("79.80", "20.00"), FEN) == fen("79.80", "20.00")


def test_a_part_of_zero_weight_gets_nothing() -> None:
    assert allocate(Decimal("5.00"), fen("0", "3"), FEN) == fen("0.00", "5.00")


def test_all_zero_weights_split_evenly() -> None:
    assert allocate(Decimal("1.00"), fen("0", "0", "0"), FEN) == fen("0.34", "0.33", "0.33")


def test_allocating_nothing_gives_nothing_to_every_part() -> None:
    assert allocate(Decimal("0.00"), fen("1", "2"), FEN) == fen("0", "0")


def test_allocate_needs_weights() -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - no code on this error; the inputs name it
        allocate(Decimal("1.00"), [], FEN)


def test_allocate_refuses_a_negative_weight() -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        allocate(Decimal("1.00"), fen("2", "-1"), FEN)


def test_allocate_refuses_a_total_that_is_not_a_whole_number_of_units() -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        allocate(Decimal("1.005"), fen("1", "1"), FEN)


def test_allocate_refuses_a_negative_total() -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        allocate(Decimal("-1.00"), fen("1", "1"), FEN)


def test_allocate_in_yen_splits_whole_yen() -> None:
    yen = Decimal(1)
    assert allocate(Decimal(100), fen("1", "1", "1"), yen) == fen("34", "33", "33")
    with pytest.raises(ValueError):  # noqa: PT011
        allocate(Decimal("100.5"), fen("1", "1"), yen)


def test_allocate_splits_by_exact_fractions_and_ties_equal_thirds() -> None:
    thirds = [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)]
    assert allocate(Decimal("10.00"), thirds, FEN) == fen("3.34", "3.33", "3.33")
    assert allocate(Decimal("0.03"), [Fraction(1, 3), Fraction(1, 6), Fraction(1, 2)], FEN) == (
        fen("0.01", "0.01", "0.01"))  # 1, 0.5 and 1.5 fen: the tie goes to the earlier part


@pytest.mark.parametrize(("mode", "expected"), [
    (decimal.ROUND_HALF_UP, "0.01"), (decimal.ROUND_HALF_EVEN, "0.00"),
    (decimal.ROUND_DOWN, "0.00"), (decimal.ROUND_UP, "0.01"),
])
def test_a_third_plus_a_sixth_of_a_fen_is_exactly_half_a_fen(mode: str, expected: str) -> None:
    assert round_exact(Fraction(1, 300) + Fraction(1, 600), FEN, mode) == Decimal(expected)


@pytest.mark.parametrize("mode", [decimal.ROUND_HALF_UP, decimal.ROUND_HALF_EVEN,
                                  decimal.ROUND_DOWN, decimal.ROUND_UP])
def test_three_thirds_of_a_fen_are_a_fen_in_every_mode(mode: str) -> None:
    assert round_exact(Fraction(1, 300) * 3, FEN, mode) == FEN


def test_round_exact_rounds_a_negative_amount_toward_or_away_from_zero() -> None:
    assert round_exact(Fraction(-1, 300), FEN, decimal.ROUND_DOWN) == Decimal("-0.00")
    assert round_exact(Fraction(-1, 300), FEN, decimal.ROUND_UP) == Decimal("-0.01")
    assert round_exact(Fraction(-1, 200), FEN, decimal.ROUND_HALF_UP) == Decimal("-0.01")


def test_round_exact_gives_whole_units_of_the_currency() -> None:
    assert str(round_exact(Fraction(2501, 2), Decimal(1))) == "1251"  # yen
    assert str(round_exact(Fraction(399, 5), FEN)) == "79.80"


def test_exact_and_decimal_of_are_inverse_for_a_finite_decimal() -> None:
    assert exact(Decimal("79.80")) == Fraction(399, 5)
    assert str(decimal_of(exact(Decimal("79.80")), FEN)) == "79.80"
    assert str(decimal_of(Fraction(201, 40), FEN)) == "5.025"  # more places than the unit kept
    assert str(decimal_of(Fraction(20, 3))) == "6." + "6" * 58 + "7"  # 60 significant digits
