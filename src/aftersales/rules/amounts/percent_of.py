"""`percent_of`: a percentage of a base, optionally capped."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Literal

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

__all__ = ["PercentOf"]


_HUNDRED = Decimal(100)


class PercentOf(AmountFormula):
    """`rate_percent` % of `base`, at most `cap` when one is given."""

    kind: Literal["percent_of"] = "percent_of"
    FACTS = ("base", "capped_at")
    base: AmountBase = "order_total"
    rate_percent: PolicyAmount
    cap: PolicyAmount | None = None

    def compile(self, build: Build) -> Price:
        base_name, rate, cap, unit = self.base, self.rate_percent, self.cap, build.unit
        formula = Formula(self.kind, f"{rate} % of {base_name}",
                          (("rate_percent", rate), ("base", base_name)))
        share = exact(rate) / 100
        limit = None if cap is None else exact(cap)

        def price(view: CaseView, lines: int) -> Quote:
            base = base_amount(base_name, view, lines)
            amount = base * share
            facts: dict[str, object] = {"formula": formula, "base": decimal_of(base, unit),
                                        "exact": decimal_of(amount, unit)}
            if limit is not None and amount > limit:
                facts["capped_at"] = cap
                amount = limit
            return Quote(amount, facts)

        return price

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        from ..columnar import clamped, percent_of

        amount = percent_of(build, self.base, self.rate_percent)
        if amount is None or self.cap is None:
            return amount
        cap = build.minor(self.cap)
        return None if cap is None else clamped(amount, high=cap)

    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        """The smallest base (whole minor units) at which the rounded amount reaches the
        cap: the cap first pays there."""
        cap, rate, unit = self.cap, self.rate_percent, env.unit
        if cap is None or not rate:
            return
        low, high = 0, int((cap * 100 / rate).quantize(unit, ROUND_CEILING) / unit)
        while low < high:
            middle = (low + high) // 2
            paid = (middle * unit * rate / 100).quantize(unit, rounding=env.rounding)
            if paid >= cap:
                high = middle
            else:
                low = middle + 1
        reaches = low * unit
        text = f"{kind} cap {cap} reached (once rounded) at a base of {reaches}"
        yield Boundary(text, "below", pay(reaches - unit))
        yield Boundary(text, "at", pay(reaches))

    def describe(self) -> str:
        capped = f" (at most {self.cap})" if self.cap is not None else ""
        return f"{self.rate_percent} % of the {BASE_WORDS[self.base]}{capped}"

    def always_zero(self) -> bool:
        return self.rate_percent == 0 or self.cap == 0

    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        if base != self.base:
            return None
        rate, cap = self.rate_percent, self.cap
        return lambda b: b * rate / _HUNDRED if cap is None else min(b * rate / _HUNDRED, cap)

    def per_line(self) -> bool:
        return self.base == "claimed_amount" and self.cap is None

    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        above = self.cap is None or self.cap > low_total
        if self.rate_percent > MAX_RATE_PERCENT and above:
            return "total"
        if self.base == "order_total" and self.rate_percent > 0 and self.cap != 0:
            return "claimed"  # a claim on some lines is paid a share of the whole order
        below = self.cap is None or self.cap > low_claimed
        return "claimed" if self.rate_percent > MAX_RATE_PERCENT and below else None

    def amount_bounds(self) -> Iterator[Bound]:
        if self.rate_percent > MAX_RATE_PERCENT:
            yield Bound("rate_percent", f"rate_percent {self.rate_percent} pays more than the "
                        f"{BASE_WORDS[self.base]} itself (the sensible bound is "
                        f"{MAX_RATE_PERCENT}): check the figure")

    def uncapped(self, example: Decimal) -> tuple[str, Decimal, str] | None:
        if self.cap is not None:
            return None
        return self.base, example * self.rate_percent / 100, "add a cap"

    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        return ()

    def fixed(self) -> Decimal | None:
        return None

    def is_statutory_damages(self) -> bool:
        return False

    def tier_table(self) -> tuple[str, tuple[tuple[Decimal, AmountFormula], ...]] | None:
        return None

    def refunds_what_was_paid(self) -> bool:
        return False
