"""Field types shared by the input models and the policy's rule parts: exact amounts, aware
instants, strict scalars, and the bounds that keep every computation exact and finite.

Each check is one function, used wherever the field is read (a `Case`, a policy, a document),
so that a value means the same everywhere. Strings are never coerced: `"yes"` is not a
boolean, `"2"` not a quantity, full-width digits and `"1_000"` not amounts.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Annotated, Any, Final

from pydantic import BeforeValidator, Field, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

__all__ = [
    "AMOUNT_PATTERN",
    "INSTANT_PATTERN",
    "MAX_AMOUNT",
    "MAX_COUNT",
    "MAX_DAYS",
    "MAX_HOURS",
    "MAX_INSTANT",
    "MAX_POLICY_FRACTION_DIGITS",
    "MIN_INSTANT",
    "NON_NEGATIVE_AMOUNT_PATTERN",
    "Count",
    "Days",
    "Flag",
    "GraceDays",
    "GraceHours",
    "Hours",
    "Instant",
    "Limit",
    "NonNegativeAmount",
    "PolicyAmount",
    "PositivePolicyAmount",
    "Text",
    "fixed_offset",
    "in_instant_range",
    "policy_amount_schema",
    "read_amount",
    "read_instant",
    "search_pattern",
]

MAX_AMOUNT: Final = Decimal("1e15")
"""Amounts are below this (in absolute value): with `MAX_POLICY_FRACTION_DIGITS` it keeps
every product the engine computes within its 60-digit arithmetic (docs/time-and-money.md)."""
MAX_POLICY_FRACTION_DIGITS: Final = 6
"""A policy's amounts, rates and multipliers have at most this many fractional digits."""
MAX_COUNT: Final = 1_000_000
"""The largest quantity a line or a claimed line may have."""
MIN_INSTANT: Final = datetime(1970, 1, 1, tzinfo=UTC)
MAX_INSTANT: Final = datetime(9000, 1, 1, tzinfo=UTC)
"""Instants lie in [MIN_INSTANT, MAX_INSTANT): windows of up to a century after any of them
stay within the calendar (`datetime` ends at the year 9999)."""

AMOUNT_PATTERN: Final = r"^-?[0-9]+(\.[0-9]+)?$"
"""An amount written as text: ASCII digits, an optional minus and fractional part."""
NON_NEGATIVE_AMOUNT_PATTERN: Final = r"^[0-9]+(\.[0-9]+)?$"
_AMOUNT_TEXT: Final = re.compile(AMOUNT_PATTERN)
INSTANT_PATTERN: Final = (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
                          r"(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})$")
"""An instant written as text: RFC 3339, with seconds, at most microseconds, and its offset
(`Z` or `±HH:MM`)."""
_INSTANT_TEXT: Final = re.compile(INSTANT_PATTERN)
_FIXED: dict[timedelta, timezone] = {}


