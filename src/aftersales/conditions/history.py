"""Limits that depend on remedies granted before: once per order or line, per-buyer rolling
limits, and returns approved earlier."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Literal

from pydantic import Field, Strict

from .._fields import MAX_DAYS, Flag, Limit
from ..context import Context, Outcome
from .base import Condition

__all__ = ["BuyerLimit", "NotGrantedBefore", "ReturnApproved"]


class NotGrantedBefore(Condition):
    """No remedy of `guarantee` (default: the guarantee being evaluated) was granted before
    on this order (`per="order"`) or on the line (`per="line"`)."""

    kind: Literal["not_granted_before"] = "not_granted_before"
    FAILURE_CODES = ("already_granted",)
    PASS_CODES = ("not_granted_before",)
    guarantee: str | None = None
    per: Literal["order", "line"] = "order"

    def evaluate(self, context: Context, lines: int) -> Outcome:
        guarantee = self.guarantee or context.guarantee
        granted = [entry for entry in context.case.order_history()
                   if entry.guarantee == guarantee]
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


class BuyerLimit(Condition):
    """The buyer has had fewer than `max_claims` claims granted by `guarantee` (default: the
    guarantee being evaluated) in the `window_days` days (exact, rolling) before the claim
    was filed, across all the orders in the history. Remedies granted on one order at one
    `decided_at` count as one claim; an entry without `decided_at` counts as a recent claim of
    its own."""

    kind: Literal["buyer_limit"] = "buyer_limit"
    FAILURE_CODES = ("buyer_limit_reached",)
    PASS_CODES = ("within_buyer_limit",)
    max_claims: Limit
    window_days: Annotated[int, Strict(), Field(ge=1, le=MAX_DAYS)] = 30
    guarantee: str | None = None

    def evaluate(self, context: Context, lines: int) -> Outcome:
        guarantee = self.guarantee or context.guarantee
        case = context.case
        until = case.claim.filed_at if case.claim is not None else case.as_of
        since = until - timedelta(days=self.window_days)
        claims = {
            (entry.order_id or case.order.id, entry.decided_at or index)
            for index, entry in enumerate(case.history)
            if entry.guarantee == guarantee
            and (entry.decided_at is None or since < entry.decided_at <= until)
        }
        facts: dict[str, object] = {"guarantee": guarantee, "claims": len(claims),
                                    "max_claims": self.max_claims,
                                    "window": f"{self.window_days} days", "since": since}
        if len(claims) >= self.max_claims:
            return Outcome(0, "buyer_limit_reached", facts)
        return Outcome(lines, "within_buyer_limit", facts)


class ReturnApproved(Condition):
    """A return of the line was approved: by a guarantee checked earlier in this decision
    (`source="this_decision"`, for add-ons such as return-shipping insurance), or before,
    in the order's history (`source="history"`, for a refund paid when the return ships)."""

    kind: Literal["return_approved"] = "return_approved"
    FAILURE_CODES = ("no_return_approved",)
    PASS_CODES = ("return_approved",)
    source: Literal["this_decision", "history"] = "this_decision"
    leg_paid_by_buyer: Flag = False
    """Only returns whose return leg the buyer bears (what return-shipping insurance
    reimburses); with `source="this_decision"` only."""

    def evaluate(self, context: Context, lines: int) -> Outcome:
        if self.source == "this_decision":
            returns = (context.buyer_paid_returns if self.leg_paid_by_buyer
                       else context.approved_returns)
            held = lines & returns
        else:
            held = 0
            for entry in context.case.order_history():
                if not entry.return_required:
                    continue
                if not entry.line_ids:
                    held = lines
                    break
                for index, line in context.lines_in(lines):
                    if line.id in entry.line_ids:
                        held |= 1 << index
        code = "return_approved" if held == lines else "no_return_approved"
        source = "the buyer bearing the return leg" if self.leg_paid_by_buyer else self.source
        return Outcome(held, code, {"source": source, "lines": context.line_ids(held)})
