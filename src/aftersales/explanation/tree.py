"""A decision as a readable tree: the headline, the remedies, every guarantee the engine
considered with its verdict and each check (✓/✗, its code and the facts compared), and, for
a decision that is not approved, what would have made it pass.

Plain text (box-drawing characters, no colour), in English or Chinese; the same decision
always gives the same text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..engine import CaseInput, Engine, resolve
from ..model import hooks
from ..model.case import Case, parse_case
from ..model.decision import Decision, Reason, Status, Step
from ..model.facts import Phrase, fact_text, fact_texts
from ..model.money import in_exact_context
from ..model.printable import printable
from ..policy.policy import Policy
from ..policy.versions import AnyPolicy
from ..wording import (
    GUARANTEE_NAMES,
    Lang,
    check_lang,
    phrase,
    reason_text,
    remedy_text,
    render,
)
from .what_if import Change
from .what_if import what_if as find_changes

__all__ = ["explain", "explain_decision"]

_VERDICTS = {"evidence_missing": "verdict_needs_evidence",
             "category_not_covered": "verdict_not_covered", "excluded": "verdict_excluded"}


@in_exact_context
def explain(case: CaseInput, policy: AnyPolicy | str | None = None, *, lang: str = "en",
            what_if: bool | None = None) -> str:
    """Decide `case` under `policy` (the standard policy when omitted; under versions in
    force, the version the case falls under) and explain the decision as a tree in `lang`
    (`en` or `zh`). The tree ends with the nearest changes that would alter the decision
    (`aftersales.what_if`): by default only for a decision that is not approved;
    `what_if=True` for every decision, `False` for none. Raises `InvalidCaseError` for a
    case that is not valid, as `evaluate` does."""
    checked = check_lang(lang)
    parsed = parse_case(case)
    engine = resolve(policy)
    if not isinstance(engine, Engine):
        engine = engine.engine_for_case(parsed.record())
    decision = engine.evaluate(parsed)
    show = decision.status is not Status.APPROVED if what_if is None else what_if
    changes = find_changes(parsed, engine.policy, lang=checked) if show else None
    return explain_decision(decision, checked, policy=engine.policy, case=parsed,
                            changes=changes)


def explain_decision(decision: Decision, lang: Lang = "en", *, policy: Policy | None = None,
                     case: Case | None = None, changes: list[Change] | None = None) -> str:
    """The tree for a decided case. With the `policy` and `case` it was decided from, it
    also names the guarantees not considered; with `changes`, it ends with them."""
    root = _Node(_headline(decision, lang))
    root.children += [_Node(remedy_text(remedy, lang)) for remedy in decision.remedies]
    if decision.status is not Status.APPROVED and decision.reasons:
        main = decision.reasons[0]
        root.children.append(_Node(phrase("why", lang, {
            "code": main.code, "message": reason_text(main, lang)})))
    if decision.missing_evidence:
        root.children.append(_Node(phrase("missing_evidence", lang,
                                          {"missing": decision.missing_evidence})))
    if decision.deadline is not None:
        root.children.append(_Node(phrase("deadline", lang, {"deadline": decision.deadline})))
    considered = _considered(decision)
    root.children += [_guarantee(gid, steps, decision, lang)
                      for gid, steps in considered.items()]
    if policy is not None and case is not None:
        root.children += _not_considered(set(considered), policy, case, lang)
    if changes is not None:
        root.children.append(_changes(decision, changes, lang))
    return "\n".join(printable(line) for line in root.lines())


@dataclass
class _Node:
    text: str
    details: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    def lines(self) -> Iterator[str]:
        yield self.text
        yield from self._below("")

    def _below(self, prefix: str) -> Iterator[str]:
        for detail in self.details:
            yield f"{prefix}{'│ ' if self.children else '  '}{detail}"
        for index, child in enumerate(self.children):
            last = index == len(self.children) - 1
            yield f"{prefix}{'└─ ' if last else '├─ '}{child.text}"
            yield from child._below(prefix + ("   " if last else "│  "))


def _headline(decision: Decision, lang: Lang) -> str:
    subject = (phrase("case", lang, {"case_id": decision.case_id}) if decision.case_id
               else phrase("no_case_id", lang))
    return phrase("headline", lang, {"subject": subject, "order_id": decision.order_id,
                                     "status": Phrase(decision.status.value),
                                     "policy": decision.policy.id,
                                     "version": decision.policy.version})


def _considered(decision: Decision) -> dict[str, list[Step]]:
    """Each guarantee the decision speaks of, in the order the engine checked them, with
    its steps."""
    considered: dict[str, list[Step]] = {}
    for step in decision.trace:
        considered.setdefault(step.guarantee or "policy", []).append(step)
    for gid in [*(r.guarantee for r in decision.reasons), *(r.guarantee for r in
                                                           decision.remedies)]:
        if gid is not None:
            considered.setdefault(gid, [])
    return considered


def _guarantee(gid: str, steps: list[Step], decision: Decision, lang: Lang) -> _Node:
    reasons = [reason for reason in decision.reasons if reason.guarantee == gid]
    codes = [reason.code for reason in reasons if not reason.code.endswith(".approved")]
    if any(remedy.guarantee == gid for remedy in decision.remedies):
        verdict = "verdict_approved"
    elif reasons:
        verdict = _VERDICTS.get(reasons[0].code.split(".", 1)[-1], "verdict_denied")
    else:  # only an add-on that does not approve gives no reason
        verdict = "verdict_add_on"
    words = Phrase("codes", {"verdict": Phrase(verdict), "codes": ", ".join(codes)}) if codes \
        else Phrase(verdict)
    name = GUARANTEE_NAMES[lang].get(gid)
    title = phrase("titled", lang, {"guarantee": gid, "title": name}) if name else gid
    node = _Node(phrase("guarantee", lang, {"guarantee": title, "verdict": words}))
    node.children += [_step(step, lang) for step in steps]
    node.children += [
        _Node(phrase("reason", lang, {"code": f"• {r.code}", "message": reason_text(r, lang)}))
        for r in reasons if r.code in codes and not _traced(r, steps)]
    return node


def _step(step: Step, lang: Lang) -> _Node:
    mark = "✓" if step.passed else "✗"
    text = phrase("reason", lang, {"code": f"{mark} {step.check}",
                                   "message": render(step.code, step.facts, lang)})
    facts = " · ".join(f"{name}: {fact_text(value)}" for name, value in step.facts.items())
    return _Node(text, [f"[{step.code}] {facts}".rstrip()])


def _traced(reason: Reason, steps: list[Step]) -> bool:
    """Whether a step of the trace already shows the reason (same code, same facts)."""
    code = reason.code.split(".", 1)[-1]
    facts = fact_texts(reason.facts)
    return any(step.code == code and fact_texts(step.facts) == facts for step in steps)


def _not_considered(considered: set[str], policy: Policy, case: Case,
                    lang: Lang) -> Iterator[_Node]:
    kind = case.claim.kind if case.claim is not None else None
    ranked = [g for g in policy.ranked_guarantees() if g.id not in considered]
    other = [g.id for g in ranked if not g.is_add_on and not g.covers_claim_kind(kind)]
    if other:
        yield _Node(phrase("not_without_claim", lang, {"guarantees": ", ".join(other)})
                    if kind is None else
                    phrase("not_for_claim", lang, {"claim_kind": kind.value,
                                                   "guarantees": ", ".join(other)}))
    add_ons = [g.id for g in ranked if g.is_add_on]
    if add_ons:
        yield _Node(phrase("add_ons_not_checked", lang, {"guarantees": ", ".join(add_ons)}))


def _changes(decision: Decision, changes: list[Change], lang: Lang) -> _Node:
    approved = decision.status is Status.APPROVED
    node = _Node(phrase("what_would_change" if approved else "what_would_pass", lang))
    node.children = [_Node(change.message) for change in changes] or [
        _Node(phrase("nothing_would_change" if approved else "nothing_would_pass", lang))]
    return node


hooks.install(explain=lambda decision, lang: explain_decision(decision, check_lang(lang)))
