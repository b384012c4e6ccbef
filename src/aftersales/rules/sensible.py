"""Sensible bounds on a policy's parameters: beyond them a value is valid but probably a
mistake (lint's `out_of_bounds`). The values a policy cannot hold at all are refused when it
is read (`model.fields`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

__all__ = ["MAX_DUE_DAYS", "MAX_GRACE_HOURS", "MAX_MULTIPLIER", "MAX_RATE_PERCENT",
           "MAX_WINDOW_DAYS", "MAX_WINDOW_HOURS", "STATUTORY_MULTIPLIERS"]

MAX_WINDOW_DAYS: Final = 365
MAX_WINDOW_HOURS: Final = 720
MAX_GRACE_HOURS: Final = 23
"""A late-ship grace of a day or more makes "late" mean "a day late"."""
MAX_MULTIPLIER: Final = Decimal(10)
"""The food-safety law's 10× is the largest multiple a law sets."""
STATUTORY_MULTIPLIERS: Final = (Decimal(3), Decimal(10))
"""The consumer-protection law's 3× and the food-safety law's 10×: damages the law leaves
uncapped."""
MAX_RATE_PERCENT: Final = Decimal(100)
MAX_DUE_DAYS: Final = 30
