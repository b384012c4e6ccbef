"""Lateness of shipment: strictly after the promise is late; exactly on it is on time."""

from __future__ import annotations

from typing import Literal

from .._fields import GraceHours
from ..context import Context, Outcome
from ..timeline import hour_window_deadline
from .base import Condition

__all__ = ["NotShippedWithin", "ShippedLate"]


class ShippedLate(Condition):
    """The order shipped strictly after `promised_ship_by` (plus `grace_hours`), or has not
    shipped and `as_of` is past it."""

    kind: Literal["shipped_late"] = "shipped_late"
    FAILURE_CODES = ("shipped_on_time", "not_yet_late")
    PASS_CODES = ("shipped_late", "unshipped_past_promise")
    grace_hours: GraceHours = 0

    def evaluate(self, context: Context, lines: int) -> Outcome:
        order = context.order
        promise = order.promised_ship_by
        if self.grace_hours:
            promise = hour_window_deadline(promise, self.grace_hours)
        shipped_at = order.shipped_at
        if shipped_at is not None:
            late = shipped_at > promise
            facts: dict[str, object] = {"promised_ship_by": promise, "shipped_at": shipped_at}
            if late:
                facts["late_by"] = shipped_at - promise
            return Outcome(lines if late else 0, "shipped_late" if late else "shipped_on_time",
                           facts)
        as_of = context.case.as_of
        late = as_of > promise
        facts = {"promised_ship_by": promise, "shipped_at": None, "as_of": as_of}
        return Outcome(lines if late else 0, "unshipped_past_promise" if late else "not_yet_late",
                       facts)


class NotShippedWithin(Condition):
    """The order has still not shipped at `as_of`, more than `hours_after_promise` after the
    promised ship time (a merchant who will not ship)."""

    kind: Literal["not_shipped_within"] = "not_shipped_within"
    FAILURE_CODES = ("shipped", "within_grace")
    PASS_CODES = ("unshipped_past_grace",)
    hours_after_promise: GraceHours = 72

    def evaluate(self, context: Context, lines: int) -> Outcome:
        order = context.order
        limit = hour_window_deadline(order.promised_ship_by, self.hours_after_promise)
        facts: dict[str, object] = {"promised_ship_by": order.promised_ship_by,
                                    "limit": limit, "as_of": context.case.as_of}
        if order.shipped_at is not None:
            return Outcome(0, "shipped", {**facts, "shipped_at": order.shipped_at})
        if context.case.as_of > limit:
            return Outcome(lines, "unshipped_past_grace", facts)
        return Outcome(0, "within_grace", facts)
