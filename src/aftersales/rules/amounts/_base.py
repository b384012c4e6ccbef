"""What the amount formulas share: the bases they are a share of, and the words lint uses
for them."""

from __future__ import annotations

from decimal import Decimal
from typing import Final, Literal

from ...model.money import EXACT, exact_sum
from ..view import CaseView

__all__ = ["BASE_WORDS", "AmountBase", "base_amount", "claimed_amount", "claimed_shares"]

AmountBase = Literal["order_total", "claimed_amount"]
"""`order_total`: everything paid on the order; `claimed_amount`: `paid_amount * k / n`
summed over the eligible lines."""

BASE_WORDS: Final[dict[str, str]] = {"order_total": "order total",
                                     "claimed_amount": "claimed amount"}


def base_amount(base: AmountBase, view: CaseView, lines: int) -> Decimal:
    if base == "order_total":
        return view.total_paid
    return claimed_amount(view, lines)


def claimed_amount(view: CaseView, lines: int) -> Decimal:
    """Exact `paid_amount * k / n` over `lines`, never a rounded unit price times k."""
    return exact_sum(claimed_shares(view, lines).values())


def claimed_shares(view: CaseView, lines: int) -> dict[int, Decimal]:
    """Each line's exact `paid_amount * k / n` (line index → amount)."""
    shares: dict[int, Decimal] = {}
    claimed = view.claimed
    for index, line in view.lines_in(lines):
        k = claimed[index]
        shares[index] = (line.paid_amount if k == line.quantity
                         else EXACT.divide(EXACT.multiply(line.paid_amount, k), line.quantity))
    return shares
