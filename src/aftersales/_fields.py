"""Field types shared by the input and output models: exact amounts and aware instants."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AwareDatetime, BeforeValidator, Strict, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

__all__ = ["FLOAT_IN_JSON", "MAX_AMOUNT", "Count", "Instant", "NonNegativeAmount"]

#: Amounts at or above this are refused: it keeps every computation exact within the
#: 28 significant digits of the default decimal context.
MAX_AMOUNT = Decimal("1e15")

#: Error type raised when JSON text holds a money amount as a JSON number: the caller re-reads
#: that document exactly (numbers as Decimal) instead of trusting a binary float.
FLOAT_IN_JSON = "float_in_json"


def _to_decimal(value: Any, info: ValidationInfo) -> Decimal:
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        try:
            amount = Decimal(value)
        except InvalidOperation:
            raise PydanticCustomError(
                "amount_parsing", "must be a decimal number, e.g. '79.80' (got {value})",
                {"value": repr(value)},
            ) from None
    elif isinstance(value, int) and not isinstance(value, bool):
        amount = Decimal(value)
    elif isinstance(value, float):
        if info.mode == "json":
            raise PydanticCustomError(FLOAT_IN_JSON, "JSON number to be read exactly")
        raise PydanticCustomError(
            "float_money", "float money is not exact: use str or Decimal (got {value})",
            {"value": repr(value)},
        )
    else:
        raise PydanticCustomError(
            "amount_type", "must be a decimal amount as str or Decimal (got {type})",
            {"type": type(value).__name__},
        )
    if not amount.is_finite():
        raise PydanticCustomError("amount_not_finite", "must be a finite amount (got {value})",
                                  {"value": str(amount)})
    if abs(amount) >= MAX_AMOUNT:
        raise PydanticCustomError("amount_too_large", "must be below {limit} (got {value})",
                                  {"limit": str(MAX_AMOUNT), "value": str(amount)})
    return amount


def _non_negative(value: Any, info: ValidationInfo) -> Decimal:
    amount = _to_decimal(value, info)
    if amount < 0:
        raise PydanticCustomError("amount_negative", "must not be negative (got {value})",
                                  {"value": str(amount)})
    return amount


_AMOUNT_SCHEMA = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$",
                  "description": "exact decimal amount as a string (JSON numbers are read exactly)"}

NonNegativeAmount = Annotated[
    Decimal, BeforeValidator(_non_negative),
    WithJsonSchema({**_AMOUNT_SCHEMA, "pattern": r"^\d+(\.\d+)?$"}),
]
"""An exact amount of at least zero: Decimal, int or numeric str; floats are refused."""


def _instant(value: Any) -> Any:
    # pydantic would read numbers, and numeric text, as Unix timestamps.
    looks_numeric = isinstance(value, str) and value.strip().lstrip("-").replace(
        ".", "", 1).isdigit()
    if looks_numeric or (isinstance(value, int | float | Decimal) and not isinstance(value, bool)):
        raise PydanticCustomError(
            "instant_type",
            "must be an ISO 8601 date-time with a UTC offset, e.g. 2025-08-24T15:00:00+08:00",
        )
    return value


Instant = Annotated[AwareDatetime, BeforeValidator(_instant)]
"""An aware datetime given as such or as ISO 8601 text (naive ones are refused)."""

Count = Annotated[int, Strict()]
