"""Reading a file of cases incrementally: the forms, numbering and errors of `read_cases`
(see `sources`), in memory bounded by a line or a row.

- JSON Lines is read line by line, from a file or from stdin;
- CSV from a file is read row by row, after a first pass that checks the file is UTF-8 (a
  file that is not is one error, row 1, as `read_cases` has it); CSV on stdin is read whole;
- a JSON document (a case, or a list of cases) is read whole: it is one value.

`raw_cases` yields each case as read, not yet validated (`RawCase`): validating is part of
deciding, so that worker processes do it. `iter_cases` yields them validated, as
`SourcedCase`s, as `read_cases` does.

A CSV header that is not a list of case paths raises `InvalidCaseError` when the first case
is asked for; so can a CSV file that stops being CSV further down (it then raises after the
rows before it).
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final, Literal

from ..engine.inputs import CaseInput
from ..model.case import Case
from ..model.errors import InvalidCaseError
from .csv_cases import read_csv_cases
from .sources import (
    _BOM,
    InputFormat,
    SourcedCase,
    Unit,
    _holds_an_object,
    _ids,
    _json_cases,
    _named_csv,
    _sourced_item,
    parse_cases,
)

__all__ = ["CASE_FORMATS", "PARQUET_SUFFIXES", "CaseFormat", "RawCase", "from_sourced",
           "iter_cases", "raw_cases"]

CaseFormat = Literal["jsonl", "json", "csv", "parquet"]
CASE_FORMATS: tuple[CaseFormat, ...] = ("jsonl", "json", "csv", "parquet")
PARQUET_SUFFIXES: Final = frozenset({".parquet", ".pq"})
_BLOCK: Final = 1 << 20


@dataclass(frozen=True, slots=True)
class RawCase:
    """One case as read, numbered as in `SourcedCase`: the bytes of a JSON line, the dict of
    a CSV row or a JSON item, a `Case` read whole, or the error that its reader found."""

    number: int
    unit: Unit
    data: CaseInput | InvalidCaseError

    @property
    def where(self) -> str:
        return f"{self.unit} {self.number}"

    def ids(self) -> tuple[str | None, str | None]:
        """The case and order ids its data gives, where it gives them."""
        if isinstance(self.data, Case):
            return self.data.id, self.data.order.id
        return _ids(self.data)

    def sourced(self) -> SourcedCase:
        """The case validated, as `read_cases` gives it."""
        data = self.data
        if isinstance(data, InvalidCaseError):
            return SourcedCase(self.number, self.unit, error=data)
        if isinstance(data, Case):
            return SourcedCase(self.number, self.unit, case=data, case_id=data.id,
                               order_id=data.order.id)
        return _sourced_item(self.number, self.unit, data)


def iter_cases(file: str | Path, *, format: CaseFormat | None = None,
               ) -> Iterator[SourcedCase]:
    """`read_cases`, one case at a time: the cases of `file` (`-` is stdin), each validated
    as it is read."""
    for raw in raw_cases(file, format=format):
        yield raw.sourced()


def raw_cases(file: str | Path, *, format: CaseFormat | None = None,
              ) -> Generator[RawCase, None, None]:
    """The cases of `file` (`-` is stdin) as read, not yet validated; a name ending in
    `.parquet` is Parquet (`reports.parquet`). Raises `OSError` if the file cannot be read
    (when the first case is asked for)."""
    path = Path(file)
    if format == "parquet" or (format is None and path.suffix.lower() in PARQUET_SUFFIXES):
        from .parquet import parquet_cases

        yield from parquet_cases(path)
        return
    if str(file) == "-":
        yield from _stdin_cases(format)
        return
    if format == "csv" or (format is None and _named_csv(path)):
        yield from _csv_file(path)
        return
    with path.open("rb") as opened:
        yield from _json_stream(opened, format, stdin=False)


def _stdin_cases(format: InputFormat | None) -> Iterator[RawCase]:  # Parquet is a file
    binary: IO[bytes] | None = getattr(sys.stdin, "buffer", None)
    if binary is None:  # a text stream in place of stdin
        yield from _from_sourced(parse_cases(sys.stdin.read(), format=format))
        return
    if format == "csv":
        yield from _from_sourced(parse_cases(binary.read(), format=format))
        return
    yield from _json_stream(binary, format, stdin=True)


def _json_stream(opened: IO[bytes], format: InputFormat | None, *,
                 stdin: bool) -> Iterator[RawCase]:
    """JSON Lines streamed when it is (by `format`, or by its first non-blank line); any
    other content read whole and told apart as `read_cases` does."""
    head: list[bytes] = []
    first: bytes | None = None
    for chunk in opened:
        if not head:
            chunk = chunk.removeprefix(_BOM)
        head.append(chunk)
        first = next((line for line in chunk.splitlines() if line.strip()), None)
        if first is not None:
            break
    if first is None:  # nothing but blank lines: no cases
        return
    if format == "jsonl" or (format is None and _holds_an_object(first)):
        yield from _json_lines([*head], opened)
        return
    whole = b"".join(head) + opened.read()
    if stdin:
        yield from _from_sourced(parse_cases(whole, format=format))
    else:
        yield from _from_sourced(_json_cases(whole, format))


def _json_lines(head: Iterable[bytes], rest: Iterable[bytes]) -> Iterator[RawCase]:
    number = 0
    for source in (head, rest):
        for chunk in source:
            # A chunk ends at "\n"; splitting it as bytes.splitlines does numbers the lines
            # exactly as reading the file whole does (a lone "\r" ends a line too).
            for line in chunk.splitlines():
                number += 1
                if line.strip():
                    yield RawCase(number, "line", line)


def _csv_file(path: Path) -> Iterator[RawCase]:
    if not _is_utf8(path):  # the one error of the whole file, worded as read_cases does
        yield from _from_sourced(parse_cases(path.read_bytes(), format="csv"))
        return
    with path.open(encoding="utf-8-sig", newline="") as opened:
        for number, row in read_csv_cases(opened):
            yield RawCase(number, "row", row)


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as opened:
        try:
            while block := opened.read(_BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _from_sourced(cases: Iterable[SourcedCase]) -> Iterator[RawCase]:
    for sourced in cases:
        yield from_sourced(sourced)


def from_sourced(sourced: SourcedCase) -> RawCase:
    """A case already validated, as read."""
    data: CaseInput | InvalidCaseError
    if sourced.error is not None:
        data = sourced.error
    else:
        assert sourced.case is not None
        data = sourced.case
    return _RawSourced(sourced.number, sourced.unit, data, sourced)


@dataclass(frozen=True, slots=True)
class _RawSourced(RawCase):
    """A case read whole and validated already: its `SourcedCase` kept, with the ids its
    reader found for an invalid one."""

    source: SourcedCase | None = None

    def ids(self) -> tuple[str | None, str | None]:
        assert self.source is not None
        return self.source.case_id, self.source.order_id

    def sourced(self) -> SourcedCase:
        assert self.source is not None
        return self.source
