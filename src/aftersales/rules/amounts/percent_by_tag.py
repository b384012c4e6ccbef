"""`percent_by_tag`: a percentage of each eligible line's claimed amount, the rate set by the
line's tags (Tmall's 不符包赔: 100 % on a 平台质检 item, 30 % on the others)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from math import lcm
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, Field

from ...model.facts import Formula
from ...model.fields import PolicyAmount
from ...model.money import decimal_of, exact, rational_sum
from ..outcome import Price, Quote
from ..protocol import RULE_MODEL, AmountFormula, Bound, Boundary, BoundaryEnv, Build
from ..sensible import MAX_RATE_PERCENT
from ..view import CaseView
from ._base import claimed_shares

if TYPE_CHECKING:
    import polars as pl

    from ..columnar import ColumnarAmount, ColumnarBuild

__all__ = ["PercentByTag", "TagRate"]

_HUNDRED = Decimal(100)


class TagRate(BaseModel):
    """The rate of a line carrying `tag`."""

    model_config = RULE_MODEL

    tag: Annotated[str, Field(min_length=1, max_length=200)]
    rate_percent: PolicyAmount


class PercentByTag(AmountFormula):
    """On each eligible line, `rate_percent` % of its claimed amount (`paid_amount * k / n`)
    for the first of `rates` whose tag it carries, else `otherwise_percent` %; summed."""

    kind: Literal["percent_by_tag"] = "percent_by_tag"
    FACTS = ("base",)
    rates: Annotated[tuple[TagRate, ...], Field(min_length=1)]
    otherwise_percent: PolicyAmount

    def _rates_text(self) -> str:
        return ", ".join(f"{rate.tag} {rate.rate_percent} %" for rate in self.rates)

    def compile(self, build: Build) -> Price:
        rates, otherwise = self.rates, self.otherwise_percent
        formula = Formula(self.kind, f"{self._rates_text()}, else {otherwise} % of each "
                          "line's claimed amount",
                          (("rates", self._rates_text()), ("otherwise_percent", otherwise)))

        by_tag = [(r.tag, exact(r.rate_percent) / 100) for r in rates]
        other, unit = exact(otherwise) / 100, build.unit

        def price(view: CaseView, lines: int) -> Quote:
            shares = claimed_shares(view, lines)
            paid: dict[int, Fraction] = {}
            for index, share in shares.items():
                tags = view.lines[index].tags
                rate = next((rate for tag, rate in by_tag if tag in tags), other)
                paid[index] = share * rate
            amount = rational_sum(paid.values())
            base = rational_sum(shares.values())
            return Quote(amount, {"formula": formula, "base": decimal_of(base, unit),
                                  "exact": decimal_of(amount, unit)}, paid)

        return price

    def _highest(self) -> Decimal:
        return max(self.otherwise_percent, *(rate.rate_percent for rate in self.rates))

    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())  # no cap, minimum or tier: the amount is proportional on each line

    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        return ()

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        """`Σ paid × k / q × rate / 100` over the eligible lines, each line's rate the first
        of its tags' (else `otherwise_percent`), all rates over one denominator; None when
        that is above 1000 or a rate above 10⁶."""
        import polars as pl

        from ..columnar import line_fractions, within

        ratios = [rate.rate_percent.as_integer_ratio() for rate in self.rates]
        ratios.append(self.otherwise_percent.as_integer_ratio())
        per = lcm(*(below for _, below in ratios))
        if per > 1000 or any(above > 10**6 for above, _ in ratios):
            return None
        times = [above * (per // below) for above, below in ratios]

        def rate(slot: int) -> pl.Expr:
            tags, chosen = build.line(slot, "tags"), pl.lit(times[-1], pl.Int64)
            for tagged, scaled in reversed(list(zip(self.rates, times[:-1], strict=True))):
                chosen = pl.when(tags.list.contains(pl.lit(tagged.tag))).then(
                    pl.lit(scaled, pl.Int64)).otherwise(chosen)
            return chosen

        numerator, denominator = line_fractions(
            build, lambda slot: build.line(slot, "paid") * rate(slot))
        # The amount is at most the total at the highest rate: a bound that cannot overflow.
        most = (build.col("total") // 100 + 1) * (max(times) // per + 1)
        return within(numerator, denominator * (per * 100), most)

    def describe(self) -> str:
        return f"{self._rates_text()}, else {self.otherwise_percent} % of each line claimed"

    def fixed(self) -> Decimal | None:
        return None

    def always_zero(self) -> bool:
        return self._highest() == 0

    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        return None  # it depends on the lines' tags too

    def per_line(self) -> bool:
        return True

    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        return "total" if self._highest() > MAX_RATE_PERCENT else None

    def amount_bounds(self) -> Iterator[Bound]:
        if self._highest() > MAX_RATE_PERCENT:
            yield Bound("rates", f"a rate of {self._highest()} % pays more than the line "
                        f"itself (the sensible bound is {MAX_RATE_PERCENT}): check the figure")

    def uncapped(self, example: Decimal) -> tuple[str, Decimal, str] | None:
        return ("claimed_amount", example * self._highest() / _HUNDRED,
                "use a percent_of with a cap, or a tier table")

    def is_statutory_damages(self) -> bool:
        return False

    def tier_table(self) -> tuple[str, tuple[tuple[Decimal, AmountFormula], ...]] | None:
        return None

    def refunds_what_was_paid(self) -> bool:
        return False
