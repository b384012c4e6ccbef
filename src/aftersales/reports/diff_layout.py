"""The layout of a diff: the summary, the payout changes, a chart of what changed, the
changed cases (most significant first, each with the guarantees and the transition a filter
picks them by) and the first ones explained side by side, their differing lines marked."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from ..wording import Lang
from ..wording.labels import LABELS, label
from .blocks import Bar, Chart, Layout, SideBySide, Table
from .diffs import Delta, Diff, DiffRow
from .naming import guarantee_name, kind_name, payer_name, signed, status_word, unit_word
from .preview_layout import shown_title
from .previews import PreviewRow

__all__ = ["changed_lines", "diff_layout", "involved"]

_UNCHANGED_ROWS = 3
_CHANGE_LABELS = {"remedies": "remedies_change"}


def diff_layout(report: Diff, lang: Lang) -> Layout:
    summary = report.summary
    currency = f" {summary.currency}" if summary.currency else ""
    figures = [(label("cases", lang), str(summary.cases)),
               (label("changed", lang), str(summary.changed)),
               (label("unchanged", lang), str(summary.cases - summary.changed)),
               (label("invalid", lang), str(summary.invalid))]
    figures += [(_transition_words(transition, lang), str(count))
                for transition, count in summary.transitions.items()]
    figures += [(_kind_words(kind, lang), str(count)) for kind, count in summary.changes.items()
                if kind != "status"]
    figures += [(label("total_paid_old", lang, currency=currency), str(summary.total.old)),
                (label("total_paid_new", lang, currency=currency), str(summary.total.new)),
                (label("payout_change", lang, currency=currency), signed(summary.total.change))]
    delta_columns = (label("old", lang), label("new", lang), label("change", lang))
    tables = [Table("summary", label("summary", lang), (label("figure", lang),
                                                         label("value", lang)),
                    tuple(figures), frozenset({1}))]
    for table_id, title, name, deltas, named in (
            ("delta-by-guarantee", "delta_by_guarantee", "guarantee", summary.by_guarantee,
             guarantee_name),
            ("delta-by-payer", "delta_by_payer", "payer", summary.by_payer, payer_name),
            ("delta-by-kind", "delta_by_kind", "remedy_kind", summary.by_kind, kind_name)):
        rows = _delta_rows({named(key, lang): delta for key, delta in deltas.items()}, lang)
        tables.append(Table(table_id, label(title, lang), (label(name, lang), *delta_columns),
                            rows, frozenset({1, 2, 3})))
    series = (label("old", lang), label("new", lang))
    before, after = report.old.summary, report.new.summary
    chart = Chart("payout-chart", label("chart_guarantee_diff", lang), series,
                  tuple(Bar(guarantee_name(gid, lang), (delta.old, delta.new))
                        for gid, delta in summary.by_guarantee.items()
                        if delta.change or before.approvals_by_guarantee.get(gid, 0)
                        != after.approvals_by_guarantee.get(gid, 0)),
                  summary.currency, label("none", lang))
    payers = Chart("payer-chart", label("chart_payer_diff", lang), series,
                   tuple(Bar(payer_name(payer, lang), (delta.old, delta.new))
                         for payer, delta in summary.by_payer.items() if delta.change),
                   summary.currency, label("none", lang))
    explained = label("explained", lang, count=len(report.shown)) if report.shown else ""
    changed = Table("changes", shown_title(label("changes_title", lang, changed=summary.changed,
                                                 explained=explained),
                                           len(report.changed), report.left_out, lang),
                    (unit_word(report.changed, lang), label("case", lang), label("order", lang),
                     label("change", lang), label("old_total", lang), label("new_total", lang),
                     label("delta", lang), label("old_reason", lang), label("new_reason", lang)),
                    tuple(_change_cells(row, lang) for row in report.changed),
                    frozenset({0, 4, 5, 6}), wrap=frozenset({3, 7, 8}), key=frozenset({1, 3, 6, 8}),
                    data=tuple({"guarantee": " ".join(involved(row)),
                                "transition": _transition_key(row)} for row in report.changed))
    shown: list[Table | SideBySide] = [changed]
    for row in report.shown:
        texts = row.explanations(lang) or ("", "")
        left, right = changed_lines(*texts)
        shown.append(SideBySide(
            f"case-{row.number}", label("pair_title", lang, where=_where(row, lang),
                                        subject=_subject(row, lang),
                                        change=_change_text(row, lang)),
            label("old_side", lang, policy=report.old.policy), texts[0],
            label("new_side", lang, policy=report.new.policy), texts[1], left, right))
    notes = tuple(f"{a.where}: {a.reason_message if a.error else b.reason_message}"
                  for a, b in zip(report.old.rows, report.new.rows, strict=True)
                  if a.error is not None or b.error is not None)
    title = label("diff_title", lang, old=report.old.policy, new=report.new.policy,
                  cases=label("cases_count", lang, count=summary.cases),
                  decisions=label("decisions_count", lang, count=summary.changed))
    return Layout(title, tuple(tables), chart, tuple(shown), notes, lang=lang,
                  subtitle=report.new.title, more=(payers,), words=LABELS[lang])


def changed_lines(old: str, new: str) -> tuple[frozenset[int], frozenset[int]]:
    """The indexes of the lines of `old` not matched in `new`, and of `new` not in `old`
    (difflib's longest matching blocks)."""
    a, b = old.splitlines(), new.splitlines()
    left: set[int] = set()
    right: set[int] = set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            left.update(range(i1, i2))
            right.update(range(j1, j2))
    return frozenset(left), frozenset(right)


def involved(row: DiffRow) -> tuple[str, ...]:
    """The guarantees a changed case involves: those paying it or giving its main reason,
    under either policy."""
    found: dict[str, None] = {}
    for side in (row.old, row.new):
        found.update(dict.fromkeys(remedy.guarantee for remedy in side.remedies))
        guarantee = _main_guarantee(side)
        if guarantee:
            found[guarantee] = None
    return tuple(found)


def _main_guarantee(side: PreviewRow) -> str | None:
    decision = side.decision
    return decision.reasons[0].guarantee if decision is not None and decision.reasons else None


def _transition_key(row: DiffRow) -> str:
    """`approved→denied` (as a URL fragment names it), or empty when the status is the same."""
    return f"{row.old.status}→{row.new.status}" if row.transition else ""


def _transition_words(transition: str, lang: Lang) -> str:
    if lang == "en":
        return transition
    old, _, new = transition.partition(" → ")
    return f"{status_word(old, lang)} → {status_word(new, lang)}"


def _kind_words(kind: str, lang: Lang) -> str:
    return kind.replace("_", " ") if lang == "en" else label(_CHANGE_LABELS.get(kind, kind), lang)


def _delta_rows(deltas: Mapping[str, Delta], lang: Lang) -> tuple[tuple[str, ...], ...]:
    """A row per amount; more than three unchanged ones share one row (the rows add up)."""
    same = [delta for delta in deltas.values() if not delta.change]
    collapse = len(same) > _UNCHANGED_ROWS
    rows = [(key, str(delta.old), str(delta.new), signed(delta.change))
            for key, delta in deltas.items() if delta.change or not collapse]
    if collapse:
        old = sum((delta.old for delta in same[1:]), same[0].old)
        new = sum((delta.new for delta in same[1:]), same[0].new)
        rows.append((label("others_unchanged", lang, count=len(same)) if rows else
                     label("all_unchanged", lang, count=len(same)), str(old), str(new),
                     signed(new - old)))
    return tuple(rows)


def _where(row: DiffRow, lang: Lang) -> str:
    return f"{label(row.unit, lang)} {row.number}" if row.unit in ("line", "row", "case",
                                                                   "item") else row.where


def _subject(row: DiffRow, lang: Lang) -> str:
    case = (label("subject", lang, case_id=row.case_id) if row.case_id
            else label("subject_none", lang))
    return label("subject_order", lang, case=case, order_id=row.order_id) if row.order_id \
        else case


def _change_text(row: DiffRow, lang: Lang) -> str:
    kinds = [_kind_words(kind, lang) for kind in row.changes if kind != "status"]
    transition = _transition_words(row.transition, lang) if row.transition else None
    return label("list_sep", lang).join([transition, *kinds] if transition else kinds)


def _change_cells(row: DiffRow, lang: Lang) -> tuple[str, ...]:
    return (str(row.number), row.case_id or "", row.order_id or "", _change_text(row, lang),
            str(row.old.total), str(row.new.total), signed(row.delta),
            row.old.reason_code or "", row.new.reason_code or "")
