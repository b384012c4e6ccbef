from decimal import Decimal

import pytest

from aftersales import CurrencyMismatchError, Money, RoundingMode
from aftersales.money import minor_unit, quantize


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
