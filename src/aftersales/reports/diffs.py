"""`diff(old, new, cases)`: the impact of a policy change, both policies on the same cases.

A decision changed when its status, its remedies, its reasons, its missing evidence or its
deadline differ; the policy version it names does not count. A case invalid under both
policies is not a change; a case invalid under one of them is (`approved → invalid`).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from ..engine import evaluate, policy_of
from ..model.decision import Decision
from ..policy.versions import AnyPolicy
from ..wording import Lang
from ..wording.labels import label
from .case_stream import RawCase
from .previews import Preview, PreviewRow, currency_of, policy_label, title_of
from .rows import Sample
from .sources import CaseItem, SourcedCase
from .summary import Totals, zero

__all__ = ["CHANGE_KINDS", "Delta", "Diff", "DiffBuilder", "DiffRow", "DiffSummary", "diff",
           "significance"]

CHANGE_KINDS = ("status", "amount_up", "amount_down", "remedies", "evidence", "deadline",
                "reasons")
"""How a decision can change. `remedies`: different remedies paying the same total;
`reasons`: only the reasons changed."""

_SIGNIFICANCE = {kind: rank for rank, kind in enumerate(CHANGE_KINDS)}
_SIGNIFICANCE["amount_down"] = _SIGNIFICANCE["amount_up"]


@dataclass(frozen=True, slots=True)
class Delta:
    """An amount under the old and the new policy."""

    old: Decimal
    new: Decimal

    @property
    def change(self) -> Decimal:
        """new − old."""
        return self.new - self.old

    def to_dict(self) -> dict[str, Decimal]:
        return {"old": self.old, "new": self.new, "change": self.change}


@dataclass(frozen=True, slots=True)
class DiffRow:
    """A case whose decision changed: its row under each policy and, for the first few
    changed cases of a diff, both decisions explained with their trace."""

    old: PreviewRow
    new: PreviewRow
    changes: tuple[str, ...]
    """Which of `CHANGE_KINDS` apply, in that order."""
    old_explanation: str | None = None
    new_explanation: str | None = None
    old_traced: Decision | None = None
    """The old decision with its trace (for an explained case decided under both)."""
    new_traced: Decision | None = None

    def explanations(self, lang: Lang = "en") -> tuple[str, str] | None:
        """Both explanations in `lang`, or None for a case not explained."""
        if self.old_explanation is None or self.new_explanation is None:
            return None
        if lang == "en":
            return self.old_explanation, self.new_explanation
        return (self._explained(self.old, self.old_traced, lang),
                self._explained(self.new, self.new_traced, lang))

    def _explained(self, side: PreviewRow, traced: Decision | None, lang: Lang) -> str:
        if traced is not None:
            return traced.explain(lang)
        return f"{label('invalid_here', lang, where=side.where)}\n{side.error}"

    @property
    def number(self) -> int:
        return self.old.number

    @property
    def unit(self) -> str:
        return self.old.unit

    @property
    def where(self) -> str:
        return self.old.where

    @property
    def case_id(self) -> str | None:
        return self.old.case_id

    @property
    def order_id(self) -> str | None:
        return self.old.order_id

    @property
    def transition(self) -> str | None:
        """`approved → denied`, or None when the status is the same."""
        if self.old.status == self.new.status:
            return None
        return f"{self.old.status} → {self.new.status}"

    @property
    def delta(self) -> Decimal:
        """What the case pays under the new policy minus under the old one."""
        return self.new.total - self.old.total

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "unit": self.old.unit, "case_id": self.case_id,
                "order_id": self.order_id, "changes": list(self.changes),
                "transition": self.transition, "delta": self.delta,
                "old": self.old.to_dict(), "new": self.new.to_dict(),
                "old_explanation": self.old_explanation,
                "new_explanation": self.new_explanation}


@dataclass(frozen=True, slots=True)
class DiffSummary:
    """How many decisions changed and how, and the payout deltas (new − old). Mappings are
    ordered by the size of the change, largest first."""

    cases: int
    changed: int
    invalid: int
    """Cases invalid under either policy."""
    changes: Mapping[str, int]
    """Changed cases per kind of change (a case may count under several)."""
    transitions: Mapping[str, int]
    """Changed cases per status transition, `approved → denied`."""
    total: Delta
    by_guarantee: Mapping[str, Delta]
    by_payer: Mapping[str, Delta]
    by_kind: Mapping[str, Delta]
    currency: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases, "changed": self.changed, "invalid": self.invalid,
            "currency": self.currency, "changes": dict(self.changes),
            "transitions": dict(self.transitions), "total": self.total.to_dict(),
            "by_guarantee": _dicts(self.by_guarantee), "by_payer": _dicts(self.by_payer),
            "by_kind": _dicts(self.by_kind),
        }


def _dicts(deltas: Mapping[str, Delta]) -> dict[str, dict[str, Decimal]]:
    return {key: delta.to_dict() for key, delta in deltas.items()}


@dataclass(frozen=True, slots=True)
class Diff:
    """Two previews of the same cases, and the cases whose decision changed."""

    old: Preview
    new: Preview
    changed: tuple[DiffRow, ...]
    """Every changed case, the most significant first: the largest payout change (absolute)
    first, then status changes, then amount, remedies, evidence, deadline, reasons, in input
    order within each; the first `first` carry both explanations."""
    summary: DiffSummary
    first: int
    left_out: int = 0
    """Changed cases left out of `changed` (a bounded sample, `diff(keep=...)`): the least
    significant ones; the summary counts every one."""

    @property
    def shown(self) -> tuple[DiffRow, ...]:
        """The changed cases the report shows in full."""
        return self.changed[:self.first]

    def to_dict(self) -> dict[str, Any]:
        """Plain dicts, amounts as `Decimal`."""
        data: dict[str, Any] = {
            "old": self.old.policy, "new": self.new.policy, "first": self.first,
            "summary": self.summary.to_dict(), "changed": [row.to_dict() for row in self.changed]}
        if self.left_out:
            data["changed_left_out"] = self.left_out
        return data

    def _repr_html_(self) -> str:
        from .html import html_fragment

        return html_fragment(self)


def diff(old: AnyPolicy | str | None, new: AnyPolicy | str | None, cases: Iterable[CaseItem], *,
         first: int = 5, progress: Callable[[], None] | None = None, jobs: int | None = 1,
         keep: int | None = None) -> Diff:
    """Decide every case under `old` and under `new` (None: the standard policy; a name: the
    policy shipped under it) and compare. The first `first` changed cases are decided again
    with their trace, to explain both decisions; the counts cover every case. `progress` is
    called once per decision; `jobs` worker processes decide them (None: one per core). The
    cases stream: `keep` bounds the changed cases kept (the most significant, at least
    `first`) and each preview's rows (as `preview` keeps them); None keeps every one."""
    from .parts import folded_diff

    built = DiffBuilder(old, new, first=first, keep=keep)
    for part in folded_diff(built, cases, jobs=jobs):
        if progress is not None:
            for _ in range(2 * part.cases):
                progress()
    return built.diff()


