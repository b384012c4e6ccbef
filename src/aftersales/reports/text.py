"""The text report: on a terminal, tables drawn with `rich` when it is installed (the `cli`
extra); elsewhere, or without rich, plain aligned text. The details come first and the
summary last, where a terminal leaves it in view."""

from __future__ import annotations

import importlib.util
import io
import unicodedata
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

from .layout import Chart, Layout, SideBySide, Table, layout

if TYPE_CHECKING:
    from .diffs import Diff
    from .previews import Preview

__all__ = ["render_text", "write_text"]

_BAR_WIDTH = 40
_MIN_WRAPPED = 12
"""Columns that wrap keep this many characters in a narrow window; the others are cut."""
_STATUS_STYLES = {"approved": "green", "denied": "red", "needs_evidence": "yellow",
                  "not_covered": "dim", "invalid": "bold red"}


def render_text(report: Preview | Diff, *, rich: bool = False, width: int = 120,
                lang: str = "en") -> str:
    """The report as plain aligned text in `lang` (`en` or `zh`), or with `rich=True` (and
    rich installed) as rich tables within `width` columns, long cells wrapped. No colour
    either way."""
    out = io.StringIO()
    drawn = layout(report, lang)
    if rich and _has_rich():
        _rich(drawn, out, width, terminal=False)
    else:
        out.write(_plain(drawn))
    return out.getvalue()


def write_text(report: Preview | Diff, out: TextIO, lang: str = "en") -> None:
    """Write the report in `lang` to `out`: on a terminal, as rich tables in colour within the
    window (when rich is installed); anywhere else (a file, a pipe) as plain text."""
    drawn = layout(report, lang)
    if out.isatty() and _has_rich():
        _rich(drawn, out, None, terminal=True)
    else:
        out.write(_plain(drawn))


def _has_rich() -> bool:
    return importlib.util.find_spec("rich") is not None


def _sections(drawn: Layout) -> list[Table | SideBySide | Chart]:
    return [*(_narrow(block) if isinstance(block, Table) else block for block in drawn.details),
            *drawn.summary, drawn.chart]


def _narrow(table: Table) -> Table:
    """The table without its columns too wide for a terminal."""
    if not table.wide:
        return table
    kept = [i for i in range(len(table.columns)) if i not in table.wide]
    position = {old: new for new, old in enumerate(kept)}

    def moved(indexes: frozenset[int]) -> frozenset[int]:
        return frozenset(position[i] for i in indexes if i in position)

    return replace(table, columns=tuple(table.columns[i] for i in kept),
                   rows=tuple(tuple(row[i] for i in kept) for row in table.rows),
                   numeric=moved(table.numeric), wrap=moved(table.wrap), wide=frozenset(),
                   status=position.get(table.status) if table.status is not None else None)


def _bars(chart: Chart) -> list[tuple[str, str, str, str]]:
    """Each bar as (label, series, bar of blocks, value)."""
    largest = max((value for bar in chart.bars for value in bar.values), default=Decimal(0))
    rows = []
    for bar in chart.bars:
        for index, (series, value) in enumerate(zip(chart.series, bar.values, strict=True)):
            length = round(_BAR_WIDTH * value / largest) if largest > 0 else 0
            block = "░" if len(chart.series) > 1 and index == 0 else "█"
            label = bar.label if index == 0 else ""
            rows.append((label, series if len(chart.series) > 1 else "", block * length,
                         str(value)))
    return rows


def _chart_title(chart: Chart) -> str:
    return f"{chart.title} ({chart.currency})" if chart.currency else chart.title


# --- plain text --------------------------------------------------------------------------

def _plain(drawn: Layout) -> str:
    parts = [f"{drawn.title}\n{'=' * _width(drawn.title)}"]
    for section in _sections(drawn):
        if isinstance(section, Table):
            parts.append(_plain_table(section))
        elif isinstance(section, SideBySide):
            parts.append(_plain_side_by_side(section))
        else:
            parts.append(_plain_chart(section))
    if drawn.notes:
        notes = drawn.words.get("notes", "Notes")
        parts.append("\n".join([notes, "-" * _width(notes), *drawn.notes]))
    return "\n\n".join(parts) + "\n"


