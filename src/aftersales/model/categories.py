"""Category paths: `fresh.seafood.shrimp`, `beauty-care.skincare`, `美妆.护肤`. A scope entry
covers itself and everything below it.

A path is one or more segments joined by dots. A segment is any non-empty run of printable
characters other than a dot and a space (no whitespace, control or format characters), so
real catalogues' names (`beauty-care`, `Home.Kitchen`, `美妆`) are paths. Paths are read in
one normal form, in cases and in policies alike: Unicode NFC, then lower case (`str.lower`),
so that `Beauty-Care.Skincare` and `beauty-care.skincare` are the same category.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Annotated, Any, Final

from pydantic import AfterValidator, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

__all__ = ["CATEGORY_PATTERN", "MAX_CATEGORY_LENGTH", "CategoryPath", "in_scope",
           "is_category_path", "normal_category"]

MAX_CATEGORY_LENGTH: Final = 200
_SEGMENT: Final = r"[^.\s\u0000-\u001f\u007f-\u009f]+"
CATEGORY_PATTERN: Final = rf"^{_SEGMENT}(\.{_SEGMENT})*$"
"""The JSON Schema's pattern for a path (the library's own check also refuses format and
separator characters such as U+200B, which the pattern cannot name portably)."""


def is_category_path(text: str) -> bool:
    """Whether `text` is a category path (before normalisation)."""
    if not text or len(text) > MAX_CATEGORY_LENGTH or " " in text:
        return False
    return all(segment and segment.isprintable() for segment in text.split("."))


def normal_category(text: str) -> str:
    """`text` in the normal form every category is compared in: NFC, lower case."""
    text = text.lower()
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _category(value: Any) -> str:
    if not is_category_path(value):
        raise PydanticCustomError(
            "string_pattern_mismatch",
            "must be a category path: segments joined by dots, each without spaces, control "
            "characters or dots, e.g. fresh.produce or 美妆.护肤 (got {value})",
            {"value": repr(value[:60])})
    return normal_category(value)


CategoryPath = Annotated[str, Strict(), AfterValidator(_category), WithJsonSchema({
    "type": "string", "pattern": CATEGORY_PATTERN, "maxLength": MAX_CATEGORY_LENGTH,
    "description": "a category path (segments joined by dots), compared in NFC and lower "
    "case"})]
"""A category path, normalised (NFC, lower case)."""


def in_scope(category: str, scope: Iterable[str]) -> bool:
    """Whether `category` is one of `scope` or below one (`fresh` covers `fresh.produce`,
    not `freshwater`). Both are normalised paths."""
    for entry in scope:
        if category == entry or (category.startswith(entry) and category[len(entry)] == "."):
            return True
    return False