def read_amount(value: Any, *, fraction_digits: int | None = None) -> Decimal:
    """An exact amount from a Decimal, an int or text in `AMOUNT_PATTERN`; a float, a bool,
    anything else, NaN, infinities and magnitudes from `MAX_AMOUNT` up are refused. With
    `fraction_digits`, more fractional digits than that are refused too."""
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        if _AMOUNT_TEXT.fullmatch(value) is None:
            if value.strip().lower().lstrip("+-") in _NOT_FINITE:
                raise _not_finite(value.strip())
            raise PydanticCustomError(
                "amount_parsing",
                "must be a decimal number in ASCII digits, e.g. '79.80' (got {value})",
                {"value": repr(value[:40])})
        amount = Decimal(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= MAX_AMOUNT:  # compared as an int: no 10**1000000-digit Decimal
            raise _too_large(_magnitude(value))
        amount = Decimal(value)
    elif isinstance(value, float):
        raise PydanticCustomError(
            "float_money", "float money is not exact: use str or Decimal (got {value})",
            {"value": repr(value)})
    else:
        raise PydanticCustomError(
            "amount_type", "must be a decimal amount as str or Decimal (got {type})",
            {"type": type(value).__name__})
    if not amount.is_finite():
        raise _not_finite(str(amount))
    if amount.adjusted() >= 15:  # from the exponent alone: 1e5000000 is never expanded
        raise _too_large(f"{amount:.3e}" if amount.adjusted() > 40 else str(amount))
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite amount's exponent
    if fraction_digits is not None and -exponent > fraction_digits:
        raise PydanticCustomError(
            "amount_precision", "{value} has more than {digits} fractional digits",
            {"value": str(amount), "digits": fraction_digits})
    return amount


_NOT_FINITE: Final = frozenset({"nan", "snan", "inf", "infinity"})


def _not_finite(value: str) -> PydanticCustomError:
    return PydanticCustomError("amount_not_finite", "must be a finite amount (got {value})",
                               {"value": value})


def _magnitude(value: int) -> str:
    """`1.000e+20`; an int beyond a float's range only as its order of magnitude, from its
    bit length (its digits would take seconds to write, and Python refuses past 4,300)."""
    if value.bit_length() < 1000:
        return f"{value:.3e}"
    sign = "-" if value < 0 else ""
    return f"{sign}~1e+{abs(value).bit_length() * 30103 // 100000}"


def _too_large(value: str) -> PydanticCustomError:
    return PydanticCustomError("amount_too_large", "must be below {limit} (got {value})",
                               {"limit": str(MAX_AMOUNT), "value": value})


def _non_negative(value: Any) -> Decimal:
    amount = read_amount(value)
    if amount < 0:
        raise PydanticCustomError("amount_negative", "must not be negative (got {value})",
                                  {"value": str(amount)})
    return amount


def _policy_amount(value: Any) -> Decimal:
    amount = read_amount(value, fraction_digits=MAX_POLICY_FRACTION_DIGITS)
    if amount < 0:
        raise PydanticCustomError("amount_negative", "must not be negative (got {value})",
                                  {"value": str(amount)})
    return amount


def _positive_policy_amount(value: Any) -> Decimal:
    amount = _policy_amount(value)
    if amount <= 0:
        raise PydanticCustomError("greater_than", "must be > 0 (got {value})",
                                  {"gt": 0, "value": str(amount)})
    return amount


_AMOUNT_SCHEMA: Final = {
    "anyOf": [{"type": "string", "pattern": NON_NEGATIVE_AMOUNT_PATTERN}, {"type": "number"}],
    "description": "an exact decimal amount, at least 0 and below 1e15: text in ASCII digits "
    "(JSON numbers are read exactly too)",
}

NonNegativeAmount = Annotated[Decimal, BeforeValidator(_non_negative),
                              WithJsonSchema(_AMOUNT_SCHEMA)]
"""An exact amount of at least zero: Decimal, int or numeric text; floats are refused."""


def policy_amount_schema(*, positive: bool = False) -> dict[str, Any]:
    """The JSON Schema of a policy's amount as `read_amount` bounds it: at least zero (above
    zero if `positive`), below `MAX_AMOUNT`, at most `MAX_POLICY_FRACTION_DIGITS` fractional
    digits. As text, all three are in the pattern; as a JSON number, the first two (a
    validator's `multipleOf` works in binary floating point, so the digits are not checked)."""
    digits = MAX_AMOUNT.adjusted()  # integer digits below MAX_AMOUNT (leading zeros aside)
    not_zero = r"(?![0.]*$)" if positive else ""
    pattern = f"^{not_zero}0*[0-9]{{1,{digits}}}(\\.[0-9]{{1,{MAX_POLICY_FRACTION_DIGITS}}})?$"
    low = {"exclusiveMinimum": 0} if positive else {"minimum": 0}
    return {
        "anyOf": [{"type": "string", "pattern": pattern},
                  {"type": "number", **low, "exclusiveMaximum": int(MAX_AMOUNT)}],
        "description": f"an exact decimal, {'above' if positive else 'at least'} 0 and below "
        f"1e{digits}, with at most {MAX_POLICY_FRACTION_DIGITS} fractional digits: text in "
        "ASCII digits (JSON numbers are read exactly too)",
    }


PolicyAmount = Annotated[Decimal, BeforeValidator(_policy_amount),
                         WithJsonSchema(policy_amount_schema())]
"""A policy's amount, rate or multiplier: as `NonNegativeAmount`, with at most
`MAX_POLICY_FRACTION_DIGITS` fractional digits."""

PositivePolicyAmount = Annotated[Decimal, BeforeValidator(_positive_policy_amount),
                                 WithJsonSchema(policy_amount_schema(positive=True))]
"""A policy's multiplier: a `PolicyAmount` above zero."""


def search_pattern(pattern: str) -> str:
    """A JSON Schema pattern (anchored with `^...$`) as Python's `re.search` must read it:
    there, `$` also matches before a final newline, which the schema's does not."""
    assert pattern.endswith("$")
    return pattern[:-1] + r"\Z"


def fixed_offset(at: datetime) -> datetime:
    """The same instant with a fixed-offset tzinfo (the offset it has at that instant).

    Arithmetic on an aware datetime is wall-clock arithmetic in its own tzinfo: with a
    `ZoneInfo`, `delivered + 48 h` across a daylight-saving change is 47 or 49 elapsed hours.
    With a fixed offset it is elapsed time, which is what every window measures."""
    zone = at.tzinfo
    if type(zone) is timezone:
        return at
    offset = at.utcoffset()
    assert offset is not None  # only aware instants get here
    fixed = _FIXED.get(offset)
    if fixed is None:
        fixed = _FIXED.setdefault(offset, timezone(offset))
    return at.replace(tzinfo=fixed, fold=0)


def read_instant(value: Any) -> datetime:
    """An aware instant from an aware datetime or RFC 3339 text (`INSTANT_PATTERN`), with a
    fixed-offset tzinfo, within [MIN_INSTANT, MAX_INSTANT). Naive date-times are refused;
    numbers are never read as Unix timestamps."""
    if isinstance(value, str):
        if _INSTANT_TEXT.fullmatch(value) is None:
            if not value.strip().lstrip("-").replace(".", "", 1).isdigit():
                naive = _looks_naive(value)
                if naive:
                    raise _naive()
                raise PydanticCustomError(
                    "instant_parsing", "must be an RFC 3339 date-time with seconds and a UTC "
                    "offset, e.g. 2025-08-24T15:00:00+08:00 (got {value})",
                    {"value": repr(value[:40])})
            raise _numeric()
        try:
            at = datetime.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "instant_parsing", "is not a date-time that exists (got {value})",
                {"value": repr(value)}) from None
    elif isinstance(value, datetime):
        at = value
        if at.utcoffset() is None:
            raise _naive()
    elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        raise _numeric()
    else:
        raise PydanticCustomError(
            "instant_type", "must be an ISO 8601 date-time with a UTC offset, e.g. "
            "2025-08-24T15:00:00+08:00 (got {type})", {"type": type(value).__name__})
    at = fixed_offset(at)
    if not in_instant_range(at):
        raise PydanticCustomError(
            "instant_out_of_range", "must be from {low} and before {high} (got {value})",
            {"low": MIN_INSTANT.date().isoformat(), "high": MAX_INSTANT.date().isoformat(),
             "value": at.isoformat()})
    return at


