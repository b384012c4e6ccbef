"""Amount formulas: how much a remedy pays, exact and unrounded; one module per kind, each
implementing the rule protocol (`rules.protocol`)."""

from __future__ import annotations

from typing import Annotated, get_args

from pydantic import Field

from ..protocol import AmountFormula
from ._base import BASE_WORDS, AmountBase, base_amount, claimed_amount, claimed_shares
from .affected_share_bands import AffectedShareBands, ShareBand
from .approved_return_refund import ApprovedReturnRefund
from .capped import CappedAmount
from .claimed_fraction import ClaimedFraction
from .fixed import FixedAmount
from .multiple import Multiple
from .order_fee import OrderFeeAmount
from .per_count import PerCount
from .percent_between import PercentBetween
from .percent_by_tag import PercentByTag, TagRate
from .percent_of import PercentOf
from .pro_rata_deduction import ProRataDeduction
from .requested import RequestedAmount
from .tier_grid import GridAxis, TierGrid
from .tiered import Tier, TieredAmount
from .unit_price_difference import UnitPriceDifference

__all__ = [
    "AMOUNT_KINDS",
    "BASE_WORDS",
    "AffectedShareBands",
    "AmountBase",
    "AmountFormula",
    "AnyAmount",
    "ApprovedReturnRefund",
    "CappedAmount",
    "ClaimedFraction",
    "FixedAmount",
    "GridAxis",
    "Multiple",
    "OrderFeeAmount",
    "PerCount",
    "PercentBetween",
    "PercentByTag",
    "PercentOf",
    "ProRataDeduction",
    "RequestedAmount",
    "ShareBand",
    "TagRate",
    "Tier",
    "TierGrid",
    "TieredAmount",
    "UnitPriceDifference",
    "base_amount",
    "claimed_amount",
    "claimed_shares",
]

AnyAmount = Annotated[
    ClaimedFraction | FixedAmount | PercentOf | TieredAmount | UnitPriceDifference | Multiple
    | OrderFeeAmount | ApprovedReturnRefund
    # shipping and delivery (late shipment, pickup, tracking)
    | PercentBetween | TierGrid
    # claims after delivery (spoilage, fresh food, price match)
    | AffectedShareBands | CappedAmount | ProRataDeduction | PerCount
    # Tmall preset (issue 11)
    | PercentByTag
    # Douyin preset (issue 11): the dispute rule's caps
    | RequestedAmount,
    Field(discriminator="kind"),
]
"""Every amount formula, as a tagged union."""

AMOUNT_KINDS: dict[str, type[AmountFormula]] = {
    kind.model_fields["kind"].default: kind for kind in get_args(get_args(AnyAmount)[0])}
"""Every amount formula by its `kind` tag."""

Tier.model_rebuild(_types_namespace={"AnyAmount": AnyAmount})
TieredAmount.model_rebuild(_types_namespace={"AnyAmount": AnyAmount})
CappedAmount.model_rebuild(_types_namespace={"AnyAmount": AnyAmount})
ProRataDeduction.model_rebuild(_types_namespace={"AnyAmount": AnyAmount})
RequestedAmount.model_rebuild(_types_namespace={"AnyAmount": AnyAmount})
