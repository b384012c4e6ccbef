"""A report in each output format: text, JSON, CSV or HTML.

JSON is `report.to_dict()` with amounts as strings (`"39.90"`, exact, as in decisions). CSV has
one row per case for a preview and one row per changed case for a diff. Both keep their keys,
codes and remedies as machine text in every language; with `lang="zh"` only the
`reason_message` (and a diff's explanations, in JSON) are worded in Chinese.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any, Literal

from ..wording import Lang, check_lang
from .diffs import Diff, DiffRow
from .html import html_document
from .layout import signed
from .previews import Preview, PreviewRow, remedy_text
from .text import render_text

__all__ = ["FORMATS", "Format", "render", "to_csv", "to_json"]

Format = Literal["text", "json", "csv", "html"]
FORMATS: tuple[Format, ...] = ("text", "json", "csv", "html")


def render(report: Preview | Diff, format: Format = "text", *, lang: str = "en") -> str:
    """The report in `format` (text as plain text or with rich, without colour), its words in
    `lang` (`en` or `zh`). JSON and CSV keep their keys and codes; only `reason_message` is
    worded in `lang`."""
    checked = check_lang(lang)
    if format == "json":
        return to_json(report, lang=checked)
    if format == "csv":
        return to_csv(report, lang=checked)
    if format == "html":
        return html_document(report, lang=checked)
    if format == "text":
        return render_text(report, lang=checked)
    raise ValueError(f"unknown format {format!r}; known: {', '.join(FORMATS)}")


def to_json(report: Preview | Diff, *, indent: int | None = 2, lang: str = "en") -> str:
    """`report.to_dict()` as JSON; in another language than English, every `reason_message`
    worded in it (and a diff's explanations), the keys and codes unchanged."""
    data = report.to_dict()
    checked = check_lang(lang)
    if checked != "en":
        _word_messages(report, data, checked)
    return json.dumps(data, indent=indent, ensure_ascii=False, default=_json_value) + "\n"


def _word_messages(report: Preview | Diff, data: dict[str, Any], lang: Lang) -> None:
    if isinstance(report, Preview):
        for case, case_data in zip(report.rows, data["rows"], strict=True):
            case_data["reason_message"] = case.reason_in(lang)
        return
    for change, change_data in zip(report.changed, data["changed"], strict=True):
        change_data["old"]["reason_message"] = change.old.reason_in(lang)
        change_data["new"]["reason_message"] = change.new.reason_in(lang)
        explained = change.explanations(lang)
        if explained is not None:
            change_data["old_explanation"], change_data["new_explanation"] = explained


def _json_value(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


_PREVIEW_COLUMNS = ("number", "unit", "case_id", "order_id", "status", "policy_version",
                    "total", "remedies", "reason_code", "reason_message")
_DIFF_COLUMNS = ("number", "unit", "case_id", "order_id", "changes", "transition",
                 "old_status", "new_status", "old_total", "new_total", "delta",
                 "old_remedies", "new_remedies", "old_reason_code", "new_reason_code",
                 "old_policy_version", "new_policy_version")


def to_csv(report: Preview | Diff, *, lang: str = "en") -> str:
    """One row per case (preview) or changed case (diff); `reason_message` in `lang`."""
    checked = check_lang(lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if isinstance(report, Preview):
        writer.writerow(_PREVIEW_COLUMNS)
        writer.writerows(_preview_cells(row, checked) for row in report.rows)
    else:
        writer.writerow(_DIFF_COLUMNS)
        writer.writerows(_diff_cells(row) for row in report.changed)
    return out.getvalue()


def _remedies(row: PreviewRow) -> str:
    return "; ".join(remedy_text(remedy) for remedy in row.remedies)


def _preview_cells(row: PreviewRow, lang: Lang) -> tuple[object, ...]:
    return (row.number, row.unit, row.case_id or "", row.order_id or "", row.status,
            row.policy_version or "", row.total, _remedies(row), row.reason_code or "",
            row.reason_in(lang) or "")


def _diff_cells(row: DiffRow) -> tuple[object, ...]:
    old, new = row.old, row.new
    return (row.number, old.unit, row.case_id or "", row.order_id or "",
            " ".join(row.changes), row.transition or "", old.status, new.status, old.total,
            new.total, signed(row.delta), _remedies(old), _remedies(new),
            old.reason_code or "", new.reason_code or "", old.policy_version or "",
            new.policy_version or "")
