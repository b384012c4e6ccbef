"""Remedies: what a guarantee grants, who pays, and whether goods come back; one module per
kind, each implementing the remedy protocol (`remedies.base`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import GrantTerms, RemedySpec
from .buyers_choice import BuyersChoice
from .compensation import Compensation
from .coupon import Coupon
from .intercept import Intercept
from .pickup import Pickup
from .refund import Refund
from .reship import Reship
from .return_shipping import ReturnShipping
from .shipping_subsidy import ShippingSubsidy

__all__ = ["AnyRemedy", "BuyersChoice", "Compensation", "Coupon", "GrantTerms", "Intercept",
           "Pickup", "Refund", "RemedySpec", "Reship", "ReturnShipping", "ShippingSubsidy",
           "SingleRemedy"]

SingleRemedy = Annotated[
    Refund | Coupon | Compensation | ReturnShipping | ShippingSubsidy | Pickup | Intercept
    | Reship,
    Field(discriminator="kind"),
]

AnyRemedy = Annotated[
    Refund | Coupon | Compensation | ReturnShipping | ShippingSubsidy | Pickup | Intercept
    | Reship | BuyersChoice,
    Field(discriminator="kind"),
]
"""Every remedy, as a tagged union."""

BuyersChoice.model_rebuild(_types_namespace={"SingleRemedy": SingleRemedy})
