"""The amount-formula protocol: an exact, unrounded amount for the eligible lines. The engine
rounds it once, at the remedy."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Literal, NamedTuple

from pydantic import BaseModel

from ..conditions.base import RULE_MODEL
from ..context import Context
from ..money import EXACT, exact_sum

__all__ = ["AmountBase", "AmountFormula", "Quote", "base_amount", "claimed_shares"]

AmountBase = Literal["order_total", "claimed_amount"]
"""`order_total`: everything paid on the order; `claimed_amount`: `paid_amount * k / n`
summed over the eligible lines."""


class Quote(NamedTuple):
    """An exact amount, the facts behind it, and optionally each line's exact share of it
    (line index → weight), by which the rounded amount is split over the lines."""

    amount: Decimal
    facts: Mapping[str, object]
    weights: Mapping[int, Decimal] | None = None


class AmountFormula(BaseModel):
    model_config = RULE_MODEL

    kind: str

    def compute(self, context: Context, lines: int) -> Quote:
        raise NotImplementedError


def base_amount(base: AmountBase, context: Context, lines: int) -> Decimal:
    if base == "order_total":
        return context.order.total_paid
    return claimed_amount(context, lines)


def claimed_amount(context: Context, lines: int) -> Decimal:
    """Exact `paid_amount * k / n` over `lines`, never a rounded unit price times k."""
    return exact_sum(claimed_shares(context, lines).values())


def claimed_shares(context: Context, lines: int) -> dict[int, Decimal]:
    """Each line's exact `paid_amount * k / n` (line index → amount)."""
    shares: dict[int, Decimal] = {}
    claimed = context.claimed
    for index, line in context.lines_in(lines):
        k = claimed[index]
        shares[index] = (line.paid_amount if k == line.quantity
                         else EXACT.divide(EXACT.multiply(line.paid_amount, k), line.quantity))
    return shares
