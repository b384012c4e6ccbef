"""Facts the claim states about returned goods: their condition, the return's tracking."""

from __future__ import annotations

from typing import Literal

from ..case import ItemCondition
from ..context import Context, Outcome
from .base import Condition

__all__ = ["ItemIntact", "ReturnTracked"]


class ItemIntact(Condition):
    """The claim says the goods are intact (`item_condition: intact`): original quality and
    function kept, accessories and labels complete; opening to inspect is fine."""

    kind: Literal["item_intact"] = "item_intact"
    FAILURE_CODES = ("item_not_intact", "item_condition_unknown")
    PASS_CODES = ("item_intact",)

    def evaluate(self, context: Context, lines: int) -> Outcome:
        claim = context.claim
        condition = claim.item_condition if claim is not None else None
        if condition is None:
            return Outcome(0, "item_condition_unknown", {})
        if condition is ItemCondition.INTACT:
            return Outcome(lines, "item_intact", {"item_condition": condition})
        return Outcome(0, "item_not_intact", {"item_condition": condition})


class ReturnTracked(Condition):
    """The claim gives the tracking number of the return parcel."""

    kind: Literal["return_tracked"] = "return_tracked"
    FAILURE_CODES = ("return_tracking_missing",)
    PASS_CODES = ("return_tracked",)

    def evaluate(self, context: Context, lines: int) -> Outcome:
        claim = context.claim
        number = claim.return_tracking_no if claim is not None else None
        if number is None:
            return Outcome(0, "return_tracking_missing", {})
        return Outcome(lines, "return_tracked", {"return_tracking_no": number})
