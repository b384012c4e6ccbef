"""Amount formulas: how much a remedy pays, exact and unrounded."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import AmountBase, AmountFormula, Quote
from .difference import UnitPriceDifference
from .fees import ApprovedReturnRefund, OrderFeeAmount
from .fixed import FixedAmount
from .multiple import Multiple
from .percent import PercentOf
from .proportional import ClaimedFraction
from .tiered import Tier, TieredAmount

__all__ = [
    "AmountBase",
    "AmountFormula",
    "AnyAmount",
    "ApprovedReturnRefund",
    "ClaimedFraction",
    "FixedAmount",
    "Multiple",
    "OrderFeeAmount",
    "PercentOf",
    "Quote",
    "Tier",
    "TieredAmount",
    "UnitPriceDifference",
]

AnyAmount = Annotated[
    ClaimedFraction | FixedAmount | PercentOf | TieredAmount | UnitPriceDifference | Multiple
    | OrderFeeAmount | ApprovedReturnRefund,
    Field(discriminator="kind"),
]
"""Every amount formula, as a tagged union."""

Tier.model_rebuild(_types_namespace={"AnyAmount": AnyAmount})
TieredAmount.model_rebuild(_types_namespace={"AnyAmount": AnyAmount})
