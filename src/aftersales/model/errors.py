"""Exceptions: one root, narrow subclasses of the nearest built-in.

A denial is a decision, never an exception. Exceptions mean bad input (listing every
problem with its JSON path) or a bug.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .printable import printable

__all__ = [
    "AftersalesError",
    "CurrencyMismatchError",
    "InvalidCaseError",
    "InvalidInputError",
    "InvalidPolicyError",
    "Problem",
]


class AftersalesError(Exception):
    """Root of every exception this library raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: where (a JSON path, and for a YAML document its line),
    what (a stable code), and why."""

    path: str
    code: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path or "(root)"
        if self.line is not None:
            where += f" (line {self.line})"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, str | int]:
        data: dict[str, str | int] = {"path": self.path, "code": self.code,
                                      "message": self.message}
        if self.line is not None:
            data["line"] = self.line
        return data


class InvalidInputError(AftersalesError, ValueError):
    """Bad input: carries every problem found, each with its JSON path."""

    subject = "input"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._summary())

    def __reduce__(self) -> tuple[type[InvalidInputError], tuple[tuple[Problem, ...]]]:
        # Pickled as its problems (the message is rebuilt from them): errors of cases decided
        # in worker processes cross back whole.
        return type(self), (self.problems,)

    def _summary(self) -> str:
        count = len(self.problems)
        lines = [f"invalid {self.subject}: {count} problem{'s' if count != 1 else ''}"]
        lines.extend(f"  {printable(str(problem))}" for problem in self.problems)
        return "\n".join(lines)

    @property
    def paths(self) -> Sequence[str]:
        return [problem.path for problem in self.problems]

    def to_dict(self) -> dict[str, object]:
        return {"error": type(self).__name__, "problems": [p.to_dict() for p in self.problems]}


class InvalidCaseError(InvalidInputError):
    """A case that cannot be decided: malformed, inconsistent, or in the wrong currency."""

    subject = "case"


class InvalidPolicyError(InvalidInputError):
    """A policy that cannot be built or compiled."""

    subject = "policy"


class CurrencyMismatchError(AftersalesError, ValueError):
    """Arithmetic on amounts of two different currencies."""

    def __init__(self, left: str, right: str) -> None:
        self.currencies = (left, right)
        super().__init__(f"cannot combine amounts in {left} and {right}")

    def __reduce__(self) -> tuple[type[CurrencyMismatchError], tuple[str, str]]:
        return type(self), self.currencies
