"""The text report: on a terminal, tables drawn with `rich` when it is installed (the `cli`
extra); elsewhere, or without rich, plain aligned text. The details come first and the
summary last, where a terminal leaves it in view.

Written to a terminal or a pipe, tables fit the width (the window's; piped, `$COLUMNS` or
80, as rich and most tools do): see `fit`. Colour follows the caller's choice, by default
the conventions (a terminal, and `NO_COLOR` unset).
"""

from __future__ import annotations

import importlib.util
import io
import os
import shutil
from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

from .fit import cell_lines, display_width, fit
from .layout import Chart, Layout, SideBySide, Table, layout

if TYPE_CHECKING:
    from .diffs import Diff
    from .previews import Preview

__all__ = ["render_text", "write_text"]

_BAR_WIDTH = 40
_PIPED_WIDTH = 80
_PLAIN_GAP = 2
_RICH_GAP = 3
"""Between two of rich's columns: a cell of padding on each side and the divider."""
_STATUS_STYLES = {"approved": "green", "denied": "red", "needs_evidence": "yellow",
                  "not_covered": "dim", "invalid": "bold red"}


def render_text(report: Preview | Diff, *, rich: bool = False, width: int | None = None,
                lang: str = "en") -> str:
    """The report as plain aligned text in `lang` (`en` or `zh`), or with `rich=True` (and
    rich installed) as rich tables; within `width` columns when given (rich: 120 by default),
    long cells wrapped between words and the least needed columns left out. No colour either
    way."""
    out = io.StringIO()
    drawn = layout(report, lang)
    if rich and _has_rich():
        _rich(drawn, out, width or 120, color=False)
    else:
        out.write(_plain(drawn, width))
    return out.getvalue()


def write_text(report: Preview | Diff, out: TextIO, *, color: bool | None = None,
               width: int | None = None, lang: str = "en") -> None:
    """Write the report in `lang` to `out` within `width` columns (default: the terminal's;
    piped, `$COLUMNS` or 80). On a terminal, or with `color=True`, as rich tables when rich is
    installed; otherwise as plain text. Colour by default only on a terminal with `NO_COLOR`
    unset (https://no-color.org)."""
    terminal = out.isatty()
    colored = wants_color(out) if color is None else color
    fitted = width or terminal_width(out)
    drawn = layout(report, lang)
    if (terminal or colored) and _has_rich():
        _rich(drawn, out, fitted, color=colored)
    else:
        out.write(_plain(drawn, fitted))


def wants_color(out: TextIO) -> bool:
    """The conventions' answer: colour on a terminal, unless `NO_COLOR` is set (to anything
    but the empty string) or the terminal is `dumb`."""
    return (out.isatty() and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM") != "dumb")


def terminal_width(out: TextIO) -> int:
    """The window's width for a terminal; for anything else `$COLUMNS`, or 80."""
    if out.isatty():
        try:
            return os.get_terminal_size(out.fileno()).columns
        except (OSError, ValueError):
            pass
    return shutil.get_terminal_size((_PIPED_WIDTH, 24)).columns if "COLUMNS" in os.environ \
        else _PIPED_WIDTH


def _has_rich() -> bool:
    return importlib.util.find_spec("rich") is not None


def _sections(drawn: Layout) -> list[Table | SideBySide | Chart]:
    return [*drawn.details, *drawn.summary, drawn.chart]


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

def _plain(drawn: Layout, width: int | None = None) -> str:
    parts = [f"{drawn.title}\n{'=' * min(_width(drawn.title), width or 10**9)}"]
    for section in _sections(drawn):
        if isinstance(section, Table):
            parts.append(_plain_table(section, width))
        elif isinstance(section, SideBySide):
            parts.append(_plain_side_by_side(section, width))
        else:
            parts.append(_plain_chart(section))
    if drawn.notes:
        notes = drawn.words.get("notes", "Notes")
        lines = [line for note in drawn.notes
                 for line in (cell_lines(note, width) if width else [note])]
        parts.append("\n".join([notes, "-" * _width(notes), *lines]))
    return "\n\n".join(parts) + "\n"


_width = display_width


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def _plain_table(table: Table, width: int | None = None) -> str:
    fitted = fit(table, width, gap=_PLAIN_GAP)
    table, widths = fitted.table, fitted.widths

    def lines(cells: tuple[str, ...]) -> list[str]:
        wrapped = [cell_lines(cell, widths[i]) if i in table.wrap else [cell]
                   for i, cell in enumerate(cells)]
        height = max(len(cell) for cell in wrapped)
        return [(" " * _PLAIN_GAP).join(
                    _pad(cell[n] if n < len(cell) else "", widths[i], i in table.numeric)
                    for i, cell in enumerate(wrapped)).rstrip()
                for n in range(height)]

    out = [table.title, *lines(table.columns), (" " * _PLAIN_GAP).join("-" * w for w in widths)]
    for row in table.rows:
        out += lines(row)
    if not table.rows:
        out.append("(none)")
    return "\n".join(out)


def _plain_side_by_side(block: SideBySide, width: int | None = None) -> str:
    left = [block.left_title, *block.left.splitlines()]
    right = [block.right_title, *block.right.splitlines()]
    left_width = max(_width(text) for text in left)
    if width is not None and left_width + 3 + max(_width(text) for text in right) > width:
        return "\n".join([block.title, *left, "", *right])  # one above the other
    rows = [f"{_pad(a, left_width)} │ {b}".rstrip()
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

def _rich(drawn: Layout, out: TextIO, width: int, *, color: bool) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console(file=out, width=width, highlight=False, emoji=False,
                      force_terminal=color, color_system="auto" if color else None,
                      legacy_windows=False)
    console.print(Text(drawn.title, style="bold"))
    for section in _sections(drawn):
        console.print()
        if isinstance(section, Table):
            fitted = fit(section, width, gap=_RICH_GAP)
            shown = fitted.table
            table = RichTable(title=Text(shown.title, style="bold"), title_justify="left",
                              box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
            for index, column in enumerate(shown.columns):
                table.add_column(Text(column), justify="right" if index in shown.numeric
                                 else "left", no_wrap=index not in shown.wrap,
                                 width=fitted.widths[index], overflow="fold")
            for number, row in enumerate(shown.rows):
                status = shown.status_of(number) if shown.status is not None else ""
                table.add_row(*(Text(cell, style=_STATUS_STYLES.get(status, "")
                                     if index == shown.status else "")
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
