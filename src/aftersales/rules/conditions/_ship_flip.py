"""The nearest change that turns a passing lateness condition: ship by the instant it holds
after (`shipped_late`: the promise; `not_shipped_within`: the promise plus the grace)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..protocol import Flip

if TYPE_CHECKING:
    from ...model.decision import Step

__all__ = ["ship_flip"]


def ship_flip(step: Step, by_fact: str) -> Flip | None:
    if not step.passed:
        return None
    by, shipped_at = step.facts.get(by_fact), step.facts.get("shipped_at")
    if not isinstance(by, datetime):
        return None
    if isinstance(shipped_at, datetime):
        return Flip("ship_by", "order.shipped_at", by.isoformat(), "ship_by",
                    {"by": by, "earlier": shipped_at - by})
    return Flip("ship_by", "order.shipped_at", by.isoformat(), "ship_by_unshipped", {"by": by})
