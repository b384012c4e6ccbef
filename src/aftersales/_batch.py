"""Deciding a batch: a bad case yields its error in place and the others are still decided."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from .decision import Decision
from .errors import InvalidCaseError

__all__ = ["decide_each"]

CaseT = TypeVar("CaseT")


def decide_each(decide: Callable[[CaseT], Decision],
                cases: Iterable[CaseT]) -> list[Decision | InvalidCaseError]:
    decided: list[Decision | InvalidCaseError] = []
    for case in cases:
        try:
            decided.append(decide(case))
        except InvalidCaseError as error:
            decided.append(error)
    return decided
