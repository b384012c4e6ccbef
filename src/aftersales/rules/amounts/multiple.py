"""`multiple`: statutory damages, a multiple of what was paid, with a minimum (假一赔N)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Literal

from ...model.facts import Formula
from ...model.fields import PolicyAmount, PositivePolicyAmount
from ...model.money import decimal_of, exact
from ..edits import pay
from ..outcome import Price, Quote
from ..protocol import AmountFormula, Bound, Boundary, BoundaryEnv, Build
from ..sensible import MAX_MULTIPLIER, STATUTORY_MULTIPLIERS
from ..view import CaseView
from ._base import BASE_WORDS, AmountBase, base_amount

if TYPE_CHECKING:
    from ..columnar import ColumnarAmount, ColumnarBuild

__all__ = ["Multiple"]


class Multiple(AmountFormula):
    """`multiplier × base`, at least `minimum` (e.g. the consumer-protection law's 3× the
    price paid, at least 500.00; the food-safety law's 10×, at least 1000.00)."""

    kind: Literal["multiple"] = "multiple"
    FACTS = ("base",)
    base: AmountBase = "claimed_amount"
    multiplier: PositivePolicyAmount
    minimum: PolicyAmount = Decimal(0)

    def compile(self, build: Build) -> Price:
        base_name, multiplier, minimum = self.base, self.multiplier, self.minimum
        formula = Formula(self.kind, f"{multiplier} × {base_name}, at least {minimum}",
                          (("multiplier", multiplier), ("base", base_name),
                           ("minimum", minimum)))

        times, least, unit = exact(multiplier), exact(minimum), build.unit

        def price(view: CaseView, lines: int) -> Quote:
            base = base_amount(base_name, view, lines)
            amount = max(base * times, least)
            return Quote(amount, {"formula": formula, "base": decimal_of(base, unit),
                                  "exact": decimal_of(amount, unit)})

        return price

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        from ..columnar import amount_base, clamped, scaled

        amount = scaled(amount_base(build, self.base), self.multiplier)
        least = build.minor(self.minimum)
        if amount is None or least is None:
            return None
        return clamped(amount, low=least) if least else amount

    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        if self.minimum <= 0:
            return
        crossing = (self.minimum / self.multiplier).quantize(env.unit, ROUND_CEILING)
        text = f"{kind} minimum {self.minimum} left at a base of {crossing}"
        yield Boundary(text, "below", pay(crossing - env.unit))
        yield Boundary(text, "at", pay(crossing))

    def describe(self) -> str:
        floor = f" (at least {self.minimum})" if self.minimum else ""
        return f"{self.multiplier} × the {BASE_WORDS[self.base]}{floor}"

    def is_statutory_damages(self) -> bool:
        return self.multiplier in STATUTORY_MULTIPLIERS

    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        if base != self.base:
            return None
        multiplier, minimum = self.multiplier, self.minimum
        return lambda b: max(b * multiplier, minimum)

    def per_line(self) -> bool:
        return self.base == "claimed_amount" and self.minimum == 0

    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        if self.multiplier > 1 or self.minimum > low_total:
            return "total"
        if self.base == "order_total" or self.minimum > low_claimed:
            return "claimed"
        return None

    def amount_bounds(self) -> Iterator[Bound]:
        if self.multiplier > MAX_MULTIPLIER:
            yield Bound("multiplier", f"a multiplier of {self.multiplier} is beyond the law's "
                        f"largest, the food-safety law's {MAX_MULTIPLIER}×: check the figure")

    def uncapped(self, example: Decimal) -> tuple[str, Decimal, str] | None:
        return (self.base, max(example * self.multiplier, self.minimum),
                "use a percent_of with a cap, or a tier table")

    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        return ()

    def fixed(self) -> Decimal | None:
        return None

    def always_zero(self) -> bool:
        return False

    def tier_table(self) -> tuple[str, tuple[tuple[Decimal, AmountFormula], ...]] | None:
        return None

    def refunds_what_was_paid(self) -> bool:
        return False
