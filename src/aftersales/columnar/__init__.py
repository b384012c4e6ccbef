"""The columnar batch path: `evaluate_table` decides a table of cases with Polars expressions
compiled from the same policy objects as the row engine, and sends what it has no columnar
form for through the row engine in the same call. Needs the `columnar` extra (docs/columnar.md)."""

from __future__ import annotations

from ._polars import ColumnarUnavailableError
from .evaluate import evaluate_table
from .result import TableResult
from .typed import CaseTableError, arrow_schema, case_table

__all__ = ["CaseTableError", "ColumnarUnavailableError", "TableResult", "arrow_schema",
           "case_table", "evaluate_table"]
