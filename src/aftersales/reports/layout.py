"""What a report says, before it is drawn: its tables, its charts and its side-by-side texts,
worded in the report's language (`en` or `zh`).

The text and HTML renderers draw the same layout, so both show the same figures. Text from the
cases (ids, reasons) is escaped (`printable`, in `blocks`): a case id cannot forge a row or a
line of a report, nor send a terminal escape.
"""

from __future__ import annotations

from ..wording import check_lang
from .blocks import Bar, Chart, Layout, SideBySide, Table
from .diff_layout import diff_layout
from .diffs import Diff
from .naming import signed
from .preview_layout import preview_layout
from .previews import Preview

__all__ = ["Bar", "Chart", "Layout", "SideBySide", "Table", "layout", "signed"]


def layout(report: Preview | Diff, lang: str = "en") -> Layout:
    """The layout of `report` in `lang`; `ValueError` for a language not known."""
    checked = check_lang(lang)
    return preview_layout(report, checked) if isinstance(report, Preview) \
        else diff_layout(report, checked)
