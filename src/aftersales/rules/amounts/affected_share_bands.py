"""`affected_share_bands`: a rate of a base chosen by the share of the goods affected (30 %
of the line when at most 30 % of it spoiled, 50 % up to half, all of it beyond)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, Any, Literal, Self

from pydantic import BaseModel, Field, model_validator

from ...model.facts import Formula
from ...model.fields import PolicyAmount
from ...model.money import decimal_of, exact
from ..outcome import Price, Quote
from ..protocol import RULE_MODEL, AmountFormula, Bound, Boundary, BoundaryEnv, Build, Edit
from ..sensible import MAX_RATE_PERCENT
from ..view import CaseView
from ._base import BASE_WORDS, AmountBase, base_amount, claimed_shares

if TYPE_CHECKING:
    from ..columnar import ColumnarAmount, ColumnarBuild

__all__ = ["AffectedShareBands", "ShareBand"]

_HUNDRED = Decimal(100)
_ZERO = Decimal(0)
Percent = Annotated[PolicyAmount, Field(ge=0, le=100)]


class ShareBand(BaseModel):
    """Shares of the goods affected up to `up_to_percent` (inclusive), above the band
    before's, pay `rate_percent` % of the base."""

    model_config = RULE_MODEL

    up_to_percent: Percent
    rate_percent: PolicyAmount


class AffectedShareBands(AmountFormula):
    """`rate_percent` % of `base`, the rate of the first band whose `up_to_percent` the
    claim's `affected_percent` does not exceed. The last band reaches 100 %. A claim that
    gives no affected share pays nothing (the remedy is then denied `zero_amount`)."""

    kind: Literal["affected_share_bands"] = "affected_share_bands"
    FACTS = ("base", "affected_percent", "band_up_to")
    base: AmountBase = "claimed_amount"
    bands: Annotated[tuple[ShareBand, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _ascending_to_100(self) -> Self:
        ups = [band.up_to_percent for band in self.bands]
        if any(low >= high for low, high in pairwise(ups)):
            raise ValueError("bands must be in strictly ascending order of up_to_percent")
        if ups[-1] != _HUNDRED:
            raise ValueError("the last band reaches 100 (every share has a band)")
        return self

    def compile(self, build: Build) -> Price:
        base_name = self.base
        unit = build.unit
        bands = [(band.up_to_percent, exact(band.rate_percent) / 100,
                  Formula(self.kind, f"{band.rate_percent} % of {base_name} (affected share up "
                          f"to {band.up_to_percent} %)",
                          (("rate_percent", band.rate_percent), ("base", base_name))))
                 for band in self.bands]
        missing = Formula(self.kind, "affected share missing")

        def price(view: CaseView, lines: int) -> Quote:
            claim = view.claim
            share = claim.affected_percent if claim is not None else None
            if share is None:
                return Quote(Fraction(0), {"formula": missing, "exact": _ZERO})
            up_to, rate, formula = next(band for band in bands if share <= band[0])
            base = base_amount(base_name, view, lines)
            amount = base * rate
            weights = claimed_shares(view, lines) if base_name == "claimed_amount" else None
            return Quote(amount, {"formula": formula, "exact": decimal_of(amount, unit),
                                  "base": decimal_of(base, unit), "affected_percent": share,
                                  "band_up_to": up_to}, weights)

        return price

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        """The base times the rate of the first band the affected share (hundredths of a
        percent, a whole number: at most `up_to` exactly when at most its floor) does not
        exceed; nothing without a share. None when a rate has more than 3 decimals or is
        above 10⁶."""
        import math

        import polars as pl

        from ..columnar import ColumnarAmount, amount_base, times_ratio

        ratios = [band.rate_percent.as_integer_ratio() for band in self.bands]
        if any(per > 1000 or times > 10**6 for times, per in ratios):
            return None
        share = build.col("affected_percent")
        times, per = pl.lit(0, pl.Int64), pl.lit(1, pl.Int64)
        for band, (above, below) in reversed(list(zip(self.bands, ratios, strict=True))):
            within_band = share <= math.floor(band.up_to_percent * 100)
            times = pl.when(within_band).then(pl.lit(above, pl.Int64)).otherwise(times)
            per = pl.when(within_band).then(pl.lit(below, pl.Int64)).otherwise(per)
        amount = times_ratio(amount_base(build, self.base), times.fill_null(0),
                             per.fill_null(1))
        return ColumnarAmount(amount.numerator, amount.denominator * 100, amount.sure)

    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        """Below each band's start (at the band before's upper end) and at it (a hundredth
        of a percent above)."""
        if "claim" not in env.seed:
            return
        for band in self.bands[:-1]:
            text = f"{kind} band above {band.up_to_percent} % affected"
            yield Boundary(text, "below", _affected(band.up_to_percent))
            yield Boundary(text, "at", _affected(band.up_to_percent + Decimal("0.01")))

    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        return ()

    def describe(self) -> str:
        rates = ", ".join(f"{band.rate_percent} % up to {band.up_to_percent} % affected"
                          for band in self.bands)
        return f"a share of the {BASE_WORDS[self.base]} by the share affected ({rates})"

    def fixed(self) -> Decimal | None:
        return None

    def always_zero(self) -> bool:
        return all(band.rate_percent == 0 for band in self.bands)

    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        return None  # it depends on the share affected too

    def per_line(self) -> bool:
        return self.base == "claimed_amount"

    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        top = max(band.rate_percent for band in self.bands)
        if top > MAX_RATE_PERCENT:
            return "total"
        return "claimed" if self.base == "order_total" and top > 0 else None

    def amount_bounds(self) -> Iterator[Bound]:
        for index, band in enumerate(self.bands):
            if band.rate_percent > MAX_RATE_PERCENT:
                yield Bound(f"bands[{index}].rate_percent",
                            f"rate_percent {band.rate_percent} pays more than the "
                            f"{BASE_WORDS[self.base]} itself (the sensible bound is "
                            f"{MAX_RATE_PERCENT}): check the figure")

    def uncapped(self, example: Decimal) -> tuple[str, Decimal, str] | None:
        return None  # a share of what was paid, at most all of it

    def is_statutory_damages(self) -> bool:
        return False

    def tier_table(self) -> tuple[str, tuple[tuple[Decimal, AmountFormula], ...]] | None:
        return None

    def refunds_what_was_paid(self) -> bool:
        return False


def _affected(percent: Decimal) -> Edit:
    def edit(case: dict[str, Any]) -> None:
        case["claim"]["affected_percent"] = str(min(percent, _HUNDRED))
    return Edit("claim.affected_percent", percent, edit)
