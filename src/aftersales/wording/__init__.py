"""Wording: every message and phrase, in every language, rendered from typed facts through one
catalogue per language (`en`, `zh`)."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import hooks
from .langs import LANGS, Lang, check_lang
from .phrases import (
    GUARANTEE_NAMES,
    PHRASES,
    phrase,
    reason_text,
    remedy_money,
    remedy_text,
    words,
)
from .phrases import render as _render

__all__ = ["GUARANTEE_NAMES", "LANGS", "PHRASES", "Lang", "check_lang", "phrase", "reason_text",
           "remedy_money", "remedy_text", "render", "words"]


def render(code: str, facts: Mapping[str, object], lang: str = "en") -> str:
    """The message for `code` (an outcome code, or a reason code's last part) in `lang`."""
    return _render(code, facts, check_lang(lang))


hooks.install(render=render)
