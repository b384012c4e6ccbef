"""Claim windows: filed within N hours (exact) or N calendar days (in the policy's time zone)
after an order event. The window's deadline is inclusive and becomes the decision's deadline."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from ..context import Context, Outcome
from ..timeline import day_window_deadline, hour_window_deadline
from .base import Condition

__all__ = ["FiledWithin", "OrderEvent"]

OrderEvent = Literal["paid_at", "shipped_at", "delivered_at"]

_NOT_HAPPENED = {"paid_at": "not_paid", "shipped_at": "not_shipped",
                 "delivered_at": "not_delivered"}


class FiledWithin(Condition):
    """The claim was filed no earlier than `after` and no later than the window's deadline:
    `window_hours` after it (exact), or the end of the `window_days`-th calendar day after
    the day on which it happened."""

    kind: Literal["filed_within"] = "filed_within"
    FAILURE_CODES = ("filed_too_early", "filed_too_late", "not_paid", "not_shipped",
                     "not_delivered", "no_claim")
    PASS_CODES = ("filed_in_time",)
    after: OrderEvent
    window_hours: Annotated[int, Field(gt=0)] | None = None
    window_days: Annotated[int, Field(gt=0)] | None = None

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
