"""Cases to report on: read from a file of cases, or given one by one.

Every command, and `read_cases`, reads case files one way, here (and, one case at a time,
in `case_stream`, which `read_cases` is built on), in one of four forms:

- `jsonl`: JSON Lines, one case per line, each line read on its own, so a bad line (not
  UTF-8, not JSON, truncated) is an error of that line and the others are still read;
- `json`: one JSON document, a case or a list of cases, pretty-printed or not;
- `csv`: a header of case paths (`order.lines[0].paid_amount`) and a case per row;
- unnamed (`None`): a file whose name ends in `.csv` is CSV; any other file is JSON, told
  apart by its content: JSON Lines when its first line holds a JSON object on its own (or,
  that line being bad, when a later one does), one JSON document otherwise. Data without a
  name (stdin) is JSON when its first non-blank character is `{` or `[`, CSV otherwise.

A byte-order mark at the start is tolerated; a file of nothing but blank lines holds no cases.

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

from ..model.case import Case, parse_case
from ..model.errors import InvalidCaseError, Problem
from ..model.json_text import JsonTextError, load_json_text
from ..model.problems import json_kind
from .csv_cases import read_csv_cases

__all__ = ["INPUT_FORMATS", "SAMPLE_CASES", "CaseItem", "InputFormat", "SourcedCase",
           "parse_cases", "read_cases", "sample_cases", "sourced_cases"]

_BOM = b"\xef\xbb\xbf"

SAMPLE_CASES = "sample-cases.jsonl"
"""The sample cases shipped with the package, in `aftersales/data/`."""

Unit = Literal["line", "row", "item", "case"]
InputFormat = Literal["jsonl", "json", "csv"]
INPUT_FORMATS: tuple[InputFormat, ...] = ("jsonl", "json", "csv")


@dataclass(frozen=True, slots=True)
class SourcedCase:
    """One case and where it came from: `line` N of a JSON Lines file, `row` N of a CSV
    file (the header is row 1), `item` N of a JSON list of cases, or `case` N of an iterable
    or of a file holding one JSON document (1-based). Exactly one of `case` and `error` is
    set."""

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


def read_cases(file: str | Path, *,
               format: Literal["jsonl", "json", "csv", "parquet"] | None = None,
               ) -> list[SourcedCase]:
    """The cases in `file` (`-` is stdin), in `format`, or by its name and content when
    `format` is None (see the module's docstring; `parquet`: see `reports.parquet`). Raises
    `OSError` if the file cannot be read, and `InvalidCaseError` for a CSV header that is
    not a list of case paths."""
    from .case_stream import iter_cases

    return list(iter_cases(file, format=format))


def _named_csv(file: str | Path) -> bool:
    return Path(file).suffix.lower() == ".csv"


def sample_cases() -> list[SourcedCase]:
    """The sample cases shipped with the package (what `aftersales preview` runs on without
    arguments), numbered by their line."""
    text = (files("aftersales") / "data" / SAMPLE_CASES).read_text(encoding="utf-8")
    return parse_cases(text, format="jsonl")


def parse_cases(data: str | bytes, *, format: InputFormat | None = None) -> list[SourcedCase]:
    """The cases in `data` (text, or bytes as read from a file), in `format`; without it,
    data whose first non-blank character is `{` or `[` is JSON (a document or JSON Lines, by
    its content), anything else CSV."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    raw = raw.removeprefix(_BOM)
    if format is None:
        format = None if raw.lstrip()[:1] in (b"{", b"[", b"") else "csv"
    if format == "csv":
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return [SourcedCase(1, "row", error=InvalidCaseError([_not_utf8(error)]))]
        return [_sourced_dict(number, "row", row) for number, row in read_csv_cases(text)]
    return list(_json_cases(raw, format))


def _json_cases(raw: bytes, format: InputFormat | None) -> Iterator[SourcedCase]:
    lines = [(number, line) for number, line in enumerate(raw.splitlines(), start=1)
             if line.strip()]
    if not lines:
        return
    if format == "json" or (format is None and not _holds_an_object(lines[0][1])):
        try:
            document = load_json_text(raw)
        except JsonTextError:
            document = None
        else:
            yield from _one_document(document)
            return
        if format == "json" or not any(_holds_an_object(line) for _, line in lines[1:]):
            yield _sourced_item(1, "case", raw)  # one document, and what is wrong with it
            return
    for number, line in lines:
        yield _sourced_item(number, "line", line)


def _holds_an_object(line: bytes) -> bool:
    """Whether `line` is a JSON object on its own (a line of a JSON Lines file)."""
    if not line.lstrip().startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deeply
        return False


def _one_document(document: Any) -> Iterator[SourcedCase]:
    """A JSON document that is one case, or a list of cases."""
    if isinstance(document, list):
        for number, item in enumerate(document, start=1):
            yield _sourced_item(number, "item", item)
    else:
        yield _sourced_item(1, "case", document)


def _not_utf8(error: UnicodeDecodeError) -> Problem:
    return Problem("", "not_utf8", f"not UTF-8 text: {error.reason} at byte {error.start}")


def _sourced_dict(number: int, unit: Unit, data: Mapping[str, Any] | InvalidCaseError,
                  ) -> SourcedCase:
    if isinstance(data, InvalidCaseError):
        return SourcedCase(number, unit, error=data)
    return _sourced_item(number, unit, data)


def _sourced_item(number: int, unit: Unit, item: object) -> SourcedCase:
    try:
        if not isinstance(item, Case | Mapping | str | bytes):
            raise InvalidCaseError([Problem("", "model_type",
                                            f"must be an object, not {json_kind(item)}")])
        case = parse_case(item)
    except InvalidCaseError as error:
        return SourcedCase(number, unit, None, error, *_ids(item))
    return SourcedCase(number, unit, case=case, case_id=case.id, order_id=case.order.id)


def _ids(item: object) -> tuple[str | None, str | None]:
    """The case and order ids an invalid case's data gives, where it gives them."""
    data: object = item
    if isinstance(item, str | bytes):
        try:
            data = json.loads(item)
        except (ValueError, RecursionError):
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
