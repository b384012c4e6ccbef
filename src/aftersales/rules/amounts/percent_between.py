"""`percent_between`: a percentage of a base, raised to a minimum and capped at a maximum
(Douyin's payouts: 1 % of what the order paid, at least 2.00, at most 50.00)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Literal, Self

from pydantic import model_validator

from ...model.facts import Formula
from ...model.fields import PolicyAmount
from ...model.money import decimal_of, exact
from ..edits import pay
from ..outcome import Price, Quote
from ..protocol import AmountFormula, Bound, Boundary, BoundaryEnv, Build
from ..sensible import MAX_RATE_PERCENT
from ..view import CaseView
from ._base import BASE_WORDS, AmountBase, base_amount

if TYPE_CHECKING:
    from ..columnar import ColumnarAmount, ColumnarBuild

__all__ = ["PercentBetween"]

_HUNDRED = Decimal(100)


class PercentBetween(AmountFormula):
    """`rate_percent` % of `base`, at least `minimum` and at most `maximum`."""

    kind: Literal["percent_between"] = "percent_between"
    FACTS = ("base", "raised_to", "capped_at")
    base: AmountBase = "order_total"
    rate_percent: PolicyAmount
    minimum: PolicyAmount = Decimal(0)
    maximum: PolicyAmount

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.minimum > self.maximum:
            raise ValueError("minimum must not be above maximum")
        return self

    def compile(self, build: Build) -> Price:
        base_name, rate = self.base, self.rate_percent
        low, high = self.minimum, self.maximum
        formula = Formula(self.kind, f"{rate} % of {base_name}, at least {low}, at most {high}",
                          (("rate_percent", rate), ("base", base_name), ("minimum", low),
                           ("maximum", high)))

        share, least, most, unit = exact(rate) / 100, exact(low), exact(high), build.unit

        def price(view: CaseView, lines: int) -> Quote:
            base = base_amount(base_name, view, lines)
            amount = base * share
            facts: dict[str, object] = {"formula": formula, "base": decimal_of(base, unit),
                                        "exact": decimal_of(amount, unit)}
            if amount < least:
                facts["raised_to"] = low
                amount = least
            elif amount > most:
                facts["capped_at"] = high
                amount = most
            return Quote(amount, facts)

        return price

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        from ..columnar import clamped, percent_of

        amount = percent_of(build, self.base, self.rate_percent)
        low, high = build.minor(self.minimum), build.minor(self.maximum)
        if amount is None or low is None or high is None:
            return None
        return clamped(amount, low, high)

    def _reached(self, target: Decimal, unit: Decimal, rounding: str) -> Decimal:
        """The smallest base (whole minor units) whose rounded percentage reaches `target`."""
        rate = self.rate_percent
        low, high = 0, int((target * 100 / rate).quantize(unit, ROUND_CEILING) / unit)
        while low < high:
            middle = (low + high) // 2
            if (middle * unit * rate / 100).quantize(unit, rounding=rounding) >= target:
                high = middle
            else:
                low = middle + 1
        return low * unit

    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        """Where the percentage first reaches the minimum, and where it first reaches the
        maximum (once rounded): below each, the bound pays."""
        if not self.rate_percent or self.base != "order_total":
            return
        for name, bound in (("minimum", self.minimum), ("maximum", self.maximum)):
            if not bound:
                continue
            reaches = self._reached(bound, env.unit, env.rounding)
            text = f"{kind} {self.rate_percent} % reaches the {name} {bound} at {reaches}"
            yield Boundary(text, "below", pay(reaches - env.unit))
            yield Boundary(text, "at", pay(reaches))

    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        return ()

    def describe(self) -> str:
        return (f"{self.rate_percent} % of the {BASE_WORDS[self.base]} (at least "
                f"{self.minimum}, at most {self.maximum})")

    def fixed(self) -> Decimal | None:
        return self.minimum if self.minimum == self.maximum else None

    def always_zero(self) -> bool:
        return self.maximum == 0 or (self.rate_percent == 0 and self.minimum == 0)

    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        if base != self.base:
            return None
        rate, low, high = self.rate_percent, self.minimum, self.maximum
        return lambda b: min(max(b * rate / _HUNDRED, low), high)

    def per_line(self) -> bool:
        return False  # the minimum and maximum are per remedy, not per line

    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        if self.minimum > low_total or (self.rate_percent > MAX_RATE_PERCENT
                                        and self.maximum > low_total):
            return "total"
        if self.minimum > low_claimed or (self.base == "order_total" and self.maximum > 0):
            return "claimed"
        return None

    def amount_bounds(self) -> Iterator[Bound]:
        if self.rate_percent > MAX_RATE_PERCENT:
            yield Bound("rate_percent", f"rate_percent {self.rate_percent} pays more than the "
                        f"{BASE_WORDS[self.base]} itself (the sensible bound is "
                        f"{MAX_RATE_PERCENT}): check the figure")

    def uncapped(self, example: Decimal) -> tuple[str, Decimal, str] | None:
        return None  # `maximum` caps it

    def is_statutory_damages(self) -> bool:
        return False

    def tier_table(self) -> tuple[str, tuple[tuple[Decimal, AmountFormula], ...]] | None:
        return None

    def refunds_what_was_paid(self) -> bool:
        return False
