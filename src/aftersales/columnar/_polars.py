"""Polars, imported only when the columnar path runs: without the `columnar` extra a clear
error says what to install, never an ImportError's traceback."""

from __future__ import annotations

from types import ModuleType

from ..model.extras import install_hint

__all__ = ["ColumnarUnavailableError", "polars"]


class ColumnarUnavailableError(RuntimeError):
    """The columnar path's packages are not installed."""


def polars() -> ModuleType:
    """The `polars` module, or a clear error with the install hint."""
    try:
        import polars as pl
        import pyarrow  # noqa: F401 - Arrow tables and Parquet files in
    except ImportError:
        raise ColumnarUnavailableError(install_hint(
            "the columnar batch path (evaluate_table)", "polars pyarrow", "columnar")) from None
    return pl
