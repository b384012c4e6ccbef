"""Turning pydantic's validation errors into problems with JSON paths, and back."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, NoReturn

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from .errors import Problem

_PYDANTIC_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "timezone_aware": "needs a UTC offset (naive date-times are refused), "
    "e.g. 2025-08-24T15:00:00+08:00",
}


_BOUNDS = {
    "greater_than": ("gt", ">"),
    "greater_than_equal": ("ge", ">="),
    "less_than": ("lt", "<"),
    "less_than_equal": ("le", "<="),
}


def json_path(location: Sequence[int | str], data: object = None) -> str:
    """`('order', 'lines', 0, 'paid_amount')` → `order.lines[0].paid_amount`.

    Given the input `data`, the tags pydantic puts in the location of a tagged union's member
    (`conditions.0.filed_within.window_days`) are left out: they are not in the document.
    """
    path = ""
    for part in location:
        if isinstance(data, Mapping) and isinstance(part, str) and part not in data \
                and data.get("kind") == part:
            continue
        data = _child(data, part)
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path


def _child(data: object, part: int | str) -> object:
    if isinstance(data, Mapping):
        return data.get(part)
    if isinstance(data, list | tuple) and isinstance(part, int) and -len(data) <= part < len(data):
        return data[part]
    return None


def problems_from_validation_error(error: ValidationError, data: object = None) -> list[Problem]:
    """One problem per error, with its JSON path in `data` (the validated input, if known)."""
    problems = []
    for detail in error.errors(include_url=False):
        code = detail["type"]
        message = _message(code, detail)
        if code not in _PYDANTIC_MESSAGES and code not in _OBJECT_TYPES and "input" in detail:
            received = detail["input"]
            if not isinstance(received, dict | list | tuple) and code.endswith("_type"):
                message = f"{message} (got {shown(received)})"
        path = json_path(detail["loc"], data)
        if code == "union_tag_invalid":
            path += ".kind"
        problems.append(Problem(path, code, message))
    return problems


_OBJECT_TYPES = {"model_type", "model_attributes_type", "dict_type"}
"""pydantic's codes for a value that is not an object where one goes."""


def _message(code: str, detail: Any) -> str:
    context = detail.get("ctx") or {}
    if code in _OBJECT_TYPES:
        return f"must be an object, not {json_kind(detail.get('input'))}"
    if code == "value_error" and "error" in context:
        return str(context["error"])
    if code in _BOUNDS:
        key, sign = _BOUNDS[code]
        return f"must be {sign} {context[key]} (got {shown(detail.get('input'))})"
    if code == "union_tag_invalid":
        tag = str(context.get("tag"))
        known = re.findall(r"'([^']*)'", str(context.get("expected_tags", "")))
        return f"unknown {context.get('discriminator', 'kind').strip(chr(39))} {tag!r}" + \
            did_you_mean(tag, known)
    if code in {"literal_error", "enum"}:
        choices = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        received = detail.get("input")
        if isinstance(received, str) and choices:
            return f"must be one of {', '.join(choices)} (got {received!r})" + \
                did_you_mean(received, choices, listed=True)
    return _PYDANTIC_MESSAGES.get(code, str(detail["msg"]))


_SHOWN_LENGTH = 60


def shown(value: object) -> str:
    """A received value as a message shows it: short, and never a conversion that could take
    long or fail (an integer of a million digits is shown by its size)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, Decimal) and value.is_finite() and abs(value.adjusted()) > 40:
        return f"{value:.3e}"
    text = repr(value)
    return text if len(text) <= _SHOWN_LENGTH else f"{text[:_SHOWN_LENGTH]}…"


def json_kind(value: object) -> str:
    """What a value given where an object goes is, in the words of JSON: `null`, `a list`,
    `the number 5`, `the text 'x'`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return f"the number {shown(value)}"
    if isinstance(value, str):
        return f"the text {shown(value)}"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a {type(value).__name__}"


def did_you_mean(word: str, known: Sequence[str], *, listed: bool = False) -> str:
    """`; did you mean `filed_within`?` for the closest known word, or the known words."""
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    if close:
        return f"; did you mean `{close[0]}`?"
    if listed:
        return ""
    return f" (known: {', '.join(known)})"


def raise_problems(title: str, problems: Iterable[Problem]) -> NoReturn:
    """Raise problems found by a model validator as one pydantic error, paths intact."""
    details: list[InitErrorDetails] = [
        {
            "type": PydanticCustomError(problem.code, problem.message.replace("{", "{{")
                                        .replace("}", "}}")),
            "loc": _location(problem.path),
            "input": None,
        }
        for problem in problems
    ]
    raise ValidationError.from_exception_data(title, details)


def _location(path: str) -> tuple[int | str, ...]:
    location: list[int | str] = []
    for part in path.replace("[", ".[").split("."):
        if not part:
            continue
        if part.startswith("["):
            location.append(int(part[1:-1]))
        else:
            location.append(part)
    return tuple(location)
