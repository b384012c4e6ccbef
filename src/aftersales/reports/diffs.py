"""`diff(old, new, cases)`: the impact of a policy change, both policies on the same cases.

A decision changed when its status, its remedies, its reasons, its missing evidence or its
deadline differ; the policy version it names does not count. A case invalid under both
policies is not a change; a case invalid under one of them is (`approved → invalid`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from ..catalogue.standard import standard_policy
from ..engine import evaluate
from ..model.decision import Decision
from ..policy.versions import AnyPolicy
from ..wording import Lang
from ..wording.labels import label
from .previews import Preview, PreviewRow, assemble, decide
from .sources import CaseItem, SourcedCase, sourced_cases
from .summary import zero

__all__ = ["CHANGE_KINDS", "Delta", "Diff", "DiffRow", "DiffSummary", "diff", "significance"]

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

    @property
    def shown(self) -> tuple[DiffRow, ...]:
        """The changed cases the report shows in full."""
        return self.changed[:self.first]

    def to_dict(self) -> dict[str, Any]:
        """Plain dicts, amounts as `Decimal`."""
        return {"old": self.old.policy, "new": self.new.policy, "first": self.first,
                "summary": self.summary.to_dict(),
                "changed": [row.to_dict() for row in self.changed]}

    def _repr_html_(self) -> str:
        from .html import html_fragment

        return html_fragment(self)


def diff(old: AnyPolicy | None, new: AnyPolicy | None, cases: Iterable[CaseItem], *,
         first: int = 5, progress: Callable[[], None] | None = None) -> Diff:
    """Decide every case under `old` and under `new` (None: the standard policy) and compare.
    The first `first` changed cases are decided again with their trace, to explain both
    decisions; the counts cover every case. `progress` is called once per decision."""
    if first < 0:
        raise ValueError(f"first must be at least 0 (got {first})")
    old = standard_policy() if old is None else old
    new = standard_policy() if new is None else new
    sources = list(sourced_cases(cases))
    old_rows = [decide(old, sourced, progress=progress) for sourced in sources]
    new_rows = [decide(new, sourced, progress=progress) for sourced in sources]
    old_preview, new_preview = assemble(old, old_rows), assemble(new, new_rows)
    found = [(sourced, DiffRow(old_row, new_row, kinds))
             for sourced, old_row, new_row in zip(sources, old_rows, new_rows, strict=True)
             if (kinds := changes(old_row, new_row))]
    found.sort(key=lambda pair: significance(pair[1]))
    changed = [_explained(row, sourced, old, new) if index < first else row
               for index, (sourced, row) in enumerate(found)]
    return Diff(old_preview, new_preview, tuple(changed),
                _summary(old_preview, new_preview, changed), first)


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


def _summary(old: Preview, new: Preview, changed: list[DiffRow]) -> DiffSummary:
    kinds: Counter[str] = Counter(kind for row in changed for kind in row.changes)
    transitions = Counter(row.transition for row in changed if row.transition is not None)
    before, after = old.summary, new.summary
    currency = after.currency or before.currency
    nothing = zero(currency)
    return DiffSummary(
        cases=len(old.rows),
        changed=len(changed),
        invalid=sum(1 for a, b in zip(old.rows, new.rows, strict=True)
                    if a.error is not None or b.error is not None),
        changes={kind: kinds[kind] for kind in CHANGE_KINDS if kinds[kind]},
        transitions=dict(sorted(transitions.items(), key=lambda item: (-item[1], item[0]))),
        total=Delta(before.total_paid, after.total_paid),
        by_guarantee=_deltas(before.paid_by_guarantee, after.paid_by_guarantee, nothing),
        by_payer=_deltas(before.paid_by_payer, after.paid_by_payer, nothing),
        by_kind=_deltas(before.paid_by_kind, after.paid_by_kind, nothing),
        currency=currency,
    )


def _deltas(old: Mapping[str, Decimal], new: Mapping[str, Decimal], nothing: Decimal,
            ) -> dict[str, Delta]:
    deltas = {key: Delta(old.get(key, nothing), new.get(key, nothing))
              for key in dict.fromkeys([*old, *new])}
    return dict(sorted(deltas.items(),
                       key=lambda item: (-abs(item[1].change), -item[1].new, item[0])))
