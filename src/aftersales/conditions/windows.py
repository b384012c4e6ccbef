"""Claim windows: filed within N hours (exact) or N calendar days (in the policy's time zone)
after an order event. The window's deadline is inclusive and becomes the decision's deadline."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Self

from pydantic import model_validator

from .._fields import Days, Hours
from ..context import Context, Outcome
from ..timeline import day_window_deadline, hour_window_deadline
from .base import Condition

__all__ = ["FiledAfter", "FiledBefore", "FiledWithin", "OrderEvent"]

OrderEvent = Literal["paid_at", "shipped_at", "delivered_at"]

_NOT_HAPPENED = {"paid_at": "not_paid", "shipped_at": "not_shipped",
                 "delivered_at": "not_delivered"}
_NOUN = {"paid_at": "payment", "shipped_at": "shipment", "delivered_at": "delivery"}


class FiledWithin(Condition):
    """The claim was filed no earlier than `after` and no later than the window's deadline:
    `window_hours` after it (exact), or the end of the `window_days`-th calendar day after
    the day on which it happened."""

    kind: Literal["filed_within"] = "filed_within"
    FAILURE_CODES = ("filed_too_early", "filed_too_late", "not_paid", "not_shipped",
                     "not_delivered", "no_claim")
    PASS_CODES = ("filed_in_time",)
    after: OrderEvent
    window_hours: Hours | None = None
    window_days: Days | None = None

    @model_validator(mode="after")
    def _one_window(self) -> Self:
        if (self.window_hours is None) == (self.window_days is None):
            raise ValueError("give exactly one of window_hours and window_days")
        return self

    def failure_codes(self) -> tuple[str, ...]:
        if self.after == "paid_at":  # a case is always paid, and filed after payment
            return self._own_or(("filed_too_late", "no_claim"))
        return self._own_or(("filed_too_early", "filed_too_late", _NOT_HAPPENED[self.after],
                             "no_claim"))

    def evaluate(self, context: Context, lines: int) -> Outcome:
        claim = context.claim
        event_at = getattr(context.order, self.after)
        window = self._window_text()
        if event_at is None:
            return Outcome(0, _NOT_HAPPENED[self.after], {"event": self.after, "window": window})
        if self.window_hours is not None:
            deadline = hour_window_deadline(event_at, self.window_hours)
        else:
            assert self.window_days is not None
            deadline = day_window_deadline(event_at, self.window_days, context.zone)
        facts: dict[str, object] = {"event": self.after, "event_at": event_at,
                                    "window": window, "deadline": deadline}
        if claim is None:
            return Outcome(0, "no_claim", facts, deadline)
        filed_at = claim.filed_at
        facts["filed_at"] = filed_at
        if filed_at < event_at:
            return Outcome(0, "filed_too_early", facts, deadline)
        if filed_at > deadline:
            facts["late_by"] = filed_at - deadline
            return Outcome(0, "filed_too_late", facts, deadline)
        return Outcome(lines, "filed_in_time", facts, deadline)

    def _window_text(self) -> str:
        if self.window_hours is not None:
            return f"{self.window_hours} h"
        return f"{self.window_days} calendar days"


class FiledBefore(Condition):
    """The claim was filed before `event` happened (or `event` has not happened): a refund
    requested before shipment, a parcel still to be intercepted before delivery."""

    kind: Literal["filed_before"] = "filed_before"
    FAILURE_CODES = ("filed_after_payment", "filed_after_shipment", "filed_after_delivery",
                     "no_claim")
    PASS_CODES = ("filed_before_payment", "filed_before_shipment", "filed_before_delivery")
    event: OrderEvent

    def failure_codes(self) -> tuple[str, ...]:
        return self._own_or((f"filed_after_{_NOUN[self.event]}", "no_claim"))

    def evaluate(self, context: Context, lines: int) -> Outcome:
        filed_at, event_at, facts = _filing(context, self.event)
        if filed_at is None:
            return Outcome(0, "no_claim", facts)
        if event_at is not None and event_at <= filed_at:
            return Outcome(0, f"filed_after_{_NOUN[self.event]}", facts)
        return Outcome(lines, f"filed_before_{_NOUN[self.event]}", facts)


class FiledAfter(Condition):
    """`event` had happened when the claim was filed (at or before `filed_at`)."""

    kind: Literal["filed_after"] = "filed_after"
    FAILURE_CODES = ("filed_before_payment", "filed_before_shipment", "filed_before_delivery",
                     "not_shipped", "not_delivered", "no_claim")
    PASS_CODES = ("filed_after_payment", "filed_after_shipment", "filed_after_delivery")
    event: OrderEvent

    def failure_codes(self) -> tuple[str, ...]:
        if self.event == "paid_at":  # a claim is always filed after payment
            return self._own_or(("no_claim",))
        return self._own_or((f"filed_before_{_NOUN[self.event]}", _NOT_HAPPENED[self.event],
                             "no_claim"))

    def evaluate(self, context: Context, lines: int) -> Outcome:
        filed_at, event_at, facts = _filing(context, self.event)
        if filed_at is None:
            return Outcome(0, "no_claim", facts)
        if event_at is None:
            return Outcome(0, _NOT_HAPPENED[self.event], {**facts, "window": "claim"})
        if event_at > filed_at:
            return Outcome(0, f"filed_before_{_NOUN[self.event]}", facts)
        return Outcome(lines, f"filed_after_{_NOUN[self.event]}", facts)


def _filing(context: Context,
            event: OrderEvent) -> tuple[datetime | None, datetime | None, dict[str, object]]:
    """The claim's `filed_at` (None without a claim), the event's instant, and the facts
    that `FiledBefore` and `FiledAfter` report."""
    event_at = getattr(context.order, event)
    facts: dict[str, object] = {"event": event, "event_at": event_at}
    claim = context.claim
    if claim is None:
        facts.update(window="—", deadline=event_at)
        return None, event_at, facts
    facts["filed_at"] = claim.filed_at
    return claim.filed_at, event_at, facts