class DiffBuilder:
    """A diff built as the cases stream: every case counted, the previews' rows sampled
    (`rows.Sample`), and of the changed cases the most significant kept, with what it
    takes to explain them."""

    def __init__(self, old: AnyPolicy | str | None, new: AnyPolicy | str | None, *,
                 first: int = 5, keep: int | None = None, start: int = 0) -> None:
        policies = (policy_of(old), policy_of(new))
        self._start(policies, tuple(currency_of(policy) for policy in policies), first, keep,
                    start)

    @classmethod
    def part(cls, currencies: tuple[str | None, ...], *, first: int, keep: int | None,
             start: int) -> DiffBuilder:
        """A builder of the cases from the `start`-th on (a worker's chunk), holding no
        policies, only their currencies: merged in order into the builder of the whole diff."""
        built = cls.__new__(cls)
        built._start(None, currencies, first, keep, start)
        return built

    def _start(self, policies: tuple[AnyPolicy, AnyPolicy] | None,
               currencies: tuple[str | None, ...], first: int, keep: int | None,
               start: int) -> None:
        if first < 0:
            raise ValueError(f"first must be at least 0 (got {first})")
        self.policies = policies
        self.first = first
        self.totals = tuple(Totals(currency) for currency in currencies)
        self.sample = Sample(keep, start=start)
        self.bound = None if keep is None else max(first, keep)
        self.kinds: Counter[str] = Counter()
        self.transitions: Counter[str] = Counter()
        self.changed = self.invalid = 0
        self._found: list[tuple[Decimal, int, int, DiffRow, RawCase]] = []

    def add(self, source: RawCase, rows: tuple[PreviewRow, ...]) -> None:
        """One case's rows under the old and the new policy."""
        old, new = rows
        self.totals[0].add(old.decision)
        self.totals[1].add(new.decision)
        self.sample.offer(rows)
        if old.error is not None or new.error is not None:
            self.invalid += 1
        kinds = changes(old, new)
        if not kinds:
            return
        row = DiffRow(old, new, kinds)
        self.changed += 1
        self.kinds.update(kinds)
        if row.transition is not None:
            self.transitions[row.transition] += 1
        # Kept in a heap whose top is the least significant (ties: the latest case), so that
        # past the bound the least significant is the one dropped.
        size, rank = significance(row)
        entry = (-size, -rank, -self.sample.seen, row, source)
        if self.bound is None or len(self._found) < self.bound:
            heapq.heappush(self._found, entry)
        elif self.bound:
            heapq.heappushpop(self._found, entry)

    def merge(self, other: DiffBuilder) -> None:
        """Take `other`'s cases as if they had been added after these, as one builder over
        both streams would have them: every count summed, the previews' samples merged
        (`Sample.merge`), and of the changed cases the most significant kept (ties: the
        earlier in the whole stream). `other` must be a builder of the same diff (the same
        policies, `first` and `keep`), over the cases after these (or over a stream of its
        own: `start` 0)."""
        if (other.first, other.bound, other.sample.keep) != (
                self.first, self.bound, self.sample.keep) or (
                other.policies is not None and other.policies != self.policies):
            raise ValueError("only builders of the same diff (policies, first, keep) merge")
        offset = self.sample.seen - other.sample.start
        for mine, theirs in zip(self.totals, other.totals, strict=True):
            mine.merge(theirs)
        self.sample.merge(other.sample)
        self.kinds.update(other.kinds)
        self.transitions.update(other.transitions)
        self.changed += other.changed
        self.invalid += other.invalid
        # Each entry names its case by -position in its stream: past `offset` in the whole.
        found = self._found + [(size, rank, seen - offset, row, source)
                               for size, rank, seen, row, source in other._found]
        if self.bound is not None and len(found) > self.bound:
            found = heapq.nlargest(self.bound, found)
        heapq.heapify(found)
        self._found = found

    def diff(self) -> Diff:
        if self.policies is None:
            raise ValueError("a part of a diff has no policies: merge it into the whole's")
        old, new = self.policies
        found = sorted(self._found, reverse=True)
        changed = [_explained(row, source.sourced(), old, new) if index < self.first else row
                   for index, (*_, row, source) in enumerate(found)]
        previews = []
        for index, (policy, totals) in enumerate(zip(self.policies, self.totals, strict=True)):
            summary = totals.summary()
            previews.append(Preview(policy_label(policy), self.sample.side(index), summary,
                                    title_of(policy, summary), left_out=self.sample.left_out))
        return Diff(previews[0], previews[1], tuple(changed),
                    self._summary(previews[0], previews[1]), self.first,
                    left_out=self.changed - len(changed))

    def _summary(self, old: Preview, new: Preview) -> DiffSummary:
        before, after = old.summary, new.summary
        currency = after.currency or before.currency
        nothing = zero(currency)
        kinds = self.kinds
        return DiffSummary(
            cases=before.cases,
            changed=self.changed,
            invalid=self.invalid,
            changes={kind: kinds[kind] for kind in CHANGE_KINDS if kinds[kind]},
            transitions=dict(sorted(self.transitions.items(),
                                    key=lambda item: (-item[1], item[0]))),
            total=Delta(before.total_paid, after.total_paid),
            by_guarantee=_deltas(before.paid_by_guarantee, after.paid_by_guarantee, nothing),
            by_payer=_deltas(before.paid_by_payer, after.paid_by_payer, nothing),
            by_kind=_deltas(before.paid_by_kind, after.paid_by_kind, nothing),
            currency=currency,
        )


