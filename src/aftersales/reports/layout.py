"""What a report says, before it is drawn: its tables, its chart and its side-by-side texts.

The text and HTML renderers draw the same layout, so both show the same figures. Text from the
cases (ids, reasons) is escaped here (`printable`): a case id cannot forge a row or a line of a
report, nor send a terminal escape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..model.printable import printable
from .diffs import Delta, Diff, DiffRow
from .previews import Preview, PreviewRow, remedy_text

_UNCHANGED_ROWS = 3

__all__ = ["Bar", "Chart", "Layout", "SideBySide", "Table", "layout", "signed"]


@dataclass(frozen=True, slots=True)
class Table:
    id: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    """Indexes of the columns holding numbers (aligned right)."""
    status: int | None = None
    """Index of the column holding a status (coloured)."""
    wrap: frozenset[int] = frozenset()
    """Columns whose long cells may wrap in a terminal (the others never break)."""
    wide: frozenset[int] = frozenset()
    """Columns too long for a terminal: the text report leaves them out."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(tuple(printable(cell) for cell in row)
                                               for row in self.rows))


@dataclass(frozen=True, slots=True)
class SideBySide:
    id: str
    title: str
    left_title: str
    left: str
    right_title: str
    right: str


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    values: tuple[Decimal, ...]
    """One value per series of the chart."""


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    title: str
    series: tuple[str, ...]
    bars: tuple[Bar, ...]
    currency: str | None


@dataclass(frozen=True, slots=True)
class Layout:
    title: str
    summary: tuple[Table, ...]
    chart: Chart
    details: tuple[Table | SideBySide, ...]
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", printable(self.title))
        object.__setattr__(self, "notes", tuple(printable(note) for note in self.notes))


def layout(report: Preview | Diff) -> Layout:
    return _preview(report) if isinstance(report, Preview) else _diff(report)


def signed(amount: Decimal) -> str:
    """`+12.00`, `-259.00`, `0.00`."""
    return f"+{amount}" if amount > 0 else str(amount)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _preview(report: Preview) -> Layout:
    summary = report.summary
    currency = summary.currency or ""
    figures = [("cases", str(summary.cases))]
    figures += [(status.replace("_", " "), str(count))
                for status, count in summary.by_status.items()]
    figures += [("invalid", str(summary.invalid)),
                (f"total paid {currency}".rstrip(), str(summary.total_paid))]
    tables = [
        Table("summary", "Summary", ("figure", "value"), tuple(figures), frozenset({1})),
        Table("by-guarantee", "By guarantee", ("guarantee", "approvals", "paid"),
              tuple((gid, str(summary.approvals_by_guarantee[gid]), str(amount))
                    for gid, amount in summary.paid_by_guarantee.items()),
              frozenset({1, 2})),
        Table("by-kind", "Paid by remedy kind", ("remedy kind", "paid"),
              tuple((kind, str(amount)) for kind, amount in summary.paid_by_kind.items()),
              frozenset({1})),
        Table("by-payer", "Paid by payer", ("payer", "paid"),
              tuple((payer, str(amount)) for payer, amount in summary.paid_by_payer.items()),
              frozenset({1})),
    ]
    if len(summary.by_policy_version) > 1:
        tables.append(Table("by-version", "By policy version", ("version", "cases"),
                            tuple((version, str(count))
                                  for version, count in summary.by_policy_version.items()),
                            frozenset({1})))
    chart = Chart("payout-chart", "Payouts by guarantee", ("paid",),
                  tuple(Bar(gid, (amount,)) for gid, amount in summary.paid_by_guarantee.items()),
                  summary.currency)
    versions = len(summary.by_policy_version) > 1
    columns = (_unit(report.rows), "case", "order", "status", "remedies", "total",
               "main reason", "reason")
    cases = Table("cases", "Cases", (*columns, *(("version",) if versions else ())),
                  tuple(_case_cells(row, versions) for row in report.rows),
                  frozenset({0, 5}), status=3, wrap=frozenset({4, 6, 7, 8}), wide=frozenset({7}))
    notes = tuple(f"{row.where}: {row.reason_message}" for row in report.invalid)
    title = f"Preview of policy {report.policy} on {_plural(summary.cases, 'case')}"
    return Layout(title, tuple(tables), chart, (cases,), notes)


def _unit(rows: Sequence[PreviewRow | DiffRow]) -> str:
    """The header of the numbers column: `line`, `row` or `case` (`#` if they are mixed)."""
    units = {row.unit for row in rows}
    return units.pop() if len(units) == 1 else "#"


