"""Category and tag scopes as RFC 9535 JSONPath `applies_to` targets, and back.

A category scope entry matches itself and everything below it, so `fresh` is written as a
`match()` filter on the line's category: `$.line_items[?match(@.category, 'fresh(\\..*)?')]`.
A tag is a nested existence filter: `$.line_items[?@.tags[?@ == 'digital']]`.
"""

from __future__ import annotations

import re

__all__ = ["category_target", "scope_of_target", "tag_target"]

_CATEGORY = re.compile(r"^\$\.line_items\[\?match\(@\.category, '(?P<path>(?:[a-z0-9_]|\\\\\.)+)"
                       r"\(\\\\\.\.\*\)\?'\)\]$")
_TAG = re.compile(r"^\$\.line_items\[\?@\.tags\[\?@ == '(?P<tag>[^'\\]+)'\]\]$")


def category_target(category: str) -> str:
    """The lines in `category` or below it."""
    escaped = category.replace(".", "\\\\.")
    return f"$.line_items[?match(@.category, '{escaped}(\\\\..*)?')]"


def tag_target(tag: str) -> str:
    """The lines tagged `tag`."""
    return f"$.line_items[?@.tags[?@ == '{tag}']]"


def scope_of_target(target: str) -> tuple[str, str] | None:
    """`("category", path)` or `("tag", tag)` for a target written by this module; None for
    any other JSONPath (an item index, an id filter), which no aftersales scope can name."""
    category = _CATEGORY.match(target)
    if category is not None:
        return "category", category["path"].replace("\\\\.", ".")
    tag = _TAG.match(target)
    if tag is not None:
        return "tag", tag["tag"]
    return None
