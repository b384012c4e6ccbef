"""`preview(policy, cases)`: how a policy decides a set of cases, one row per case, and the
summary of it all."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from ..engine import evaluate, policy_of
from ..model.decision import Decision, Remedy
from ..model.errors import InvalidCaseError
from ..policy.policy import Policy
from ..policy.versions import AnyPolicy, PolicyVersions
from ..wording import Lang, reason_text
from .sources import CaseItem, SourcedCase
from .summary import Summary, counted, summarise, zero

Engine = Literal["row", "columnar"]
"""How a preview decides its cases: `row` by the row engine; `columnar` sums up on the
columnar path the JSON texts past the rows it keeps, when the report needs no more of them
than the columnar table gives (see `table_preview`), and the row engine decides the rest."""

__all__ = ["INVALID", "Engine", "Preview", "PreviewRow", "assemble", "currency_of", "decide",
           "policy_label", "preview", "remedy_text", "title_of"]

INVALID = "invalid"
"""The status shown for a case that could not be decided."""



@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One case: its decision, or the error that kept it from being decided."""

    number: int
    """The case's line (JSON Lines), row (CSV, header = row 1) or position (1-based)."""
    unit: str
    """`line`, `row` or `case`: what `number` counts."""
    case_id: str | None
    order_id: str | None
    decision: Decision | None
    error: InvalidCaseError | None
    currency: str | None = None
    """The policy's currency: the unit of `total`."""

    @property
    def where(self) -> str:
        return f"{self.unit} {self.number}"

    @property
    def status(self) -> str:
        """The decision's status, or `invalid`."""
        return self.decision.status.value if self.decision is not None else INVALID

    @property
    def remedies(self) -> tuple[Remedy, ...]:
        return self.decision.remedies if self.decision is not None else ()

    @property
    def total(self) -> Decimal:
        """The money paid out (advances of refunds already granted are not counted)."""
        return sum((r.amount for r in self.remedies if r.amount is not None and counted(r)),
                   zero(self.currency))

    @property
    def reason_code(self) -> str | None:
        """The main reason's code; for an invalid case, its first problem's code."""
        if self.error is not None:
            return self.error.problems[0].code if self.error.problems else None
        reasons = self.decision.reasons if self.decision is not None else ()
        return reasons[0].code if reasons else None

    @property
    def reason_message(self) -> str | None:
        """The main reason's message; for an invalid case, every problem with its path."""
        if self.error is not None:
            return "; ".join(str(problem) for problem in self.error.problems)
        reasons = self.decision.reasons if self.decision is not None else ()
        return reasons[0].message if reasons else None

    def reason_in(self, lang: Lang) -> str | None:
        """`reason_message` in `lang`: a decision's main reason worded from its facts (an
        invalid case's problems stay as they are written)."""
        if lang == "en" or self.error is not None or self.decision is None:
            return self.reason_message
        reasons = self.decision.reasons
        return reason_text(reasons[0], lang) if reasons else None

    @property
    def policy_version(self) -> str | None:
        return self.decision.policy.version if self.decision is not None else None

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (amounts as `Decimal`), the decision or the error as plain dicts."""
        return {
            "number": self.number,
            "unit": self.unit,
            "case_id": self.case_id,
            "order_id": self.order_id,
            "status": self.status,
            "remedies": [_remedy_dict(remedy) for remedy in self.remedies],
            "total": self.total,
            "reason_code": self.reason_code,
            "reason_message": self.reason_message,
            "policy_version": self.policy_version,
            "problems": [p.to_dict() for p in self.error.problems] if self.error else [],
        }


def _remedy_dict(remedy: Remedy) -> dict[str, Any]:
    return {"kind": remedy.kind.value, "amount": remedy.amount, "currency": remedy.currency,
            "payer": remedy.payer.value, "guarantee": remedy.guarantee,
            "advance": remedy.advance}


def remedy_text(remedy: Remedy) -> str:
    """`refund 39.90 (spoilage, merchant)`."""
    amount = f" {remedy.amount}" if remedy.amount is not None else ""
    advance = ", advance" if remedy.advance else ""
    return f"{remedy.kind.value}{amount} ({remedy.guarantee}, {remedy.payer.value}{advance})"


@dataclass(frozen=True, slots=True)
class Preview:
    """A policy's decisions on a set of cases: `rows` (one per case, in order) and
    `summary`."""

    policy: str
    """The policy's id and version (or versions)."""
    rows: tuple[PreviewRow, ...]
    summary: Summary
    title: str = ""
    """The policy's title (for versions, the title of the newest version that decided a
    case)."""
    left_out: int = 0
    """Cases whose row was left out of `rows` (a bounded sample, `preview(keep=...)`); the
    summary counts every case."""

    @property
    def invalid(self) -> tuple[PreviewRow, ...]:
        return tuple(row for row in self.rows if row.error is not None)

    def to_dict(self) -> dict[str, Any]:
        """`{"policy", "summary", "rows"}` as plain dicts, amounts as `Decimal`."""
        data: dict[str, Any] = {
            "policy": self.policy, "title": self.title, "summary": self.summary.to_dict(),
            "rows": [row.to_dict() for row in self.rows]}
        if self.left_out:
            data["rows_left_out"] = self.left_out
        return data

    def _repr_html_(self) -> str:
        from .html import html_fragment

        return html_fragment(self)


