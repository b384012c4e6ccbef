"""The layout of a preview: the summary tables, the payout charts, the counts by reason and
the table of cases, worded in the report's language."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..wording import Lang
from ..wording.labels import LABELS, label
from .blocks import Bar, Chart, Layout, Table
from .naming import (
    advance_note,
    guarantee_name,
    kind_name,
    payer_name,
    remedy_words,
    status_word,
    unit_word,
)
from .previews import Preview, PreviewRow

__all__ = ["preview_layout", "shown_title"]


def preview_layout(report: Preview, lang: Lang) -> Layout:
    summary = report.summary
    currency = f" {summary.currency}" if summary.currency else ""
    figures = [(label("cases", lang), str(summary.cases))]
    figures += [(status_word(status, lang, figure=True), str(count))
                for status, count in summary.by_status.items()]
    figures += [(label("invalid", lang), str(summary.invalid)),
                (label("total_paid", lang, currency=currency), str(summary.total_paid))]
    tables = [
        Table("summary", label("summary", lang), (label("figure", lang), label("value", lang)),
              tuple(figures), frozenset({1})),
        _by_guarantee(report, lang),
        Table("by-kind", label("by_kind", lang), (label("remedy_kind", lang),
                                                   label("paid", lang)),
              tuple((kind_name(kind, lang), str(amount))
                    for kind, amount in summary.paid_by_kind.items()), frozenset({1})),
        Table("by-payer", label("by_payer", lang), (label("payer", lang), label("paid", lang)),
              tuple((payer_name(payer, lang), str(amount))
                    for payer, amount in summary.paid_by_payer.items()), frozenset({1})),
    ]
    if len(summary.by_policy_version) > 1:
        tables.append(Table("by-version", label("by_version", lang),
                            (label("version", lang), label("cases", lang)),
                            tuple((version, str(count))
                                  for version, count in summary.by_policy_version.items()),
                            frozenset({1})))
    advances = summary.advances_by_guarantee
    chart = Chart("payout-chart", label("chart_guarantee", lang), (label("paid", lang),),
                  tuple(Bar(guarantee_name(gid, lang), (amount,),
                            advance_note(summary.approvals_by_guarantee.get(gid, 0),
                                         advances[gid], lang) if gid in advances else "")
                        for gid, amount in summary.paid_by_guarantee.items()),
                  summary.currency, label("nothing_paid", lang))
    payers = Chart("payer-chart", label("chart_payer", lang), (label("paid", lang),),
                   tuple(Bar(payer_name(payer, lang), (amount,))
                         for payer, amount in summary.paid_by_payer.items()),
                   summary.currency, label("nothing_paid", lang))
    versions = len(summary.by_policy_version) > 1
    columns = (unit_word(report.rows, lang), label("case", lang), label("order", lang),
               label("status", lang), label("remedies", lang), label("total", lang),
               label("main_reason", lang), label("reason", lang))
    cases = Table("cases", shown_title(label("cases_table", lang), len(report.rows),
                                       report.left_out, lang),
                  (*columns, *((label("version", lang),) if versions else ())),
                  tuple(_case_cells(row, versions, lang) for row in report.rows),
                  frozenset({0, 5}), status=3, wrap=frozenset({4, 6, 7, 8}), wide=frozenset({7}),
                  key=frozenset({1, 3, 5, 6}), statuses=tuple(row.status for row in report.rows))
    notes = tuple(f"{row.where}: {row.reason_message}" for row in report.invalid)
    title = label("preview_title", lang, policy=report.policy,
                  cases=label("cases_count", lang, count=summary.cases))
    return Layout(title, tuple(tables), chart, (cases,), notes, lang=lang,
                  subtitle=report.title, more=(_by_reason(report, lang), payers),
                  words=LABELS[lang])


def shown_title(title: str, shown: int, left_out: int, lang: Lang) -> str:
    """A table's title, saying how many rows it shows when some were left out."""
    if not left_out:
        return title
    return label("rows_shown", lang, title=title, shown=shown, total=shown + left_out)


def _by_guarantee(report: Preview, lang: Lang) -> Table:
    """Approvals and payouts per guarantee; a guarantee paying advances says so."""
    summary = report.summary
    advances = summary.advances_by_guarantee
    rows = []
    for gid, amount in summary.paid_by_guarantee.items():
        approvals = summary.approvals_by_guarantee[gid]
        row: tuple[str, ...] = (guarantee_name(gid, lang), str(approvals), str(amount))
        if advances:
            row += (advance_note(approvals, advances[gid], lang) if gid in advances else "",)
        rows.append(row)
    columns = (label("guarantee", lang), label("approvals", lang), label("paid", lang))
    return Table("by-guarantee", label("by_guarantee", lang),
                 (*columns, *((label("note", lang),) if advances else ())), tuple(rows),
                 frozenset({1, 2}), wrap=frozenset({3}) if advances else frozenset())


def _by_reason(report: Preview, lang: Lang) -> Table:
    """How many decided cases have each main reason, and their share of the decided cases."""
    decided = report.summary.decided
    rows = tuple((count.code, guarantee_name(count.guarantee, lang) if count.guarantee else "",
                  str(count.cases), _share(count.cases, decided))
                 for count in report.summary.by_reason)
    return Table("by-reason", label("by_reason", lang),
                 (label("code", lang), label("guarantee", lang), label("count", lang),
                  label("share", lang)), rows, frozenset({2, 3}))


def _share(part: int, whole: int) -> str:
    """`12.5 %` (one decimal, rounded half-up)."""
    if whole == 0:
        return "—"
    percent = (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{percent} %"


def _case_cells(row: PreviewRow, versions: bool, lang: Lang) -> tuple[str, ...]:
    cells = (str(row.number), row.case_id or "", row.order_id or "",
             status_word(row.status, lang),
             "; ".join(remedy_words(remedy, lang) for remedy in row.remedies), str(row.total),
             row.reason_code or "", row.reason_in(lang) or "")
    return (*cells, row.policy_version or "") if versions else cells
