"""Order events, as the filing conditions name them: the instant each happened, in order."""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

from ...model.facts import Window
from ..view import CaseView

__all__ = ["EVENT_RANK", "NOT_HAPPENED", "NOUN", "OrderEvent", "filing"]

OrderEvent = Literal["paid_at", "shipped_at", "delivered_at"]

NOT_HAPPENED: Final = {"paid_at": "not_paid", "shipped_at": "not_shipped",
                       "delivered_at": "not_delivered"}
NOUN: Final = {"paid_at": "payment", "shipped_at": "shipment", "delivered_at": "delivery"}
EVENT_RANK: Final = {"paid_at": 0, "shipped_at": 1, "delivered_at": 2}
"""Events come in this order: paid ≤ shipped ≤ delivered (≤ as_of)."""


def filing(view: CaseView, event: OrderEvent
           ) -> tuple[datetime | None, datetime | None, dict[str, object]]:
    """The claim's `filed_at` (None without a claim), the event's instant, and the facts
    that `filed_before` and `filed_after` report."""
    event_at: datetime | None = getattr(view.order, event)
    facts: dict[str, object] = {"event": event, "event_at": event_at}
    claim = view.claim
    if claim is None:
        facts.update(window=Window(), deadline=event_at)
        return None, event_at, facts
    facts["filed_at"] = claim.filed_at
    return claim.filed_at, event_at, facts
