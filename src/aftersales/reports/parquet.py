"""Cases in and decisions out as Parquet, through pyarrow (the `parquet` extra).

A file of cases holds one case per row, as JSON text in a string column named `case`, the
same text as a line of a JSON Lines file; any other columns are ignored (keep your own keys
beside it). One JSON column rather than nested struct columns, because:

- the case is deep and ragged (lines, claim lines, history, evidence, optional claim): a
  struct schema would be wide, and would have to change with every field the case gains;
- money stays exact text (`"39.90"`) and instants keep their offset, as in every other form,
  with no float or time-zone conversion on the way;
- every engine a data team runs writes it in one step (Spark `to_json(struct(...))`, DuckDB
  `to_json`, Polars `struct.json_encode`), and it round-trips with `aftersales evaluate`'s
  JSON Lines exactly.

A file without a `case` column but with an `order` column is a typed case table: the case
contract's own columns (`id`, `as_of`, struct `order`, struct `claim`, list `history`),
instants as timestamps with a zone and amounts as decimals, as `columnar.case_table` writes
it and a warehouse holds it. Reading one needs the `columnar` extra (its column types are
checked as `evaluate_table` checks them); each row is written as the case's JSON text with
its instants in UTC, so a decision's messages quote them in UTC (the decisions do not
depend on it: calendar days are counted in the policy's zone).

Rows are numbered `row 1, 2...` from the first case (Parquet has no header row). The file
is read one record batch at a time.

Decisions out (`aftersales evaluate -o decisions.parquet`) have typed columns for what a
query filters and sums on, and the whole decision as JSON text: see `DECISION_COLUMNS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from datetime import UTC
from pathlib import Path
from typing import Any, Final

from ..model.extras import install_hint
from ..model.money import MINOR_UNITS
from .case_stream import RawCase

__all__ = ["CASE_COLUMN", "DECISION_COLUMNS", "TYPED_KEY", "DecisionWriter", "parquet_cases",
           "pyarrow"]

CASE_COLUMN: Final = "case"
TYPED_KEY: Final = "order"
"""The column that marks a typed case table (with no `case` column)."""
DECISION_COLUMNS: Final = ("number", "unit", "case_id", "order_id", "status",
                           "policy_version", "currency", "total", "remedies", "reason_code",
                           "reason_message", "decision")
"""`total` is decimal128 with the currency's minor-unit digits (never float); `decision` the
decision as JSON text (`Decision.to_json()`), or for an invalid case (`--errors inline`) its
error as JSON; the others are text, `number` an integer."""

_BATCH: Final = 10_000
_INSTALL: Final = install_hint("reading and writing Parquet", "pyarrow", "parquet")


def pyarrow() -> Any:
    """The pyarrow module; `ImportError` with the install hint when it is not installed."""
    try:
        return importlib.import_module("pyarrow")
    except ImportError:
        raise ImportError(_INSTALL) from None


def parquet_cases(file: str | Path) -> Iterator[RawCase]:
    """The cases of a Parquet file, one record batch at a time: a `case` column of JSON
    texts, or else a typed case table (`order` and the contract's other columns; see
    `columnar.typed`), whose rows are written as JSON text with instants in UTC. `ValueError`
    for a file with neither, or typed columns of the wrong type (`CaseTableError`);
    `ImportError` for a typed file without the columnar extra; `OSError` for a file that
    cannot be read or is not Parquet, `ValueError` when it is damaged past its first rows
    (the rows before are yielded)."""
    pa = pyarrow()
    parquet: Any = importlib.import_module("pyarrow.parquet")
    try:
        opened = parquet.ParquetFile(str(file))
    except pa.ArrowException as error:
        raise OSError(f"not a Parquet file ({error})") from None
    schema = opened.schema_arrow
    if CASE_COLUMN in schema.names:
        cases = _text_cases(pa, opened)
    elif TYPED_KEY in schema.names:
        cases = _typed_cases(opened)
    else:
        raise ValueError(f"no {CASE_COLUMN!r} column (the columns are "
                         f"{', '.join(schema.names) or 'none'}): a file of cases holds each "
                         "case as JSON text in a column named 'case', or the case contract's "
                         "own columns (id, as_of, order, claim, history)")
    number = 0
    try:
        for case in cases:
            number = case.number
            yield case
    except (pa.ArrowException, OSError) as error:  # a damaged page or row group
        raise ValueError(f"the file is damaged after row {number:,} ({error})") from None


def _text_cases(pa: Any, opened: Any) -> Iterator[RawCase]:
    kind = opened.schema_arrow.field(CASE_COLUMN).type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)
            or pa.types.is_binary(kind) or pa.types.is_large_binary(kind)
            or pa.types.is_null(kind) or _is_view(pa, kind)):
        raise ValueError(f"the {CASE_COLUMN!r} column is {kind}; it holds one JSON text a "
                         "case: string, or binary of UTF-8 text")
    number = 0
    for batch in _batches(opened, [CASE_COLUMN]):
        for text in batch.column(0).to_pylist():
            number += 1
            yield RawCase(number, "row", "null" if text is None else text)


def _batches(opened: Any, columns: list[str]) -> Iterator[Any]:
    """The file's record batches of `columns`, a row group at a time: a damaged row group
    then takes no row of the groups before it with it."""
    for group in range(opened.num_row_groups):
        yield from opened.iter_batches(batch_size=_BATCH, row_groups=[group], columns=columns)


def _is_view(pa: Any, kind: Any) -> bool:
    return any(getattr(pa.types, name, lambda _: False)(kind)
               for name in ("is_string_view", "is_binary_view"))


def _typed_cases(opened: Any) -> Iterator[RawCase]:
    from ..columnar._polars import ColumnarUnavailableError, require
    from ..columnar.typed import CASE_COLUMNS, case_texts, check_types

    try:
        require()
    except ColumnarUnavailableError as error:
        raise ImportError(f"a typed case file: {error}") from None
    import polars as pl

    columns = [name for name in CASE_COLUMNS if name in opened.schema_arrow.names]
    empty = pl.from_arrow(opened.schema_arrow.empty_table().select(columns))
    assert isinstance(empty, pl.DataFrame)
    check_types(empty)
    number = 0
    for batch in _batches(opened, columns):
        for text in case_texts(batch.to_pylist(), UTC):
            number += 1
            yield RawCase(number, "row", text)


class DecisionWriter:
    """Decisions written to a Parquet file one batch at a time (`DECISION_COLUMNS`)."""

    def __init__(self, file: str | Path, currency: str | None) -> None:
        pa = pyarrow()
        self._pa = pa
        parquet: Any = importlib.import_module("pyarrow.parquet")
        digits = MINOR_UNITS.get(currency or "", 2)
        self._schema = pa.schema([
            ("number", pa.int64()), ("unit", pa.string()), ("case_id", pa.string()),
            ("order_id", pa.string()), ("status", pa.string()),
            ("policy_version", pa.string()), ("currency", pa.string()),
            ("total", pa.decimal128(38, digits)), ("remedies", pa.string()),
            ("reason_code", pa.string()), ("reason_message", pa.string()),
            ("decision", pa.string())])
        self._writer = parquet.ParquetWriter(str(file), self._schema)
        self._rows: list[Sequence[object]] = []

    def write(self, cells: Sequence[object]) -> None:
        """One row, its cells in the order of `DECISION_COLUMNS`."""
        self._rows.append(cells)
        if len(self._rows) >= _BATCH:
            self._flush()

    def close(self) -> None:
        self._flush()
        self._writer.close()

    def _flush(self) -> None:
        if not self._rows:
            return
        columns = list(zip(*self._rows, strict=True))
        self._rows = []
        self._writer.write_table(self._pa.Table.from_arrays(
            [self._pa.array(column, type=field.type)
             for column, field in zip(columns, self._schema, strict=True)],
            schema=self._schema))
