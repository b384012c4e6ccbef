"""Which message a code is worded with, in every language: a few codes read differently at
the edges of their facts, where the usual sentence would say `only none` or `1 µs late`.

A variant is a key of each language's `VARIANTS` table (`<code>.<variant>`), worded from the
same facts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, timedelta
from typing import Final

__all__ = ["variant"]

_END_OF_DAY: Final = time(23, 59, 59, 999_999)
_SECOND: Final = timedelta(seconds=1)
_NONE_ON: Final[dict[str, str]] = {"category_not_in": "lines", "lacks_tag": "lines",
                                   "no_return_approved": "lines", "problem_not_in": "lines",
                                   "item_already_granted": "lines"}
"""Codes that name the lines a check held on, worded apart when it held on none."""


def variant(code: str, facts: Mapping[str, object]) -> str | None:
    """The variant key of `code` for these facts; None for the code's own message."""
    empty = _NONE_ON.get(code)
    if empty is not None and facts.get(empty) == ():
        return f"{code}.none"
    if code in ("filed_too_late", "filed_after_receipt_window"):
        return _filed_after_a_day(code, facts)
    return None


def _filed_after_a_day(code: str, facts: Mapping[str, object]) -> str | None:
    """A day window closes at 24:00 (stored as 23:59:59.999999, and worded in seconds, so a
    claim filed an hour later reads `1 h after`): one filed at the next midnight is filed
    just after the window closed, not `1 µs` after it."""
    deadline, late_by = facts.get("deadline"), facts.get("late_by")
    if (isinstance(deadline, datetime) and isinstance(late_by, timedelta)
            and deadline.time() == _END_OF_DAY and late_by < _SECOND):
        return f"{code}.at_close"
    return None
