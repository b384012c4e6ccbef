"""The text report, for a terminal, a pipe or a file. The details come first and the summary
last, where a terminal leaves it in view.

One drawing for every destination: aligned columns fitted into a width (see `fit`: the key
columns stay whole, the others wrap between words or are left out, and when even the key
columns do not fit together the main reason goes on a line of its own under its row). Colour,
when wanted, is added by `rich` (the `cli` extra) to the same lines: it never changes the
layout. Written to a terminal or a pipe, the width is the window's (piped, `$COLUMNS` or 80,
as rich and most tools do); colour by default follows the conventions (a terminal, `NO_COLOR`
unset).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

from .fit import cell_lines, display_width, fit, wrapped_lines
from .layout import Chart, Layout, SideBySide, Table, layout

if TYPE_CHECKING:
    from .diffs import Diff
    from .previews import Preview

__all__ = ["render_text", "terminal_width", "wants_color", "write_text"]

_BAR_WIDTH = 40
_PIPED_WIDTH = 80
_GAP = 2
_BELOW = "  ↳ "
"""Starts the line that holds a row's main reason when it does not fit beside the rest."""
_SIDE_MIN = 50
"""Explanations go side by side only when each gets this many columns."""
_STATUS_STYLES = {"approved": "green", "denied": "red", "needs_evidence": "yellow",
                  "not_covered": "dim", "invalid": "bold red"}

Segment = tuple[str, str]
"""A run of text and its rich style ("" for none)."""
Line = list[Segment]


def render_text(report: Preview | Diff, *, rich: bool = False, width: int | None = None,
                lang: str = "en") -> str:
    """The report as aligned text in `lang` (`en` or `zh`), within `width` columns when
    given: long cells wrapped between words, the least needed columns left out. No colour
    (`rich` is kept for 0.3.0 callers: the text is the same either way)."""
    del rich
    return "".join(_text(line) + "\n" for line in _lines(layout(report, lang), width))


def write_text(report: Preview | Diff, out: TextIO, *, color: bool | None = None,
               width: int | None = None, lang: str = "en") -> None:
    """Write the report in `lang` to `out` within `width` columns (default: the terminal's;
    piped, `$COLUMNS` or 80), in colour when `color` (default: `wants_color(out)`) and rich
    is installed."""
    colored = wants_color(out) if color is None else color
    lines = _lines(layout(report, lang), width or terminal_width(out))
    if colored and importlib.util.find_spec("rich") is not None:
        _write_in_colour(lines, out)
    else:
        out.writelines(_text(line) + "\n" for line in lines)


