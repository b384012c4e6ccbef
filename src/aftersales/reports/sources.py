"""Cases to report on: read from a JSON Lines or CSV file, or given one by one.

Each case is validated once, here. A bad case (not JSON, or not a valid case) never stops a
report: it becomes a `SourcedCase` carrying its error, numbered by its place in the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from ..case import Case, parse_case
from ..errors import InvalidCaseError, Problem
from .csv_cases import read_csv_cases

__all__ = ["SAMPLE_CASES", "CaseItem", "SourcedCase", "parse_cases", "read_cases",
           "sample_cases", "sourced_cases"]

SAMPLE_CASES = "sample-cases.jsonl"
"""The sample cases shipped with the package, in `aftersales/data/`."""

Unit = Literal["line", "row", "case"]
InputFormat = Literal["jsonl", "csv"]


@dataclass(frozen=True, slots=True)
class SourcedCase:
    """One case and where it came from: `line` N of a JSON Lines file, `row` N of a CSV
    file (the header is row 1), or `case` N of an iterable (1-based). Exactly one of `case`
    and `error` is set."""

    number: int
    unit: Unit
    case: Case | None = None
    error: InvalidCaseError | None = None
    case_id: str | None = None
    """The case's id; for an invalid case, read from its data where possible."""
    order_id: str | None = None

    @property
    def where(self) -> str:
        """`line 3`, `row 4` or `case 2`."""
        return f"{self.unit} {self.number}"


CaseItem = SourcedCase | Case | Mapping[str, Any] | str | bytes
"""What `preview` and `diff` accept per case: a case, a dict, JSON text, or a sourced case."""


def read_cases(file: str | Path, *, format: InputFormat | None = None) -> list[SourcedCase]:
    """The cases in `file`: JSON Lines (one case per line, blank lines skipped), or CSV when
    the name ends in `.csv` or `format="csv"`. Raises `OSError` if the file cannot be read,
    and `InvalidCaseError` for a CSV header that is not a list of case paths."""
    path = Path(file)
    chosen = format or ("csv" if path.suffix.lower() == ".csv" else "jsonl")
    return parse_cases(path.read_text(encoding="utf-8-sig"), format=chosen)


def sample_cases() -> list[SourcedCase]:
    """The sample cases shipped with the package (what `aftersales preview` runs on without
    arguments), numbered by their line."""
    text = (files("aftersales") / "data" / SAMPLE_CASES).read_text(encoding="utf-8")
    return parse_cases(text, format="jsonl")


def parse_cases(text: str, *, format: InputFormat | None = None) -> list[SourcedCase]:
    """The cases in `text`, JSON Lines or CSV; without `format`, text whose first non-blank
    character is `{` is JSON Lines, anything else CSV."""
    text = text.removeprefix("\ufeff")
    if format is None:
        format = "jsonl" if text.lstrip().startswith("{") or not text.strip() else "csv"
    if format == "csv":
        return [_sourced_dict(number, "row", data) for number, data in read_csv_cases(text)]
    return list(_json_lines(text))


def _json_lines(text: str) -> Iterator[SourcedCase]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _sourced_item(number, "line", line)


def _sourced_dict(number: int, unit: Unit, data: Mapping[str, Any] | InvalidCaseError,
                  ) -> SourcedCase:
    if isinstance(data, InvalidCaseError):
        return SourcedCase(number, unit, error=data)
    return _sourced_item(number, unit, data)


def _sourced_item(number: int, unit: Unit, item: Case | Mapping[str, Any] | str | bytes,
                  ) -> SourcedCase:
    try:
        case = parse_case(item)
    except InvalidCaseError as error:
        return SourcedCase(number, unit, None, error, *_ids(item))
    except ValueError as error:  # JSON that parse_case could not read exactly (NaN)
        problem = Problem("", "json_invalid", str(error))
        return SourcedCase(number, unit, None, InvalidCaseError([problem]), *_ids(item))
    return SourcedCase(number, unit, case=case, case_id=case.id, order_id=case.order.id)


def _ids(item: Case | Mapping[str, Any] | str | bytes) -> tuple[str | None, str | None]:
    """The case and order ids an invalid case's data gives, where it gives them."""
    data: object = item
    if isinstance(item, str | bytes):
        try:
            data = json.loads(item)
        except ValueError:
            return None, None
    if not isinstance(data, Mapping):
        return None, None
    order = data.get("order")
    case_id, order_id = data.get("id"), order.get("id") if isinstance(order, Mapping) else None
    return (case_id if isinstance(case_id, str) else None,
            order_id if isinstance(order_id, str) else None)


def sourced_cases(items: Iterable[CaseItem]) -> Iterator[SourcedCase]:
    """Each item validated once; items that are not yet sourced are numbered `case` 1, 2..."""
    for number, item in enumerate(items, start=1):
        if isinstance(item, SourcedCase):
            yield item
        else:
            yield _sourced_item(number, "case", item)
