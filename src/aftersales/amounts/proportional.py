"""Refund of what was claimed: the claimed fraction of each eligible line."""

from __future__ import annotations

from typing import Literal

from ..context import Context
from ..money import exact_sum
from .base import AmountFormula, Quote, claimed_shares

__all__ = ["ClaimedFraction"]


class ClaimedFraction(AmountFormula):
    """`paid_amount * k / n` summed over the eligible lines (k claimed of n bought)."""

    kind: Literal["claimed_fraction"] = "claimed_fraction"

    def compute(self, context: Context, lines: int) -> Quote:
        shares = claimed_shares(context, lines)
        amount = exact_sum(shares.values())
        return Quote(amount, {"formula": "paid_amount × k / n", "exact": amount}, shares)
