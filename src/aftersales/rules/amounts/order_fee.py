"""`order_fee`: an amount the order states (the insured return leg, a shipping surcharge)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from ...model.facts import Formula
from ...model.money import exact
from ..outcome import Price, Quote
from ..protocol import AmountFormula, Bound, Boundary, BoundaryEnv, Build
from ..view import CaseView

if TYPE_CHECKING:
    from ..columnar import ColumnarAmount, ColumnarBuild

__all__ = ["OrderFeeAmount"]


class OrderFeeAmount(AmountFormula):
    """The order's `fee` as stated (nothing when absent)."""

    kind: Literal["order_fee"] = "order_fee"
    FACTS = ()
    fee: Literal["return_shipping_fee", "shipping_surcharge"]

    def compile(self, build: Build) -> Price:
        fee = self.fee
        formula = Formula(self.kind, fee, (("fee", fee),))
        zero = Decimal(0)

        def price(view: CaseView, lines: int) -> Quote:
            amount = getattr(view.order, fee) or zero
            return Quote(exact(amount), {"formula": formula, "exact": amount})

        return price

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        import polars as pl

        from ..columnar import ColumnarAmount

        return ColumnarAmount(build.col(self.fee).fill_null(0), pl.lit(1))

    def describe(self) -> str:
        return f"the order's {self.fee}"

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

    def per_line(self) -> bool:
        return False

    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        return None

    def amount_bounds(self) -> Iterator[Bound]:
        return iter(())

    def uncapped(self, example: Decimal) -> tuple[str, Decimal, str] | None:
        return None

    def is_statutory_damages(self) -> bool:
        return False

    def tier_table(self) -> tuple[str, tuple[tuple[Decimal, AmountFormula], ...]] | None:
        return None

    def refunds_what_was_paid(self) -> bool:
        return False
