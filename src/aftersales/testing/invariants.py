"""Ready-made invariants: named properties any policy should keep, each usable in one line of
a pytest test (`invariants.deterministic.verify(policy)`), or all at once (`verify_all`).

An invariant checks one case under one policy and raises `InvariantError` (an
`AssertionError`) when it does not hold. `verify` runs it with hypothesis over generated
cases aimed at the policy's guarantees (a failure is shrunk to a minimal counterexample), then
over every edge case, and fails with the counterexample it found.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from ..model.extras import install_hint

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as fix_seed
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(install_hint("aftersales.testing", "hypothesis", "testing")
                      ) from error

from ..engine import evaluate
from ..model.case import ACTIONS, Case, RemedyKind
from ..model.decision import Decision, Status
from ..model.facts import fact_text
from ..model.money import in_exact_context, minor_unit
from ..policy.policy import Policy
from ..rules.protocol import AmountFormula
from ._reach import leaves
from .edge_cases import edge_cases
from .strategies import cases

__all__ = ["INVARIANTS", "Failure", "Invariant", "InvariantError", "amounts_are_exact",
           "decisions_round_trip_through_json", "deterministic", "every_decision_has_a_reason",
           "exclusive_guarantees_never_both_pay", "filing_later_never_helps",
           "guarantee_order_does_not_matter", "never_pays_more_than_allowed",
           "shipping_later_never_lowers_late_ship_compensation", "verify_all"]


class InvariantError(AssertionError):
    """An invariant does not hold for a case; the message says which and how."""


@dataclass(frozen=True)
class Failure:
    """An invariant that failed, with its minimal counterexample and what went wrong."""

    invariant: str
    case: Case
    message: str


@dataclass(frozen=True)
class Invariant:
    name: str
    description: str
    check: Callable[[Policy, Case], None]

    @in_exact_context
    def __call__(self, policy: Policy, case: Case) -> None:
        self.check(policy, case)

    def verify(self, policy: Policy, *, max_examples: int = 100, seed: int | None = None,
               with_edge_cases: bool = True) -> None:
        """Check the invariant on generated and edge cases; raise `InvariantError` with
        the minimal counterexample (as JSON) when it fails."""
        failure = self.find_failure(policy, max_examples=max_examples, seed=seed,
                                    with_edge_cases=with_edge_cases)
        if failure is not None:
            raise InvariantError(
                f"{failure.invariant}: {failure.message}\n"
                f"counterexample: {failure.case.model_dump_json()}")

    @in_exact_context
    def find_failure(self, policy: Policy, *, max_examples: int = 100, seed: int | None = None,
                     with_edge_cases: bool = True) -> Failure | None:
        """The first failure: hypothesis's minimal counterexample among generated cases
        (shrunk), else the first edge case on which the invariant fails; None when it held."""
        failing: list[tuple[Case, InvariantError]] = []

        def run(case: Case) -> None:
            try:
                self.check(policy, case)
            except InvariantError as error:
                failing.append((case, error))
                raise

        test = settings(max_examples=max_examples, deadline=None, database=None,
                        derandomize=seed is None, print_blob=False,
                        suppress_health_check=list(HealthCheck))(given(cases(policy=policy))(run))
        if seed is not None:
            test = fix_seed(seed)(test)
        try:
            test()
        except InvariantError:
            case, error = failing[-1]  # hypothesis replays the minimal failing example last
            return Failure(self.name, case, str(error))
        for edge in edge_cases(policy) if with_edge_cases else ():
            try:
                self.check(policy, edge.case)
            except InvariantError as error:
                return Failure(self.name, edge.case,
                               f"{error} (edge case: {edge.side} {edge.boundary})")
        return None


def _fail(message: str, decision: Decision) -> InvariantError:
    return InvariantError(f"{message}\n{decision.explain()}")


def _never_pays_more_than_allowed(policy: Policy, case: Case) -> None:
    decision = evaluate(case, policy)
    advances = {g.id for g in policy.guarantees
                if any(option.terms().advance for option in g.offered())}
    before = sum((e.amount for e in case.order_history()
                  if e.kind is RemedyKind.REFUND and e.amount is not None
                  and e.guarantee not in advances), Decimal(0))
    refunds = sum((r.amount for r in decision.remedies if r.kind is RemedyKind.REFUND
                   and not r.advance and r.amount is not None), Decimal(0))
    left = max(case.order.total_paid - before, Decimal(0))
    if refunds > left:
        unit = minor_unit(case.order.currency)
        raise _fail(f"refunds of {refunds} exceed what is left of the order's total "
                    f"({case.order.total_paid} paid, {before.quantize(unit)} refunded before)",
                    decision)
    for remedy in decision.remedies:
        if remedy.kind is not RemedyKind.COMPENSATION or remedy.amount is None:
            continue
        formulas = [option.amount for option in policy.guarantee(remedy.guarantee).offered()
                    if option.is_damages() and option.amount is not None]
        allowed = _most(formulas, _claimed_amount(case, remedy.line_ids), case.order.total_paid)
        if allowed is not None and remedy.amount > allowed.quantize(
                minor_unit(case.order.currency)) + minor_unit(case.order.currency):
            raise _fail(f"compensation {remedy.amount} exceeds the {allowed} its formula "
                        "allows", decision)


def _most(formulas: Sequence[AmountFormula], claimed: Decimal, total: Decimal) -> Decimal | None:
    """The most any of the formulas pays on the claimed amount and order total given; None
    when one depends on more than these."""
    most: Decimal | None = None
    for formula in formulas:
        on_claimed, on_total = formula.value_of("claimed_amount"), formula.value_of(
            "order_total")
        if on_claimed is not None:
            paid = on_claimed(claimed)
        elif on_total is not None:
            paid = on_total(total)
        else:
            return None
        most = paid if most is None else max(most, paid)
    return most


def _claimed_amount(case: Case, line_ids: Sequence[str]) -> Decimal:
    claimed = {c.line_id: c.quantity for c in case.claim.lines} \
        if case.claim is not None and case.claim.lines is not None else None
    return sum((line.paid_amount * (line.quantity if claimed is None else claimed.get(
        line.id, 0)) / line.quantity for line in case.order.lines if line.id in line_ids),
        Decimal(0))


def _deterministic(policy: Policy, case: Case) -> None:
    first = evaluate(case, policy)
    for again, given_as in ((evaluate(case, policy), "again"),
                            (evaluate(case.model_dump_json(), policy), "as JSON text"),
                            (evaluate(case.model_dump(mode="json"), policy), "as a dict")):
        if again != first:
            raise _fail(f"the same case, given {given_as}, got another decision", first)


def _later(case: Case, **changes: object) -> Case:
    data = json.loads(case.model_dump_json())
    for path, value in changes.items():
        target = data
        *parents, name = path.split("__")
        for parent in parents:
            target = target[parent]
        target[name] = value
    return Case.model_validate(data)


_SHIFTS = (timedelta(seconds=1), timedelta(hours=1), timedelta(days=1), timedelta(days=8),
           timedelta(days=91))


def _filing_later_never_helps(policy: Policy, case: Case) -> None:
    claim, order = case.claim, case.order
    if claim is None or order.shipped_at is None or order.delivered_at is None \
            or claim.filed_at < order.delivered_at:
        return  # only once every event a claim may wait for has happened
    early = evaluate(case, policy)
    for shift in _SHIFTS:
        filed = claim.filed_at + shift
        late_case = _later(case, claim__filed_at=filed.isoformat(),
                           claim__return_received_at=None,
                           as_of=max(case.as_of, filed).isoformat())
        late = evaluate(late_case, policy)
        if _rank(late) < _rank(early) or (
                late.status is early.status is Status.APPROVED and late.total() > early.total()):
            raise _fail(f"filing {fact_text(shift)} later got {_outcome(late)} where filing "
                        f"at {claim.filed_at.isoformat()} got {_outcome(early)}", late)


def _outcome(decision: Decision) -> str:
    if decision.status is Status.APPROVED:
        return f"approved, paying {decision.total()}"
    return decision.status.value


def _rank(decision: Decision) -> int:
    return [Status.APPROVED, Status.NEEDS_EVIDENCE, Status.DENIED,
            Status.NOT_COVERED].index(decision.status)


def _shipping_later_never_lowers_late_ship_compensation(policy: Policy, case: Case) -> None:
    order = case.order
    late_ship = {g.id for g in policy.guarantees
                 if any(c.lint_facts().needs_late_shipment for c in leaves(g.conditions))}
    if order.shipped_at is None or not late_ship or (
            case.claim is not None and case.claim.kind != "late_shipment"):
        return

    def paid(decision: Decision) -> Decimal:
        return sum((r.amount for r in decision.remedies
                    if r.guarantee in late_ship and r.amount is not None), Decimal(0))

    before = evaluate(case, policy)
    for shift in _SHIFTS:
        shipped = order.shipped_at + shift
        delivered = max(order.delivered_at, shipped) if order.delivered_at else None
        later = _later(case, order__shipped_at=shipped.isoformat(),
                       order__delivered_at=delivered.isoformat() if delivered else None,
                       as_of=max(case.as_of, delivered or shipped).isoformat())
        after = evaluate(later, policy)
        if paid(after) < paid(before):
            raise _fail(f"shipping {fact_text(shift)} later lowered late-ship compensation from "
                        f"{paid(before)} to {paid(after)}", after)


def _guarantee_order_does_not_matter(policy: Policy, case: Case) -> None:
    decision = evaluate(case, policy)
    for order in (policy.guarantees[::-1], policy.guarantees[1:] + policy.guarantees[:1]):
        other = policy.model_copy(update={"guarantees": order})
        if evaluate(case, other) != decision:
            raise _fail("listing the guarantees in another order changed the decision",
                        decision)


def _every_decision_has_a_reason(policy: Policy, case: Case) -> None:
    decision = evaluate(case, policy)
    if not decision.reasons:
        raise _fail("the decision carries no reason", decision)
    if (decision.status is Status.APPROVED) != bool(decision.remedies):
        raise _fail("approved exactly when there is a remedy: not so", decision)
    if decision.status is Status.NEEDS_EVIDENCE and not decision.missing_evidence:
        raise _fail("needs_evidence but no missing evidence named", decision)


def _amounts_are_exact(policy: Policy, case: Case) -> None:
    decision = evaluate(case, policy)
    unit = minor_unit(policy.currency)
    for remedy in decision.remedies:
        if remedy.amount is None:
            if remedy.kind not in ACTIONS:
                raise _fail(f"a {remedy.kind.value} remedy without an amount", decision)
            continue
        if remedy.amount <= 0 or remedy.amount != remedy.amount.quantize(unit):
            raise _fail(f"{remedy.amount} is not a positive amount in {unit}s", decision)
        if sum(remedy.allocation.values(), Decimal(0)) != remedy.amount:
            raise _fail(f"the allocation {remedy.allocation} does not sum to {remedy.amount}",
                        decision)


def _decisions_round_trip_through_json(policy: Policy, case: Case) -> None:
    decision = evaluate(case, policy)
    if Decision.model_validate_json(decision.to_json()) != decision:
        raise _fail("the decision changed through JSON", decision)


def _exclusive_guarantees_never_both_pay(policy: Policy, case: Case) -> None:
    decision = evaluate(case, policy)
    all_lines = {line.id for line in case.order.lines}
    for group in policy.stacking.exclusive:
        taken: dict[str, set[str]] = {}
        for entry in case.order_history():
            if entry.guarantee in group.guarantees:
                lines = all_lines if group.per == "order" or not entry.line_ids \
                    else set(entry.line_ids)
                taken.setdefault(entry.guarantee, set()).update(lines)
        for remedy in decision.remedies:
            if remedy.guarantee not in group.guarantees:
                continue
            lines = all_lines if group.per == "order" else set(remedy.line_ids)
            for other, other_lines in taken.items():
                if other != remedy.guarantee and lines & other_lines:
                    raise _fail(f"{remedy.guarantee} and {other} both pay on "
                                f"{sorted(lines & other_lines)}", decision)
        for remedy in decision.remedies:
            if remedy.guarantee in group.guarantees:
                lines = all_lines if group.per == "order" else set(remedy.line_ids)
                taken.setdefault(remedy.guarantee, set()).update(lines)


never_pays_more_than_allowed = Invariant(
    "never_pays_more_than_allowed",
    "Refunds never exceed what is left of the order's total; compensation never exceeds "
    "what its formula allows.", _never_pays_more_than_allowed)
deterministic = Invariant(
    "deterministic", "The same case always gets the same decision.", _deterministic)
filing_later_never_helps = Invariant(
    "filing_later_never_helps",
    "Once every order event has happened, filing a claim later never gets a better status "
    "or more money.", _filing_later_never_helps)
shipping_later_never_lowers_late_ship_compensation = Invariant(
    "shipping_later_never_lowers_late_ship_compensation",
    "Shipping later never lowers what the guarantees with a shipped_late condition pay.",
    _shipping_later_never_lowers_late_ship_compensation)
guarantee_order_does_not_matter = Invariant(
    "guarantee_order_does_not_matter",
    "The order in which a policy lists its guarantees never changes a decision.",
    _guarantee_order_does_not_matter)
every_decision_has_a_reason = Invariant(
    "every_decision_has_a_reason",
    "Every decision has a reason; it is approved exactly when it has a remedy; "
    "needs_evidence names the evidence.", _every_decision_has_a_reason)
amounts_are_exact = Invariant(
    "amounts_are_exact",
    "Amounts are positive, in the currency's minor unit, and allocated to the fen.",
    _amounts_are_exact)
decisions_round_trip_through_json = Invariant(
    "decisions_round_trip_through_json", "A decision survives JSON unchanged.",
    _decisions_round_trip_through_json)
exclusive_guarantees_never_both_pay = Invariant(
    "exclusive_guarantees_never_both_pay",
    "Members of an exclusive group never both pay on one line (or order), in one decision or "
    "across the order's history.", _exclusive_guarantees_never_both_pay)

INVARIANTS: tuple[Invariant, ...] = (
    never_pays_more_than_allowed, deterministic, filing_later_never_helps,
    shipping_later_never_lowers_late_ship_compensation, guarantee_order_does_not_matter,
    every_decision_has_a_reason, amounts_are_exact, decisions_round_trip_through_json,
    exclusive_guarantees_never_both_pay,
)


def verify_all(policy: Policy, *, max_examples: int = 100, seed: int | None = None,
               invariants: Iterable[Invariant] = INVARIANTS) -> list[Failure]:
    """Every invariant against `policy`; the failures, each with its minimal counterexample
    (empty when all hold)."""
    found = (inv.find_failure(policy, max_examples=max_examples, seed=seed)
             for inv in invariants)
    return [failure for failure in found if failure is not None]
