"""Remedy specifications: what a guarantee grants, who pays, and whether goods come back.

Money remedies carry an amount formula; actions (`pickup`, `intercept`, `reship`) are things
done for the buyer and may carry none. `buyers_choice` offers several and grants the one the
claim prefers.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from ._fields import Days, Flag
from .amounts import AnyAmount, OrderFeeAmount
from .case import RemedyKind
from .conditions.base import RULE_MODEL
from .decision import Payer

__all__ = ["AnyRemedy", "BuyersChoice", "Compensation", "Coupon", "Intercept", "Pickup",
           "Refund", "RemedySpec", "Reship", "ReturnShipping", "ShippingSubsidy"]


class RemedySpec(BaseModel):
    """Base of every remedy: its `kind`, who pays, and the amount formula (None for an
    action without an amount)."""

    model_config = RULE_MODEL

    kind: str
    payer: Payer
    amount: AnyAmount | None = None

    @field_validator("payer")
    @classmethod
    def _not_the_buyer(cls, payer: Payer) -> Payer:
        if payer is Payer.BUYER:
            raise ValueError("the buyer never pays a remedy (only bears a return leg)")
        return payer


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


class Coupon(RemedySpec):
    """A voucher credited to the buyer; counted apart from refunds."""

    kind: Literal["coupon"] = "coupon"
    amount: AnyAmount
    payer: Payer = Payer.PLATFORM


class Compensation(RemedySpec):
    """Damages on top of a refund (e.g. 3× the price for fraud); not capped by the order
    total, which caps refunds only."""

    kind: Literal["compensation"] = "compensation"
    amount: AnyAmount
    payer: Payer = Payer.MERCHANT


class ReturnShipping(RemedySpec):
    """The return leg's freight, reimbursed (by default the insured amount of the order)."""

    kind: Literal["return_shipping"] = "return_shipping"
    amount: AnyAmount = OrderFeeAmount(fee="return_shipping_fee")
    payer: Payer = Payer.INSURER


class ShippingSubsidy(RemedySpec):
    """Shipping charged to the buyer, paid back (by default the order's surcharge)."""

    kind: Literal["shipping_subsidy"] = "shipping_subsidy"
    amount: AnyAmount = OrderFeeAmount(fee="shipping_surcharge")
    payer: Payer = Payer.PLATFORM


class Pickup(RemedySpec):
    """Door-to-door pickup of the return; `amount` (optional) is the freight it covers."""

    kind: Literal["pickup"] = "pickup"
    payer: Payer = Payer.INSURER


class Intercept(RemedySpec):
    """The parcel in transit is intercepted and sent back; `payer` bears the fee."""

    kind: Literal["intercept"] = "intercept"
    payer: Payer = Payer.MERCHANT


class Reship(RemedySpec):
    """The goods are sent again (补寄)."""

    kind: Literal["reship"] = "reship"
    payer: Payer = Payer.MERCHANT


SingleRemedy = Annotated[
    Refund | Coupon | Compensation | ReturnShipping | ShippingSubsidy | Pickup | Intercept
    | Reship,
    Field(discriminator="kind"),
]


class BuyersChoice(BaseModel):
    """Several remedies offered; the claim's `preferred_remedy` picks one, else the first."""

    model_config = RULE_MODEL

    kind: Literal["buyers_choice"] = "buyers_choice"
    options: Annotated[tuple[SingleRemedy, ...], Field(min_length=2)]

    @model_validator(mode="after")
    def _distinct(self) -> BuyersChoice:
        kinds = [option.kind for option in self.options]
        if len(set(kinds)) != len(kinds):
            raise ValueError("each option of a buyers_choice must be of a different kind")
        return self

    def choose(self, preferred: RemedyKind | str | None) -> SingleRemedy:
        for option in self.options:
            if option.kind == preferred:
                return option
        return self.options[0]


AnyRemedy = Annotated[
    Refund | Coupon | Compensation | ReturnShipping | ShippingSubsidy | Pickup | Intercept
    | Reship | BuyersChoice,
    Field(discriminator="kind"),
]
