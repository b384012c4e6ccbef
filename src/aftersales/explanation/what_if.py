"""What would change the outcome: the nearest changes to a decided case's facts that flip its
decision (the deadline by which filing would have succeeded, the missing evidence, the order
total at which the next tier starts, ...). Each rule kind proposes the change that turns its
own check, from the typed facts of the trace step it recorded (`Condition.flip`); each is
verified by deciding the changed case again: only those that change the status or the total
are reported."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, field_serializer

from ..engine import CaseInput, Engine, resolve
from ..model.case import Case, parse_case
from ..model.decision import Decision, Status, Step
from ..model.errors import InvalidCaseError
from ..model.facts import Phrase
from ..model.money import in_exact_context, minor_unit
from ..policy.policy import Policy
from ..policy.versions import AnyPolicy
from ..rules.conditions import CONDITION_KINDS
from ..rules.flips import total_flip
from ..rules.protocol import Flip
from ..wording import Lang, check_lang, phrase, reason_text, remedy_money

__all__ = ["Change", "what_if"]


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


@in_exact_context
def what_if(case: CaseInput, policy: AnyPolicy | str | None = None, *,
            lang: str = "en") -> list[Change]:
    """The nearest changes to `case` that change its decision's status or total under `policy`
    (the standard policy when omitted; under versions in force, the version in force for the
    case), by guarantee rank then kind, each with its message in `lang` (`en` or `zh`).
    Raises `InvalidCaseError` for a case that is not valid, as `evaluate` does."""
    parsed = parse_case(case)
    engine = resolve(policy)
    if not isinstance(engine, Engine):
        engine = engine.engine_for_case(parsed.record())
    version = engine.policy
    trial = _Trial(engine, parsed, parsed.model_dump(mode="json"), engine.evaluate(parsed),
                   check_lang(lang))
    unit = minor_unit(version.currency)
    found: dict[tuple[str, str, str, str], Change] = {}
    for step in trial.before.trace:
        proposed = _flip(step, parsed, version, unit)
        change = None if proposed is None else trial.verify(step.guarantee or "", proposed)
        if change is not None:
            found[(change.guarantee, change.kind, change.path, str(change.value))] = change
    for change in _tier_changes(trial, version, unit):
        if change is not None:
            found[(change.guarantee, change.kind, change.path, str(change.value))] = change
    rank = {g.id: index for index, g in enumerate(version.ranked_guarantees())}
    return sorted(found.values(), key=lambda c: (rank.get(c.guarantee, len(rank)), c.kind,
                                                 c.path, str(c.value)))


def _flip(step: Step, case: Case, policy: Policy, unit: Decimal) -> Flip | None:
    """The change of one fact that would turn this step of the trace, if there is one: the
    condition kind that recorded it says, or, for the evidence step, its guarantee."""
    if step.check == "evidence":
        if step.passed or step.guarantee is None:
            return None
        return policy.guarantee(step.guarantee).flip_evidence(case)
    kind = CONDITION_KINDS.get(step.check)
    return None if kind is None else kind.flip(step, case, unit)


@dataclass(frozen=True, slots=True)
class _Trial:
    """The decided case, against which each candidate change is decided again."""

    engine: Engine
    case: Case
    data: dict[str, Any]
    before: Decision
    lang: Lang

    def verify(self, gid: str, flip: Flip) -> Change | None:
        """The change, when deciding the changed case again changes the status or the total
        and the candidate's own guarantee decides differently."""
        changed = copy.deepcopy(self.data)
        _set(changed, flip.path, flip.value)
        if flip.path == "claim.filed_at" and isinstance(flip.value, str) and (
                datetime.fromisoformat(flip.value) > self.case.as_of):
            changed["as_of"] = flip.value
        try:
            after = self.engine.evaluate(changed)
        except InvalidCaseError:
            return None
        before = self.before
        if (after.status, after.total()) == (before.status, before.total()) or _own(
                after, gid) == _own(before, gid):
            return None
        claim = self.case.claim
        noun = "claim" if claim is not None and claim.kind == gid else "guarantee_noun"
        return Change(guarantee=gid, kind=flip.kind, path=flip.path, value=flip.value,
                      status=after.status, total=after.total(),
                      message=_outcome(after, gid, noun, Phrase(flip.phrase, flip.facts),
                                       self.lang))


def _tier_changes(trial: _Trial, policy: Policy, unit: Decimal) -> Iterator[Change | None]:
    """For each tier table on the order total, the lowest total that changes the outcome:
    the next tier's start or, when it pays the same there, the first total in that tier (up
    to the tier after it, or twice its start) that pays differently, found by bisection."""
    for step in trial.before.trace:
        gid, base = step.guarantee, step.facts.get("base")
        if step.check != "amount" or "tier" not in step.facts or gid is None \
                or not isinstance(base, Decimal):
            continue
        for spec in policy.guarantee(gid).remedies:
            for option in spec.offered():
                starts = option.amount.tier_starts(base, unit) if option.amount else ()
                if starts:
                    high = starts[1] - unit if len(starts) > 1 else starts[0] * 2
                    yield _first_change(trial, gid, starts[0], high, unit)


def _first_change(trial: _Trial, gid: str, start: Decimal, high: Decimal,
                  unit: Decimal) -> Change | None:
    def attempt(target: Decimal) -> Change | None:
        note = (Phrase("tier_start") if target == start
                else Phrase("tier_first", {"start": start}))
        flip = total_flip(trial.case, "order_total_at_least", target, note)
        return None if flip is None else trial.verify(gid, flip)

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
    words: dict[str, object] = {"what": what, "guarantee": gid, "noun": Phrase(noun)}
    remedies = [remedy for remedy in decision.remedies if remedy.guarantee == gid]
    if remedies:
        return phrase("would_approve", lang, {**words, "remedies": phrase(
            "remedies", lang).join(remedy_money(remedy, lang) for remedy in remedies)})
    reasons = [reason for reason in decision.reasons if reason.guarantee == gid]
    if not reasons:
        return phrase("would_not_pay", lang, words)
    key = ("would_need_evidence" if reasons[0].code.endswith(".evidence_missing")
           else "would_deny")
    return phrase(key, lang, {**words, "reason": reason_text(reasons[0], lang)})


def _set(data: dict[str, Any], path: str, value: str | list[str]) -> None:
    """Set the field at a JSON path such as `order.lines[0].paid_amount`."""
    keys: list[Any] = [int(key) if key.isdigit() else key for key in re.findall(r"\w+", path)]
    parent: Any = data
    for key in keys[:-1]:
        parent = parent[key]
    parent[keys[-1]] = value

