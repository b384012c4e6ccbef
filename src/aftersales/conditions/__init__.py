"""Conditions: facts a guarantee requires, composable with `&`, `|` and `~`."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Condition
from .claim_facts import ItemIntact, ReturnTracked
from .combinators import AllOf, AnyOf, Not
from .history import BuyerLimit, NotGrantedBefore, ReturnApproved
from .lines import CategoryIn, HasTag, ReferencePriceBelowUnitPrice
from .order_facts import FeeCharged, FlaggedWith, Insured, RegionIn
from .shipping import NotShippedWithin, ShippedLate
from .totals import OrderTotalAbove, OrderTotalAtMost
from .windows import FiledAfter, FiledBefore, FiledWithin, OrderEvent

__all__ = [
    "AllOf",
    "AnyCondition",
    "AnyOf",
    "BuyerLimit",
    "CategoryIn",
    "Condition",
    "FeeCharged",
    "FiledAfter",
    "FiledBefore",
    "FiledWithin",
    "FlaggedWith",
    "HasTag",
    "Insured",
    "ItemIntact",
    "Not",
    "NotGrantedBefore",
    "NotShippedWithin",
    "OrderEvent",
    "OrderTotalAbove",
    "OrderTotalAtMost",
    "ReferencePriceBelowUnitPrice",
    "RegionIn",
    "ReturnApproved",
    "ReturnTracked",
    "ShippedLate",
]

AnyCondition = Annotated[
    AllOf | AnyOf | Not | ShippedLate | NotShippedWithin | FiledWithin | FiledBefore
    | FiledAfter | CategoryIn | HasTag | ReferencePriceBelowUnitPrice | NotGrantedBefore
    | BuyerLimit | ReturnApproved | OrderTotalAbove | OrderTotalAtMost | FlaggedWith | Insured
    | RegionIn | FeeCharged | ItemIntact | ReturnTracked,
    Field(discriminator="kind"),
]
"""Every condition kind, as a tagged union: policies round-trip through JSON exactly."""

for _combinator in (AllOf, AnyOf, Not):
    _combinator.model_rebuild(_types_namespace={"AnyCondition": AnyCondition})
