"""The words around the messages, in each language: a phrase of the explanation tree or of a
what-if change put into words, a decision's remedies and reasons in a language.

Facts are worded as each language's messages word them (`en.word_en`, `zh.word_zh`), from
the typed facts: a reason's Chinese message is rendered from the reason's own facts, never
read back out of its English one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final

from . import en, zh
from .langs import Lang

if TYPE_CHECKING:
    from ..model.decision import Reason, Remedy

__all__ = ["GUARANTEE_NAMES", "PHRASES", "phrase", "reason_text", "remedy_money",
           "remedy_text", "words"]

PHRASES: Final[dict[Lang, dict[str, str]]] = {"en": en.PHRASES, "zh": zh.PHRASES_ZH}
GUARANTEE_NAMES: Final[dict[Lang, Mapping[str, str]]] = {"en": {}, "zh": zh.GUARANTEES_ZH}
"""Names shown beside a guarantee's id (the policy's own titles are in English)."""
_WORD: Final[dict[Lang, Callable[[str, object], str]]] = {"en": en.word_en, "zh": zh.word_zh}
_PHRASE: Final[dict[Lang, Callable[[str, Mapping[str, object] | None], str]]] = {
    "en": en.phrase_en, "zh": zh.phrase_zh}
_RENDER: Final[dict[Lang, Callable[[str, Mapping[str, object]], str]]] = {
    "en": en.render_en, "zh": zh.render_zh}


def render(code: str, facts: Mapping[str, object], lang: Lang) -> str:
    """The message for `code` (an outcome code, or a reason code's last part) in `lang`."""
    return _RENDER[lang](code, facts)


def words(name: str, value: object, lang: Lang) -> str:
    """One fact as `lang` words it."""
    return _WORD[lang](name, value)


def phrase(key: str, lang: Lang, facts: Mapping[str, object] | None = None) -> str:
    """The phrase `key` in `lang`, its facts worded as that language's messages word them
    (a fact may be a phrase of its own)."""
    return _PHRASE[lang](key, facts)


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
                                {"payer": _payer(remedy.return_shipping_payer.value, lang)}))
    if remedy.due_by is not None:
        notes.append(phrase("due_by", lang, {"due_by": remedy.due_by}))
    if remedy.advance:
        notes.append(phrase("advance", lang))
    money = "" if remedy.amount is None else f" {remedy.amount} {remedy.currency}"
    lines = phrase("on_lines", lang, {"lines": ", ".join(remedy.line_ids)}) \
        if remedy.line_ids else ""
    return phrase("remedy", lang, {"kind": _kind(remedy.kind.value, lang), "money": money,
                                   "payer": _payer(remedy.payer.value, lang), "lines": lines,
                                   "notes": PHRASES[lang]["list"].join(notes)})


def reason_text(reason: Reason, lang: Lang) -> str:
    """The reason's message in `lang`: its English message as kept, or rendered in another
    language from its facts."""
    if lang == "en":
        return reason.message
    return render(reason.code.split(".", 1)[-1], reason.facts, lang)


def _kind(kind: str, lang: Lang) -> str:
    return zh.REMEDY_KINDS_ZH.get(kind, kind) if lang == "zh" else kind


def _payer(payer: str, lang: Lang) -> str:
    return zh.PAYERS_ZH.get(payer, payer) if lang == "zh" else payer
