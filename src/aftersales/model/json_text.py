"""JSON text as a case arrives: read exactly (numbers as `Decimal`, never through float), with
duplicate keys, `NaN` and `Infinity`, bytes that are not UTF-8, and absurd sizes refused as
problems with their paths, never as a crash."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Final

from .errors import Problem

__all__ = ["MAX_JSON_BYTES", "JsonTextError", "load_json_text"]

MAX_JSON_BYTES: Final = 1_000_000
"""A case is a few hundred bytes; one with 1,000 lines and 1,000 history entries is about
300 kB."""
_LONGEST_INT: Final = 4000  # digits; Python refuses to read longer ints from text


class JsonTextError(ValueError):
    """Text that is not one JSON document this library reads: `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


class _Duplicated(dict[str, Any]):
    """An object in which a key was written twice (JSON readers keep only the last)."""

    keys_twice: tuple[str, ...] = ()


def load_json_text(text: str | bytes | bytearray, *, what: str = "case") -> Any:
    """The JSON value in `text` (a leading byte-order mark is tolerated)."""
    if isinstance(text, bytes | bytearray):
        if len(text) > MAX_JSON_BYTES:
            raise JsonTextError([_too_large(len(text), what)])
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as error:
            raise JsonTextError([Problem("", "not_utf8", f"the {what} is not UTF-8 text: "
                                         f"{error.reason} at byte {error.start}")]) from None
    elif len(text) > MAX_JSON_BYTES // 4 and len(text.encode("utf-8")) > MAX_JSON_BYTES:
        raise JsonTextError([_too_large(len(text.encode("utf-8")), what)])
    text = text.removeprefix("\ufeff")
    duplicated: list[_Duplicated] = []

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        data = dict(pairs)
        if len(data) == len(pairs):
            return data
        seen: set[str] = set()
        twice: list[str] = []
        for key, _ in pairs:
            if key in seen:
                twice.append(key)
            seen.add(key)
        flagged = _Duplicated(data)
        flagged.keys_twice = tuple(dict.fromkeys(twice))
        duplicated.append(flagged)
        return flagged

    try:
        data = json.loads(text, parse_float=Decimal, parse_int=_integer,
                          parse_constant=Decimal, object_pairs_hook=unique)
    except RecursionError:
        raise JsonTextError([Problem("", "json_too_deep",
                                     f"the {what} nests too deeply to be read")]) from None
    except json.JSONDecodeError as error:
        raise JsonTextError([Problem("", "json_invalid", f"not valid JSON: {error.msg} "
                                     f"(line {error.lineno}, column {error.colno})",
                                     error.lineno)]) from None
    if duplicated:
        raise JsonTextError(list(_duplicate_problems(data, "")))
    return data


def _integer(text: str) -> int | Decimal:
    # Longer integers than Python reads from text are kept exact as Decimal: an amount of
    # that size is then refused as too large, a quantity as not an integer.
    return int(text) if len(text) <= _LONGEST_INT else Decimal(text)


def _too_large(size: int, what: str) -> Problem:
    return Problem("", f"{what}_too_large", f"the {what} is {size:,} bytes; a {what} may have "
                   f"at most {MAX_JSON_BYTES:,}")


def _duplicate_problems(data: Any, path: str) -> Iterator[Problem]:
    if isinstance(data, dict):
        if isinstance(data, _Duplicated):
            for key in data.keys_twice:
                where = f"{path}.{key}" if path else key
                yield Problem(where, "duplicate_key", f"{key!r} is written twice in one "
                              "object; JSON readers would keep only the last")
        for key, value in data.items():
            yield from _duplicate_problems(value, f"{path}.{key}" if path else key)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _duplicate_problems(value, f"{path}[{index}]")
