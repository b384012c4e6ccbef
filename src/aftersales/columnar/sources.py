"""Where `evaluate_table` reads its cases from, a slice at a time: an Arrow table or a Polars
frame (held already), or a `.parquet` or `.jsonl` file, read one slice of rows at a time so
that only the slice being decided and the results are held.

A file's JSON Lines are split as the command line splits them (`reports.case_stream`): at
`\\n`, and at a lone `\\r`, never inside a text (a raw U+2028 is part of a JSON string); blank
lines are skipped, and a line that is not UTF-8 is kept as its bytes for the row engine, which
says so with its path, while the other lines are decided."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model.errors import Problem
from ._polars import require

if TYPE_CHECKING:
    import polars as pl

__all__ = ["CaseSlice", "case_slices", "case_texts"]

_NO_CASE_COLUMN = ("the cases table needs a `case` column of JSON texts (one case a row), or "
                   "the case's own columns (`as_of`, `order`, ...: a typed case table)")
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class CaseSlice:
    """Consecutive cases of the input: a `case` column of JSON texts, or the case columns of
    a typed case table (`columnar.typed`)."""

    frame: pl.DataFrame
    undecoded: Mapping[int, bytes] = field(default_factory=dict)
    """The lines (or Binary values) that are not UTF-8 text, by their place in the slice
    (their `case` is null): the row engine reads the bytes and names the problem."""


def case_slices(cases: Any, rows: int) -> Iterator[CaseSlice]:
    """The cases of `cases` (an Arrow table, a Polars frame, or a `.parquet` or `.jsonl`
    path), `rows` at a time; a file is read as its slices are taken. Raises `ValueError`
    for an input without a case column or a damaged Parquet file, `CaseTableError` for a
    column of the wrong type, `OSError` for a file that cannot be read or is not Parquet."""
    require()
    if isinstance(cases, str | Path):
        path = Path(cases)
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from _jsonl_slices(path, rows)
            return
        if suffix == ".parquet":
            yield from _parquet_slices(path, rows)
            return
        raise ValueError(f"{path}: evaluate_table reads .parquet or .jsonl files")
    frame = case_texts(cases)
    if frame.height <= rows:
        yield _decoded(frame)
        return
    for part in frame.iter_slices(rows):
        yield _decoded(part)


def case_texts(cases: Any) -> pl.DataFrame:
    """The case columns of `cases` (an Arrow table or a Polars frame): a `case` column of
    JSON texts (String, or Binary of UTF-8 text), or the columns of a typed case table."""
    require()
    import polars as pl

    if isinstance(cases, pl.DataFrame):
        return _case_columns(cases)
    import pyarrow as pa

    if not isinstance(cases, pa.Table):
        raise TypeError("evaluate_table takes a pyarrow.Table, a polars.DataFrame, or a "
                        f"path to a .parquet or .jsonl file, not {type(cases).__name__}")
    converted = pl.from_arrow(cases)
    assert isinstance(converted, pl.DataFrame)
    return _case_columns(converted)


def _case_columns(frame: pl.DataFrame) -> pl.DataFrame:
    import polars as pl

    from .typed import CASE_COLUMNS, CaseTableError, is_typed

    if is_typed(frame):
        return frame.select(name for name in CASE_COLUMNS if name in frame.columns)
    if "case" not in frame.columns:
        raise ValueError(_NO_CASE_COLUMN)
    dtype = frame.schema["case"]
    if isinstance(dtype, pl.String | pl.Binary):
        return frame.select("case")
    if isinstance(dtype, pl.Null):
        return frame.select(pl.col("case").cast(pl.String))
    raise CaseTableError([Problem("case", "column_type", f"the column is {dtype}; it holds "
                                  "one JSON text a case: String, or Binary of UTF-8 text")])


def _decoded(frame: pl.DataFrame) -> CaseSlice:
    """`frame` as a slice, a Binary `case` column read as UTF-8 text (the values that are
    not are kept as bytes, for the row engine)."""
    import polars as pl

    if "case" not in frame.columns or not isinstance(frame.schema["case"], pl.Binary):
        return CaseSlice(frame)
    return _text_slice(frame["case"].to_list())  # Polars' cast raises on a value not UTF-8


def _parquet_slices(path: Path, rows: int) -> Iterator[CaseSlice]:
    import polars as pl
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .typed import CASE_COLUMNS

    try:
        opened = pq.ParquetFile(path)
    except pa.ArrowException as error:
        raise OSError(f"{path}: not a Parquet file ({error})") from None
    names = opened.schema_arrow.names
    if "case" in names:
        columns = ["case"]
    elif "order" in names:
        columns = [name for name in CASE_COLUMNS if name in names]
    else:
        raise ValueError(f"{_NO_CASE_COLUMN}; this file has {', '.join(names)}")
    read = 0
    batches = opened.iter_batches(batch_size=rows, columns=columns)
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError) as error:  # a damaged page or row group
            raise ValueError(f"{path} is damaged after row {read:,} ({error})") from None
        if batch is None:
            break
        read += batch.num_rows
        frame = pl.from_arrow(batch)
        assert isinstance(frame, pl.DataFrame)
        yield _decoded(_case_columns(frame))
    if not read:  # no rows: the columns still say which layout
        frame = pl.from_arrow(opened.schema_arrow.empty_table().select(columns))
        assert isinstance(frame, pl.DataFrame)
        yield CaseSlice(_case_columns(frame))


def _jsonl_slices(path: Path, rows: int) -> Iterator[CaseSlice]:
    lines: list[bytes] = []
    taken = False
    with path.open("rb") as opened:
        for number, chunk in enumerate(opened):  # each ends at "\n"
            for line in (chunk.removeprefix(_BOM) if number == 0 else chunk).splitlines():
                if line.strip():
                    lines.append(line)
                if len(lines) == rows:
                    yield _text_slice(lines)
                    lines, taken = [], True
    if lines or not taken:
        yield _text_slice(lines)


def _text_slice(values: Sequence[bytes | None]) -> CaseSlice:
    """The slice of these JSON texts, each read as UTF-8 (one that is not is kept as its
    bytes, for the row engine; a null stays null)."""
    import polars as pl

    texts: list[str | None] = []
    undecoded: dict[int, bytes] = {}
    for place, value in enumerate(values):
        if value is None:
            texts.append(None)
            continue
        try:
            texts.append(value.decode("utf-8"))
        except UnicodeDecodeError:
            undecoded[place] = value
            texts.append(None)
    return CaseSlice(pl.DataFrame({"case": texts}, schema={"case": pl.String}), undecoded)
