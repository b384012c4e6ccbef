"""`unit_price_difference`: price match, the difference between the unit price paid and the
price found elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from ...model.facts import Formula
from ...model.fields import Flag, PositivePolicyAmount
from ...model.money import decimal_of, exact, rational_sum
from ..outcome import Price, Quote
from ..protocol import AmountFormula, Bound, Boundary, BoundaryEnv, Build
from ..sensible import MAX_MULTIPLIER
from ..view import CaseView

if TYPE_CHECKING:
    from ..columnar import ColumnarAmount, ColumnarBuild

__all__ = ["UnitPriceDifference"]


class UnitPriceDifference(AmountFormula):
    """`(paid_amount / n − reference_price) × k × multiplier` over the eligible lines
    (`multiplier=2` is "pay double the difference"). With `before_platform_discounts`, the
    price paid is taken before the discounts the platform funded (`paid_amount +
    platform_discount`: price protection's 底价, red packets and platform coupons aside)."""

    kind: Literal["unit_price_difference"] = "unit_price_difference"
    FACTS = ("reference_price",)
    multiplier: PositivePolicyAmount = Decimal(1)
    before_platform_discounts: Flag = False

    def compile(self, build: Build) -> Price:
        multiplier, before = self.multiplier, self.before_platform_discounts
        missing = Formula(self.kind, "unit price difference")
        formula = Formula(self.kind, f"(unit price − reference) × k × {multiplier}",
                          (("multiplier", multiplier),))
        zero, times, unit = Fraction(0), exact(multiplier), build.unit

        def price(view: CaseView, lines: int) -> Quote:
            claim = view.claim
            reference = claim.reference_price if claim is not None else None
            if reference is None:
                return Quote(zero, {"formula": missing, "reference_price": None,
                                    "exact": Decimal(0)})
            shares: dict[int, Fraction] = {}
            claimed = view.claimed
            referenced = exact(reference)
            for index, line in view.lines_in(lines):
                k = claimed[index]
                paid = exact(line.paid_amount)
                if before and line.platform_discount is not None:
                    paid += exact(line.platform_discount)
                shares[index] = paid * k / line.quantity - referenced * k
            amount = rational_sum(shares.values()) * times
            return Quote(amount, {"formula": formula, "reference_price": reference,
                                  "exact": decimal_of(amount, unit)},
                         {index: max(share, zero) for index, share in shares.items()})

        return price

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        import polars as pl

        from ..columnar import MAX_LINES, MAX_QUANTITY, line_fractions, line_paid, scaled, within

        def paid(slot: int) -> pl.Expr:
            return line_paid(build, slot, self.before_platform_discounts)

        reference = build.col("reference")
        # paid·k/q − reference·k = (paid − reference·q)·k/q
        numerator, denominator = line_fractions(
            build, lambda slot: paid(slot) - reference * build.line(slot, "qty"))
        # |Σ (paid/q − reference)·k| ≤ Σ paid + reference × Σ k
        most = pl.sum_horizontal(*(paid(slot) for slot in range(MAX_LINES))) \
            + reference.fill_null(0) * (MAX_LINES * MAX_QUANTITY)
        difference = within(pl.when(reference.is_null()).then(0).otherwise(numerator),
                            denominator, most)
        return scaled(difference, self.multiplier)

    def describe(self) -> str:
        before = " (before platform discounts)" if self.before_platform_discounts else ""
        return f"{self.multiplier} × the difference to the reference price{before}"

    def per_line(self) -> bool:
        return True

    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        return "total" if self.multiplier > 1 else None

    def amount_bounds(self) -> Iterator[Bound]:
        if self.multiplier > MAX_MULTIPLIER:
            yield Bound("multiplier", f"a multiplier of {self.multiplier} is beyond the law's "
                        f"largest, the food-safety law's {MAX_MULTIPLIER}×: check the figure")

    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())

    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        return ()

    def fixed(self) -> Decimal | None:
        return None

    def always_zero(self) -> bool:
        return False

    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        return None

    def uncapped(self, example: Decimal) -> tuple[str, Decimal, str] | None:
        return None

    def is_statutory_damages(self) -> bool:
        return False

    def tier_table(self) -> tuple[str, tuple[tuple[Decimal, AmountFormula], ...]] | None:
        return None

    def refunds_what_was_paid(self) -> bool:
        return False
