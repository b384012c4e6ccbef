"""Changes to a case given as JSON-ready data, as edge cases and what-if changes make them:
file the claim at an instant, move an order event, decide at an instant, set the amount paid,
add earlier claims of a buyer, and set the order total by its largest line."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from .protocol import Edit

__all__ = ["TICK", "at_instant", "decidable_at", "decide_at", "earlier_claims", "event_at",
           "file_at", "pay"]

TICK = timedelta(microseconds=1)
"""The smallest step in time: the instant just past a boundary."""


def at_instant(value: str | None) -> datetime | None:
    """An instant of JSON-ready data (None stays None)."""
    return datetime.fromisoformat(value) if value else None


def file_at(at: datetime) -> Edit:
    """The claim filed at `at`."""
    def edit(case: dict[str, Any]) -> None:
        case["claim"]["filed_at"] = at.isoformat()
    return Edit("claim.filed_at", at, edit)


def event_at(event: str, at: datetime) -> Edit:
    """The order event at `at`, keeping the timeline valid (a delivery needs a shipment, and
    a delivery does not come before it)."""
    def edit(case: dict[str, Any]) -> None:
        order = case["order"]
        order[event] = at.isoformat()
        if event == "delivered_at" and order["shipped_at"] is None:
            order["shipped_at"] = at.isoformat()
        if event == "shipped_at" and order["delivered_at"] is not None:
            order["delivered_at"] = max(at, datetime.fromisoformat(order["delivered_at"])
                                        ).isoformat()
    return Edit(f"order.{event}", at, edit)


def decide_at(at: datetime) -> Edit:
    """`as_of` at `at`, kept there (not moved after the other events)."""
    def edit(case: dict[str, Any]) -> None:
        case["as_of"] = at.isoformat()
        case["fixed_as_of"] = True
    return Edit("as_of", at, edit)


def decidable_at(case: Mapping[str, Any], at: datetime) -> bool:
    """Whether a case (JSON-ready) may be decided at `at`: no event of its order and no
    filing comes after it."""
    order, claim = case["order"], case.get("claim") or {}
    times = (order.get("shipped_at"), order.get("delivered_at"), claim.get("filed_at"))
    return all(datetime.fromisoformat(t) <= at for t in times if t)


def pay(amount: Decimal) -> Edit:
    """The first line paid `amount` (a reference price kept just below its unit price)."""
    def edit(case: dict[str, Any]) -> None:
        line = case["order"]["lines"][0]
        line["paid_amount"] = str(max(amount, Decimal(0)))
        claim = case.get("claim")
        if claim is not None and claim.get("reference_price") is not None:
            claim["reference_price"] = str(max(amount - 1, Decimal(0)))
    return Edit("order.lines[0].paid_amount", amount, edit)


def earlier_claims(guarantee: str, count: int) -> Edit:
    """`count` claims of `guarantee` granted to the buyer on other orders the days before."""
    def edit(case: dict[str, Any]) -> None:
        filed = datetime.fromisoformat(case["claim"]["filed_at"])
        case["history"].extend(
            {"guarantee": guarantee, "kind": "refund", "amount": "1.00",
             "order_id": f"o-earlier-{index}", "decided_at": (filed - timedelta(
                 days=1, hours=index)).isoformat()}
            for index in range(count))
    return Edit("history", count, edit)
