"""`tiered`: tiers on a base; the tier with the highest `at_least` not above the base decides."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, Literal, Self

from pydantic import BaseModel, Field, model_validator

from ...model.facts import Formula
from ...model.facts import Tier as TierFact
from ...model.fields import PolicyAmount
from ...model.money import EXACT, decimal_of
from ..edits import pay
from ..outcome import Price, Quote
from ..protocol import RULE_MODEL, AmountFormula, Bound, Boundary, BoundaryEnv, Build
from ..view import CaseView
from ._base import BASE_WORDS, AmountBase, base_amount

if TYPE_CHECKING:
    from ..columnar import ColumnarAmount, ColumnarBuild
    from . import AnyAmount

__all__ = ["Tier", "TieredAmount"]

_NO_TIER = TierFact(None)


class Tier(BaseModel):
    """From `at_least` (inclusive) up to the next tier's `at_least` (exclusive)."""

    model_config = RULE_MODEL

    at_least: PolicyAmount
    amount: AnyAmount


class TieredAmount(AmountFormula):
    """The amount of the tier the base falls in; nothing below the first tier."""

    kind: Literal["tiered"] = "tiered"
    FACTS = ("base", "tier")
    base: AmountBase = "order_total"
    tiers: Annotated[tuple[Tier, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _ascending(self) -> Self:
        bounds = [tier.at_least for tier in self.tiers]
        if any(low >= high for low, high in pairwise(bounds)):
            raise ValueError("tiers must be in strictly ascending order of at_least")
        return self

    def compile(self, build: Build) -> Price:
        base_name = self.base
        # Highest first: the first whose start the base reaches decides.
        tiers = [(tier.at_least, TierFact(tier.at_least), tier.amount.compile(build))
                 for tier in reversed(self.tiers)]
        zero, unit = Decimal(0), build.unit
        first = self.tiers[0].at_least
        below = Formula(self.kind, f"below the first tier ({first})", (("at_least", first),))

        def price(view: CaseView, lines: int) -> Quote:
            base = base_amount(base_name, view, lines)
            for start, fact, amount in tiers:
                if base >= start:
                    quote = amount(view, lines)
                    return Quote(quote.amount, {**quote.facts, "base": decimal_of(base, unit),
                                                "tier": fact})
            return Quote(Fraction(0), {"formula": below, "exact": zero,
                                       "base": decimal_of(base, unit), "tier": _NO_TIER})

        return price

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        import polars as pl

        from ..columnar import ColumnarAmount, all_sure

        if self.base != "order_total":
            return None
        numerator, denominator = pl.lit(0), pl.lit(1)  # below the first tier
        amounts = []
        for tier in self.tiers:  # lowest first: each higher tier overrides
            start, amount = build.minor(tier.at_least), tier.amount.columnar(build)
            if start is None or amount is None:
                return None
            amounts.append(amount)
            reached = build.col("total") >= start
            numerator = pl.when(reached).then(amount.numerator).otherwise(numerator)
            denominator = pl.when(reached).then(amount.denominator).otherwise(denominator)
        return ColumnarAmount(numerator, denominator, all_sure(amounts))

    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        for tier in self.tiers:
            if tier.at_least > 0:
                text = f"{kind} tier from {tier.at_least}"
                yield Boundary(text, "below", pay(tier.at_least - env.unit))
                yield Boundary(text, "at", pay(tier.at_least))
            yield from tier.amount.thresholds(kind, env)

    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        if self.base != "order_total":
            return ()
        return tuple(sorted(tier.at_least.quantize(unit, ROUND_CEILING, context=EXACT)
                            for tier in self.tiers if tier.at_least > base))

    def describe(self) -> str:
        return f"a tier table on the {BASE_WORDS[self.base]}"

    def fixed(self) -> Decimal | None:
        return None

    def always_zero(self) -> bool:
        return all(tier.amount.always_zero() for tier in self.tiers)

    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        return None  # lint walks the tiers one by one

    def per_line(self) -> bool:
        return False  # on more lines, a tier table may pay less

    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        return None  # lint walks the tiers one by one

    def amount_bounds(self) -> Iterator[Bound]:
        return iter(())  # each tier's amount has its own

    def uncapped(self, example: Decimal) -> tuple[str, Decimal, str] | None:
        return None  # each tier's amount is looked at within its tier

    def is_statutory_damages(self) -> bool:
        return False

    def tier_table(self) -> tuple[str, tuple[tuple[Decimal, AmountFormula], ...]] | None:
        return self.base, tuple((tier.at_least, tier.amount) for tier in self.tiers)

    def refunds_what_was_paid(self) -> bool:
        return False
