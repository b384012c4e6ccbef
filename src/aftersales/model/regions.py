"""Destination region codes: ISO 3166-2 subdivision codes such as `CN-XJ` (Xinjiang).

A code is read case-insensitively and kept in one form, upper case; mainland China's older
numeric codes (`CN-65`, withdrawn from ISO 3166-2 in 2017) are read as the letter codes that
replaced them (`CN-XJ`), so that a policy's `region_in` matches either spelling. Text that is
not a subdivision code (`Xinjiang`, `新疆`) is refused rather than silently matching nothing.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Final

from pydantic import AfterValidator, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

__all__ = ["CN_NUMERIC_CODES", "REGION_PATTERN", "RegionCode", "normal_region"]

REGION_PATTERN: Final = r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$"
_REGION: Final = re.compile(REGION_PATTERN)

CN_NUMERIC_CODES: Final[dict[str, str]] = {
    "11": "BJ", "12": "TJ", "13": "HE", "14": "SX", "15": "NM", "21": "LN", "22": "JL",
    "23": "HL", "31": "SH", "32": "JS", "33": "ZJ", "34": "AH", "35": "FJ", "36": "JX",
    "37": "SD", "41": "HA", "42": "HB", "43": "HN", "44": "GD", "45": "GX", "46": "HI",
    "50": "CQ", "51": "SC", "52": "GZ", "53": "YN", "54": "XZ", "61": "SN", "62": "GS",
    "63": "QH", "64": "NX", "65": "XJ", "71": "TW", "91": "HK", "92": "MO",
}
"""ISO 3166-2:CN before 2017 (numeric) → since (letters): `65` → `XJ`."""


def normal_region(text: str) -> str | None:
    """The code in its one form (`cn-65` → `CN-XJ`), or None if `text` is not a code."""
    if _REGION.fullmatch(text) is None:
        return None
    country, _, subdivision = text.upper().partition("-")
    if country == "CN":
        subdivision = CN_NUMERIC_CODES.get(subdivision, subdivision)
    return f"{country}-{subdivision}"


def _region(value: Any) -> str:
    code = normal_region(value)
    if code is None:
        raise PydanticCustomError(
            "region_invalid", "must be an ISO 3166-2 region code such as CN-XJ (got {value})",
            {"value": repr(value[:40])})
    return code


RegionCode = Annotated[str, Strict(), AfterValidator(_region), WithJsonSchema({
    "type": "string", "pattern": REGION_PATTERN,
    "description": "an ISO 3166-2 region code, e.g. CN-XJ (read case-insensitively; China's "
    "numeric codes such as CN-65 are read as the letter codes)"})]
"""A region code, in its one form (upper case, China's letter codes)."""
