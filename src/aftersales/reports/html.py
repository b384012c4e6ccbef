"""The HTML report: one self-contained file (inline CSS and SVG, no script, nothing fetched)
that any browser opens from disk. Every text from the input is escaped.

Stable ids for tools and tests: the summary table is `#summary`, the chart `#payout-chart`
(its bars `rect.bar`), the per-case table `#cases` (preview) or `#changes` (diff), and each
side-by-side explanation `#case-N`.
"""

from __future__ import annotations

import re
from html import escape
from importlib.metadata import version
from typing import TYPE_CHECKING

from .chart import svg_chart
from .layout import Layout, SideBySide, Table, layout

if TYPE_CHECKING:
    from .diffs import Diff
    from .previews import Preview

__all__ = ["html_document", "html_fragment"]

_WORD_JOINT = re.compile(r"(?<=\.)(?=[A-Za-z])")

_STYLE = """
.aftersales-report { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans",
  "PingFang SC", "Microsoft YaHei", sans-serif; color: #1a202c; max-width: 1200px;
  margin: 0 auto; padding: 16px 24px; }
.aftersales-report h1 { font-size: 20px; margin: 0 0 16px; }
.aftersales-report h2 { font-size: 16px; margin: 24px 0 8px; }
.aftersales-report .grid { display: flex; flex-wrap: wrap; gap: 16px 32px;
  align-items: flex-start; }
.aftersales-report table { border-collapse: collapse; margin: 0 0 8px; }
.aftersales-report caption { text-align: left; font-weight: 600; padding: 0 0 4px; }
.aftersales-report th, .aftersales-report td { padding: 3px 10px; text-align: left;
  border-bottom: 1px solid #e2e8f0; vertical-align: top; }
.aftersales-report th { background: #f7fafc; font-weight: 600; }
.aftersales-report td.num, .aftersales-report th.num { text-align: right;
  font-variant-numeric: tabular-nums; white-space: nowrap; }
.aftersales-report .status { font-weight: 600; white-space: nowrap; }
.aftersales-report td.nowrap { white-space: nowrap; }
.aftersales-report td.wrap { overflow-wrap: break-word; }
.aftersales-report .wide { overflow-x: auto; }
.aftersales-report .status-approved { color: #276749; }
.aftersales-report .status-denied { color: #c53030; }
.aftersales-report .status-needs_evidence { color: #b7791f; }
.aftersales-report .status-not_covered { color: #718096; }
.aftersales-report .status-invalid { color: #9b2c2c; background: #fff5f5; }
.aftersales-report figure { margin: 8px 0 0; }
.aftersales-report figcaption { font-weight: 600; margin: 0 0 4px; }
.aftersales-report svg.chart text { font-size: 12px; fill: #2d3748; }
.aftersales-report .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.aftersales-report .pair h4 { margin: 0 0 4px; font-size: 13px; }
.aftersales-report pre { margin: 0; padding: 8px; background: #f7fafc; overflow-x: auto;
  border: 1px solid #e2e8f0; font-size: 12px; white-space: pre-wrap; }
.aftersales-report .notes li { color: #9b2c2c; }
.aftersales-report footer { margin-top: 24px; color: #718096; font-size: 12px; }
"""


def html_document(report: Preview | Diff) -> str:
    """The report as a complete HTML document."""
    drawn = layout(report)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(drawn.title)}</title>\n</head>\n<body>\n"
            f"{_fragment(drawn)}\n</body>\n</html>\n")


def html_fragment(report: Preview | Diff) -> str:
    """The report as one `<div>` with its own style, e.g. for a notebook cell."""
    return _fragment(layout(report))


def _fragment(drawn: Layout) -> str:
    parts = [f"<div class=\"aftersales-report\">\n<style>{_STYLE}</style>",
             f"<h1>{escape(drawn.title)}</h1>",
             "<section class=\"grid\">", *(_table(table) for table in drawn.summary),
             "</section>",
             f"<figure><figcaption>{escape(_caption(drawn))}</figcaption>"
             f"{svg_chart(drawn.chart)}</figure>"]
    if drawn.notes:
        parts.append("<h2>Notes</h2><ul class=\"notes\">"
                     + "".join(f"<li>{escape(note)}</li>" for note in drawn.notes) + "</ul>")
    pairs = [block for block in drawn.details if isinstance(block, SideBySide)]
    parts += [f"<div class=\"wide\">{_table(block)}</div>" for block in drawn.details
              if isinstance(block, Table)]
    if pairs:
        parts.append("<h2>Changed cases explained</h2>")
        parts += [_pair(pair) for pair in pairs]
    parts.append(f"<footer>aftersales {escape(version('aftersales'))}</footer>\n</div>")
    return "\n".join(parts)


def _caption(drawn: Layout) -> str:
    chart = drawn.chart
    return f"{chart.title} ({chart.currency})" if chart.currency else chart.title


def _table(table: Table) -> str:
    head = "".join(f"<th{_num(table, i)} scope=\"col\">{escape(name)}</th>"
                   for i, name in enumerate(table.columns))
    rows = []
    for row in table.rows:
        cells = []
        for i, cell in enumerate(row):
            if i == table.status:
                css = f"status status-{escape(cell)}"
                cells.append(f"<td class=\"{css}\">{escape(cell.replace('_', ' '))}</td>")
            elif i in table.wrap:
                cells.append(f"<td class=\"wrap\">{_breakable(cell)}</td>")
            else:
                cells.append(f"<td{_cell_class(table, i)}>{escape(cell)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    if not rows:
        rows.append(f"<tr><td colspan=\"{len(table.columns)}\">none</td></tr>")
    return (f"<table id=\"{escape(table.id)}\"><caption>{escape(table.title)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows)
            + "\n</tbody></table>")


def _num(table: Table, index: int) -> str:
    return " class=\"num\"" if index in table.numeric else ""


def _cell_class(table: Table, index: int) -> str:
    return " class=\"num\"" if index in table.numeric else " class=\"nowrap\""


def _breakable(text: str) -> str:
    """Escaped; a single word (a reason code, `allergy.filed_too_late`) may break after its
    dots, between its parts, rather than mid-word."""
    if " " in text.strip():
        return escape(text)
    return _WORD_JOINT.sub("<wbr>", escape(text))


def _pair(pair: SideBySide) -> str:
    return (f"<section id=\"{escape(pair.id)}\"><h3>{escape(pair.title)}</h3>"
            f"<div class=\"pair\"><div><h4>{escape(pair.left_title)}</h4>"
            f"<pre>{escape(pair.left)}</pre></div><div><h4>{escape(pair.right_title)}</h4>"
            f"<pre>{escape(pair.right)}</pre></div></div></section>")
