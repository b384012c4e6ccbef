"""A fixed amount, whatever was paid."""

from __future__ import annotations

from typing import Literal

from .._fields import PolicyAmount
from ..context import Context
from .base import AmountFormula, Quote

__all__ = ["FixedAmount"]


class FixedAmount(AmountFormula):
    kind: Literal["fixed"] = "fixed"
    amount: PolicyAmount

    def compute(self, context: Context, lines: int) -> Quote:
        return Quote(self.amount, {"formula": "fixed", "exact": self.amount})
