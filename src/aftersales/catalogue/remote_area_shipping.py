"""偏远地区包邮 — remote-area free shipping: the platform pays the surcharge."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from pydantic import Field

from ..model.decision import Payer
from ..model.regions import RegionCode
from ..rules.conditions import FeeCharged, NotGrantedBefore, RegionIn
from ..rules.guarantee import Guarantee
from ..rules.remedies import ShippingSubsidy

__all__ = ["REMOTE_REGIONS", "remote_area_shipping"]

#: Xinjiang, Tibet, Qinghai, Gansu, Ningxia, Inner Mongolia (ISO 3166-2:CN codes).
REMOTE_REGIONS = ("CN-XJ", "CN-XZ", "CN-QH", "CN-GS", "CN-NX", "CN-NM")


def remote_area_shipping(
    *,
    regions: Annotated[Sequence[RegionCode], Field(min_length=1)] = REMOTE_REGIONS,
    payer: Payer = Payer.PLATFORM,
    guarantee_id: str = "remote_area_shipping",
) -> Guarantee:
    """Without a claim: an order to one of `regions` that was charged a
    `shipping_surcharge` gets it back as a `shipping_subsidy`, once per order."""
    return Guarantee(
        id=guarantee_id,
        title="Remote-area free shipping (偏远地区包邮)",
        is_automatic=True,
        conditions=(RegionIn(regions=tuple(regions)), FeeCharged(fee="shipping_surcharge"),
                    NotGrantedBefore(per="order")),
        remedies=(ShippingSubsidy(payer=payer),),
    )
