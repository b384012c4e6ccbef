"""Where an amount formula is paid: by which remedy, and over which range of each base (the
order total and the claimed amount), as the guarantee's conditions and the tiers above the
formula narrow it. Plus a short description of a formula for messages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from ..amounts import (
    ApprovedReturnRefund,
    ClaimedFraction,
    FixedAmount,
    Multiple,
    OrderFeeAmount,
    PercentOf,
    TieredAmount,
    UnitPriceDifference,
)
from ..amounts.base import AmountBase
from ..policy import Policy
from ..remedies import SingleRemedy
from ._shape import Shape

__all__ = ["BASE_WORDS", "Where", "describe", "top_where"]

BASE_WORDS: dict[str, str] = {"order_total": "order total", "claimed_amount": "claimed amount"}


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

    def in_tier(self, tiers: TieredAmount, index: int) -> Where:
        """Here, narrowed to tier `index` of `tiers` (the claimed amount is never above the
        order total)."""
        base = tiers.base
        start = tiers.tiers[index].at_least
        end = tiers.tiers[index + 1].at_least if index + 1 < len(tiers.tiers) else None
        low, high = dict(self.low), dict(self.high)
        low[base] = max(low[base], start)
        if base == "claimed_amount":
            low["order_total"] = max(low["order_total"], start)
        if end is not None:
            for narrowed in (base, "claimed_amount"):
                current = high[narrowed]
                high[narrowed] = end if current is None else min(current, end)
        return replace(self, base=base, low=low, high=high)


def top_where(shape: Shape, policy: Policy, remedy: SingleRemedy) -> Where:
    """A remedy's amount as the guarantee pays it: over the order totals it admits."""
    return Where(shape, policy, remedy, "order_total",
                 {"order_total": shape.low_total, "claimed_amount": Decimal(0)},
                 {"order_total": shape.high_total, "claimed_amount": shape.high_total})


def describe(amount: object) -> str:
    """A formula in a few words: `150 % of the order total`."""
    if isinstance(amount, ClaimedFraction):
        return "what was paid for the goods claimed"
    if isinstance(amount, FixedAmount):
        return f"a fixed {amount.amount}"
    if isinstance(amount, PercentOf):
        capped = f" (at most {amount.cap})" if amount.cap is not None else ""
        return f"{amount.rate_percent} % of the {BASE_WORDS[amount.base]}{capped}"
    if isinstance(amount, Multiple):
        floor = f" (at least {amount.minimum})" if amount.minimum else ""
        return f"{amount.multiplier} × the {BASE_WORDS[amount.base]}{floor}"
    if isinstance(amount, UnitPriceDifference):
        return f"{amount.multiplier} × the difference to the reference price"
    if isinstance(amount, TieredAmount):
        return f"a tier table on the {BASE_WORDS[amount.base]}"
    if isinstance(amount, OrderFeeAmount):
        return f"the order's {amount.fee}"
    if isinstance(amount, ApprovedReturnRefund):
        return "the refund approved for the return"
    return type(amount).__name__
