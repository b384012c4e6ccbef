"""Limits that depend on remedies already granted on the order."""

from __future__ import annotations

from typing import Literal

from ..context import Context, Outcome
from .base import Condition

__all__ = ["NotGrantedBefore"]


class NotGrantedBefore(Condition):
    """No remedy of `guarantee` (default: the guarantee being evaluated) was granted before,
    on the order (`per="order"`) or on the line (`per="line"`)."""

    kind: Literal["not_granted_before"] = "not_granted_before"
    FAILURE_CODES = ("already_granted",)
    PASS_CODES = ("not_granted_before",)
    guarantee: str | None = None
    per: Literal["order", "line"] = "order"

    def evaluate(self, context: Context, lines: int) -> Outcome:
        guarantee = self.guarantee or context.guarantee
        granted = [entry for entry in context.case.history if entry.guarantee == guarantee]
        facts: dict[str, object] = {"guarantee": guarantee, "per": self.per,
                                    "granted_before": len(granted)}
        if not granted:
            return Outcome(lines, "not_granted_before", facts)
        if self.per == "order":
            return Outcome(0, "already_granted", facts)
        if any(not entry.line_ids for entry in granted):  # granted on the whole order
            return Outcome(0, "already_granted", facts)
        granted_ids = {line_id for entry in granted for line_id in entry.line_ids}
        held = 0
        for index, line in context.lines_in(lines):
            if line.id not in granted_ids:
                held |= 1 << index
        facts["granted_lines"] = tuple(sorted(granted_ids))
        return Outcome(held, "not_granted_before" if held == lines else "already_granted", facts)
