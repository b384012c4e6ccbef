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
    second, microsecond = instant.second, instant.microsecond
    if midnight and microsecond == 999_999 and instant.time() == _END_OF_DAY:
        text = f"{instant.year:04d}-{instant.month:02d}-{instant.day:02d} 24:00"
    else:
        text = (f"{instant.year:04d}-{instant.month:02d}-{instant.day:02d} "
                f"{instant.hour:02d}:{instant.minute:02d}")
        if second or microsecond:
            text += f":{second:02d}"
        if microsecond not in (0, 999_999):
            text += f".{microsecond:06d}"
    if instant.utcoffset() != BEIJING:
        text += offset.format(instant.isoformat()[-6:])
    return text
