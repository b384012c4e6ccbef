"""Tiers on a base: the tier with the highest `at_least` not above the base decides."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, Literal, Self

from pydantic import BaseModel, Field, model_validator

from .._fields import PolicyAmount
from ..conditions.base import RULE_MODEL
from ..context import Context
from .base import AmountBase, AmountFormula, Quote, base_amount

if TYPE_CHECKING:
    from . import AnyAmount

__all__ = ["Tier", "TieredAmount"]


class Tier(BaseModel):
    """From `at_least` (inclusive) up to the next tier's `at_least` (exclusive)."""

    model_config = RULE_MODEL

    at_least: PolicyAmount
    amount: AnyAmount


class TieredAmount(AmountFormula):
    """The amount of the tier the base falls in; nothing below the first tier."""

    kind: Literal["tiered"] = "tiered"
    base: AmountBase = "order_total"
    tiers: Annotated[tuple[Tier, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _ascending(self) -> Self:
        bounds = [tier.at_least for tier in self.tiers]
        if any(low >= high for low, high in pairwise(bounds)):
            raise ValueError("tiers must be in strictly ascending order of at_least")
        return self

    def compute(self, context: Context, lines: int) -> Quote:
        base = base_amount(self.base, context, lines)
        chosen = None
        for tier in self.tiers:
            if base >= tier.at_least:
                chosen = tier
        if chosen is None:
            return Quote(Decimal(0), {"base": base, "tier": "none"})
        quote = chosen.amount.compute(context, lines)
        return Quote(quote.amount, {**quote.facts, "base": base,
                                    "tier": f"from {chosen.at_least}"})
