"""The engine: compiled once from a policy, it evaluates many cases. It is the only place
that loops over guarantees and conditions, and it reads no clock."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from .case import Case, ClaimKind, RemedyKind, parse_case
from .categories import in_scope
from .conditions.base import Condition
from .conditions.combinators import check_all
from .context import Context, Outcome
from .decision import Decision, PolicyRef, Reason, Remedy, Status, Step
from .errors import InvalidCaseError, Problem
from .guarantee import Guarantee
from .messages import fact_text, render
from .money import minor_unit
from .policy import Policy
from .remedies import Refund
from .timeline import resolve_time_zone

__all__ = ["Engine", "evaluate", "evaluate_many"]

CaseInput = Case | Mapping[str, Any] | str | bytes

_RANK = {Status.APPROVED: 0, Status.NEEDS_EVIDENCE: 1, Status.DENIED: 2, Status.NOT_COVERED: 3}
_ZERO = Decimal(0)


@dataclass(slots=True)
class _Result:
    """One guarantee's verdict on a case."""

    guarantee: str
    status: Status
    reasons: list[Reason] = field(default_factory=list)
    remedy: Remedy | None = None
    missing_evidence: tuple[str, ...] = ()
    deadline: datetime | None = None


class Engine:
    """A policy compiled for evaluation. Build it once (`policy.engine` caches one)."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._zone = resolve_time_zone(policy.time_zone)
        self._unit = minor_unit(policy.currency)
        self._rounding = policy.rounding.decimal_rounding
        self._ref = PolicyRef(id=policy.id, version=policy.version)
        self._by_claim_kind: dict[ClaimKind | None, tuple[Guarantee, ...]] = {
            kind: tuple(g for g in policy.guarantees if g.covers_claim_kind(kind))
            for kind in (None, *ClaimKind)
        }

    def evaluate(self, case: CaseInput, *, trace: bool = True) -> Decision:
        """Decide one case. Raises `InvalidCaseError` for bad input, never for a denial."""
        case = parse_case(case)
        order = case.order
        if order.currency != self.policy.currency:
            raise InvalidCaseError([Problem(
                "order.currency", "currency_mismatch",
                f"order is in {order.currency} but policy {self.policy.id} is in "
                f"{self.policy.currency}")])
        claim = case.claim
        if claim is None or claim.lines is None:
            claimed = tuple(line.quantity for line in order.lines)
        else:
            by_id = {claimed_line.line_id: claimed_line.quantity for claimed_line in claim.lines}
            claimed = tuple(by_id.get(line.id, 0) for line in order.lines)
        context = Context(case, self._zone, claimed, steps=[] if trace else None)
        kind = claim.kind if claim is not None else None
        guarantees = self._by_claim_kind[kind]
        refunded = sum((entry.amount for entry in case.history
                        if entry.kind is RemedyKind.REFUND), _ZERO)
        results: list[_Result] = []
        for guarantee in guarantees:
            context.guarantee = guarantee.id
            result = self._evaluate_guarantee(guarantee, context, refunded)
            if result.remedy is not None and result.remedy.kind is RemedyKind.REFUND:
                refunded += result.remedy.amount
            results.append(result)
        return self._decide(case, context, results)

    def evaluate_many(self, cases: Iterable[CaseInput], *,
                      trace: bool = True) -> list[Decision | InvalidCaseError]:
        """Decide every case; a bad one yields its `InvalidCaseError` in place, the others are
        still decided."""
        decided: list[Decision | InvalidCaseError] = []
        for case in cases:
            try:
                decided.append(self.evaluate(case, trace=trace))
            except InvalidCaseError as error:
                decided.append(error)
        return decided

    def _evaluate_guarantee(self, guarantee: Guarantee, context: Context,
                            refunded: Decimal) -> _Result:
        """Coverage, then every condition, then evidence, then the remedy."""
        gid = guarantee.id
        claim = context.claim
        claimed = 0
        for index, quantity in enumerate(context.claimed):
            if quantity:
                claimed |= 1 << index
        covered = _in_scope(context, claimed, guarantee.categories)
        claim_kind = claim.kind.value if claim is not None else "automatic"
        if not covered:
            scope_facts = {"claim_kind": claim_kind, "categories": guarantee.categories or (),
                           "claimed": _categories(context, claimed)}
            self._record(context, "covers", False,
                         Outcome(0, "category_not_covered", scope_facts))
            return _Result(gid, Status.NOT_COVERED,
                           [_reason(gid, "category_not_covered", scope_facts)])
        if context.steps is not None:
            self._record(context, "covers", True, Outcome(covered, "covered", {
                "claim_kind": claim_kind, "lines": context.line_ids(covered)}))

        eligible, outcomes, deadline = check_all(context, guarantee.conditions, covered)
        failures = [outcome for outcome in outcomes if not outcome.lines]
        if failures or not eligible:
            reasons = [_reason(gid, failure.code, failure.facts)
                       for outcome in failures for failure in outcome.failures()]
            if not reasons:
                reasons.append(_reason(gid, "no_line_eligible", {}))
            return _Result(gid, Status.DENIED, reasons, deadline=deadline)

        if guarantee.evidence:
            given = claim.evidence if claim is not None else ()
            missing = tuple(kind for kind in guarantee.evidence if kind not in given)
            if missing:
                facts: dict[str, object] = {"required": guarantee.evidence, "missing": missing,
                                            "deadline": deadline}
                self._record(context, "evidence", False, Outcome(0, "evidence_missing", facts))
                return _Result(gid, Status.NEEDS_EVIDENCE,
                               [_reason(gid, "evidence_missing", facts)], None, missing, deadline)
            if context.steps is not None:
                self._record(context, "evidence", True, Outcome(
                    eligible, "evidence_present", {"required": guarantee.evidence}))
        return self._grant(guarantee, context, eligible, refunded, deadline)

    def _grant(self, guarantee: Guarantee, context: Context, eligible: int, refunded: Decimal,
               deadline: datetime | None) -> _Result:
        gid = guarantee.id
        spec = guarantee.remedy
        currency = self.policy.currency
        quote = spec.amount.compute(context, eligible)
        amount = quote.amount.quantize(self._unit, rounding=self._rounding)
        if context.steps is not None:
            self._record(context, "amount", amount > 0, Outcome(eligible, "amount_computed", {
                **quote.facts, "amount": amount, "currency": currency}))
        if amount <= 0:
            return _Result(gid, Status.DENIED, [_reason(gid, "zero_amount", {
                "amount": amount, "currency": currency})], deadline=deadline)
        reasons: list[Reason] = []
        if isinstance(spec, Refund) and self.policy.refund_cap == "order_total":
            total = context.order.total_paid
            left = (total - refunded).quantize(self._unit)  # inputs may be "60" for 60.00
            facts: dict[str, object] = {"order_total": total, "refunded": refunded,
                                        "left": left, "amount": amount, "currency": currency}
            if left <= 0:
                self._record(context, "refund_cap", False,
                             Outcome(0, "nothing_left_to_refund", facts))
                return _Result(gid, Status.DENIED, [_reason(gid, "nothing_left_to_refund", facts)],
                               deadline=deadline)
            if amount > left:
                amount = left
                facts["amount"] = amount
                reasons.append(_reason(gid, "refund_capped", facts))
                self._record(context, "refund_cap", True, Outcome(eligible, "refund_capped", facts))
            else:
                self._record(context, "refund_cap", True,
                             Outcome(eligible, "within_refund_cap", facts))
        remedy = Remedy(guarantee=gid, kind=RemedyKind(spec.kind), amount=amount,
                        currency=currency, payer=spec.payer,
                        return_required=spec.return_required,
                        line_ids=context.line_ids(eligible))
        reasons.insert(0, _reason(gid, "approved", {
            "remedy": spec.kind, "amount": amount, "currency": currency,
            "payer": spec.payer.value}))
        return _Result(gid, Status.APPROVED, reasons, remedy, deadline=deadline)

    def _decide(self, case: Case, context: Context, results: list[_Result]) -> Decision:
        if not results:
            claim = case.claim
            if claim is None:
                reason = _reason("policy", "no_automatic_guarantee", {"policy": self.policy.id})
            else:
                reason = _reason("policy", "claim_kind_not_covered", {
                    "policy": self.policy.id, "claim_kind": claim.kind.value})
            results = [_Result("policy", Status.NOT_COVERED, [reason])]
        results.sort(key=lambda result: _RANK[result.status])
        status = results[0].status
        deadline = next((r.deadline for r in results
                         if r.status is status and r.deadline is not None), None)
        missing: list[str] = []
        for result in results:
            missing.extend(kind for kind in result.missing_evidence if kind not in missing)
        return Decision(
            case_id=case.id,
            order_id=case.order.id,
            status=status,
            remedies=tuple(r.remedy for r in results if r.remedy is not None),
            reasons=tuple(reason for r in results for reason in r.reasons),
            missing_evidence=tuple(missing),
            deadline=deadline,
            policy=self._ref,
            trace=_steps(context.steps) if context.steps else (),
        )

    @staticmethod
    def _record(context: Context, check: str, passed: bool, outcome: Outcome) -> None:
        if context.steps is not None:
            context.steps.append((context.guarantee, check, passed, outcome))


def _in_scope(context: Context, lines: int, scope: tuple[str, ...] | None) -> int:
    if scope is None:
        return lines
    covered = 0
    for index, line in context.lines_in(lines):
        if in_scope(line.category, scope):
            covered |= 1 << index
    return covered


def _categories(context: Context, mask: int) -> tuple[str, ...]:
    return tuple(f"{line.id} ({line.category})" for _, line in context.lines_in(mask))


def _reason(guarantee: str, code: str, facts: Mapping[str, object]) -> Reason:
    text = {name: fact_text(value) for name, value in facts.items()}
    if guarantee == "policy":
        text.setdefault("policy", "")
    return Reason(code=f"{guarantee}.{code}", guarantee=None if guarantee == "policy"
                  else guarantee, message=render(code, text))


def _steps(recorded: list[tuple[str, Condition | str, bool, Outcome]]) -> tuple[Step, ...]:
    return tuple(
        Step(guarantee=guarantee, check=check if isinstance(check, str) else check.kind,
             passed=passed, code=outcome.code,
             facts={name: fact_text(value) for name, value in outcome.facts.items()})
        for guarantee, check, passed, outcome in recorded
    )


def evaluate(case: CaseInput, policy: Policy | None = None, *, trace: bool = True) -> Decision:
    """Decide `case` under `policy` (the standard policy when omitted)."""
    return _engine(policy).evaluate(case, trace=trace)


def evaluate_many(cases: Iterable[CaseInput], policy: Policy | None = None, *,
                  trace: bool = True) -> list[Decision | InvalidCaseError]:
    """Decide every case under one policy, compiled once. Bad cases yield their error in
    place; the others are still decided."""
    return _engine(policy).evaluate_many(cases, trace=trace)


def _engine(policy: Policy | None) -> Engine:
    if policy is None:
        from .guarantees.standard import standard_policy

        policy = standard_policy()
    return policy.engine
