"""A decided case's results as the public `Decision`: reasons worded (English messages are
part of the JSON contract), remedies allocated over their lines, the trace as steps; built as
cheaply as pydantic allows (every value comes from a validated case and policy)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Final

from ..model.construct import construct
from ..model.decision import Decision, Reason, Remedy, Status, Trace
from ..model.facts import Granted
from ..model.money import allocate
from ..model.records import CaseRecord
from ..rules.amounts import claimed_shares
from ..rules.view import CaseView
from ..wording.en import render_en
from .decide import Grant, ReasonRecord, Result
from .plan import Plan

__all__ = ["decision_of"]

_RANK: Final = {Status.APPROVED: 0, Status.NEEDS_EVIDENCE: 1, Status.DENIED: 2,
                Status.NOT_COVERED: 3}
_NOTHING: Final = Fraction(0)
_DECISION: Final = set(Decision.model_fields)
_REMEDY: Final = set(Remedy.model_fields)
_REASON: Final = set(Reason.model_fields)
_NO_TRACE: Final = Trace()


def decision_of(plan: Plan, case: CaseRecord, view: CaseView,
                results: list[Result]) -> Decision:
    currency = plan.currency
    remedies: list[Remedy] = []
    for result in results:
        if result.status is not Status.APPROVED:
            continue
        granted = [_remedy(plan, result.gid, grant, view) for grant in result.grants]
        remedies.extend(granted)
        result.reasons.insert(0, (result.gid, "approved", {"granted": tuple(
            Granted(r.kind.value, r.amount, currency, r.payer.value) for r in granted)}))
    if not results:
        claim = case.claim
        reasons: tuple[Reason, ...]
        if claim is None:
            reasons = (_reason(("policy", "no_automatic_guarantee", {"policy": plan.ref.id})),)
        else:
            reasons = (_reason(("policy", "claim_kind_not_covered", {
                "policy": plan.ref.id, "claim_kind": claim.kind.value})),)
        status, deadline = Status.NOT_COVERED, None
    else:
        rank = plan.rank
        results.sort(key=lambda result: (_RANK[result.status], rank[result.gid]))
        status = results[0].status
        reasons = tuple(_reason(record) for result in results for record in result.reasons)
        deadline = next((r.deadline for r in results
                         if r.status is status and r.deadline is not None), None)
    missing: list[str] = []
    for result in results:
        missing.extend(kind for kind in result.missing_evidence if kind not in missing)
    if len(remedies) > 1:
        rank = plan.rank
        remedies.sort(key=lambda remedy: rank[remedy.guarantee])
    steps = view.steps
    trace = Trace(entries=steps) if steps else _NO_TRACE
    return construct(Decision, {
        "case_id": case.id, "order_id": case.order.id, "status": status,
        "remedies": tuple(remedies), "reasons": reasons, "missing_evidence": tuple(missing),
        "deadline": deadline, "policy": plan.ref, "trace": trace}, _DECISION)


def _reason(record: ReasonRecord) -> Reason:
    guarantee, code, facts = record
    return construct(Reason, {
        "code": f"{guarantee}.{code}", "guarantee": None if guarantee == "policy" else guarantee,
        "message": render_en(code, facts), "facts": facts}, _REASON)


def _remedy(plan: Plan, gid: str, grant: Grant, view: CaseView) -> Remedy:
    allocation: dict[str, Decimal] = {}
    lines = grant.lines
    line_ids = view.line_ids(lines)
    amount = grant.amount
    if amount is not None and line_ids:
        if len(line_ids) == 1:
            allocation = {line_ids[0]: amount}
        else:
            shares: Mapping[int, Fraction] = grant.weights or claimed_shares(view, lines)
            indices = [index for index, _ in view.lines_in(lines)]
            parts = allocate(amount, [shares.get(i, _NOTHING) for i in indices], plan.unit)
            allocation = dict(zip(line_ids, parts, strict=True))
    return construct(Remedy, {
        "guarantee": gid, "kind": grant.kind, "amount": amount, "currency": plan.currency,
        "payer": grant.payer, "return_required": grant.return_required, "line_ids": line_ids,
        "allocation": allocation, "return_shipping_payer": grant.return_shipping_payer,
        "due_by": grant.due_by, "advance": grant.advance}, _REMEDY)
