"""The payout chart as inline SVG: one horizontal bar per guarantee (or a pair, old and new),
labelled with its guarantee (or payer) and its amount, and what is paid as an advance beside
it. No script, no external resource."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from .layout import Chart

__all__ = ["svg_chart"]

_LABEL_WIDTH = 260
_BAR_AREA = 380
_VALUE_WIDTH = 110
_NOTE_WIDTH = 300
_BAR_HEIGHT = 18
_GAP = 10
_TOP = 8
_COLOURS = {1: ("#2b6cb0",), 2: ("#a0aec0", "#2b6cb0")}


def svg_chart(chart: Chart) -> str:
    """The chart as an `<svg>` element whose id is the chart's; each bar is a `<rect
    class="bar">` with its series (`data-series`) and amount (`data-value`)."""
    series = len(chart.series)
    colours = _COLOURS.get(series, ("#2b6cb0",) * series)
    group_height = series * _BAR_HEIGHT + _GAP
    legend = 24 if series > 1 else 0
    height = _TOP + legend + max(len(chart.bars), 1) * group_height
    width = _LABEL_WIDTH + _BAR_AREA + _VALUE_WIDTH + (_NOTE_WIDTH if any(
        bar.note for bar in chart.bars) else 0)
    largest = max((value for bar in chart.bars for value in bar.values), default=Decimal(0))
    currency = f" {chart.currency}" if chart.currency else ""
    parts = [f'<svg id="{escape(chart.id)}" class="chart" role="img" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'aria-label="{escape(chart.title)}">',
             f"<title>{escape(chart.title)}</title>"]
    if series > 1:
        x = _LABEL_WIDTH
        for name, colour in zip(chart.series, colours, strict=True):
            parts.append(f'<rect class="legend" x="{x}" y="{_TOP}" width="12" height="12" '
                         f'fill="{colour}"/><text x="{x + 18}" y="{_TOP + 11}" '
                         f'class="legend-label">{escape(name)}</text>')
            x += 90
    if not chart.bars:
        parts.append(f'<text class="empty" x="{_LABEL_WIDTH}" y="{_TOP + legend + 14}">'
                     f"{escape(chart.empty)}</text>")
    for row, bar in enumerate(chart.bars):
        top = _TOP + legend + row * group_height
        middle = top + series * _BAR_HEIGHT / 2 + 4
        parts.append(f'<g class="bar-group" data-label="{escape(bar.label)}">'
                     f'<text class="label" x="{_LABEL_WIDTH - 8}" y="{middle:g}" '
                     f'text-anchor="end">{escape(bar.label)}</text>')
        for index, (name, value) in enumerate(zip(chart.series, bar.values, strict=True)):
            y = top + index * _BAR_HEIGHT
            length = float(_BAR_AREA * value / largest) if largest > 0 else 0.0
            text = f"{bar.label}, {name}: {value}{currency}"
            parts.append(f'<rect class="bar" data-series="{escape(name)}" '
                         f'data-value="{value}" x="{_LABEL_WIDTH}" y="{y}" '
                         f'width="{length:.1f}" height="{_BAR_HEIGHT - 3}" '
                         f'fill="{colours[index]}"><title>{escape(text)}</title></rect>'
                         f'<text class="value" x="{_LABEL_WIDTH + length + 6:.1f}" '
                         f'y="{y + _BAR_HEIGHT - 6}">{value}</text>')
        if bar.note:
            parts.append(f'<text class="note" x="{_LABEL_WIDTH + length + 56:.1f}" '
                         f'y="{top + _BAR_HEIGHT - 6}">{escape(bar.note)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
