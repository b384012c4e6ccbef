"""`refund`: money back to the buyer; counts toward the order's refund cap (unless an
advance)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from ...model.decision import Payer
from ...model.fields import Days, Flag
from ..amounts import AnyAmount
from ..protocol import Bound
from ..sensible import MAX_DUE_DAYS
from .base import GrantTerms, RemedySpec

__all__ = ["Refund"]


class Refund(RemedySpec):
    """Money back to the buyer; counts toward the order's refund cap (unless an advance)."""

    kind: Literal["refund"] = "refund"
    amount: AnyAmount
    payer: Payer = Payer.MERCHANT
    return_required: Flag = False
    return_shipping_payer: Payer = Payer.BUYER
    """Who bears the return leg when the goods come back (the law's default: the buyer)."""
    due_days_after_return: Days | None = None
    """The refund is due by the end of this many calendar days after the day the merchant
    received the return (`claim.return_received_at`, when given)."""
    advance: Flag = False
    """Pays early a refund approved earlier for a return: not new money, so it is not
    counted again toward the refund cap."""

    def terms(self) -> GrantTerms:
        if not self.return_required:
            return GrantTerms(due_days_after_return=self.due_days_after_return,
                              advance=self.advance)
        return GrantTerms(True, self.return_shipping_payer, self.due_days_after_return,
                          self.advance)

    def is_money(self) -> bool:
        return True

    def is_bonus(self) -> bool:
        return False

    def pays_back(self) -> bool:
        return True

    def is_damages(self) -> bool:
        return False

    def counts_toward_refund_cap(self) -> bool:
        return not self.advance

    def grants_return(self, buyer_leg: bool) -> bool:
        return self.return_required and (not buyer_leg
                                         or self.return_shipping_payer is Payer.BUYER)

    def refunds_what_was_paid(self) -> bool:
        return self.amount.refunds_what_was_paid()

    def remedy_bounds(self) -> Iterator[Bound]:
        days = self.due_days_after_return
        if days is not None and days > MAX_DUE_DAYS:
            yield Bound("due_days_after_return", f"a refund due {days} days after the return "
                        f"arrives is beyond the sensible bound of {MAX_DUE_DAYS} days (the "
                        "usual term is 7): check the figure")
