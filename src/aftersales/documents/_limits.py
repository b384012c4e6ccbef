"""What a policy document may not be: too large, too deeply nested, or (through YAML aliases)
too many values. Checked before any of it is validated, so an absurd file fails fast."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from ..model.errors import Problem

__all__ = ["MAX_DEPTH", "MAX_DOCUMENT_BYTES", "MAX_VALUES", "shape_problem", "size_problem"]

MAX_DOCUMENT_BYTES: Final = 1_000_000
"""The standard policy is about 8 kB; a megabyte is no policy anyone reviews."""
MAX_DEPTH: Final = 32
"""The standard policy nests 9 levels deep (guarantee, remedy, tiers, amount)."""
MAX_VALUES: Final = 100_000
"""Values after YAML aliases are expanded: aliases can make a small file enormous."""


def size_problem(size: int) -> Problem | None:
    if size <= MAX_DOCUMENT_BYTES:
        return None
    return Problem("", "document_too_large",
                   f"the document is {size:,} bytes; a policy document may have at most "
                   f"{MAX_DOCUMENT_BYTES:,}")


def shape_problem(data: object) -> Problem | None:
    """A problem if `data` nests deeper than MAX_DEPTH or holds more than MAX_VALUES values."""
    count = 0
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            return Problem("", "document_too_large",
                           f"the document holds more than {MAX_VALUES:,} values (YAML aliases "
                           "count once per use); refused")
        if depth > MAX_DEPTH:
            return Problem("", "document_too_deep",
                           f"the document nests more than {MAX_DEPTH} levels deep; refused")
        if isinstance(value, Mapping):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list | tuple):
            stack.extend((item, depth + 1) for item in value)
    return None
