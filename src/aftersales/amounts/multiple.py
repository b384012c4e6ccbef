"""Statutory damages: a multiple of what was paid, with a minimum (假一赔N)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from .._fields import PolicyAmount, PositivePolicyAmount
from ..context import Context
from ..money import EXACT
from .base import AmountBase, AmountFormula, Quote, base_amount

__all__ = ["Multiple"]


class Multiple(AmountFormula):
    """`multiplier × base`, at least `minimum` (e.g. the consumer-protection law's 3× the
    price paid, at least 500.00; the food-safety law's 10×, at least 1000.00)."""

    kind: Literal["multiple"] = "multiple"
    base: AmountBase = "claimed_amount"
    multiplier: PositivePolicyAmount
    minimum: PolicyAmount = Decimal(0)

    def compute(self, context: Context, lines: int) -> Quote:
        base = base_amount(self.base, context, lines)
        product = EXACT.multiply(base, self.multiplier)
        amount = max(product, self.minimum)
        facts: dict[str, object] = {"formula": f"{self.multiplier} × {self.base}, at least "
                                    f"{self.minimum}", "base": base, "exact": amount}
        return Quote(amount, facts)
