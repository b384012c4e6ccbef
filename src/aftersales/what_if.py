"""What would change the outcome: the nearest changes to a decided case's facts that flip its
decision (the deadline by which filing would have succeeded, the missing evidence, the order
total at which the next tier starts, ...). Candidates are read from the trace and the policy's
data, never by re-implementing a rule, and each is verified by deciding the changed case again:
only those that change the status or the total are reported."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, field_serializer

from ._phrases import Phrase, phrase, reason_text, remedy_money
from .amounts import TieredAmount
from .case import Case, ItemCondition, parse_case
from .decision import Decision, Status, Step
from .engine import CaseInput, Engine
from .errors import InvalidCaseError
from .guarantees.standard import standard_policy
from .messages import Lang, check_lang, fact_text
from .money import minor_unit
from .policy import Policy

__all__ = ["Change", "what_if"]

#: The tracking number a `return_tracked` candidate gives (any non-empty text passes).
TRACKING_PLACEHOLDER = "RETURN-TRACKING-NO"
_MICROSECOND = timedelta(microseconds=1)


class Change(BaseModel):
    """One change to a case's facts that flips its decision, and the decision it leads to."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    guarantee: str
    kind: str
    """Stable tag: `file_by`, `file_from`, `add_evidence`, `order_total_at_least`,
    `order_total_at_most`, `reference_price_below`, `item_intact`, `add_return_tracking`,
    `ship_by`."""
    path: str
    """JSON path of the case field to change, e.g. `claim.filed_at`."""
    value: str | list[str]
    """Its new value, JSON-ready."""
    message: str
    status: Status
    """The decision's status under the change."""
    total: Decimal
    """The decision's total (every remedy amount) under the change."""

    @field_serializer("total", when_used="json")
    def _total_text(self, total: Decimal) -> str:
        return str(total)


class _Candidate(NamedTuple):
    guarantee: str
    kind: str
    path: str
    value: str | list[str]
    what: Phrase
    """The change as a phrase: `filed by ... (3 h earlier)`."""


def what_if(case: CaseInput, policy: Policy | None = None, *,
            lang: str = "en") -> list[Change]:
    """The nearest changes to `case` that change its decision's status or total under `policy`
    (the standard policy when omitted), by guarantee rank then kind, each with its message
    in `lang` (`en` or `zh`). Raises `InvalidCaseError` for a case that is not valid, as
    `evaluate` does."""
    policy = standard_policy() if policy is None else policy
    parsed = parse_case(case)
    trial = _Trial(policy.engine, parsed, parsed.model_dump(mode="json"),
                   policy.engine.evaluate(parsed), check_lang(lang))
    unit = minor_unit(policy.currency)
    candidates = [_candidate(step, parsed, policy, unit) for step in trial.before.trace]
    changes = [trial.verify(c) for c in candidates if c is not None]
    changes += _tier_changes(trial, policy, unit)
    found = {(c.guarantee, c.kind, c.path, str(c.value)): c for c in changes if c is not None}
    rank = {g.id: index for index, g in enumerate(policy.ranked_guarantees())}
    return sorted(found.values(), key=lambda c: (rank.get(c.guarantee, len(rank)), c.kind,
                                                 c.path, str(c.value)))


@dataclass(frozen=True, slots=True)
class _Trial:
    """The decided case, against which each candidate change is decided again."""

    engine: Engine
    case: Case
    data: dict[str, Any]
    before: Decision
    lang: Lang

    def verify(self, candidate: _Candidate) -> Change | None:
        """The change, when deciding the changed case again changes the status or the total
        and the candidate's own guarantee decides differently."""
        changed = copy.deepcopy(self.data)
        _set(changed, candidate.path, candidate.value)
        if candidate.path == "claim.filed_at" and isinstance(candidate.value, str) and (
                datetime.fromisoformat(candidate.value) > self.case.as_of):
            changed["as_of"] = candidate.value
        try:
            after = self.engine.evaluate(changed)
        except InvalidCaseError:
            return None
        gid, before = candidate.guarantee, self.before
        if (after.status, after.total()) == (before.status, before.total()) or _own(
                after, gid) == _own(before, gid):
            return None
        claim = self.case.claim
        noun = "claim" if claim is not None and claim.kind == gid else "guarantee_noun"
        return Change(guarantee=gid, kind=candidate.kind, path=candidate.path,
                      value=candidate.value, status=after.status, total=after.total(),
                      message=_outcome(after, gid, noun, candidate.what, self.lang))


