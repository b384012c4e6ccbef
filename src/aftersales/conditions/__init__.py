"""Conditions: facts a guarantee requires, composable with `&`, `|` and `~`."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Condition
from .combinators import AllOf, AnyOf, Not
from .history import NotGrantedBefore
from .lines import CategoryIn, HasTag, ReferencePriceBelowUnitPrice
from .shipping import ShippedLate
from .totals import OrderTotalAbove
from .windows import FiledWithin, OrderEvent

__all__ = [
    "AllOf",
    "AnyCondition",
    "AnyOf",
    "CategoryIn",
    "Condition",
    "FiledWithin",
    "HasTag",
    "Not",
    "NotGrantedBefore",
    "OrderEvent",
    "OrderTotalAbove",
    "ReferencePriceBelowUnitPrice",
    "ShippedLate",
]

AnyCondition = Annotated[
    AllOf | AnyOf | Not | ShippedLate | FiledWithin | CategoryIn | HasTag
    | ReferencePriceBelowUnitPrice | NotGrantedBefore | OrderTotalAbove,
    Field(discriminator="kind"),
]
"""Every condition kind, as a tagged union: policies round-trip through JSON exactly."""

for _combinator in (AllOf, AnyOf, Not):
    _combinator.model_rebuild(_types_namespace={"AnyCondition": AnyCondition})
