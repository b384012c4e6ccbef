"""Typed facts: what a check compared and a reason rests on, as values, never as sentences.

A fact is an instant (`datetime`), a duration (`timedelta`), an exact number (`Decimal`), a
count (`int`), a flag (`bool`), a name (`str`: a line id, a category, a guarantee, a code),
nothing (`None`), a tuple of facts, or one of the small fact types below. Each language's
catalogue words facts for its sentences (`wording/`); `fact_text` writes each as the stable
machine text the JSON contract carries (`2025-08-26T15:00:00+08:00`, `3 h`, `48 h`,
`7 calendar days`, `l1 (fresh.produce)`). No part of the library reads that text back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any, Final, NamedTuple

__all__ = ["Formula", "Granted", "LineCategory", "Phrase", "Tier", "UnitPrice", "Window",
           "duration_parts", "duration_text", "fact_text", "fact_texts", "joined"]


def _by_fields(fact: Any) -> tuple[type, tuple[object, ...]]:
    """A fact type's `__reduce__`: how `pickle` and `copy` rebuild it, from its fields. A
    frozen dataclass compiled by the `mypyc` accelerator has no state to set once built, so
    the default way (build empty, then set each field) would fail on it."""
    return type(fact), tuple(getattr(fact, field.name) for field in fields(fact))


@dataclass(frozen=True, slots=True)
class Window:
    """A window: `hours` after an event (exact), `days` calendar days after it,
    `rolling_days` days of 24 hours, the claim itself (`claim`: no window, the claim must come
    after the event), or none (`—`)."""

    hours: int | None = None
    days: int | None = None
    claim: bool = False
    rolling_days: int | None = None
    """Days of exactly 24 hours before an instant (a buyer's limit counts claims in them)."""

    def fact_text(self) -> str:
        if self.hours is not None:
            return f"{self.hours} h"
        if self.days is not None:
            return f"{self.days} calendar days"
        if self.rolling_days is not None:
            return f"{self.rolling_days} days"
        return "claim" if self.claim else "—"

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return _by_fields(self)


@dataclass(frozen=True, slots=True)
class Formula:
    """How an amount is computed: the amount kind's `kind`, its machine `text` (as the JSON
    contract writes it), and the values a language words it from (`rate_percent`, `base`,
    `multiplier`, `minimum`, `fee`)."""

    kind: str
    text: str
    values: tuple[tuple[str, object], ...] = ()

    def fact_text(self) -> str:
        return self.text

    def value(self, name: str) -> Any:
        return dict(self.values)[name]

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return _by_fields(self)


@dataclass(frozen=True, slots=True)
class Tier:
    """The tier of a tier table a base falls in: from `start` (None: below the first)."""

    start: Decimal | None

    def fact_text(self) -> str:
        return "none" if self.start is None else f"from {self.start}"

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return _by_fields(self)


@dataclass(frozen=True, slots=True)
class LineCategory:
    """A line and its category: `l1 (fresh.produce)`."""

    line_id: str
    category: str

    def fact_text(self) -> str:
        return f"{self.line_id} ({self.category})"

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return _by_fields(self)


@dataclass(frozen=True, slots=True)
class UnitPrice:
    """What one unit of a line cost (exact): `l1: 39.90`."""

    line_id: str
    price: Decimal

    def fact_text(self) -> str:
        return f"{self.line_id}: {self.price}"

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return _by_fields(self)


@dataclass(frozen=True, slots=True)
class Granted:
    """A remedy granted: its kind, amount (None for an action) in `currency`, and payer."""

    kind: str
    amount: Decimal | None
    currency: str
    payer: str

    def fact_text(self) -> str:
        if self.amount is None:
            return f"{self.kind}, paid by {self.payer}"
        return f"{self.kind} of {self.amount} {self.currency} paid by {self.payer}"

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return _by_fields(self)


class Phrase(NamedTuple):
    """A phrase not yet put into words: its key in each language's phrases, and its facts
    (which may be phrases of their own)."""

    key: str
    facts: Mapping[str, object] = {}

    def fact_text(self) -> str:
        return self.key


def duration_parts(delta: timedelta) -> list[tuple[int, str]]:
    """`[(3, "d"), (4, "h"), (5, "min"), (6, "s")]`, leaving out zero parts; under a second,
    `[(microseconds, "µs")]`: the parts each language words a duration from."""
    seconds = int(delta.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [(count, unit) for count, unit in ((days, "d"), (hours, "h"), (minutes, "min"),
                                               (seconds, "s")) if count]
    return parts or [(delta.microseconds, "µs")]


def duration_text(delta: timedelta) -> str:
    """`3 d 4 h 5 min 6 s`, leaving out zero parts; under a second, in microseconds."""
    return " ".join(f"{count} {unit}" for count, unit in duration_parts(delta))


def joined(items: Any, texts: list[str]) -> str:
    """The texts of `items` separated by `, `, or by `; ` for remedies granted (whose own text
    may have a comma: `refund of 1.00 CNY paid by merchant; pickup, paid by platform`);
    `none` for no items."""
    separator = "; " if any(type(item) is Granted for item in items) else ", "
    return separator.join(texts) or "none"


def _sequence_text(items: Any) -> str:
    return joined(items, [fact_text(item) for item in items])


_TEXT_TUPLES: Final[dict[tuple[object, ...], str]] = {}
"""The texts of tuples of plain texts met before: a policy's categories and tags are
reported on every case, and the same line ids on many. Keyed by value, which is safe only
for texts: a tuple equal to a key is that key's texts (`Decimal("1.0") == Decimal("1.00")`,
`True == 1`, and equal instants in two offsets are not)."""
_TEXT_TUPLES_HELD = 4096


def _tuple_text(items: tuple[object, ...]) -> str:
    # Line ids, categories, tags: plain texts, joined as `_sequence_text` joins them.
    try:
        known = _TEXT_TUPLES.get(items)
    except TypeError:  # an unhashable fact: not plain texts
        known = None
    if known is not None:
        return known
    if all(type(item) is str for item in items):
        text = ", ".join(items) or "none"  # type: ignore[arg-type]  # all str, checked
        if len(_TEXT_TUPLES) < _TEXT_TUPLES_HELD:
            _TEXT_TUPLES[items] = text
        return text
    return _sequence_text(items)


_TEXTS: Final[dict[type, Callable[[Any], str]]] = {
    str: str,
    datetime: datetime.isoformat,  # never cached: equal instants in two offsets hash alike
    Decimal: str,
    int: str,
    bool: lambda flag: "true" if flag else "false",
    timedelta: duration_text,
    tuple: _tuple_text,
    list: _sequence_text,
    type(None): lambda _: "none",
    Window: Window.fact_text,
    Formula: Formula.fact_text,
    Tier: Tier.fact_text,
    LineCategory: LineCategory.fact_text,
    UnitPrice: UnitPrice.fact_text,
    Granted: Granted.fact_text,
}


def fact_text(value: object) -> str:
    """The stable machine text of a fact, as the JSON contract writes it."""
    text = _TEXTS.get(type(value))
    if text is not None:
        return text(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def fact_texts(facts: Mapping[str, object]) -> dict[str, str]:
    """Every fact as its machine text."""
    texts: dict[str, str] = {}
    for name, value in facts.items():
        # the common kinds inline: this runs for every reason and step of every decision
        kind = type(value)
        if kind is str:
            texts[name] = value  # type: ignore[assignment]  # narrowed by `kind is str`
        elif kind is Decimal or kind is int:
            texts[name] = str(value)
        elif kind is datetime:
            texts[name] = value.isoformat()  # type: ignore[attr-defined]
        elif kind is tuple:
            texts[name] = _tuple_text(value)  # type: ignore[arg-type]  # narrowed by `kind`
        else:
            texts[name] = fact_text(value)
    return texts