def wants_color(out: TextIO) -> bool:
    """The conventions' answer: colour on a terminal, unless `NO_COLOR` is set (to anything
    but the empty string, https://no-color.org) or the terminal is `dumb`."""
    return (out.isatty() and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM") != "dumb")


def terminal_width(out: TextIO) -> int:
    """The window's width for a terminal; for anything else `$COLUMNS`, or 80."""
    if out.isatty():
        try:
            return os.get_terminal_size(out.fileno()).columns
        except (OSError, ValueError):
            pass
    if "COLUMNS" in os.environ:
        return shutil.get_terminal_size((_PIPED_WIDTH, 24)).columns
    return _PIPED_WIDTH


def _text(line: Line) -> str:
    return "".join(text for text, _ in line).rstrip()


def _write_in_colour(lines: list[Line], out: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, force_terminal=True, highlight=False, emoji=False,
                      legacy_windows=False, width=10**6)
    for line in lines:
        text = Text.assemble(*line)
        text.rstrip()
        console.print(text, crop=False, no_wrap=True, soft_wrap=True)


# --- the lines ---------------------------------------------------------------------------

def _lines(drawn: Layout, width: int | None) -> list[Line]:
    title = list(wrapped_lines(drawn.title, width, "  "))
    lines: list[Line] = [[(part, "bold")] for part in title]
    lines.append([("=" * max(display_width(part) for part in title), "")])
    if drawn.subtitle:
        lines += [[(part, "dim")] for part in wrapped_lines(drawn.subtitle, width, "  ")]
    for section in [*drawn.details, *drawn.summary, drawn.chart]:
        lines.append([])
        if isinstance(section, Table):
            lines += _table(section, width)
        elif isinstance(section, SideBySide):
            lines += _side_by_side(section, width)
        else:
            lines += _chart(section, width)
    if drawn.notes:
        notes = drawn.words.get("notes", "Notes")
        lines += [[], [(notes, "bold")], [("-" * display_width(notes), "")]]
        lines += [[(part, "")] for note in drawn.notes for part in wrapped_lines(note, width)]
    return lines


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def _table(table: Table, width: int | None) -> list[Line]:
    fitted = fit(table, width, gap=_GAP)
    shown, widths, below = fitted.table, list(fitted.widths), fitted.below
    beside = [i for i in range(len(shown.columns)) if i != below]

    def row_lines(cells: tuple[str, ...], style: str, status: str | None) -> list[Line]:
        wrapped = {i: cell_lines(cells[i], widths[i]) if i in shown.wrap else [cells[i]]
                   for i in beside}
        height = max((len(cell) for cell in wrapped.values()), default=1)
        out: list[Line] = []
        for n in range(height):
            line: Line = []
            for k, i in enumerate(beside):
                cell = wrapped[i][n] if n < len(wrapped[i]) else ""
                colour = _STATUS_STYLES.get(status or "", "") if i == shown.status else ""
                line.append((("" if k == 0 else " " * _GAP), ""))
                line.append((_pad(cell, widths[i], i in shown.numeric), colour or style))
            out.append(line)
        if below is not None and cells[below]:
            out.append([(_BELOW, "dim"), (cells[below], style)])
        return out

    lines: list[Line] = [[(shown.title, "bold")]]
    lines += row_lines(shown.columns, "bold", None)
    lines.append([((" " * _GAP).join("-" * widths[i] for i in beside), "dim")])
    for number, row in enumerate(shown.rows):
        status = shown.status_of(number) if shown.status is not None else None
        lines += row_lines(row, "", status)
    if not shown.rows:
        lines.append([("(none)", "dim")])
    return lines


def _side_by_side(block: SideBySide, width: int | None) -> list[Line]:
    left = [block.left_title, *block.left.splitlines()]
    right = [block.right_title, *block.right.splitlines()]
    lines: list[Line] = [[(part, "bold")] for part in wrapped_lines(block.title, width, "  ")]
    left_width = max(display_width(text) for text in left)
    right_width = max(display_width(text) for text in right)
    if width is not None and left_width + 3 + right_width > width:
        half = (width - 3) // 2
        if half < _SIDE_MIN:  # too narrow for two columns: one above the other
            for text in [*left, "", *right]:
                lines += [[(part, "")] for part in wrapped_lines(text, width, "  ")]
            return lines
        left = [part for text in left for part in wrapped_lines(text, half, "  ")]
        right = [part for text in right for part in wrapped_lines(text, half, "  ")]
        left_width = half
    for a, b in zip(left + [""] * (len(right) - len(left)),
                    right + [""] * (len(left) - len(right)), strict=True):
        lines.append([(_pad(a, left_width), ""), (" │ ", "dim"), (b, "")])
    return lines


def _bars(chart: Chart, longest: int = _BAR_WIDTH) -> list[tuple[str, str, str, str]]:
    """Each bar as (label, series, bar of blocks at most `longest` long, value)."""
    largest = max((value for bar in chart.bars for value in bar.values), default=Decimal(0))
    rows = []
    for bar in chart.bars:
        for index, (series, value) in enumerate(zip(chart.series, bar.values, strict=True)):
            length = round(longest * value / largest) if largest > 0 else 0
            block = "░" if len(chart.series) > 1 and index == 0 else "█"
            label = bar.label if index == 0 else ""
            rows.append((label, series if len(chart.series) > 1 else "", block * length,
                         str(value)))
    return rows


def _chart(chart: Chart, width: int | None) -> list[Line]:
    title = f"{chart.title} ({chart.currency})" if chart.currency else chart.title
    rows = _bars(chart)
    if not rows:
        return [[(title, "bold")], [(f"({chart.empty})", "dim")]]
    label_width = max(display_width(row[0]) for row in rows)
    series_width = max(display_width(row[1]) for row in rows)
    if width is not None:
        beside = label_width + 2 + (series_width + 1 if series_width else 0) + 1 + max(
            display_width(row[3]) for row in rows)
        rows = _bars(chart, max(min(_BAR_WIDTH, width - beside), 4))
    lines: list[Line] = [[(title, "bold")]]
    for label, series, bar, value in rows:
        line: Line = [(_pad(label, label_width) + "  ", "")]
        if series_width:
            line.append((_pad(series, series_width) + " ", "dim"))
        line += [(bar, "dim" if series == "old" else "cyan"), (f" {value}", "")]
        lines.append(line)
    return lines