def _width(text: str) -> int:
    """Columns the text takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def _plain_table(table: Table) -> str:
    widths = [max([_width(name), *(_width(row[i]) for row in table.rows)])
              for i, name in enumerate(table.columns)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(_pad(cell, widths[i], i in table.numeric)
                         for i, cell in enumerate(cells)).rstrip()

    lines = [table.title, line(table.columns), "  ".join("-" * w for w in widths)]
    lines += [line(row) for row in table.rows] or ["(none)"]
    return "\n".join(lines)


def _plain_side_by_side(block: SideBySide) -> str:
    left = [block.left_title, *block.left.splitlines()]
    right = [block.right_title, *block.right.splitlines()]
    width = max(_width(text) for text in left)
    rows = [f"{_pad(a, width)} │ {b}".rstrip()
            for a, b in zip(left + [""] * (len(right) - len(left)),
                            right + [""] * (len(left) - len(right)), strict=True)]
    return "\n".join([block.title, *rows])


def _plain_chart(chart: Chart) -> str:
    rows = _bars(chart)
    if not rows:
        return f"{_chart_title(chart)}\n(nothing paid)"
    label_width = max(_width(row[0]) for row in rows)
    series_width = max(_width(row[1]) for row in rows)
    lines = [_chart_title(chart)]
    for label, series, bar, value in rows:
        series_text = f"{_pad(series, series_width)} " if series_width else ""
        lines.append(f"{_pad(label, label_width)}  {series_text}{bar} {value}")
    return "\n".join(lines)


# --- rich --------------------------------------------------------------------------------

def _rich(drawn: Layout, out: TextIO, width: int | None, *, terminal: bool) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console(file=out, width=width, highlight=False, emoji=False,
                      force_terminal=terminal, no_color=not terminal)
    console.print(Text(drawn.title, style="bold"))
    for section in _sections(drawn):
        console.print()
        if isinstance(section, Table):
            table = RichTable(title=Text(section.title, style="bold"), title_justify="left",
                              box=box.SIMPLE_HEAD)
            for index, column in enumerate(section.columns):
                wraps = index in section.wrap
                table.add_column(Text(column), justify="right" if index in section.numeric
                                 else "left", no_wrap=not wraps,
                                 overflow="fold" if wraps else "ellipsis",
                                 min_width=_MIN_WRAPPED if wraps else None)
            for number, row in enumerate(section.rows):
                status = section.status_of(number) if section.status is not None else ""
                table.add_row(*(Text(cell, style=_STATUS_STYLES.get(status, "")
                                     if index == section.status else "")
                                for index, cell in enumerate(row)))
            console.print(table)
        elif isinstance(section, SideBySide):
            pair = RichTable(title=Text(section.title, style="bold"), title_justify="left",
                             box=box.SIMPLE_HEAD, expand=True)
            pair.add_column(Text(section.left_title), ratio=1, overflow="fold")
            pair.add_column(Text(section.right_title), ratio=1, overflow="fold")
            pair.add_row(Text(section.left), Text(section.right))
            console.print(pair)
        else:
            bars = RichTable(title=Text(_chart_title(section), style="bold"),
                             title_justify="left", box=None, show_header=False)
            for _ in range(4):
                bars.add_column()
            for label, series, bar, value in _bars(section) or [("(nothing paid)", "", "",
                                                                 "")]:
                bars.add_row(Text(label), Text(series, style="dim"),
                             Text(bar, style="cyan" if series != "old" else "dim"),
                             Text(value, justify="right"))
            console.print(bars)
    if drawn.notes:
        console.print()
        console.print(Text(drawn.words.get("notes", "Notes"), style="bold"))
        for note in drawn.notes:
            console.print(Text(note))