def _case_cells(row: PreviewRow, versions: bool) -> tuple[str, ...]:
    cells = (str(row.number), row.case_id or "", row.order_id or "", row.status,
             "; ".join(remedy_text(remedy) for remedy in row.remedies), str(row.total),
             row.reason_code or "", row.reason_message or "")
    return (*cells, row.policy_version or "") if versions else cells


def _diff(report: Diff) -> Layout:
    summary = report.summary
    currency = f" {summary.currency}" if summary.currency else ""
    figures = [("cases", str(summary.cases)), ("changed", str(summary.changed)),
               ("unchanged", str(summary.cases - summary.changed)),
               ("invalid", str(summary.invalid))]
    figures += [(transition, str(count)) for transition, count in summary.transitions.items()]
    figures += [(kind.replace("_", " "), str(count)) for kind, count in summary.changes.items()
                if kind != "status"]
    figures += [(f"total paid, old{currency}", str(summary.total.old)),
                (f"total paid, new{currency}", str(summary.total.new)),
                (f"payout change{currency}", signed(summary.total.change))]
    delta_columns = ("old", "new", "change")
    tables = [Table("summary", "Summary", ("figure", "value"), tuple(figures), frozenset({1}))]
    for table_id, title, name, deltas in (
            ("delta-by-guarantee", "Payout change by guarantee", "guarantee",
             summary.by_guarantee),
            ("delta-by-payer", "Payout change by payer", "payer", summary.by_payer),
            ("delta-by-kind", "Payout change by remedy kind", "remedy kind", summary.by_kind)):
        tables.append(Table(table_id, title, (name, *delta_columns), _delta_rows(deltas),
                            frozenset({1, 2, 3})))
    chart = Chart("payout-chart", "Payouts by guarantee, old and new", ("old", "new"),
                  tuple(Bar(gid, (delta.old, delta.new))
                        for gid, delta in summary.by_guarantee.items()), summary.currency)
    explained = (f", the first {len(report.shown)} explained below" if report.shown else "")
    changed = Table("changes", f"Changed cases ({summary.changed}{explained})",
                    (_unit(report.changed), "case", "order", "change", "old total",
                     "new total", "delta", "old main reason", "new main reason"),
                    tuple(_change_cells(row) for row in report.changed),
                    frozenset({0, 4, 5, 6}), wrap=frozenset({3, 7, 8}))
    shown: list[Table | SideBySide] = [changed]
    for row in report.shown:
        shown.append(SideBySide(
            f"case-{row.number}", f"{row.where}: {_subject(row)} — {_change_text(row)}",
            f"old: {report.old.policy}", row.old_explanation or "",
            f"new: {report.new.policy}", row.new_explanation or ""))
    notes = tuple(f"{a.where}: {a.reason_message if a.error else b.reason_message}"
                  for a, b in zip(report.old.rows, report.new.rows, strict=True)
                  if a.error is not None or b.error is not None)
    title = (f"Diff of policy {report.old.policy} → {report.new.policy} on "
             f"{_plural(summary.cases, 'case')}: {_plural(summary.changed, 'decision')} changed")
    return Layout(title, tuple(tables), chart, tuple(shown), notes)


def _delta_rows(deltas: Mapping[str, Delta]) -> tuple[tuple[str, ...], ...]:
    """A row per amount; more than three unchanged ones share one row (the rows add up)."""
    same = [delta for delta in deltas.values() if not delta.change]
    collapse = len(same) > _UNCHANGED_ROWS
    rows = [(key, str(delta.old), str(delta.new), signed(delta.change))
            for key, delta in deltas.items() if delta.change or not collapse]
    if collapse:
        old = sum((delta.old for delta in same[1:]), same[0].old)
        new = sum((delta.new for delta in same[1:]), same[0].new)
        rows.append((f"{_plural(len(same), 'other')}, unchanged" if rows else
                     f"all {len(same)}, unchanged", str(old), str(new), signed(new - old)))
    return tuple(rows)


def _subject(row: DiffRow) -> str:
    case = f"case {row.case_id}" if row.case_id else "case"
    return f"{case} (order {row.order_id})" if row.order_id else case


def _change_text(row: DiffRow) -> str:
    kinds = [kind.replace("_", " ") for kind in row.changes if kind != "status"]
    return ", ".join([row.transition, *kinds] if row.transition else kinds)


def _change_cells(row: DiffRow) -> tuple[str, ...]:
    return (str(row.number), row.case_id or "", row.order_id or "", _change_text(row),
            str(row.old.total), str(row.new.total), signed(row.delta),
            row.old.reason_code or "", row.new.reason_code or "")
