"""Exact money: Decimal amounts, currency minor units, and the rounding modes policies use.

Amounts are rounded once, at the remedy, to the currency's minor unit. A fraction of a line
is `paid_amount * k / n` computed exactly and rounded once, never a rounded unit price times k.

What an amount formula computes is an exact rational (`Fraction`): `paid × k / 3` is a third,
not a decimal near one, so sums and multiples of such shares land exactly on a rounding edge
when the true value does (three thirds of 0.01 are 0.01, and round down to 0.01, not 0.00).
`exact` turns a Decimal into one, `round_exact` rounds one once to a minor unit, and
`decimal_of` writes one as a Decimal for facts and messages.

Decimal arithmetic uses `EXACT`, a decimal context of its own (never the thread's, which a
caller may have changed): 60 significant digits, enough for every sum and product of bounded
inputs (amounts below 10^15 with at most 3 fractional digits in a case and 6 in a policy) to
be exact.
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from math import lcm
from typing import Final, ParamSpec, TypeVar

from .errors import CurrencyMismatchError

__all__ = ["EXACT", "MINOR_UNITS", "Money", "RoundingMode", "allocate", "decimal_of", "exact",
           "exact_sum", "in_exact_context", "minor_unit", "quantize", "rational_sum",
           "round_exact"]

EXACT: Final = decimal.Context(
    prec=60, rounding=decimal.ROUND_HALF_EVEN, Emin=-999_999, Emax=999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow])
"""The context of every computation on amounts (see the module's docstring)."""

#: ISO 4217 minor-unit digits of the currencies this library knows.
MINOR_UNITS: Final[dict[str, int]] = {
    "CNY": 2, "HKD": 2, "MOP": 2, "TWD": 2, "USD": 2, "EUR": 2, "GBP": 2, "SGD": 2,
    "MYR": 2, "THB": 2, "PHP": 2, "INR": 2, "AUD": 2, "CAD": 2, "NZD": 2, "CHF": 2,
    "SEK": 2, "NOK": 2, "DKK": 2, "PLN": 2, "CZK": 2, "BRL": 2, "MXN": 2, "RUB": 2,
    "AED": 2, "SAR": 2, "ZAR": 2, "TRY": 2, "ILS": 2,
    "JPY": 0, "KRW": 0, "VND": 0, "IDR": 2, "CLP": 0, "ISK": 0, "HUF": 2,
    "KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3,
}


class RoundingMode(StrEnum):
    """How a remedy amount is rounded to the currency's minor unit."""

    HALF_UP = "half_up"  # 四舍五入, the default
    HALF_EVEN = "half_even"
    DOWN = "down"  # toward zero: never pays a fraction of a minor unit more
    UP = "up"  # away from zero

    @property
    def decimal_rounding(self) -> str:
        return _DECIMAL_ROUNDING[self]


_DECIMAL_ROUNDING: Final[dict[RoundingMode, str]] = {
    RoundingMode.HALF_UP: decimal.ROUND_HALF_UP,
    RoundingMode.HALF_EVEN: decimal.ROUND_HALF_EVEN,
    RoundingMode.DOWN: decimal.ROUND_DOWN,
    RoundingMode.UP: decimal.ROUND_UP,
}

_EXPONENTS: Final[dict[int, Decimal]] = {digits: Decimal(1).scaleb(-digits) for digits in range(4)}


def exact_sum(amounts: Iterable[Decimal]) -> Decimal:
    """The sum of `amounts`, exact (in `EXACT`)."""
    total = Decimal(0)
    for amount in amounts:
        total = EXACT.add(total, amount)
    return total


def exact(amount: Decimal | int) -> Fraction:
    """`amount` as an exact rational."""
    return Fraction(*amount.as_integer_ratio())


def decimal_of(value: Fraction, unit: Decimal | None = None) -> Decimal:
    """`value` as a Decimal: exact when it has a finite decimal form of at most 60 digits
    (written with at least the places of `unit`, so 79.8 reads 79.80 in CNY), else to 60
    significant digits (a third of 20.00 reads 6.666…67)."""
    numerator, denominator = value.numerator, value.denominator
    if unit is not None:
        unit_numerator, unit_denominator = unit.as_integer_ratio()
        units, rest = divmod(numerator * unit_denominator, denominator * unit_numerator)
        if not rest:  # a whole number of units, written with the unit's places
            return EXACT.multiply(Decimal(units), unit)
    if denominator == 1:
        return Decimal(numerator)
    return EXACT.divide(Decimal(numerator), Decimal(denominator))


_ROUNDING_CLASS: Final = (Decimal(0), Decimal("0.25"), Decimal("0.5"), Decimal("0.75"))
_ONE: Final = Decimal(1)


def round_exact(value: Fraction, unit: Decimal, rounding: str = decimal.ROUND_HALF_UP) -> Decimal:
    """`value` rounded once to a whole number of `unit` (a decimal rounding mode such as
    `decimal.ROUND_HALF_UP`), exactly: the tie of `1/3 + 1/6` of a fen is a tie."""
    unit_numerator, unit_denominator = unit.as_integer_ratio()
    numerator = value.numerator * unit_denominator
    denominator = value.denominator * unit_numerator
    whole, rest = divmod(abs(numerator), denominator)
    # Every rounding mode only asks whether the rest is nothing, under, on or over a half.
    twice = 2 * rest
    on = 0 if rest == 0 else 1 if twice < denominator else 2 if twice == denominator else 3
    magnitude = EXACT.add(Decimal(whole), _ROUNDING_CLASS[on])
    signed = magnitude if numerator >= 0 else magnitude.copy_negate()
    return EXACT.multiply(signed.quantize(_ONE, rounding=rounding, context=EXACT), unit)


def rational_sum(values: Iterable[Fraction]) -> Fraction:
    """The exact sum of `values` (0 for none)."""
    total: Fraction | None = None
    for value in values:
        total = value if total is None else total + value
    return _NO_FRACTION if total is None else total


_NO_FRACTION: Final = Fraction(0)


def minor_unit(currency: str) -> Decimal:
    """The smallest amount of `currency`: `Decimal('0.01')` for CNY, `Decimal('1')` for JPY."""
    try:
        return _EXPONENTS[MINOR_UNITS[currency]]
    except KeyError:
        raise ValueError(f"unknown currency {currency!r}") from None


def quantize(amount: Decimal, currency: str,
             rounding: RoundingMode = RoundingMode.HALF_UP) -> Decimal:
    """Round `amount` once to the minor unit of `currency`."""
    return amount.quantize(minor_unit(currency), rounding=rounding.decimal_rounding,
                           context=EXACT)


def allocate(total: Decimal, weights: Sequence[Decimal | Fraction | int],
             unit: Decimal) -> list[Decimal]:
    """Split `total` (a whole number of `unit`s) in proportion to `weights` so that the
    parts sum to it exactly: each part is rounded down to the unit, and the units left over
    go one each to the largest remainders (ties to the earlier part), compared exactly, so
    that weights of a third each tie. All-zero weights split evenly."""
    if not weights:
        raise ValueError("nothing to allocate over: no weights")
    ratios = [weight.as_integer_ratio() for weight in weights]
    if any(numerator < 0 for numerator, _ in ratios):
        raise ValueError("weights must not be negative")
    units = EXACT.divide(total, unit)
    if units != units.to_integral_value():
        raise ValueError(f"{total} is not a whole number of {unit}")
    count = int(units)
    if count < 0:
        raise ValueError(f"cannot allocate a negative amount ({total})")
    # Over a common denominator the weights are whole numbers, and every step is exact.
    scale = lcm(*(denominator for _, denominator in ratios))
    whole_weights = [numerator * (scale // denominator) for numerator, denominator in ratios]
    weight_sum = sum(whole_weights)
    if weight_sum == 0:
        whole_weights, weight_sum = [1] * len(weights), len(weights)
    floors: list[int] = []
    remainders: list[int] = []
    for weight in whole_weights:
        whole, rest = divmod(count * weight, weight_sum)
        floors.append(whole)
        remainders.append(rest)
    left = count - sum(floors)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        floors[index] += 1
    return [EXACT.multiply(unit, part) for part in floors]


_P = ParamSpec("_P")
_R = TypeVar("_R")


def in_exact_context(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """`function`, run with `EXACT` as the thread's decimal context: for the parts (lint, the
    testing kit, what-if) whose Decimal operators would otherwise use the caller's context,
    which a program may have set to 3 digits."""
    @functools.wraps(function)
    def in_context(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with decimal.localcontext(EXACT):
            return function(*args, **kwargs)

    return in_context


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount in one currency. Arithmetic across currencies raises."""

    amount: Decimal
    currency: str = "CNY"

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError(f"Money.amount must be a Decimal, got {type(self.amount).__name__}")
        minor_unit(self.currency)

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(self.currency, other.currency)

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(EXACT.add(self.amount, other.amount), self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(EXACT.subtract(self.amount, other.amount), self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, float):
            raise TypeError("multiply Money by a Decimal or int, not a float")
        return Money(EXACT.multiply(self.amount, factor), self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount <= other.amount

    def quantized(self, rounding: RoundingMode = RoundingMode.HALF_UP) -> Money:
        return Money(quantize(self.amount, self.currency, rounding), self.currency)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def __repr__(self) -> str:
        return f"Money('{self.amount}', '{self.currency}')"
