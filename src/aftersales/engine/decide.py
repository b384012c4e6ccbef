"""Deciding one case on a plan: the only loop over guarantees and their parts.

A case is decided in passes: each guarantee that covers the claim reaches its own verdict;
exclusive groups keep one payer per line; the refund cap is taken up in rank order; then
add-on guarantees follow what is still approved. The order of the policy's guarantees never
matters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from ..model.decision import Payer, Status
from ..model.errors import InvalidCaseError, Problem
from ..model.facts import LineCategory
from ..model.kinds import ACTIONS, RemedyKind
from ..model.money import EXACT, exact, exact_sum, rational_sum, round_exact
from ..model.records import CaseRecord
from ..model.time import day_window_deadline
from ..rules.amounts import claimed_shares
from ..rules.outcome import Outcome
from ..rules.view import CaseView
from .plan import CompiledGuarantee, Plan
from .stacking import Contender, contest

__all__ = ["Grant", "ReasonRecord", "Result", "decide"]

_ZERO = Decimal(0)
_NOTHING = Fraction(0)

ReasonRecord = tuple[str, str, Mapping[str, object]]
"""A reason before it is worded: guarantee id (`policy` for the policy's own), outcome code,
facts."""


@dataclass(slots=True)
class Grant:
    """A remedy being granted, before the stacking and cap passes settle it."""

    kind: RemedyKind
    amount: Decimal | None
    payer: Payer
    lines: int
    weights: Mapping[int, Fraction] | None = None
    return_required: bool = False
    return_shipping_payer: Payer | None = None
    due_by: datetime | None = None
    advance: bool = False
    counts_toward_cap: bool = False


@dataclass(slots=True)
class Result:
    """One guarantee's verdict on a case."""

    guarantee: CompiledGuarantee
    status: Status
    reasons: list[ReasonRecord] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)
    missing_evidence: tuple[str, ...] = ()
    deadline: datetime | None = None
    eligible: int = 0

    @property
    def gid(self) -> str:
        return self.guarantee.id

    @property
    def lines(self) -> int:
        lines = 0
        for grant in self.grants:
            lines |= grant.lines
        return lines


def decide(plan: Plan, case: CaseRecord, *, trace: bool) -> tuple[CaseView, list[Result]]:
    """Every guarantee's verdict on `case`, settled by the stacking passes."""
    if case.order.currency != plan.currency:
        raise InvalidCaseError([Problem(
            "order.currency", "currency_mismatch",
            f"order is in {case.order.currency} but policy {plan.policy.id} is in "
            f"{plan.currency}")])
    _check_history(plan, case)
    view = CaseView(case, plan.zone, trace=trace)
    claim = view.claim
    results = [_verdict(plan, guarantee, view)
               for guarantee in plan.by_claim_kind[claim.kind if claim is not None else None]]
    for group, per_order in plan.exclusive:
        _keep_one_payer(plan, group, per_order, view, results)
    if plan.refund_cap:
        _cap_refunds(plan, view, results)
    if plan.add_ons and any(r.status is Status.APPROVED for r in results):
        _follow_approvals(plan, view, results)
    return view, results


def _check_history(plan: Plan, case: CaseRecord) -> None:
    """Refunds granted before on the order (advances aside, which pay early what is
    already counted) never exceed what it was paid: a history that says so is wrong."""
    if not case.history:
        return
    total = exact_sum(line.paid_amount for line in case.order.lines)
    refunded = _ZERO
    order_id = case.order.id
    for index, entry in enumerate(case.history):
        if entry.kind is not RemedyKind.REFUND or entry.amount is None \
                or entry.guarantee in plan.advances \
                or (entry.order_id is not None and entry.order_id != order_id):
            continue
        refunded = EXACT.add(refunded, entry.amount)
        if refunded > total:
            raise InvalidCaseError([Problem(
                f"history[{index}].amount", "refunds_above_paid",
                f"refunds on this order reach {refunded} with this one, but it was paid "
                f"{total} in all")])


def _record(view: CaseView, check: str, passed: bool, outcome: Outcome) -> None:
    steps = view.steps
    if steps is not None:
        steps.append((view.guarantee, check, passed, outcome.code, outcome.facts))


# --- pass 1: each guarantee's own verdict ----------------------------------------------


