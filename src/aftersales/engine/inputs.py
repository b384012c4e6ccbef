"""A case as the engine takes it: a `Case`, a dict, or JSON text, read into its record once.

JSON text and dicts of JSON values take the fast path (`model.records`); anything it does not
accept exactly as `Case` would goes through `Case`, which says what is wrong. A `Case` keeps
the record it was read into, so deciding it again costs nothing more."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model.case import Case, parse_case
from ..model.records import CaseRecord, convert_case, decode_case

__all__ = ["CaseInput", "read_case"]

CaseInput = Case | Mapping[str, Any] | str | bytes
"""What `evaluate` takes: a validated `Case`, a dict of its fields, or JSON text."""


def read_case(case: CaseInput) -> CaseRecord:
    """The record of `case`; `InvalidCaseError` listing every problem when it is not valid."""
    if isinstance(case, Case):
        return case.record()
    if isinstance(case, str | bytes | bytearray):
        record = decode_case(case)
    elif isinstance(case, Mapping):
        record = convert_case(case)
    else:
        record = None
    if record is None:
        return parse_case(case).record()  # raises InvalidCaseError with every problem
    return record
