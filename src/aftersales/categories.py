"""Category paths: `fresh.seafood.shrimp`. A scope entry covers itself and everything below it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Final

from pydantic import StringConstraints

__all__ = ["CategoryPath", "in_scope"]

CATEGORY_PATTERN: Final = r"^[a-z0-9_]+(\.[a-z0-9_]+)*$"
_CATEGORY_RE: Final = re.compile(CATEGORY_PATTERN)

CategoryPath = Annotated[str, StringConstraints(pattern=CATEGORY_PATTERN)]
"""Lower-case segments of letters, digits and `_`, joined by dots."""


def in_scope(category: str, scope: Iterable[str]) -> bool:
    """Whether `category` is one of `scope` or below one (`fresh` covers `fresh.produce`,
    not `freshwater`)."""
    for entry in scope:
        if category == entry or (category.startswith(entry) and category[len(entry)] == "."):
            return True
    return False


def is_category_path(text: str) -> bool:
    return _CATEGORY_RE.match(text) is not None