def _verdict(plan: Plan, guarantee: CompiledGuarantee, view: CaseView) -> Result:
    """Coverage, then every condition, then evidence, then the remedies."""
    view.guarantee = gid = guarantee.id
    claim = view.claim
    claimed = view.claimed_lines
    covered = _covered(view, claimed, guarantee)
    claim_kind = claim.kind.value if claim is not None else "automatic"
    if not covered:
        scope_facts: dict[str, object] = {"claim_kind": claim_kind,
                                          "categories": guarantee.categories or ()}
        if guarantee.excluded:
            scope_facts["excluded"] = guarantee.excluded
        scope_facts["claimed"] = tuple(LineCategory(line.id, line.category)
                                       for _, line in view.lines_in(claimed))
        _record(view, "covers", False, Outcome(0, "category_not_covered", scope_facts))
        return Result(guarantee, Status.NOT_COVERED,
                      [(gid, "category_not_covered", scope_facts)])
    if view.steps is not None:
        _record(view, "covers", True, Outcome(covered, "covered", {
            "claim_kind": claim_kind, "lines": view.line_ids(covered)}))

    eligible, deadline, failures = covered, None, []
    for check in guarantee.checks:
        outcome = check(view, covered)
        eligible &= outcome.lines
        if deadline is None:
            deadline = outcome.deadline
        if not outcome.lines:
            failures.append(outcome)
    if failures or not eligible:
        reasons: list[ReasonRecord] = [(gid, failure.code, failure.facts)
                                       for outcome in failures for failure in outcome.failures()]
        if not reasons:
            reasons.append((gid, "no_line_eligible", {}))
        return Result(guarantee, Status.DENIED, reasons, deadline=deadline)

    required = guarantee.evidence
    if required:
        given = claim.evidence if claim is not None else ()
        missing = tuple(kind for kind in required if kind not in given)
        if missing:
            facts: dict[str, object] = {"required": required, "missing": missing,
                                        "deadline": deadline}
            _record(view, "evidence", False, Outcome(0, "evidence_missing", facts))
            return Result(guarantee, Status.NEEDS_EVIDENCE, [(gid, "evidence_missing", facts)],
                          [], missing, deadline)
        if view.steps is not None:
            _record(view, "evidence", True, Outcome(eligible, "evidence_present",
                                                    {"required": required}))
    return _grant(plan, guarantee, view, eligible, deadline)


def _covered(view: CaseView, lines: int, guarantee: CompiledGuarantee) -> int:
    if not guarantee.scoped:
        return lines
    covers = guarantee.guarantee.covers_category
    covered = 0
    for index, line in view.lines_in(lines):
        if covers(line.category):
            covered |= 1 << index
    return covered


def _grant(plan: Plan, guarantee: CompiledGuarantee, view: CaseView, eligible: int,
           deadline: datetime | None) -> Result:
    currency = plan.currency
    claim = view.claim
    grants: list[Grant] = []
    notes: list[ReasonRecord] = []
    for options, chooses in zip(guarantee.remedies, guarantee.chooses, strict=True):
        spec = options[0]
        if chooses:
            preferred = claim.preferred_remedy if claim is not None else None
            spec = next((option for option in options if option.kind == preferred), spec)
            _record(view, "choice", True, Outcome(eligible, "remedy_chosen", {
                "preferred": preferred, "chosen": spec.kind}))
        kind = spec.kind
        amount: Decimal | None = None
        weights = None
        if spec.price is not None:
            quote = spec.price(view, eligible)
            amount = round_exact(quote.amount, plan.unit, plan.rounding)
            weights = quote.weights
            _record(view, "amount", amount > 0, Outcome(eligible, "amount_computed", {
                **quote.facts, "remedy": kind, "amount": amount, "currency": currency}))
            if amount <= 0:
                if kind not in ACTIONS:
                    continue  # no remedy is of amount zero
                amount = None
            elif quote.note is not None:
                notes.append((guarantee.id, quote.note, {
                    **quote.facts, "remedy": kind, "amount": amount, "currency": currency}))
        terms = spec.terms
        grant = Grant(kind, amount, spec.payer, eligible, weights, terms.return_required,
                      terms.return_shipping_payer, None, terms.advance, spec.counts_toward_cap)
        received = claim.return_received_at if claim is not None else None
        if terms.due_days_after_return is not None and received is not None:
            grant.due_by = day_window_deadline(received, terms.due_days_after_return, view.zone)
        grants.append(grant)
    if not grants:
        return Result(guarantee, Status.DENIED, [(guarantee.id, "zero_amount", {
            "amount": _ZERO, "currency": currency})], deadline=deadline)
    return Result(guarantee, Status.APPROVED, notes, grants, deadline=deadline,
                  eligible=eligible)


# --- pass 2: exclusive groups keep one payer per line ------------------------------------


def _keep_one_payer(plan: Plan, group: frozenset[str], per_order: bool, view: CaseView,
                    results: list[Result]) -> None:
    """Members of `group` never both pay on one line (or, `per_order`, on the order).
    A line granted before by another member is taken; otherwise it goes to the member
    paying the buyer most on it, then to the higher rank. A member left with no line is
    `excluded`; one left with some is granted again on those."""
    approved = [r for r in results if r.gid in group and r.status is Status.APPROVED]
    if not approved:
        return
    count = len(view.lines)
    all_lines = (1 << count) - 1
    before: dict[str, int] = {}
    for entry in view.order_history:
        if entry.guarantee in group:
            mask = all_lines if not entry.line_ids or per_order else view.mask_of(
                entry.line_ids)
            before[entry.guarantee] = before.get(entry.guarantee, 0) | mask
    units = [all_lines] if per_order else [1 << i for i in range(count)]
    contenders = [Contender(r.gid, r.lines, _money_by_line(r, view), r.guarantee.rank)
                  for r in approved]
    exclusions = contest(contenders, before, units)
    for result in approved:
        exclusion = exclusions.get(result.gid)
        if exclusion is not None:
            _exclude(plan, result, view, exclusion.blockers, exclusion.why)


