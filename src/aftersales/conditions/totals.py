"""Thresholds on what was paid."""

from __future__ import annotations

from typing import Literal

from .._fields import PolicyAmount
from ..context import Context, Outcome
from .base import Condition

__all__ = ["OrderTotalAbove", "OrderTotalAtMost"]


class OrderTotalAbove(Condition):
    """The order's total paid is strictly above `amount` (a minimum for a payout)."""

    kind: Literal["order_total_above"] = "order_total_above"
    FAILURE_CODES = ("below_minimum",)
    PASS_CODES = ("above_minimum",)
    amount: PolicyAmount

    def evaluate(self, context: Context, lines: int) -> Outcome:
        total = context.order.total_paid
        above = total > self.amount
        return Outcome(lines if above else 0, "above_minimum" if above else "below_minimum",
                       {"order_total": total, "minimum": self.amount})


class OrderTotalAtMost(Condition):
    """The order's total paid is at most `amount` (a limit such as a fast-refund ceiling)."""

    kind: Literal["order_total_at_most"] = "order_total_at_most"
    FAILURE_CODES = ("above_limit",)
    PASS_CODES = ("within_limit",)
    amount: PolicyAmount

    def evaluate(self, context: Context, lines: int) -> Outcome:
        total = context.order.total_paid
        within = total <= self.amount
        return Outcome(lines if within else 0, "within_limit" if within else "above_limit",
                       {"order_total": total, "limit": self.amount})
