"""The HTML report: one self-contained file (inline CSS and SVG, nothing fetched) that any
browser opens from disk, in English or Chinese (`lang`). Every text from the input is escaped.
A diff carries one small inline script, the filter of its changed cases; the report reads the
same without it.

Stable ids for tools and tests: the summary table is `#summary`, the policy's title
`#policy-title`, the chart of payouts by guarantee `#payout-chart` (its bars `rect.bar`) and
by payer `#payer-chart`, the per-case table `#cases` (preview) or `#changes` (diff; each row
with `data-guarantee` and `data-transition`, hidden by the filter with the `hidden`
attribute), the counts by main reason `#by-reason` (preview), the filter `#filter` with its
`#filter-guarantee` and `#filter-transition`, and each side-by-side explanation `#case-N`
(its differing lines `mark.changed`). The filter also reads the URL fragment:
`report.html#guarantee=allergy&transition=approved→denied`.
"""

from __future__ import annotations

import re
from html import escape
from importlib.metadata import version
from typing import TYPE_CHECKING

from .chart import svg_chart
from .filter import FILTER_SCRIPT, filter_controls
from .layout import Chart, Layout, SideBySide, Table, layout

if TYPE_CHECKING:
    from .diffs import Diff
    from .previews import Preview

__all__ = ["html_document", "html_fragment"]

_WORD_JOINT = re.compile(r"(?<=\.)(?=[A-Za-z])")

_STYLE = """
.aftersales-report { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans",
  "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
  "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: #1a202c; max-width: 1200px;
  margin: 0 auto; padding: 16px 24px; }
.aftersales-report .subtitle { color: #4a5568; margin: -8px 0 16px; }
.aftersales-report pre mark.changed { background: #fefcbf; color: inherit; display: inline-block;
  width: 100%; }
.aftersales-report #filter { margin: 16px 0 4px; display: flex; gap: 16px; }
.aftersales-report tr[hidden] { display: none; }
.aftersales-report svg.chart text.note { fill: #975a16; }
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


def html_document(report: Preview | Diff, lang: str = "en") -> str:
    """The report as a complete HTML document in `lang` (`en` or `zh`)."""
    drawn = layout(report, lang)
    html_lang = "zh-CN" if drawn.lang == "zh" else "en"
    return (f"<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(drawn.title)}</title>\n</head>\n<body>\n"
            f"{_fragment(drawn)}\n</body>\n</html>\n")


def html_fragment(report: Preview | Diff, lang: str = "en") -> str:
    """The report as one `<div>` with its own style, e.g. for a notebook cell."""
    return _fragment(layout(report, lang))


def _fragment(drawn: Layout) -> str:
    parts = [f"<div class=\"aftersales-report\">\n<style>{_STYLE}</style>",
             f"<h1>{escape(drawn.title)}</h1>"]
    if drawn.subtitle:
        parts.append(f"<p id=\"policy-title\" class=\"subtitle\">{escape(drawn.subtitle)}</p>")
    parts += ["<section class=\"grid\">", *(_table(table) for table in drawn.summary),
              "</section>", _figure(drawn.chart)]
    charts = [more for more in drawn.more if isinstance(more, Chart)]
    tables = [more for more in drawn.more if isinstance(more, Table)]
    parts += [_figure(chart) for chart in charts]
    if tables:
        parts += ["<section class=\"grid\">", *(_table(table) for table in tables),
                  "</section>"]
    if drawn.notes:
        parts.append(f"<h2>{escape(_word(drawn, 'notes'))}</h2><ul class=\"notes\">"
                     + "".join(f"<li>{escape(note)}</li>" for note in drawn.notes) + "</ul>")
    pairs = [block for block in drawn.details if isinstance(block, SideBySide)]
    for block in drawn.details:
        if isinstance(block, Table):
            if block.data:
                parts.append(filter_controls(block, drawn))
            parts.append(f"<div class=\"wide\">{_table(block, _word(drawn, 'none'))}</div>")
    if pairs:
        parts.append(f"<h2>{escape(_word(drawn, 'explained_heading'))}</h2>")
        parts += [_pair(pair) for pair in pairs]
    if any(isinstance(block, Table) and block.data for block in drawn.details):
        parts.append(FILTER_SCRIPT)
    parts.append(f"<footer>aftersales {escape(version('aftersales'))}</footer>\n</div>")
    return "\n".join(parts)


def _word(drawn: Layout, key: str) -> str:
    return drawn.words.get(key, key)


def _figure(chart: Chart) -> str:
    caption = f"{chart.title} ({chart.currency})" if chart.currency else chart.title
    return f"<figure><figcaption>{escape(caption)}</figcaption>{svg_chart(chart)}</figure>"


def _table(table: Table, none: str = "none") -> str:
    head = "".join(f"<th{_num(table, i)} scope=\"col\">{escape(name)}</th>"
                   for i, name in enumerate(table.columns))
    rows = []
    for number, row in enumerate(table.rows):
        cells = []
        for i, cell in enumerate(row):
            if i == table.status:
                css = f"status status-{escape(table.status_of(number))}"
                cells.append(f"<td class=\"{css}\">{escape(cell.replace('_', ' '))}</td>")
            elif i in table.wrap:
                cells.append(f"<td class=\"wrap\">{_breakable(cell)}</td>")
            else:
                cells.append(f"<td{_cell_class(table, i)}>{escape(cell)}</td>")
        data = table.data[number] if number < len(table.data) else {}
        attributes = "".join(f" data-{escape(key)}=\"{escape(value)}\""
                             for key, value in data.items())
        rows.append(f"<tr{attributes}>{''.join(cells)}</tr>")
    if not rows:
        rows.append(f"<tr><td colspan=\"{len(table.columns)}\">{escape(none)}</td></tr>")
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
            f"<pre>{_marked(pair.left, pair.left_changed)}</pre></div>"
            f"<div><h4>{escape(pair.right_title)}</h4>"
            f"<pre>{_marked(pair.right, pair.right_changed)}</pre></div></div></section>")


def _marked(text: str, changed: frozenset[int]) -> str:
    """The text escaped, each line in `changed` as `<mark class="changed">`."""
    return "\n".join(f"<mark class=\"changed\">{escape(line)}</mark>" if index in changed
                     else escape(line) for index, line in enumerate(text.splitlines()))
