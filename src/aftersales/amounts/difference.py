"""Price match: the difference between the unit price paid and the price found elsewhere."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from .._fields import PositivePolicyAmount
from ..context import Context
from ..money import EXACT, exact_sum
from .base import AmountFormula, Quote

__all__ = ["UnitPriceDifference"]


class UnitPriceDifference(AmountFormula):
    """`(paid_amount / n − reference_price) × k × multiplier` over the eligible lines
    (`multiplier=2` is "pay double the difference")."""

    kind: Literal["unit_price_difference"] = "unit_price_difference"
    multiplier: PositivePolicyAmount = Decimal(1)

    def compute(self, context: Context, lines: int) -> Quote:
        claim = context.claim
        reference = claim.reference_price if claim is not None else None
        if reference is None:
            return Quote(Decimal(0), {"formula": "unit price difference",
                                      "reference_price": None})
        shares: dict[int, Decimal] = {}
        claimed = context.claimed
        for index, line in context.lines_in(lines):
            k = claimed[index]
            shares[index] = EXACT.subtract(
                EXACT.divide(EXACT.multiply(line.paid_amount, k), line.quantity),
                EXACT.multiply(reference, k))
        amount = EXACT.multiply(exact_sum(shares.values()), self.multiplier)
        return Quote(amount, {"formula": f"(unit price − reference) × k × {self.multiplier}",
                              "reference_price": reference, "exact": amount},
                     {index: max(share, Decimal(0)) for index, share in shares.items()})
