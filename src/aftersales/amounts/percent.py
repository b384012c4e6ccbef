"""A percentage of a base, optionally capped."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from .._fields import PolicyAmount
from ..context import Context
from ..money import EXACT
from .base import AmountBase, AmountFormula, Quote, base_amount

__all__ = ["PercentOf"]

_HUNDRED = Decimal(100)


class PercentOf(AmountFormula):
    """`rate_percent` % of `base`, at most `cap` when one is given."""

    kind: Literal["percent_of"] = "percent_of"
    base: AmountBase = "order_total"
    rate_percent: PolicyAmount
    cap: PolicyAmount | None = None

    def compute(self, context: Context, lines: int) -> Quote:
        base = base_amount(self.base, context, lines)
        amount = EXACT.divide(EXACT.multiply(base, self.rate_percent), _HUNDRED)
        facts: dict[str, object] = {"formula": f"{self.rate_percent} % of {self.base}",
                                    "base": base, "exact": amount}
        if self.cap is not None and amount > self.cap:
            facts["capped_at"] = self.cap
            amount = self.cap
        return Quote(amount, facts)
