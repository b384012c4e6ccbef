"""Where an amount formula is paid: by which remedy, and over which range of each base (the
order total and the claimed amount), as the guarantee's conditions and the tiers above the
formula narrow it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import cast

from ..policy.policy import Policy
from ..rules.amounts import BASE_WORDS, AmountBase
from ..rules.protocol import AmountFormula
from ..rules.remedies import SingleRemedy
from ._shape import Shape

__all__ = ["BASE_WORDS", "TierTable", "Where", "top_where"]

TierTable = tuple[str, tuple[tuple[Decimal, AmountFormula], ...]]
"""A tier table's base and its tiers (start, amount): `AmountFormula.tier_table()`."""


@dataclass(frozen=True)
class Where:
    shape: Shape
    policy: Policy
    remedy: SingleRemedy
    """The remedy (or buyer's-choice option) that pays the amount."""
    base: AmountBase
    """The base a fixed amount is measured against: the tier's, or the order total."""
    low: Mapping[str, Decimal]
    """The lowest value each base can have here (inclusive)."""
    high: Mapping[str, Decimal | None]
    """The highest (None: no limit)."""

    @property
    def unit(self) -> Decimal:
        return self.shape.unit

    def rounded(self, amount: Decimal) -> Decimal:
        return amount.quantize(self.unit, rounding=self.policy.rounding.decimal_rounding)

    def in_tier(self, table: TierTable, index: int) -> Where:
        """Here, narrowed to tier `index` of `table` (the claimed amount is never above the
        order total)."""
        base, tiers = table
        start = tiers[index][0]
        end = tiers[index + 1][0] if index + 1 < len(tiers) else None
        low, high = dict(self.low), dict(self.high)
        low[base] = max(low[base], start)
        if base == "claimed_amount":
            low["order_total"] = max(low["order_total"], start)
        if end is not None:
            for narrowed in (base, "claimed_amount"):
                current = high[narrowed]
                high[narrowed] = end if current is None else min(current, end)
        return replace(self, base=cast(AmountBase, base), low=low, high=high)


def top_where(shape: Shape, policy: Policy, remedy: SingleRemedy) -> Where:
    """A remedy's amount as the guarantee pays it: over the order totals it admits."""
    return Where(shape, policy, remedy, "order_total",
                 {"order_total": shape.low_total, "claimed_amount": Decimal(0)},
                 {"order_total": shape.high_total, "claimed_amount": shape.high_total})
