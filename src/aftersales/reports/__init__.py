"""Reports for policy authors: how a policy decides a set of cases (`preview`), and what a
change to it does to them (`diff`), as data or as text, JSON, CSV or a self-contained HTML
file.

    >>> report = preview(policy, read_cases("cases.jsonl"))
    >>> report.summary.paid_by_guarantee, report.rows[0].status
    >>> Path("report.html").write_text(render(report, "html", lang="zh"))  # or "en"
"""

from .case_stream import iter_cases
from .csv_cases import cases_to_csv
from .diffs import CHANGE_KINDS, Delta, Diff, DiffRow, DiffSummary, diff
from .formats import FORMATS, Format, render, to_csv, to_json
from .html import html_document, html_fragment
from .previews import INVALID, Preview, PreviewRow, preview
from .sources import CaseItem, SourcedCase, parse_cases, read_cases, sample_cases
from .summary import Summary
from .text import render_text, write_text

__all__ = [
    "CHANGE_KINDS",
    "FORMATS",
    "INVALID",
    "CaseItem",
    "Delta",
    "Diff",
    "DiffRow",
    "DiffSummary",
    "Format",
    "Preview",
    "PreviewRow",
    "SourcedCase",
    "Summary",
    "cases_to_csv",
    "diff",
    "html_document",
    "html_fragment",
    "iter_cases",
    "parse_cases",
    "preview",
    "read_cases",
    "render",
    "render_text",
    "sample_cases",
    "to_csv",
    "to_json",
    "write_text",
]
