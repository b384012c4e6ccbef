"""`pro_rata_deduction`: an amount less the share of it that a third party's discount
funded (a payment channel's discount on a price-match payout)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from ...model.facts import Formula
from ...model.money import decimal_of, exact
from ..outcome import Price, Quote
from ..protocol import AmountFormula, Bound, Boundary, BoundaryEnv, Build, Edit
from ..view import CaseView

if TYPE_CHECKING:
    from ..columnar import ColumnarAmount, ColumnarBuild
    from . import AnyAmount

__all__ = ["ProRataDeduction"]

_ZERO = Decimal(0)
Deduction = Literal["payment_channel_discount"]


class ProRataDeduction(AmountFormula):
    """`amount − amount / (order total − D) × D`, D the order's `deduct` fact (its
    `payment_channel_discount`): the payout is reduced by the discount in proportion to the
    payout's share of what the buyer paid net of it. (Douyin's example: a payout of 3.00 on
    an order of 12.00 with a 2.00 channel discount loses 3 / 10 × 2 = 0.60.) Without the fact,
    or a discount of zero, the amount is paid whole."""

    kind: Literal["pro_rata_deduction"] = "pro_rata_deduction"
    FACTS = ("deducted", "deduction")
    amount: AnyAmount
    deduct: Deduction = "payment_channel_discount"

    def compile(self, build: Build) -> Price:
        inner, name = self.amount.compile(build), self.deduct
        formula = Formula(self.kind, f"amount − amount / (order total − {name}) × {name}",
                          (("deduct", name),))

        unit = build.unit

        def price(view: CaseView, lines: int) -> Quote:
            quote = inner(view, lines)
            discount = getattr(view.order, name)
            if not discount or not quote.amount:
                return quote
            off = exact(discount)
            net = exact(view.total_paid) - off
            deducted = quote.amount if net <= 0 else min(quote.amount, quote.amount * off / net)
            amount = quote.amount - deducted
            return Quote(amount, {**quote.facts, "formula": formula,
                                  "exact": decimal_of(amount, unit),
                                  "deducted": decimal_of(deducted, unit),
                                  "deduction": discount}, quote.weights)

        return price

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        """While the net paid is positive, `a − min(a, a × D / net)` is
        `max(0, a × (net − D) / net)`, whatever the signs; once the discount takes it all,
        nothing; without a discount, the amount whole."""
        import polars as pl

        from ..columnar import ColumnarAmount, times_ratio

        inner = self.amount.columnar(build)
        if inner is None:
            return None
        off = build.col(self.deduct).fill_null(0)
        net = build.col("total") - off
        kept = times_ratio(inner, net - off, net.clip(lower_bound=1))
        whole, none = off == 0, (net <= 0) | (kept.numerator < 0)
        return ColumnarAmount(
            pl.when(whole).then(inner.numerator).when(none).then(0).otherwise(kept.numerator),
            pl.when(whole).then(inner.denominator).when(none).then(1).otherwise(
                kept.denominator),
            pl.when(whole).then(True if inner.sure is None else inner.sure).otherwise(kept.sure))

    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        """The inner amount's thresholds; and the order with no discount (below) and a
        discount of a tenth of its total (at)."""
        yield from self.amount.thresholds(kind, env)
        text = f"{kind} less a pro-rata {self.deduct}"
        yield Boundary(text, "below", _discount(self.deduct, None))
        yield Boundary(text, "at", _discount(self.deduct, Decimal("0.1")))

    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        return self.amount.tier_starts(base, unit)

    def describe(self) -> str:
        return f"{self.amount.describe()}, less its pro-rata share of the {self.deduct}"

    def fixed(self) -> Decimal | None:
        return None

    def always_zero(self) -> bool:
        return self.amount.always_zero()

    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        return None  # it depends on the discount too

    def per_line(self) -> bool:
        return False

    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        return self.amount.excess(low_claimed, low_total)  # it never pays more than its amount

    def amount_bounds(self) -> Iterator[Bound]:
        return self.amount.amount_bounds()

    def uncapped(self, example: Decimal) -> tuple[str, Decimal, str] | None:
        return self.amount.uncapped(example)

    def is_statutory_damages(self) -> bool:
        return False

    def tier_table(self) -> tuple[str, tuple[tuple[Decimal, AmountFormula], ...]] | None:
        return None

    def parts(self) -> tuple[AmountFormula, ...]:
        return (self.amount,)

    def refunds_what_was_paid(self) -> bool:
        return False


def _discount(name: str, share: Decimal | None) -> Edit:
    """The order's `name` set to `share` of its total (rounded down to the fen), or absent."""
    def edit(case: dict[str, Any]) -> None:
        order = case["order"]
        if share is None:
            order.pop(name, None)
            return
        total = sum((Decimal(line["paid_amount"]) for line in order["lines"]), _ZERO)
        order[name] = str((total * share).quantize(Decimal("0.01"), rounding="ROUND_FLOOR"))
    return Edit(f"order.{name}", share, edit)