def _candidate(step: Step, case: Case, policy: Policy, unit: Decimal) -> _Candidate | None:
    """The change of one fact that would turn this step of the trace, if there is one."""
    gid, facts, claim = step.guarantee or "", step.facts, case.claim
    if step.check in ("filed_within", "filed_after", "filed_before") and not step.passed:
        return _filing(step, gid)
    if step.check == "evidence" and not step.passed and claim is not None:
        missing = [k for k in policy.guarantee(gid).evidence if k not in claim.evidence]
        return _Candidate(gid, "add_evidence", "claim.evidence", [*claim.evidence, *missing],
                          Phrase("add_evidence", {"missing": ", ".join(missing)}))
    if step.check == "order_total_above" and not step.passed:
        target = Decimal(facts["minimum"]).quantize(unit, ROUND_FLOOR) + unit
        return _total(case, gid, "order_total_at_least", target, "")
    if step.check == "order_total_at_most" and not step.passed:
        target = Decimal(facts["limit"]).quantize(unit, ROUND_FLOOR)
        return _total(case, gid, "order_total_at_most", target, "")
    if step.check == "reference_price_below_unit_price" and not step.passed:
        compared = set(facts.get("unit_prices", "").split(", "))
        prices = [line.unit_price for line in case.order.lines
                  if f"{line.id}: {line.unit_price}" in compared]
        price = min(prices).quantize(unit, ROUND_CEILING) - unit if prices else Decimal(-1)
        return None if price < 0 else _Candidate(
            gid, "reference_price_below", "claim.reference_price", str(price),
            Phrase("reference_price_below", {"price": str(price), "unit_price": str(min(prices))}))
    if step.check == "item_intact" and not step.passed:
        return _Candidate(gid, "item_intact", "claim.item_condition",
                          ItemCondition.INTACT.value, Phrase("item_intact"))
    if step.check == "return_tracked" and not step.passed:
        return _Candidate(gid, "add_return_tracking", "claim.return_tracking_no",
                          TRACKING_PLACEHOLDER, Phrase("add_return_tracking"))
    if step.check in ("shipped_late", "not_shipped_within") and step.passed:
        by = _instant(facts.get("promised_ship_by" if step.check == "shipped_late" else "limit"))
        if by is None:
            return None
        shipped_at = _instant(facts.get("shipped_at"))
        what = (Phrase("ship_by", {"by": by.isoformat(), "earlier": fact_text(shipped_at - by)})
                if shipped_at else Phrase("ship_by_unshipped", {"by": by.isoformat()}))
        return _Candidate(gid, "ship_by", "order.shipped_at", by.isoformat(), what)
    return None


def _filing(step: Step, gid: str) -> _Candidate | None:
    """A failing window: file by its deadline, or from the event it waits for."""
    filed_at, event_at = _instant(step.facts.get("filed_at")), _instant(step.facts.get("event_at"))
    if filed_at is None or event_at is None:
        return None
    deadline = _instant(step.facts.get("deadline"))
    if step.check == "filed_before":
        deadline = event_at - _MICROSECOND  # the event must not have happened yet
    elif event_at > filed_at:
        return _Candidate(gid, "file_from", "claim.filed_at", event_at.isoformat(),
                          Phrase("file_from", {"event_at": event_at.isoformat(),
                                               "later": fact_text(event_at - filed_at)}))
    if deadline is None or filed_at <= deadline:
        return None
    earlier = fact_text(filed_at - deadline)
    what = (Phrase("file_before", {"event_at": event_at.isoformat(), "earlier": earlier})
            if step.check == "filed_before"
            else Phrase("file_by", {"deadline": deadline.isoformat(), "earlier": earlier}))
    return _Candidate(gid, "file_by", "claim.filed_at", deadline.isoformat(), what)