def in_instant_range(at: datetime) -> bool:
    """Whether the aware instant `at` lies in [MIN_INSTANT, MAX_INSTANT)."""
    if 1970 < at.year < 8999:  # the offset cannot move it out: no conversion needed
        return True
    try:
        return MIN_INSTANT <= at.astimezone(UTC) < MAX_INSTANT
    except OverflowError:  # 0001-01-01T00:00:00+14:00, 9999-12-31T23:00:00-14:00
        return False


def _looks_naive(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).tzinfo is None
    except ValueError:
        return False


def _naive() -> PydanticCustomError:
    return PydanticCustomError(
        "timezone_aware", "needs a UTC offset (naive date-times are refused), e.g. "
        "2025-08-24T15:00:00+08:00")


def _numeric() -> PydanticCustomError:
    return PydanticCustomError(
        "instant_type",
        "must be an ISO 8601 date-time with a UTC offset, e.g. 2025-08-24T15:00:00+08:00")


Instant = Annotated[datetime, BeforeValidator(read_instant), WithJsonSchema({
    "type": "string", "format": "date-time", "pattern": INSTANT_PATTERN,
    "description": "an RFC 3339 instant with seconds and its UTC offset, from 1970 and "
    "before 9000, e.g. 2025-08-24T15:00:00+08:00"})]
"""An aware instant given as such or as RFC 3339 text (naive ones are refused)."""

Count = Annotated[int, Strict(), Field(ge=1, le=MAX_COUNT)]
"""A quantity: an integer (never `"2"` or `2.0`) from 1 to `MAX_COUNT`."""

MAX_DAYS: Final = 36_600
"""The longest window a policy may set in days: a century. With `MAX_INSTANT`, every deadline
a window sets is a date the calendar has."""
MAX_HOURS: Final = 24 * MAX_DAYS
"""The longest window a policy may set in hours."""

Days = Annotated[int, Strict(), Field(gt=0, le=MAX_DAYS)]
"""A number of days in a policy: an integer from 1 to `MAX_DAYS` (never `true` or `"7"`)."""
Hours = Annotated[int, Strict(), Field(gt=0, le=MAX_HOURS)]
"""A number of hours in a policy: an integer from 1 to `MAX_HOURS`."""
GraceHours = Annotated[int, Strict(), Field(ge=0, le=MAX_HOURS)]
"""A number of hours that may be none: an integer from 0 to `MAX_HOURS`."""
GraceDays = Annotated[int, Strict(), Field(ge=0, le=MAX_DAYS)]
"""A number of days that may be none: an integer from 0 to `MAX_DAYS`."""
Limit = Annotated[int, Strict(), Field(ge=1, le=MAX_COUNT)]
"""A count a policy sets (claims per buyer): an integer from 1 to `MAX_COUNT`."""

Flag = Annotated[bool, Strict()]
"""A boolean: `true` or `false` (never `"yes"` or `1`)."""

Text = Annotated[str, Strict()]
"""Text (never a number or bytes)."""

