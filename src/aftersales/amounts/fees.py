"""Amounts the order states: the insured return leg, a shipping surcharge; and the refund
approved earlier for goods now on their way back."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ..context import Context
from ..money import EXACT, allocate, exact_sum, minor_unit
from .base import AmountFormula, Quote

__all__ = ["ApprovedReturnRefund", "OrderFeeAmount"]


class OrderFeeAmount(AmountFormula):
    """The order's `fee` as stated (nothing when absent)."""

    kind: Literal["order_fee"] = "order_fee"
    fee: Literal["return_shipping_fee", "shipping_surcharge"]

    def compute(self, context: Context, lines: int) -> Quote:
        amount = getattr(context.order, self.fee) or Decimal(0)
        return Quote(amount, {"formula": self.fee, "exact": amount})


class ApprovedReturnRefund(AmountFormula):
    """The refunds approved earlier (history entries with `return_required`) on the eligible
    lines: what an advance pays early. An entry on several lines (or, without lines, on the
    whole order) is split over them in proportion to what was paid for each, to the minor
    unit, and only the eligible lines' parts are taken: advancing the lines one at a time
    never pays more than was approved."""

    kind: Literal["approved_return_refund"] = "approved_return_refund"

    def compute(self, context: Context, lines: int) -> Quote:
        unit = minor_unit(context.order.currency)
        order_lines = context.order.lines
        eligible = set(context.line_ids(lines))
        amount = Decimal(0)
        for entry in context.case.order_history():
            if not (entry.return_required and entry.kind == "refund"
                    and entry.amount is not None):
                continue
            ids = entry.line_ids or tuple(line.id for line in order_lines)
            paid = {line.id: line.paid_amount for line in order_lines}
            parts = allocate(entry.amount.quantize(unit, context=EXACT),
                             [paid.get(i, Decimal(0)) for i in ids],
                             unit)
            amount = EXACT.add(amount, exact_sum(
                part for line_id, part in zip(ids, parts, strict=True) if line_id in eligible))
        return Quote(amount, {"formula": "refund approved for the return", "exact": amount})