def significance(row: DiffRow) -> tuple[Decimal, int]:
    """The sort key of a changed case: the largest absolute payout change first, then by the
    most significant kind of change (a status change first)."""
    return -abs(row.delta), _SIGNIFICANCE[row.changes[0]]


def changes(old: PreviewRow, new: PreviewRow) -> tuple[str, ...]:
    """How the decision of one case changed from `old` to `new` (empty: it did not)."""
    if old.decision is None or new.decision is None:
        return ("status",) if old.status != new.status else ()
    before, after = old.decision, new.decision
    found = {
        "status": before.status != after.status,
        "amount_up": new.total > old.total,
        "amount_down": new.total < old.total,
        "remedies": new.total == old.total and before.remedies != after.remedies,
        "evidence": before.missing_evidence != after.missing_evidence,
        "deadline": before.deadline != after.deadline,
    }
    found["reasons"] = not any(found[kind] for kind in ("status", "amount_up", "amount_down",
                                                        "remedies")) \
        and before.codes != after.codes
    return tuple(kind for kind in CHANGE_KINDS if found[kind])


def _explained(row: DiffRow, sourced: SourcedCase, old: AnyPolicy, new: AnyPolicy) -> DiffRow:
    case = sourced.case
    if case is None:
        return row
    traced = [evaluate(case, policy, trace=True) if side.decision is not None else None
              for policy, side in ((old, row.old), (new, row.new))]
    explanations = [
        decision.explain() if decision is not None
        else f"{sourced.where}: invalid under this policy\n{side.error}"
        for decision, side in zip(traced, (row.old, row.new), strict=True)
    ]
    return replace(row, old_explanation=explanations[0], new_explanation=explanations[1],
                   old_traced=traced[0], new_traced=traced[1])


def _deltas(old: Mapping[str, Decimal], new: Mapping[str, Decimal], nothing: Decimal,
            ) -> dict[str, Delta]:
    deltas = {key: Delta(old.get(key, nothing), new.get(key, nothing))
              for key in dict.fromkeys([*old, *new])}
    return dict(sorted(deltas.items(),
                       key=lambda item: (-abs(item[1].change), -item[1].new, item[0])))
