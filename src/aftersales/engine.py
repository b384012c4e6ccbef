"""The engine: compiled once from a policy, it evaluates many cases. It is the only place
that loops over guarantees and conditions, and it reads no clock.

A case is decided in passes: each guarantee that covers the claim reaches its own verdict;
exclusive groups keep one payer per line; the refund cap is taken up in rank order; then
add-on guarantees follow what is still approved. The order of the policy's guarantees never
matters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from ._batch import decide_each
from ._stacking import Contender, contest
from .amounts.base import claimed_shares
from .case import ACTIONS, Case, ClaimKind, RemedyKind, parse_case
from .conditions.base import Condition
from .conditions.combinators import check_all
from .context import Context, Outcome
from .decision import Decision, Payer, PolicyRef, Reason, Remedy, Status, Step
from .errors import InvalidCaseError, Problem
from .guarantee import Guarantee
from .messages import fact_text, render
from .money import EXACT, allocate, exact_sum, minor_unit
from .policy import Policy
from .remedies import BuyersChoice, Refund
from .timeline import day_window_deadline, resolve_time_zone
from .versions import PolicyVersions

__all__ = ["Engine", "evaluate", "evaluate_many"]

CaseInput = Case | Mapping[str, Any] | str | bytes

_RANK = {Status.APPROVED: 0, Status.NEEDS_EVIDENCE: 1, Status.DENIED: 2, Status.NOT_COVERED: 3}
_ZERO = Decimal(0)
_ONE = Decimal(1)


@dataclass(slots=True)
class _Grant:
    """A remedy being granted, before the stacking and cap passes settle it."""

    kind: RemedyKind
    amount: Decimal | None
    payer: Payer
    lines: int
    weights: Mapping[int, Decimal] | None = None
    return_required: bool = False
    return_shipping_payer: Payer | None = None
    due_by: datetime | None = None
    advance: bool = False


@dataclass(slots=True)
class _Result:
    """One guarantee's verdict on a case."""

    guarantee: Guarantee
    status: Status
    reasons: list[Reason] = field(default_factory=list)
    grants: list[_Grant] = field(default_factory=list)
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


