# ruff: noqa: RUF001  -- Chinese text is written with full-width punctuation
"""The words around the messages, in each language: the explanation tree's labels, the
what-if changes, and a decision's remedies and reasons in a language.

Facts are worded as each language's messages word them (`messages.value_en`,
`messages_zh.value_zh`). A reason keeps only its English message; its Chinese one is rendered
from the facts of the trace step it came from or, without one, from the facts read back out
of the English message (whose template is known).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Final, NamedTuple

from .messages import MESSAGES, Lang, fact_from_en, render, value_en
from .messages_zh import GUARANTEES_ZH, PAYERS_ZH, REMEDY_KINDS_ZH, value_zh

if TYPE_CHECKING:
    from .decision import Decision, Reason, Remedy

__all__ = ["GUARANTEE_NAMES", "PHRASES", "Phrase", "phrase", "reason_facts", "reason_text",
           "remedy_money", "remedy_text"]

PHRASES: Final[dict[Lang, dict[str, str]]] = {
    "en": {
        # the tree
        "case": "case {case_id}",
        "no_case_id": "case",
        "headline": "{subject} (order {order_id}): {status} under policy {policy} version "
        "{version}",
        "approved": "APPROVED",
        "denied": "DENIED",
        "needs_evidence": "NEEDS EVIDENCE",
        "not_covered": "NOT COVERED",
        "why": "why: {message} [{code}]",
        "missing_evidence": "missing evidence: {missing}",
        "deadline": "deadline: {deadline}",
        "guarantee": "{guarantee}: {verdict}",
        "titled": "{guarantee} ({title})",
        "codes": "{verdict} [{codes}]",
        "verdict_approved": "approved",
        "verdict_denied": "denied",
        "verdict_needs_evidence": "needs evidence",
        "verdict_not_covered": "does not cover the claimed lines",
        "verdict_excluded": "excluded",
        "verdict_add_on": "add-on, not applied",
        "reason": "{code}: {message}",
        "not_for_claim": "not for {claim_kind} claims: {guarantees}",
        "not_without_claim": "not checked without a claim: {guarantees}",
        "add_ons_not_checked": "add-ons, checked only after an approval: {guarantees}",
        "what_would_pass": "what would have made it pass",
        "what_would_change": "what would change the outcome",
        "nothing_would_pass": "nothing nearby would have made it pass",
        "nothing_would_change": "nothing nearby changes the outcome",
        # a remedy
        "remedy": "{kind}{money} paid by {payer}{lines} ({notes})",
        "on_lines": " on {lines}",
        "return_required": "return required",
        "return_leg": "return leg paid by {payer}",
        "due_by": "due by {due_by}",
        "advance": "advance",
        "list": ", ",
        # what would change the outcome
        "file_by": "filed by {deadline} ({earlier} earlier)",
        "file_before": "filed before {event_at} ({earlier} earlier)",
        "file_from": "filed at {event_at} ({later} later)",
        "add_evidence": "with {missing} added",
        "total_more": "with an order total of {target} ({difference} more: {line} paid "
        "{paid}{note})",
        "total_less": "with an order total of {target} ({difference} less: {line} paid "
        "{paid}{note})",
        "tier_start": ", where the next tier starts",
        "tier_first": "; the next tier starts at {start} and first pays more here",
        "reference_price_below": "with a reference price of {price} (just below the unit "
        "price {unit_price})",
        "item_intact": "with the goods intact",
        "add_return_tracking": "with the return parcel's tracking number",
        "ship_by": "shipped by {by} ({earlier} earlier)",
        "ship_by_unshipped": "shipped by {by} (unshipped)",
        "claim": "claim",
        "guarantee_noun": "guarantee",
        "would_approve": "{what}, the {guarantee} {noun} would be approved: {remedies}",
        "would_not_pay": "{what}, the {guarantee} {noun} would not pay",
        "would_need_evidence": "{what}, the {guarantee} {noun} would need evidence: {reason}",
        "would_deny": "{what}, the {guarantee} {noun} would be denied: {reason}",
        "remedies": "; ",
    },
    "zh": {
        "case": "售后单 {case_id}",
        "no_case_id": "售后单",
        "headline": "{subject}（订单 {order_id}）：{status} · 政策 {policy} 版本 {version}",
        "approved": "通过",
        "denied": "拒绝",
        "needs_evidence": "待补充凭证",
        "not_covered": "不在保障范围内",
        "why": "原因：{message} [{code}]",
        "missing_evidence": "缺少凭证：{missing}",
        "deadline": "截止时间：{deadline}",
        "guarantee": "{guarantee}：{verdict}",
        "titled": "{guarantee}（{title}）",
        "codes": "{verdict} [{codes}]",
        "verdict_approved": "通过",
        "verdict_denied": "拒绝",
        "verdict_needs_evidence": "待补充凭证",
        "verdict_not_covered": "不覆盖所申请的商品",
        "verdict_excluded": "被排除",
        "verdict_add_on": "附加保障，未生效",
        "reason": "{code}：{message}",
        "not_for_claim": "不受理{claim_kind}：{guarantees}",
        "not_without_claim": "无申请时不检查：{guarantees}",
        "add_ons_not_checked": "附加保障，仅在有保障通过后检查：{guarantees}",
        "what_would_pass": "怎样才能通过",
        "what_would_change": "怎样会改变结果",
        "nothing_would_pass": "没有一处小改动能让它通过",
        "nothing_would_change": "没有一处小改动会改变结果",
        "remedy": "{kind}{money}，由{payer}承担{lines}（{notes}）",
        "on_lines": "，商品 {lines}",
        "return_required": "需退货",
        "return_leg": "退货运费由{payer}承担",
        "due_by": "须于 {due_by} 前退款",
        "advance": "提前垫付",
        "list": "，",
        "file_by": "在 {deadline} 前提交（早 {earlier}）",
        "file_before": "在 {event_at} 之前提交（早 {earlier}）",
        "file_from": "在 {event_at} 提交（晚 {later}）",
        "add_evidence": "补充{missing}",
        "total_more": "订单实付为 {target}（多 {difference}：商品 {line} 实付 {paid}{note}）",
        "total_less": "订单实付为 {target}（少 {difference}：商品 {line} 实付 {paid}{note}）",
        "tier_start": "，正是下一档的起点",
        "tier_first": "；下一档从 {start} 起，到这里才开始多赔",
        "reference_price_below": "参考价为 {price}（略低于实付单价 {unit_price}）",
        "item_intact": "商品完好",
        "add_return_tracking": "提供退货包裹的运单号",
        "ship_by": "在 {by} 前发货（早 {earlier}）",
        "ship_by_unshipped": "在 {by} 前发货（实际未发货）",
        "claim": "申请",
        "guarantee_noun": "保障",
        "would_approve": "若{what}，{guarantee} {noun}将获通过：{remedies}",
        "would_not_pay": "若{what}，{guarantee} {noun}不会赔付",
        "would_need_evidence": "若{what}，{guarantee} {noun}将需补充凭证：{reason}",
        "would_deny": "若{what}，{guarantee} {noun}将被拒：{reason}",
        "remedies": "；",
    },
}

GUARANTEE_NAMES: Final[dict[Lang, Mapping[str, str]]] = {"en": {}, "zh": GUARANTEES_ZH}
"""Names shown beside a guarantee's id (the policy's own titles are in English)."""
_VALUES: Final[dict[Lang, Callable[[str, str], str]]] = {"en": value_en, "zh": value_zh}


class Phrase(NamedTuple):
    """A phrase not yet put into words: its key in `PHRASES` and its facts (as text, or as
    phrases of their own)."""

    key: str
    facts: Mapping[str, str | Phrase] = {}

    def text(self, lang: Lang) -> str:
        return phrase(self.key, lang, **self.facts)


def phrase(key: str, lang: Lang, **facts: str | Phrase) -> str:
    """The phrase `key` in `lang`, its facts worded as that language's messages word them
    (instants; in Chinese also durations, events, evidence kinds)."""
    value = _VALUES[lang]
    words = {name: fact.text(lang) if isinstance(fact, Phrase) else value(name, fact)
             for name, fact in facts.items()}
    return PHRASES[lang][key].format_map(words)


def remedy_money(remedy: Remedy, lang: Lang) -> str:
    """`refund 39.90 CNY`, or an action's kind alone (`pickup`)."""
    kind = _kind(remedy.kind.value, lang)
    return kind if remedy.amount is None else f"{kind} {remedy.amount} {remedy.currency}"


