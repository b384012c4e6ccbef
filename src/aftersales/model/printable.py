"""Text from the input, made safe to show to people."""

from __future__ import annotations

from typing import Final

__all__ = ["printable"]

_ESCAPES: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` with every character that is not printable escaped (`\\n`, `\\x1b`,
    `\\u202e`), so that text from a case (an id with a newline or a terminal escape) can
    neither forge a line of a report nor change how the terminal shows it."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escaped(char) for char in text)


def _escaped(char: str) -> str:
    known = _ESCAPES.get(char)
    if known is not None:
        return known
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 \
        else f"\\U{code:08x}"
