"""How big a case may be (docs/errors.md#limits): bounds that keep every case's time and
memory bounded."""

from __future__ import annotations

from typing import Final

__all__ = ["MAX_HISTORY", "MAX_ITEMS", "MAX_LINES"]

MAX_LINES: Final = 1000
"""Lines of an order, lines of a claim, and line ids of a history entry, at most."""
MAX_HISTORY: Final = 1000
"""Remedies granted before, at most."""
MAX_ITEMS: Final = 100
"""Tags of a line, flags of an order or buyer, evidence of a claim, at most."""