class Engine:
    """A policy compiled for evaluation. Build it once (`policy.engine` caches one)."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._zone = resolve_time_zone(policy.time_zone)
        self._unit = minor_unit(policy.currency)
        self._rounding = policy.rounding.decimal_rounding
        self._ref = PolicyRef(id=policy.id, version=policy.version)
        ranked = policy.ranked_guarantees()
        self._rank = {guarantee.id: index for index, guarantee in enumerate(ranked)}
        self._by_claim_kind: dict[ClaimKind | None, tuple[Guarantee, ...]] = {
            kind: tuple(g for g in ranked if g.covers_claim_kind(kind))
            for kind in (None, *ClaimKind)
        }
        self._add_ons = tuple(g for g in ranked if g.is_add_on)
        self._exclusive = tuple((frozenset(group.guarantees), group.per == "order")
                                for group in policy.stacking.exclusive)
        add_on_ids = {g.id for g in self._add_ons}
        self._add_on_exclusive = tuple(entry for entry in self._exclusive
                                       if entry[0] & add_on_ids)
        self._advances = frozenset(
            g.id for g in ranked
            if any(isinstance(r, Refund) and r.advance for r in g.remedies))

    def evaluate(self, case: CaseInput, *, trace: bool = True) -> Decision:
        """Decide one case. Raises `InvalidCaseError` for bad input, never for a denial."""
        case = parse_case(case)
        order = case.order
        if order.currency != self.policy.currency:
            raise InvalidCaseError([Problem(
                "order.currency", "currency_mismatch",
                f"order is in {order.currency} but policy {self.policy.id} is in "
                f"{self.policy.currency}")])
        self._check_history(case)
        claim = case.claim
        if claim is None or claim.lines is None:
            claimed = tuple(line.quantity for line in order.lines)
        else:
            by_id = {claimed_line.line_id: claimed_line.quantity for claimed_line in claim.lines}
            claimed = tuple(by_id.get(line.id, 0) for line in order.lines)
        context = Context(case, self._zone, claimed, steps=[] if trace else None)
        kind = claim.kind if claim is not None else None
        results = [self._evaluate_guarantee(guarantee, context)
                   for guarantee in self._by_claim_kind[kind]]
        for group, per_order in self._exclusive:
            self._keep_one_payer(group, per_order, context, results)
        self._cap_refunds(context, results)
        if self._add_ons and any(r.status is Status.APPROVED for r in results):
            self._follow_approvals(context, results)
        return self._decide(case, context, results)

    def _check_history(self, case: Case) -> None:
        """Refunds granted before on the order (advances aside, which pay early what is
        already counted) never exceed what it was paid: a history that says so is wrong."""
        total = case.order.total_paid
        refunded = _ZERO
        order_id = case.order.id
        for index, entry in enumerate(case.history):
            if entry.kind is not RemedyKind.REFUND or entry.amount is None \
                    or entry.guarantee in self._advances \
                    or (entry.order_id is not None and entry.order_id != order_id):
                continue
            refunded = EXACT.add(refunded, entry.amount)
            if refunded > total:
                raise InvalidCaseError([Problem(
                    f"history[{index}].amount", "refunds_above_paid",
                    f"refunds on this order reach {refunded} with this one, but it was paid "
                    f"{total} in all")])

    def evaluate_many(self, cases: Iterable[CaseInput], *,
                      trace: bool = True) -> list[Decision | InvalidCaseError]:
        """Decide every case; a bad one yields its `InvalidCaseError` in place, the others are
        still decided."""
        return decide_each(lambda case: self.evaluate(case, trace=trace), cases)

    # --- pass 1: each guarantee's own verdict ----------------------------------------------

    def _evaluate_guarantee(self, guarantee: Guarantee, context: Context) -> _Result:
        """Coverage, then every condition, then evidence, then the remedies."""
        context.guarantee = gid = guarantee.id
        claim = context.claim
        claimed = 0
        for index, quantity in enumerate(context.claimed):
            if quantity:
                claimed |= 1 << index
        covered = _covered(context, claimed, guarantee)
        claim_kind = claim.kind.value if claim is not None else "automatic"
        if not covered:
            scope_facts: dict[str, object] = {"claim_kind": claim_kind,
                                              "categories": guarantee.categories or ()}
            if guarantee.excluded_categories:
                scope_facts["excluded"] = guarantee.excluded_categories
            scope_facts["claimed"] = _categories(context, claimed)
            self._record(context, "covers", False,
                         Outcome(0, "category_not_covered", scope_facts))
            return _Result(guarantee, Status.NOT_COVERED,
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
            return _Result(guarantee, Status.DENIED, reasons, deadline=deadline)

        if guarantee.evidence:
            given = claim.evidence if claim is not None else ()
            missing = tuple(kind for kind in guarantee.evidence if kind not in given)
            if missing:
                facts: dict[str, object] = {"required": guarantee.evidence, "missing": missing,
                                            "deadline": deadline}
                self._record(context, "evidence", False, Outcome(0, "evidence_missing", facts))
                return _Result(guarantee, Status.NEEDS_EVIDENCE,
                               [_reason(gid, "evidence_missing", facts)], [], missing, deadline)
            if context.steps is not None:
                self._record(context, "evidence", True, Outcome(
                    eligible, "evidence_present", {"required": guarantee.evidence}))
        return self._grant(guarantee, context, eligible, deadline)

    def _grant(self, guarantee: Guarantee, context: Context, eligible: int,
               deadline: datetime | None) -> _Result:
        currency = self.policy.currency
        claim = context.claim
        grants: list[_Grant] = []
        for spec in guarantee.remedies:
            if isinstance(spec, BuyersChoice):
                preferred = claim.preferred_remedy if claim is not None else None
                spec = spec.choose(preferred)
                self._record(context, "choice", True, Outcome(eligible, "remedy_chosen", {
                    "preferred": preferred, "chosen": spec.kind}))
            kind = RemedyKind(spec.kind)
            amount: Decimal | None = None
            weights = None
            if spec.amount is not None:
                quote = spec.amount.compute(context, eligible)
                amount = quote.amount.quantize(self._unit, rounding=self._rounding,
                                               context=EXACT)
                weights = quote.weights
                self._record(context, "amount", amount > 0, Outcome(eligible, "amount_computed", {
                    **quote.facts, "remedy": kind, "amount": amount, "currency": currency}))
                if amount <= 0:
                    if kind not in ACTIONS:
                        continue  # no remedy is of amount zero
                    amount = None
            grant = _Grant(kind, amount, spec.payer, eligible, weights)
            if isinstance(spec, Refund):
                grant.advance = spec.advance
                if spec.return_required:
                    grant.return_required = True
                    grant.return_shipping_payer = spec.return_shipping_payer
                received = claim.return_received_at if claim is not None else None
                if spec.due_days_after_return is not None and received is not None:
                    grant.due_by = day_window_deadline(received, spec.due_days_after_return,
                                                       context.zone)
            grants.append(grant)
        if not grants:
            return _Result(guarantee, Status.DENIED, [_reason(guarantee.id, "zero_amount", {
                "amount": _ZERO, "currency": currency})], deadline=deadline)
        return _Result(guarantee, Status.APPROVED, [], grants, deadline=deadline,
                       eligible=eligible)

    # --- pass 2: exclusive groups keep one payer per line ------------------------------------

    def _keep_one_payer(self, group: frozenset[str], per_order: bool, context: Context,
                        results: list[_Result]) -> None:
        """Members of `group` never both pay on one line (or, `per_order`, on the order).
        A line granted before by another member is taken; otherwise it goes to the member
        paying the buyer most on it, then to the higher rank. A member left with no line is
        `excluded`; one left with some is granted again on those."""
        approved = [r for r in results if r.gid in group and r.status is Status.APPROVED]
        if not approved:
            return
        all_lines = (1 << len(context.order.lines)) - 1
        before: dict[str, int] = {}
        for entry in context.case.order_history():
            if entry.guarantee in group:
                mask = all_lines if not entry.line_ids or per_order else _mask(
                    context, entry.line_ids)
                before[entry.guarantee] = before.get(entry.guarantee, 0) | mask
        units = [all_lines] if per_order else [1 << i for i in range(len(context.order.lines))]
        contenders = [Contender(r.gid, r.lines, _money_by_line(r, context), self._rank[r.gid])
                      for r in approved]
        exclusions = contest(contenders, before, units)
        for result in approved:
            exclusion = exclusions.get(result.gid)
            if exclusion is not None:
                self._exclude(result, context, exclusion.blockers, exclusion.why)

    def _exclude(self, result: _Result, context: Context, blockers: dict[str, int],
                 why: str) -> None:
        blocked = 0
        for mask in blockers.values():
            blocked |= mask
        context.guarantee = result.gid
        facts: dict[str, object] = {"by": tuple(sorted(blockers)),
                                    "lines": context.line_ids(blocked), "why": why}
        remaining = result.eligible & ~blocked
        if remaining:
            regranted = self._grant(result.guarantee, context, remaining, result.deadline)
            if regranted.status is Status.APPROVED:
                self._record(context, "stacking", True, Outcome(remaining, "excluded", facts))
                result.grants = regranted.grants
                result.eligible = remaining
                result.reasons.append(_reason(result.gid, "excluded", facts))
                return
        self._record(context, "stacking", False, Outcome(0, "excluded", facts))
        result.status = Status.DENIED
        result.grants = []
        result.reasons = [_reason(result.gid, "excluded", facts)]

    # --- pass 3: the refund cap ----------------------------------------------------------------

    def _cap_refunds(self, context: Context, results: list[_Result], start: int = 0) -> None:
        """Refunds on an order (history plus this decision) never exceed its total paid; the
        cap is taken up in rank order, by `results[start:]` after those before `start`.
        Advances pay early what history already counts."""
        if self.policy.refund_cap != "order_total":
            return
        total = context.order.total_paid
        refunded = exact_sum(entry.amount for entry in context.case.order_history()
                             if entry.kind is RemedyKind.REFUND and entry.amount is not None
                             and entry.guarantee not in self._advances)
        refunded = EXACT.add(refunded, exact_sum(
            grant.amount for result in results[:start] for grant in result.grants
            if grant.kind is RemedyKind.REFUND and not grant.advance
            and grant.amount is not None))
        currency = self.policy.currency
        for result in results[start:]:
            if result.status is not Status.APPROVED:
                continue
            context.guarantee = result.gid
            for grant in list(result.grants):
                if grant.kind is not RemedyKind.REFUND or grant.advance or grant.amount is None:
                    continue
                # inputs may be "60" for 60.00
                left = EXACT.subtract(total, refunded).quantize(self._unit, context=EXACT)
                facts: dict[str, object] = {"order_total": total, "refunded": refunded,
                                            "left": left, "amount": grant.amount,
                                            "currency": currency}
                if left <= 0:
                    self._record(context, "refund_cap", False,
                                 Outcome(0, "nothing_left_to_refund", facts))
                    result.grants.remove(grant)
                    result.reasons.append(_reason(result.gid, "nothing_left_to_refund", facts))
                    continue
                if grant.amount > left:
                    grant.amount = left
                    facts["amount"] = left
                    result.reasons.append(_reason(result.gid, "refund_capped", facts))
                    self._record(context, "refund_cap", True,
                                 Outcome(grant.lines, "refund_capped", facts))
                else:
                    self._record(context, "refund_cap", True,
                                 Outcome(grant.lines, "within_refund_cap", facts))
                refunded = EXACT.add(refunded, grant.amount)
            if not result.grants:
                result.status = Status.DENIED
                result.reasons = [r for r in result.reasons if r.code.endswith(
                    ".nothing_left_to_refund")][:1]

    # --- pass 4: add-ons follow an approval -----------------------------------------------

    def _follow_approvals(self, context: Context, results: list[_Result]) -> None:
        """Check the add-on guarantees against what was approved. An add-on only adds: when
        it does not approve, its checks stay in the trace but it gives no reason."""
        for result in results:
            for grant in result.grants:
                if grant.return_required:
                    context.approved_returns |= grant.lines
                    if grant.return_shipping_payer is Payer.BUYER:
                        context.buyer_paid_returns |= grant.lines
        decided = len(results)
        for guarantee in self._add_ons:
            result = self._evaluate_guarantee(guarantee, context)
            if result.status is Status.APPROVED:
                results.append(result)
        for group, per_order in self._add_on_exclusive:
            self._keep_one_payer(group, per_order, context, results)
        self._cap_refunds(context, results, start=decided)

    # --- the decision ------------------------------------------------------------------------

    def _decide(self, case: Case, context: Context, results: list[_Result]) -> Decision:
        currency = self.policy.currency
        remedies: list[Remedy] = []
        for result in results:
            if result.status is not Status.APPROVED:
                continue
            granted = [self._remedy(result.gid, grant, context) for grant in result.grants]
            remedies.extend(granted)
            result.reasons.insert(0, _reason(result.gid, "approved", {
                "granted": "; ".join(_remedy_text(r, currency) for r in granted)}))
        if not results:
            claim = case.claim
            if claim is None:
                reason = _reason("policy", "no_automatic_guarantee", {"policy": self.policy.id})
            else:
                reason = _reason("policy", "claim_kind_not_covered", {
                    "policy": self.policy.id, "claim_kind": claim.kind.value})
            status = Status.NOT_COVERED
            reasons: tuple[Reason, ...] = (reason,)
            deadline = None
        else:
            results.sort(key=lambda result: (_RANK[result.status], self._rank[result.gid]))
            status = results[0].status
            reasons = tuple(reason for r in results for reason in r.reasons)
            deadline = next((r.deadline for r in results
                             if r.status is status and r.deadline is not None), None)
        missing: list[str] = []
        for result in results:
            missing.extend(kind for kind in result.missing_evidence if kind not in missing)
        remedies.sort(key=lambda remedy: self._rank[remedy.guarantee])
        return Decision(
            case_id=case.id,
            order_id=case.order.id,
            status=status,
            remedies=tuple(remedies),
            reasons=reasons,
            missing_evidence=tuple(missing),
            deadline=deadline,
            policy=self._ref,
            trace=_steps(context.steps) if context.steps else (),
        )

    def _remedy(self, gid: str, grant: _Grant, context: Context) -> Remedy:
        allocation: dict[str, Decimal] = {}
        line_ids = context.line_ids(grant.lines)
        if grant.amount is not None and line_ids:
            if len(line_ids) == 1:
                allocation = {line_ids[0]: grant.amount}
            else:
                shares = grant.weights or claimed_shares(context, grant.lines)
                indices = [index for index, _ in context.lines_in(grant.lines)]
                parts = allocate(grant.amount, [shares.get(i, _ZERO) for i in indices],
                                 self._unit)
                allocation = dict(zip(line_ids, parts, strict=True))
        return Remedy(guarantee=gid, kind=grant.kind, amount=grant.amount,
                      currency=self.policy.currency, payer=grant.payer,
                      return_required=grant.return_required, line_ids=line_ids,
                      allocation=allocation, return_shipping_payer=grant.return_shipping_payer,
                      due_by=grant.due_by, advance=grant.advance)

    @staticmethod
    def _record(context: Context, check: str, passed: bool, outcome: Outcome) -> None:
        if context.steps is not None:
            context.steps.append((context.guarantee, check, passed, outcome))


def _covered(context: Context, lines: int, guarantee: Guarantee) -> int:
    if guarantee.categories is None and not guarantee.excluded_categories:
        return lines
    covered = 0
    for index, line in context.lines_in(lines):
        if guarantee.covers_category(line.category):
            covered |= 1 << index
    return covered


def _money_by_line(result: _Result, context: Context) -> dict[int, Decimal]:
    """The money a result pays the buyer, split over its lines in proportion to each line's
    share (exact, for comparing members of an exclusive group)."""
    by_line: dict[int, Decimal] = {}
    for grant in result.grants:
        if grant.amount is None or grant.advance:
            continue
        shares = grant.weights or claimed_shares(context, grant.lines)
        indices = [index for index, _ in context.lines_in(grant.lines)]
        total = exact_sum(shares.get(i, _ZERO) for i in indices)
        for index in indices:
            share = (EXACT.divide(shares.get(index, _ZERO), total) if total
                     else EXACT.divide(_ONE, len(indices)))
            by_line[index] = EXACT.add(by_line.get(index, _ZERO),
                                       EXACT.multiply(grant.amount, share))
    return by_line


def _mask(context: Context, line_ids: Iterable[str]) -> int:
    wanted = set(line_ids)
    mask = 0
    for index, line in enumerate(context.order.lines):
        if line.id in wanted:
            mask |= 1 << index
    return mask


def _categories(context: Context, mask: int) -> tuple[str, ...]:
    return tuple(f"{line.id} ({line.category})" for _, line in context.lines_in(mask))


def _remedy_text(remedy: Remedy, currency: str) -> str:
    if remedy.amount is None:
        return f"{remedy.kind.value}, paid by {remedy.payer.value}"
    return f"{remedy.kind.value} of {remedy.amount} {currency} paid by {remedy.payer.value}"


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


def evaluate(case: CaseInput, policy: Policy | PolicyVersions | None = None, *,
             trace: bool = True) -> Decision:
    """Decide `case` under `policy` (the standard policy when omitted); under
    `PolicyVersions`, by the version in force for the case."""
    if isinstance(policy, PolicyVersions):
        return policy.evaluate(case, trace=trace)
    return _engine(policy).evaluate(case, trace=trace)


def evaluate_many(cases: Iterable[CaseInput], policy: Policy | PolicyVersions | None = None,
                  *, trace: bool = True) -> list[Decision | InvalidCaseError]:
    """Decide every case under one policy, compiled once. Bad cases yield their error in
    place; the others are still decided."""
    if isinstance(policy, PolicyVersions):
        return policy.evaluate_many(cases, trace=trace)
    return _engine(policy).evaluate_many(cases, trace=trace)


def _engine(policy: Policy | None) -> Engine:
    if policy is None:
        from .guarantees.standard import standard_policy

        policy = standard_policy()
    return policy.engine
