"""`claimed_fraction`: refund of what was claimed, the claimed fraction of each eligible line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from ...model.facts import Formula
from ...model.money import decimal_of, rational_sum
from ..outcome import Price, Quote
from ..protocol import AmountFormula, Bound, Boundary, BoundaryEnv, Build
from ..view import CaseView
from ._base import claimed_shares

if TYPE_CHECKING:
    from ..columnar import ColumnarAmount, ColumnarBuild

__all__ = ["ClaimedFraction"]


class ClaimedFraction(AmountFormula):
    """`paid_amount * k / n` summed over the eligible lines (k claimed of n bought)."""

    kind: Literal["claimed_fraction"] = "claimed_fraction"
    FACTS = ()

    def compile(self, build: Build) -> Price:
        formula, unit = Formula(self.kind, "paid_amount × k / n"), build.unit

        def price(view: CaseView, lines: int) -> Quote:
            shares = claimed_shares(view, lines)
            amount = rational_sum(shares.values())
            return Quote(amount, {"formula": formula, "exact": decimal_of(amount, unit)},
                         shares)

        return price

    def columnar(self, build: ColumnarBuild) -> ColumnarAmount | None:
        from ..columnar import amount_base

        return amount_base(build, "claimed_amount")

    def describe(self) -> str:
        return "what was paid for the goods claimed"

    def value_of(self, base: str) -> Callable[[Decimal], Decimal] | None:
        return (lambda claimed: claimed) if base == "claimed_amount" else None

    def per_line(self) -> bool:
        return True

    def refunds_what_was_paid(self) -> bool:
        return True

    def thresholds(self, kind: str, env: BoundaryEnv) -> Iterator[Boundary]:
        return iter(())

    def tier_starts(self, base: Decimal, unit: Decimal) -> tuple[Decimal, ...]:
        return ()

    def fixed(self) -> Decimal | None:
        return None

    def always_zero(self) -> bool:
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
