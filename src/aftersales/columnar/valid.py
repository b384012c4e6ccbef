"""Which case texts may be decided from the flat columns: those the row reader's strict fast
path accepts exactly as they are (every field's type, range and consistency as `Case` checks
them), and that are in the plain form the flat columns read (`frame.flatten`'s `plain`).
Anything else, valid or not, goes through the row engine, which decides it or says what is
wrong, exactly as `evaluate` does."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.records import decode_case

__all__ = ["accepted"]


def accepted(texts: Iterable[str | None]) -> list[bool]:
    """For each text, whether the row reader accepts it unchanged."""
    return [text is not None and decode_case(text) is not None for text in texts]