def remedy_text(remedy: Remedy, lang: Lang) -> str:
    """`refund 39.90 CNY paid by merchant on l1 (spoilage, return required)`."""
    notes = [remedy.guarantee]
    if remedy.return_required:
        notes.append(phrase("return_required", lang))
        if remedy.return_shipping_payer is not None:
            notes.append(phrase("return_leg", lang,
                                payer=_payer(remedy.return_shipping_payer.value, lang)))
    if remedy.due_by is not None:
        notes.append(phrase("due_by", lang, due_by=remedy.due_by.isoformat()))
    if remedy.advance:
        notes.append(phrase("advance", lang))
    money = "" if remedy.amount is None else f" {remedy.amount} {remedy.currency}"
    lines = phrase("on_lines", lang, lines=", ".join(remedy.line_ids)) if remedy.line_ids else ""
    return phrase("remedy", lang, kind=_kind(remedy.kind.value, lang), money=money,
                  payer=_payer(remedy.payer.value, lang), lines=lines,
                  notes=PHRASES[lang]["list"].join(notes))


def reason_text(reason: Reason, decision: Decision, lang: Lang) -> str:
    """The reason's message in `lang`."""
    if lang == "en":
        return reason.message
    return render(reason.code.split(".", 1)[-1], reason_facts(reason, decision), lang)


def reason_facts(reason: Reason, decision: Decision) -> dict[str, str]:
    """The facts a reason was rendered from: those of the trace step that renders to its
    message, else those read back out of the message."""
    code = reason.code.split(".", 1)[-1]
    for step in decision.trace:
        if (step.guarantee == reason.guarantee and step.code == code
                and render(code, step.facts) == reason.message):
            return step.facts
    template = MESSAGES.get(code)
    match = None if template is None else _pattern(template).fullmatch(reason.message)
    if match is None:
        return {}
    return {name: fact_from_en(name, text) for name, text in match.groupdict().items()}


@lru_cache(maxsize=256)
def _pattern(template: str) -> re.Pattern[str]:
    """A template as a pattern that reads its facts back out of a message."""
    parts = re.split(r"\{(\w+)\}", template)
    pattern, seen = "", set()
    for index, part in enumerate(parts):
        if index % 2 == 0:
            pattern += re.escape(part)
        elif part in seen:
            pattern += f"(?P={part})"
        else:
            seen.add(part)
            pattern += f"(?P<{part}>.*?)"
    return re.compile(pattern, re.DOTALL)


def _kind(kind: str, lang: Lang) -> str:
    return REMEDY_KINDS_ZH.get(kind, kind) if lang == "zh" else kind


def _payer(payer: str, lang: Lang) -> str:
    return PAYERS_ZH.get(payer, payer) if lang == "zh" else payer
