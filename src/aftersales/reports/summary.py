"""The figures of a preview: counts by status, approvals and payouts by guarantee, payouts
by remedy kind and by payer.

A payout is the sum of the money remedies of the decisions (actions such as `pickup` have no
amount). Advances (`Remedy.advance`: a refund already granted, paid early) are listed in the
rows but not counted here: they are not new money. They are summed apart
(`advances_by_guarantee`), so a report can say what a guarantee that pays only advances did.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..model.decision import Decision, Remedy, Status
from ..model.errors import CurrencyMismatchError
from ..model.money import MINOR_UNITS, minor_unit

__all__ = ["ReasonCount", "Summary", "Totals", "counted", "summarise", "zero"]


def zero(currency: str | None) -> Decimal:
    """Zero with the currency's minor-unit digits (`0.00` for CNY), or plain 0."""
    return Decimal(0).quantize(minor_unit(currency)) if currency in MINOR_UNITS else Decimal(0)


def counted(remedy: Remedy) -> bool:
    """Whether `remedy` is new money paid out (an amount, and not an advance)."""
    return remedy.amount is not None and not remedy.advance


@dataclass(frozen=True, slots=True)
class ReasonCount:
    """How many decided cases have `code` as their main reason."""

    code: str
    guarantee: str | None
    cases: int

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "guarantee": self.guarantee, "cases": self.cases}


@dataclass(frozen=True, slots=True)
class Summary:
    """What a policy did to a set of cases. Amounts are `Decimal`, in `currency`; every
    mapping is ordered (statuses in their usual order, the rest by amount, largest first)."""

    cases: int
    invalid: int
    by_status: Mapping[str, int]
    """Decided cases per status, every status listed (zero included)."""
    by_policy_version: Mapping[str, int]
    """Decided cases per policy version that decided them."""
    approvals_by_guarantee: Mapping[str, int]
    """Decisions with at least one remedy from the guarantee."""
    paid_by_guarantee: Mapping[str, Decimal]
    paid_by_kind: Mapping[str, Decimal]
    paid_by_payer: Mapping[str, Decimal]
    total_paid: Decimal
    currency: str | None
    """The policy's currency (None only if unknown: nothing paid, versions in several)."""
    by_reason: tuple[ReasonCount, ...] = ()
    """Decided cases per main reason code, most frequent first."""
    advances_by_guarantee: Mapping[str, Decimal] = field(default_factory=dict)
    """Advances (refunds already counted, paid early) per guarantee, not in the payouts."""

    @property
    def decided(self) -> int:
        return self.cases - self.invalid

    def to_dict(self) -> dict[str, Any]:
        """Plain dicts, amounts as `Decimal`."""
        return {
            "cases": self.cases,
            "decided": self.decided,
            "invalid": self.invalid,
            "currency": self.currency,
            "total_paid": self.total_paid,
            "by_status": dict(self.by_status),
            "by_policy_version": dict(self.by_policy_version),
            "approvals_by_guarantee": dict(self.approvals_by_guarantee),
            "paid_by_guarantee": dict(self.paid_by_guarantee),
            "paid_by_kind": dict(self.paid_by_kind),
            "paid_by_payer": dict(self.paid_by_payer),
            "by_reason": [count.to_dict() for count in self.by_reason],
            "advances_by_guarantee": dict(self.advances_by_guarantee),
        }


def summarise(decisions: Iterable[Decision | None], currency: str | None = None) -> Summary:
    """The summary of decisions; None stands for an invalid case. Raises
    `CurrencyMismatchError` if a decision pays in another currency than `currency` (by
    default, the first one paid in)."""
    totals = Totals(currency)
    for decision in decisions:
        totals.add(decision)
    return totals.summary()


