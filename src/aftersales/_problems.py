"""Turning pydantic's validation errors into problems with JSON paths, and back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NoReturn

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from .errors import Problem

_PYDANTIC_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "timezone_aware": "needs a UTC offset (naive date-times are refused), "
    "e.g. 2025-08-24T15:00:00+08:00",
}


def json_path(location: Sequence[int | str]) -> str:
    """`('order', 'lines', 0, 'paid_amount')` → `order.lines[0].paid_amount`."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path


def problems_from_validation_error(error: ValidationError) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        code = detail["type"]
        message = _PYDANTIC_MESSAGES.get(code, detail["msg"])
        if code not in _PYDANTIC_MESSAGES and "input" in detail and code != "missing":
            received = detail["input"]
            if not isinstance(received, dict | list | tuple) and code.endswith("_type"):
                message = f"{message} (got {received!r})"
        problems.append(Problem(json_path(detail["loc"]), code, message))
    return problems


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
