"""A table fitted into a terminal's width: which columns stay and how wide each is.

Key columns (a case's id, status, payout and main reason) always stay, whole. The others are
wrapped, and when even wrapped they do not fit, left out, the widest first. When the key
columns alone are too wide, the last of them (the main reason) is drawn below its row. A cell
wraps only between words, so a code (`allergy.filed_too_late`) is never split; Chinese text,
which has no spaces, may wrap between any two characters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .blocks import Table

__all__ = ["MIN_WRAPPED", "Fitted", "cell_lines", "display_width", "fit", "wrapped_lines"]

MIN_WRAPPED = 12
"""A wrapping column keeps at least this many characters (or its longest word)."""


@dataclass(frozen=True, slots=True)
class Fitted:
    table: Table
    """The table with only the columns kept."""
    widths: tuple[int, ...]
    """The width of each kept column, in terminal cells."""
    below: int | None = None
    """The kept column drawn on a line of its own under each row, if any."""


def display_width(text: str) -> int:
    """Columns the text takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def fit(table: Table, width: int | None, *, gap: int) -> Fitted:
    """`table` without its `wide` columns, fitted into `width` terminal cells with `gap`
    cells between columns (None: every other column at its natural width)."""
    columns = [i for i in range(len(table.columns)) if i not in table.wide]
    natural = {i: max([display_width(table.columns[i]),
                       *(display_width(row[i]) for row in table.rows)]) for i in columns}
    least = {i: _least(table, i, natural[i]) if i in table.wrap else natural[i]
             for i in columns}
    if width is not None:
        def need(kept: list[int]) -> int:
            return sum(least[i] for i in kept) + gap * (len(kept) - 1)

        droppable = sorted((i for i in columns if i not in table.key), key=lambda i: -least[i])
        while need(columns) > width and droppable:
            columns.remove(droppable.pop(0))
        keys = [i for i in columns if i in table.key]
        below = keys[-1] if need(columns) > width and len(keys) > 1 else None
        beside = [i for i in columns if i != below]
        widths = dict(least)
        spare = width - need(beside)
        for i in beside:
            grown = min(natural[i] - least[i], max(spare, 0))
            widths[i] += grown
            spare -= grown
    else:
        widths, below = natural, None
    return Fitted(_only(table, columns), tuple(widths[i] for i in columns),
                  columns.index(below) if below is not None else None)


def cell_lines(text: str, width: int) -> list[str]:
    """`text` wrapped into lines of at most `width` cells, breaking only between words (and
    between the characters of a word in wide script); a word longer than `width` that has
    no wide character stays whole."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if display_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
            line = ""
        if display_width(word) > width and _has_wide(word):
            for char in word:
                if display_width(line + char) > width:
                    lines.append(line)
                    line = ""
                line += char
        else:
            line = word
    lines.append(line)
    return lines


def _has_wide(word: str) -> bool:
    return any(unicodedata.east_asian_width(char) in "WF" for char in word)


def _least(table: Table, index: int, natural: int) -> int:
    """The narrowest a wrapping column gets: its longest unbreakable word, and at least
    `MIN_WRAPPED` (or its natural width, if smaller)."""
    words = [word for cell in (table.columns[index], *(row[index] for row in table.rows))
             for word in cell.split() if not _has_wide(word)]
    return max([min(natural, MIN_WRAPPED), *(display_width(word) for word in words)])


def _only(table: Table, kept: list[int]) -> Table:
    if len(kept) == len(table.columns):
        return table
    position = {old: new for new, old in enumerate(kept)}

    def moved(indexes: frozenset[int]) -> frozenset[int]:
        return frozenset(position[i] for i in indexes if i in position)

    return replace(table, columns=tuple(table.columns[i] for i in kept),
                   rows=tuple(tuple(row[i] for i in kept) for row in table.rows),
                   numeric=moved(table.numeric), wrap=moved(table.wrap), wide=frozenset(),
                   key=moved(table.key),
                   status=position.get(table.status) if table.status is not None else None)


def wrapped_lines(text: str, width: int | None, indent: str = "") -> Iterator[str]:
    """One line of text (a tree's line, a title) within `width`, broken between words;
    continuation lines keep its leading spaces and tree branches, plus `indent`."""
    if width is None or display_width(text) <= width:
        yield text
        return
    lead = text[:len(text) - len(text.lstrip(" │├└─"))]
    rest = lead.replace("├", "│").replace("└", " ").replace("─", " ")
    room = max(width - display_width(rest + indent), 8)
    for number, part in enumerate(cell_lines(text[len(lead):], room)):
        yield (lead if number == 0 else rest + indent) + part
