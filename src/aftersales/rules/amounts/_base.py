"""What the amount formulas share: the bases they are a share of, and the words lint uses
for them.

A price computes in exact rationals (`Fraction`): a line's share `paid × k / n` is the exact
fraction, so shares that sum to a rounding edge sit on it (see `model.money`)."""

from __future__ import annotations

from fractions import Fraction
from typing import Final, Literal

from ...model.money import exact, rational_sum
from ..view import CaseView

__all__ = ["BASE_WORDS", "AmountBase", "base_amount", "claimed_amount", "claimed_shares"]

AmountBase = Literal["order_total", "claimed_amount"]
"""`order_total`: everything paid on the order; `claimed_amount`: `paid_amount * k / n`
summed over the eligible lines."""

BASE_WORDS: Final[dict[str, str]] = {"order_total": "order total",
                                     "claimed_amount": "claimed amount"}


def base_amount(base: AmountBase, view: CaseView, lines: int) -> Fraction:
    if base == "order_total":
        return exact(view.total_paid)
    return claimed_amount(view, lines)


def claimed_amount(view: CaseView, lines: int) -> Fraction:
    """Exact `paid_amount * k / n` over `lines`, never a rounded unit price times k."""
    return rational_sum(claimed_shares(view, lines).values())


def claimed_shares(view: CaseView, lines: int) -> dict[int, Fraction]:
    """Each line's exact `paid_amount * k / n` (line index → amount)."""
    shares: dict[int, Fraction] = {}
    claimed = view.claimed
    for index, line in view.lines_in(lines):
        numerator, denominator = line.paid_amount.as_integer_ratio()
        shares[index] = Fraction(numerator * claimed[index], denominator * line.quantity)
    return shares
