# ruff: noqa: RUF001, RUF002  -- Chinese text is written with full-width punctuation
"""How a report names what it shows, in its language: guarantees (`allergy 过敏包退`), payers
and remedy kinds beside their ids, statuses, remedies and amounts."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from ..model.decision import Remedy
from ..wording import GUARANTEE_NAMES, Lang
from ..wording.labels import label
from ..wording.zh import PAYERS_ZH, REMEDY_KINDS_ZH
from .previews import remedy_text

if TYPE_CHECKING:
    from .diffs import DiffRow
    from .previews import PreviewRow

__all__ = ["advance_note", "guarantee_name", "kind_name", "payer_name", "remedy_words",
           "signed", "status_word", "unit_word"]


def signed(amount: Decimal) -> str:
    """`+12.00`, `-259.00`, `0.00`."""
    return f"+{amount}" if amount > 0 else str(amount)


def guarantee_name(gid: str, lang: Lang) -> str:
    """`allergy`, or in Chinese `allergy 过敏包退` (the id beside its Chinese name)."""
    name = GUARANTEE_NAMES[lang].get(gid)
    return f"{gid} {name}" if name else gid


def payer_name(payer: str, lang: Lang) -> str:
    name = PAYERS_ZH.get(payer) if lang == "zh" else None
    return f"{payer} {name}" if name else payer


def kind_name(kind: str, lang: Lang) -> str:
    name = REMEDY_KINDS_ZH.get(kind) if lang == "zh" else None
    return f"{kind} {name}" if name else kind


def status_word(status: str, lang: Lang, *, figure: bool = False) -> str:
    """A status in a cell: its code in English (`needs_evidence`; `needs evidence` as a
    figure of the summary), its word in Chinese (`待补充凭证`)."""
    if lang == "en":
        return status.replace("_", " ") if figure else status
    return label("status_invalid" if status == "invalid" else status, lang)


def remedy_words(remedy: Remedy, lang: Lang) -> str:
    """`refund 39.90 (spoilage, merchant)`; `退款 39.90（spoilage，商家）`; an advance says so."""
    if lang == "en":
        return remedy_text(remedy)
    amount = f" {remedy.amount}" if remedy.amount is not None else ""
    advance = "，垫付" if remedy.advance else ""
    return (f"{REMEDY_KINDS_ZH.get(remedy.kind.value, remedy.kind.value)}{amount}"
            f"（{remedy.guarantee}，{PAYERS_ZH.get(remedy.payer.value, remedy.payer.value)}"
            f"{advance}）")


def unit_word(rows: Sequence[PreviewRow | DiffRow], lang: Lang) -> str:
    """The header of the numbers column: `line`, `row` or `case` (`#` if they are mixed)."""
    units = {row.unit for row in rows}
    if len(units) != 1:
        return "#"
    unit = units.pop()
    return label(unit, lang) if unit in ("line", "row", "case", "item") else unit


def advance_note(approvals: int, advance: Decimal, lang: Lang) -> str:
    """`2 approvals · advance of 259.00 within the refund`."""
    return label("advance_within", lang, approvals=label("approvals_count", lang,
                                                          count=approvals), amount=advance)
