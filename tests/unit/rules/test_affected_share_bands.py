"""`affected_share_bands`: a rate of the claimed goods by the share affected."""

from decimal import Decimal
from typing import Any

import pytest

from aftersales import AffectedShareBands, ShareBand
from tests.builders import claim_case
from tests.unit.rules.running import quote

BANDS = AffectedShareBands(bands=(
    ShareBand(up_to_percent=Decimal(30), rate_percent=Decimal(30)),
    ShareBand(up_to_percent=Decimal(50), rate_percent=Decimal(50)),
    ShareBand(up_to_percent=Decimal(100), rate_percent=Decimal(100)),
))


def affected(share: str | None, **claim: Any) -> dict[str, Any]:
    facts = {} if share is None else {"affected_percent": share}
    return claim_case("spoilage", claim={**facts, **claim})  # 1 of 2 units of 79.80


@pytest.mark.parametrize(("share", "paid"), [
    ("0", "11.97"), ("30", "11.97"), ("30.01", "19.95"), ("50", "19.95"), ("50.01", "39.90"),
    ("100", "39.90"),
])
def test_the_band_the_share_falls_in_decides_the_rate(share: str, paid: str) -> None:
    assert quote(BANDS, affected(share), lines=0b1).amount == Decimal(paid)


def test_the_quote_names_the_share_and_its_band() -> None:
    facts = quote(BANDS, affected("40"), lines=0b1).facts
    assert (facts["affected_percent"], facts["band_up_to"]) == (Decimal(40), Decimal(50))


def test_a_claim_without_a_share_pays_nothing() -> None:
    assert quote(BANDS, affected(None), lines=0b1).amount == 0


def test_the_order_total_may_be_the_base() -> None:
    on_total = BANDS.model_copy(update={"base": "order_total"})
    assert quote(on_total, affected("10"), lines=0b1).amount == Decimal("23.94")


def test_bands_ascend_and_reach_a_hundred() -> None:
    with pytest.raises(ValueError, match="reaches 100"):
        AffectedShareBands(bands=(ShareBand(up_to_percent=Decimal(50),
                                            rate_percent=Decimal(50)),))
    with pytest.raises(ValueError, match="ascending"):
        AffectedShareBands(bands=(
            ShareBand(up_to_percent=Decimal(50), rate_percent=Decimal(50)),
            ShareBand(up_to_percent=Decimal(50), rate_percent=Decimal(50)),
            ShareBand(up_to_percent=Decimal(100), rate_percent=Decimal(100))))
