"""`fixed`: a fixed amount, whatever was paid."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from ...model.facts import Formula
from ...model.fields import PolicyAmount
from ...model.money import exact
from ..outcome import Price, Quote
from ..protocol import AmountFormula, Bound, Boundary, BoundaryEnv, Build
from ..view import CaseView

if TYPE_CHECKING:
    from ..columnar import ColumnarAmount, ColumnarBuild

__all__ = ["FixedAmount"]


class FixedAmount(AmountFormula):
    """A fixed `amount`."""

    kind: Literal["fixed"] = "fixed"
    FACTS = ()
    amount: PolicyAmount

    def compile(self, build: Build) -> Price:
        amount = self.amount
        quote = Quote(exact(amount), {"formula": Formula(self.kind, "fixed"), "exact": amount})

        def price(view: CaseView, lines: int) -> Quote:
            return quote

        return price

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        import polars as pl

        from ..columnar import ColumnarAmount

        amount = build.minor(self.amount)
        return None if amount is None else ColumnarAmount(pl.lit(amount), pl.lit(1))

    def describe(self) -> str:
        return f"a fixed {self.amount}"

    def fixed(self) -> Decimal | None:
        return self.amount

    def always_zero(self) -> bool:
        return self.amount == 0

    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        fixed = self.amount
        return lambda _: fixed

    def excess(self, low_claimed: Decimal, low_total: Decimal) -> Literal[
            "claimed", "total"] | None:
        if self.amount > low_total:
            return "total"
        return "claimed" if self.amount > low_claimed else None

    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())

    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        return ()

    def per_line(self) -> bool:
        return False

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
