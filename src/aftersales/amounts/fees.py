"""Amounts the order states: the insured return leg, a shipping surcharge; and the refund
approved earlier for goods now on their way back."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ..context import Context
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
    lines: what an advance pays early. An entry on several lines is taken whole when any of
    them is eligible; an entry without lines covers the order."""

    kind: Literal["approved_return_refund"] = "approved_return_refund"

    def compute(self, context: Context, lines: int) -> Quote:
        eligible = set(context.line_ids(lines))
        amount = Decimal(0)
        for entry in context.case.order_history():
            if (entry.return_required and entry.kind == "refund" and entry.amount is not None
                    and (not entry.line_ids or eligible.intersection(entry.line_ids))):
                amount += entry.amount
        return Quote(amount, {"formula": "refund approved for the return", "exact": amount})