def _exclude(plan: Plan, result: Result, view: CaseView, blockers: dict[str, int],
             why: str) -> None:
    blocked = 0
    for mask in blockers.values():
        blocked |= mask
    view.guarantee = result.gid
    facts: dict[str, object] = {"by": tuple(sorted(blockers)), "lines": view.line_ids(blocked),
                                "why": why}
    remaining = result.eligible & ~blocked
    if remaining:
        regranted = _grant(plan, result.guarantee, view, remaining, result.deadline)
        if regranted.status is Status.APPROVED:
            _record(view, "stacking", True, Outcome(remaining, "excluded", facts))
            result.grants = regranted.grants
            result.eligible = remaining
            result.reasons.append((result.gid, "excluded", facts))
            return
    _record(view, "stacking", False, Outcome(0, "excluded", facts))
    result.status = Status.DENIED
    result.grants = []
    result.reasons = [(result.gid, "excluded", facts)]


def _money_by_line(result: Result, view: CaseView) -> dict[int, Fraction]:
    """The money a result pays the buyer, split over its lines in proportion to each line's
    share, as exact fractions: members of an exclusive group that pay the same compare
    equal."""
    by_line: dict[int, Fraction] = {}
    for grant in result.grants:
        if grant.amount is None or grant.advance:
            continue
        shares = grant.weights or claimed_shares(view, grant.lines)
        indices = [index for index, _ in view.lines_in(grant.lines)]
        weights = [shares.get(i, _NOTHING) for i in indices]
        total = rational_sum(weights)
        amount = exact(grant.amount)
        for index, weight in zip(indices, weights, strict=True):
            share = weight / total if total else Fraction(1, len(indices))
            by_line[index] = by_line.get(index, Fraction(0)) + amount * share
    return by_line


# --- pass 3: the refund cap ----------------------------------------------------------------


def _cap_refunds(plan: Plan, view: CaseView, results: list[Result], start: int = 0) -> None:
    """Refunds on an order (history plus this decision) never exceed its total paid; the
    cap is taken up in rank order, by `results[start:]` after those before `start`.
    Advances pay early what history already counts."""
    total = view.total_paid
    refunded = exact_sum(entry.amount for entry in view.order_history
                         if entry.kind is RemedyKind.REFUND and entry.amount is not None
                         and entry.guarantee not in plan.advances)
    refunded = EXACT.add(refunded, exact_sum(
        grant.amount for result in results[:start] for grant in result.grants
        if grant.counts_toward_cap and grant.amount is not None))
    currency = plan.currency
    for result in results[start:]:
        if result.status is not Status.APPROVED:
            continue
        view.guarantee = result.gid
        for grant in list(result.grants):
            if not grant.counts_toward_cap or grant.amount is None:
                continue
            # inputs may be "60" for 60.00
            left = EXACT.subtract(total, refunded).quantize(plan.unit, context=EXACT)
            facts: dict[str, object] = {"order_total": total, "refunded": refunded,
                                        "left": left, "amount": grant.amount,
                                        "currency": currency}
            if left <= 0:
                _record(view, "refund_cap", False, Outcome(0, "nothing_left_to_refund", facts))
                result.grants.remove(grant)
                result.reasons.append((result.gid, "nothing_left_to_refund", facts))
                continue
            if grant.amount > left:
                grant.amount = left
                facts["amount"] = left
                result.reasons.append((result.gid, "refund_capped", facts))
                _record(view, "refund_cap", True, Outcome(grant.lines, "refund_capped", facts))
            else:
                _record(view, "refund_cap", True,
                        Outcome(grant.lines, "within_refund_cap", facts))
            refunded = EXACT.add(refunded, grant.amount)
        if not result.grants:
            result.status = Status.DENIED
            result.reasons = [r for r in result.reasons if r[1] == "nothing_left_to_refund"][:1]


# --- pass 4: add-ons follow an approval -----------------------------------------------


def _follow_approvals(plan: Plan, view: CaseView, results: list[Result]) -> None:
    """Check the add-on guarantees against what was approved. An add-on only adds: when
    it does not approve, its checks stay in the trace but it gives no reason."""
    for result in results:
        for grant in result.grants:
            if grant.return_required:
                view.approved_returns |= grant.lines
                if grant.return_shipping_payer is Payer.BUYER:
                    view.buyer_paid_returns |= grant.lines
    decided = len(results)
    for guarantee in plan.add_ons:
        result = _verdict(plan, guarantee, view)
        if result.status is Status.APPROVED:
            results.append(result)
    for group, per_order in plan.add_on_exclusive:
        _keep_one_payer(plan, group, per_order, view, results)
    if plan.refund_cap:
        _cap_refunds(plan, view, results, start=decided)
