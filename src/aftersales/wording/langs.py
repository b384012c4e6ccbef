"""The languages the library words its messages in: adding one means adding its catalogue
(a module like `en` and `zh`) and naming it here."""

from __future__ import annotations

from typing import Final, Literal, get_args

__all__ = ["LANGS", "Lang", "check_lang"]

Lang = Literal["en", "zh"]
LANGS: Final[tuple[Lang, ...]] = get_args(Lang)


def check_lang(lang: str) -> Lang:
    """`lang` if it is one of `LANGS`; `ValueError` otherwise."""
    for known in LANGS:
        if lang == known:
            return known
    raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
