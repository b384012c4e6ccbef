"""The statutory 7-day no-reason return's terms (《消费者权益保护法》 Art. 25,
《网络购买商品七日无理由退货暂行办法》), which each rule kind checks itself against for the
legal floor (`policy.legal_floor`)."""

from __future__ import annotations

from typing import Final

__all__ = ["HOURS_ALWAYS_LONGER", "LEGAL_RETURN_DAYS", "STATUTORY_EXCLUDED_CATEGORIES",
           "STATUTORY_EXCLUDED_TAGS"]

LEGAL_RETURN_DAYS: Final = 7
#: Categories the law excludes without confirmation: fresh and perishable goods, digital
#: goods, newspapers and periodicals.
STATUTORY_EXCLUDED_CATEGORIES: Final = ("fresh", "digital", "media.periodicals")
#: Tags marking lines the law excludes: made to order, digital, periodicals; and goods the
#: buyer confirmed at purchase as not returnable (unsealing affects safety, activation, ...).
STATUTORY_EXCLUDED_TAGS: Final = ("custom_made", "digital", "periodical", "no_return_confirmed")
HOURS_ALWAYS_LONGER: Final = (LEGAL_RETURN_DAYS + 1) * 24
"""An hour window at least this long never closes before the end of the 7th calendar day."""
