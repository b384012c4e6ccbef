"""Exact money: Decimal amounts, currency minor units, and the rounding modes policies use.

Amounts are rounded once, at the remedy, to the currency's minor unit. A fraction of a line
is `paid_amount * k / n` computed exactly and rounded once, never a rounded unit price times k.

Arithmetic uses `EXACT`, a decimal context of its own (never the thread's, which a caller may
have changed): 60 significant digits. Every input is bounded (amounts below 10^15 with at most
3 fractional digits in a case and 6 in a policy, quantities up to 10^6), so every sum and
product is exact, and a quotient such as `paid × k / 3` is within 10^-39 of the true value,
far closer than the distance (at least 10^-12) between any such quotient and a half-unit
rounding edge it does not sit on: rounding it once gives the exact rational result.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final

from .errors import CurrencyMismatchError

__all__ = ["EXACT", "MINOR_UNITS", "Money", "RoundingMode", "allocate", "exact_sum", "minor_unit",
           "quantize"]

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


def allocate(total: Decimal, weights: Sequence[Decimal], unit: Decimal) -> list[Decimal]:
    """Split `total` (a whole number of `unit`s) in proportion to `weights` so that the
    parts sum to it exactly: each part is rounded down to the unit, and the units left over
    go one each to the largest remainders (ties to the earlier part). All-zero weights
    split evenly."""
    if not weights:
        raise ValueError("nothing to allocate over: no weights")
    if any(weight < 0 for weight in weights):
        raise ValueError("weights must not be negative")
    units = EXACT.divide(total, unit)
    if units != units.to_integral_value():
        raise ValueError(f"{total} is not a whole number of {unit}")
    count = int(units)
    if count < 0:
        raise ValueError(f"cannot allocate a negative amount ({total})")
    weight_sum = Decimal(0)
    for weight in weights:
        weight_sum = EXACT.add(weight_sum, weight)
    if weight_sum == 0:
        weights, weight_sum = [Decimal(1)] * len(weights), Decimal(len(weights))
    floors: list[int] = []
    remainders: list[Decimal] = []
    for weight in weights:
        whole, rest = EXACT.divmod(EXACT.multiply(count, weight), weight_sum)
        floors.append(int(whole))
        remainders.append(rest)
    left = count - sum(floors)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        floors[index] += 1
    return [EXACT.multiply(unit, part) for part in floors]


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