def _total(case: Case, gid: str, kind: str, target: Decimal,
           note: Phrase | str) -> _Candidate | None:
    """The order total set to `target` by changing the largest line's paid amount."""
    lines = case.order.lines
    index = max(range(len(lines)), key=lambda i: lines[i].paid_amount)
    difference = target - case.order.total_paid
    paid = lines[index].paid_amount + difference
    if difference == 0 or paid < 0:
        return None
    return _Candidate(gid, kind, f"order.lines[{index}].paid_amount", str(paid), Phrase(
        "total_more" if difference > 0 else "total_less",
        {"target": str(target), "difference": str(abs(difference)), "line": lines[index].id,
         "paid": str(paid), "note": note}))


def _tier_changes(trial: _Trial, policy: Policy, unit: Decimal) -> Iterator[Change | None]:
    """For each tiered amount on the order total, the lowest total that changes the outcome:
    the next tier's start or, when it pays the same there, the first total in that tier (up to
    the tier after it, or twice its start) that pays differently, found by bisection."""
    for step in trial.before.trace:
        gid = step.guarantee
        if step.check != "amount" or "tier" not in step.facts or gid is None:
            continue
        for spec in policy.guarantee(gid).remedies:
            amount = getattr(spec, "amount", None)
            if isinstance(amount, TieredAmount) and amount.base == "order_total":
                starts = sorted(t.at_least.quantize(unit, ROUND_CEILING) for t in amount.tiers
                                if t.at_least > Decimal(step.facts["base"]))
                if starts:
                    high = starts[1] - unit if len(starts) > 1 else starts[0] * 2
                    yield _first_change(trial, gid, starts[0], high, unit)


def _first_change(trial: _Trial, gid: str, start: Decimal, high: Decimal,
                  unit: Decimal) -> Change | None:
    def attempt(target: Decimal) -> Change | None:
        note = (Phrase("tier_start") if target == start
                else Phrase("tier_first", {"start": str(start)}))
        candidate = _total(trial.case, gid, "order_total_at_least", target, note)
        return None if candidate is None else trial.verify(candidate)

    found = attempt(start)
    if found is not None or high <= start:
        return found
    found = attempt(high)  # within a tier, a higher total never pays less
    low_units, high_units = int(start / unit), int(high / unit)
    while found is not None and high_units - low_units > 1:
        middle = (low_units + high_units) // 2
        change = attempt(middle * unit)
        if change is None:
            low_units = middle
        else:
            high_units, found = middle, change
    return found


def _own(decision: Decision, gid: str) -> tuple[tuple[str, ...], Decimal]:
    """What one guarantee decided: its reason codes and what it pays."""
    codes = tuple(reason.code for reason in decision.reasons if reason.guarantee == gid)
    paid = sum((r.amount for r in decision.remedies
                if r.guarantee == gid and r.amount is not None), Decimal(0))
    return codes, paid


def _outcome(decision: Decision, gid: str, noun: str, what: Phrase, lang: Lang) -> str:
    """The change and what the guarantee would then decide, as a sentence in `lang`."""
    words: dict[str, str | Phrase] = {"what": what, "guarantee": gid, "noun": Phrase(noun)}
    remedies = [remedy for remedy in decision.remedies if remedy.guarantee == gid]
    if remedies:
        return phrase("would_approve", lang, **words, remedies=phrase("remedies", lang).join(
            remedy_money(remedy, lang) for remedy in remedies))
    reasons = [reason for reason in decision.reasons if reason.guarantee == gid]
    if not reasons:
        return phrase("would_not_pay", lang, **words)
    key = ("would_need_evidence" if reasons[0].code.endswith(".evidence_missing")
           else "would_deny")
    return phrase(key, lang, **words, reason=reason_text(reasons[0], decision, lang))


def _set(data: dict[str, Any], path: str, value: str | list[str]) -> None:
    """Set the field at a JSON path such as `order.lines[0].paid_amount`."""
    keys: list[Any] = [int(key) if key.isdigit() else key for key in re.findall(r"\w+", path)]
    parent: Any = data
    for key in keys[:-1]:
        parent = parent[key]
    parent[keys[-1]] = value


def _instant(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text or "")
    except ValueError:  # "none": the event did not happen
        return None