class Totals:
    """A summary accumulated one decision at a time, so that a stream of any length is summed
    up in the memory of its counts."""

    def __init__(self, currency: str | None = None) -> None:
        self.currency = currency
        self.cases = self.invalid = 0
        self.statuses: Counter[str] = Counter()
        self.versions: Counter[str] = Counter()
        self.approvals: Counter[str] = Counter()
        self.by_guarantee: dict[str, Decimal] = {}
        self.by_kind: dict[str, Decimal] = {}
        self.by_payer: dict[str, Decimal] = {}
        self.advances: dict[str, Decimal] = {}
        self.reasons: Counter[tuple[str, str | None]] = Counter()

    def add(self, decision: Decision | None) -> None:
        """Count one decision (None: an invalid case)."""
        self.cases += 1
        if decision is None:
            self.invalid += 1
            return
        self.statuses[decision.status.value] += 1
        self.versions[decision.policy.version] += 1
        self.approvals.update({remedy.guarantee for remedy in decision.remedies})
        if decision.reasons:
            self.reasons[decision.reasons[0].code, decision.reasons[0].guarantee] += 1
        for remedy in decision.remedies:
            currency = self.currency = self.currency or remedy.currency
            if remedy.currency != currency:
                raise CurrencyMismatchError(currency, remedy.currency)
            if remedy.amount is None or not counted(remedy):
                self.by_guarantee.setdefault(remedy.guarantee, Decimal(0))
                if remedy.amount is not None:
                    _add(self.advances, remedy.guarantee, remedy.amount)
                continue
            _add(self.by_guarantee, remedy.guarantee, remedy.amount)
            _add(self.by_kind, remedy.kind.value, remedy.amount)
            _add(self.by_payer, remedy.payer.value, remedy.amount)

    def merge(self, other: Totals) -> None:
        """Count `other`'s decisions too, as if they had been added after these (partial
        totals of the parts of a stream, summed up elsewhere: `aftersales.distributed`).
        Raises `CurrencyMismatchError` if the two were paid in different currencies."""
        if self.currency and other.currency and self.currency != other.currency:
            raise CurrencyMismatchError(self.currency, other.currency)
        self.currency = self.currency or other.currency
        self.cases += other.cases
        self.invalid += other.invalid
        self.statuses.update(other.statuses)
        self.versions.update(other.versions)
        self.approvals.update(other.approvals)
        self.reasons.update(other.reasons)  # first seen first: ties keep the stream's order
        for mine, theirs in ((self.by_guarantee, other.by_guarantee),
                             (self.by_kind, other.by_kind), (self.by_payer, other.by_payer),
                             (self.advances, other.advances)):
            for key, amount in theirs.items():
                _add(mine, key, amount)

    def summary(self) -> Summary:
        """The summary of every decision counted so far."""
        nothing = zero(self.currency)
        by_guarantee = {gid: amount or nothing for gid, amount in self.by_guarantee.items()}
        approvals, reasons = self.approvals, self.reasons
        return Summary(
            cases=self.cases,
            invalid=self.invalid,
            by_status={status.value: self.statuses[status.value] for status in Status},
            by_policy_version=dict(sorted(self.versions.items())),
            approvals_by_guarantee={gid: approvals[gid] for gid in _largest_first(by_guarantee)},
            paid_by_guarantee=_largest_first(by_guarantee),
            paid_by_kind=_largest_first(self.by_kind),
            paid_by_payer=_largest_first(self.by_payer),
            total_paid=sum(self.by_kind.values(), nothing),
            currency=self.currency,
            by_reason=tuple(ReasonCount(code, guarantee, count) for (code, guarantee), count in
                            sorted(reasons.items(), key=lambda item: (-item[1], item[0][0]))),
            advances_by_guarantee=_largest_first(self.advances),
        )


def _add(totals: dict[str, Decimal], key: str, amount: Decimal) -> None:
    totals[key] = totals[key] + amount if key in totals else amount


def _largest_first(totals: Mapping[str, Decimal]) -> dict[str, Decimal]:
    return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))
