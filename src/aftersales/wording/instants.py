"""How a sentence words the facts, in every language: facts stay machine text (ISO 8601
instants, `7 calendar days`), and only a message shows them as people write them.

English and Chinese share this: an instant reads `2025-08-26 15:00` (seconds only when not
zero, the UTC offset only when it is not Beijing time's +08:00), and a day window is counted
in calendar days.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Final

__all__ = ["BEIJING", "instant_words"]

BEIJING: Final = timedelta(hours=8)
_END_OF_DAY: Final = time(23, 59, 59, 999_999)


def instant_words(instant: datetime, *, midnight: bool, offset: str) -> str:
    """`2025-08-26 15:00`: seconds only when not zero, the UTC offset (put into `offset`,
    e.g. `" UTC{}"`) only when it is not +08:00. The end of a day (`23:59:59.999999`, where
    a day window closes) reads as `24:00` of that day with `midnight`, else as `23:59:59`."""
    if midnight and instant.time() == _END_OF_DAY:
        text = instant.strftime("%Y-%m-%d 24:00")
    else:
        text = instant.strftime("%Y-%m-%d %H:%M")
        if instant.second or instant.microsecond:
            text += instant.strftime(":%S")
        if instant.microsecond not in (0, 999_999):
            text += f".{instant.microsecond:06d}"
    if instant.utcoffset() != BEIJING:
        text += offset.format(instant.isoformat()[-6:])
    return text
