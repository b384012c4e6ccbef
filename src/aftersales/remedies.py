"""Remedy specifications: what a guarantee grants, who pays, and whether goods come back."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from .amounts import AnyAmount
from .conditions.base import RULE_MODEL
from .decision import Payer

__all__ = ["AnyRemedy", "Coupon", "Refund"]


class Refund(BaseModel):
    """Money back to the buyer; counts toward the order's refund cap."""

    model_config = RULE_MODEL

    kind: Literal["refund"] = "refund"
    amount: AnyAmount
    payer: Payer = Payer.MERCHANT
    return_required: bool = False


class Coupon(BaseModel):
    """A voucher credited to the buyer; counted apart from refunds."""

    model_config = RULE_MODEL

    kind: Literal["coupon"] = "coupon"
    amount: AnyAmount
    payer: Payer = Payer.PLATFORM

    @property
    def return_required(self) -> bool:
        return False


AnyRemedy = Annotated[Refund | Coupon, Field(discriminator="kind")]
