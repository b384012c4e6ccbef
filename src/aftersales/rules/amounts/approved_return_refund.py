"""`approved_return_refund`: the refund approved earlier for goods now on their way back (what
an advance pays early)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from ...model.facts import Formula
from ...model.kinds import RemedyKind
from ...model.money import EXACT, allocate, decimal_of, exact, exact_sum
from ..outcome import Price, Quote
from ..protocol import AmountFormula, Bound, Boundary, BoundaryEnv, Build
from ..view import CaseView

__all__ = ["ApprovedReturnRefund"]


class ApprovedReturnRefund(AmountFormula):
    """The refunds approved earlier (history entries with `return_required`) on the eligible
    lines: what an advance pays early. An entry on several lines (or, without lines, on the
    whole order) is split over them in proportion to what was paid for each, to the minor
    unit, and only the eligible lines' parts are taken: advancing the lines one at a time
    never pays more than was approved."""

    kind: Literal["approved_return_refund"] = "approved_return_refund"
    FACTS = ()

    def compile(self, build: Build) -> Price:
        unit = build.unit
        formula = Formula(self.kind, "refund approved for the return")

        def price(view: CaseView, lines: int) -> Quote:
            order_lines = view.lines
            eligible = set(view.line_ids(lines))
            paid = {line.id: line.paid_amount for line in order_lines}
            amount = Fraction(0)
            for entry in view.order_history:
                if not (entry.return_required and entry.kind is RemedyKind.REFUND
                        and entry.amount is not None):
                    continue
                ids = entry.line_ids or tuple(line.id for line in order_lines)
                parts = allocate(entry.amount.quantize(unit, context=EXACT),
                                 [paid.get(i, Decimal(0)) for i in ids], unit)
                amount += exact(exact_sum(
                    part for line_id, part in zip(ids, parts, strict=True)
                    if line_id in eligible))
            return Quote(amount, {"formula": formula, "exact": decimal_of(amount, unit)})

        return price

    def describe(self) -> str:
        return "the refund approved for the return"

    def per_line(self) -> bool:
        return True

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
