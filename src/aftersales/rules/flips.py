"""Changes what-if proposes that several rule kinds share: the order total set by changing
its largest line's paid amount."""

from __future__ import annotations

from decimal import Decimal

from ..model.case import Case
from ..model.facts import Phrase
from .protocol import Flip

__all__ = ["total_flip"]


def total_flip(case: Case, kind: str, target: Decimal, note: Phrase | None = None) -> Flip | None:
    """The order total set to `target` by changing the largest line's paid amount."""
    lines = case.order.lines
    index = max(range(len(lines)), key=lambda i: lines[i].paid_amount)
    difference = target - case.order.total_paid
    paid = lines[index].paid_amount + difference
    if difference == 0 or paid < 0:
        return None
    return Flip(kind, f"order.lines[{index}].paid_amount", str(paid),
                "total_more" if difference > 0 else "total_less",
                {"target": target, "difference": abs(difference), "line": lines[index].id,
                 "paid": paid, "note": note if note is not None else Phrase("nothing")})