def preview(policy: AnyPolicy | str | None, cases: Iterable[CaseItem], *, trace: bool = False,
            progress: Callable[[], None] | None = None, jobs: int | None = 1,
            keep: int | None = None, engine: Engine = "row") -> Preview:
    """Decide every case under `policy` (the standard policy for None, a shipped policy by
    its name; under versions, each case by the version in force for it). Bad cases become
    rows with their error; the others are still decided. `trace=True` keeps every
    decision's trace (slower); `progress` is called once per case decided; `jobs` worker
    processes decide them (None: one per core). The cases are read and decided as a stream:
    `keep` bounds the rows kept (the first `keep` cases, then invalid ones only, `keep` more
    at most; None keeps every row), and the summary counts every case. With
    `engine="columnar"`, a bound `keep` and the columnar extra, the JSON texts past the kept
    rows are summed up on the columnar path: the same preview, in less CPU for a policy with
    a small columnar plan (docs/preview-and-diff.md). Raises `CurrencyMismatchError` only if
    the versions of a policy pay in different currencies, and `TypeError` for a policy of
    another type (as `evaluate` does)."""
    from .parts import folded_preview
    from .rows import PreviewBuilder

    built = PreviewBuilder(policy_of(policy), keep)
    for part in folded_preview(built, cases, trace=trace, jobs=jobs, engine=engine):
        if progress is not None:
            for _ in range(part.cases):
                progress()
    return built.preview()


def assemble(policy: AnyPolicy, rows: Iterable[PreviewRow]) -> Preview:
    """The preview made of `rows` decided under `policy`."""
    rows = tuple(rows)
    summary = summarise((row.decision for row in rows), currency_of(policy))
    return Preview(policy=policy_label(policy), rows=rows, summary=summary,
                   title=title_of(policy, summary))


def decide(policy: AnyPolicy, sourced: SourcedCase, *, trace: bool = False,
           progress: Callable[[], None] | None = None) -> PreviewRow:
    """The row of one sourced case under `policy`."""
    decision: Decision | None = None
    error = sourced.error
    if sourced.case is not None:
        try:
            decision = evaluate(sourced.case, policy, trace=trace)
        except InvalidCaseError as refused:  # e.g. another currency, no version in force
            error = refused
    if progress is not None:
        progress()
    return PreviewRow(sourced.number, sourced.unit, sourced.case_id, sourced.order_id,
                      decision, error, currency_of(policy))


def policy_label(policy: AnyPolicy) -> str:
    """`standard 2026.11`, or `allergy-window (2025.1, 2026.1)` for versions."""
    if isinstance(policy, Policy):
        return f"{policy.id} {policy.version}"
    return f"{policy.id} ({', '.join(version.version for version in policy.versions)})"


def title_of(policy: AnyPolicy, summary: Summary) -> str:
    """The policy's title; for versions, the newest version's that decided a case."""
    if isinstance(policy, Policy):
        return policy.title
    used = set(summary.by_policy_version)
    in_force = [version for version in policy.versions if version.version in used]
    return (in_force or list(policy.versions))[-1].title or policy.title


def currency_of(policy: AnyPolicy) -> str | None:
    """The currency of `policy`, or None for versions paying in several."""
    if isinstance(policy, PolicyVersions):
        currencies = {version.currency for version in policy.versions}
        return currencies.pop() if len(currencies) == 1 else None
    return policy.currency
