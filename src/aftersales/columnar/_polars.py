"""Polars, imported only when the columnar path runs: without the `columnar` extra a clear
error says what to install, never an ImportError's traceback."""

from __future__ import annotations

from ..model.extras import install_hint

__all__ = ["ColumnarUnavailableError", "require"]


class ColumnarUnavailableError(RuntimeError):
    """The columnar path's packages are not installed."""


def require() -> None:
    """Make sure Polars and pyarrow can be imported, or say what to install."""
    try:
        import polars  # noqa: F401
        import pyarrow  # noqa: F401 - Arrow tables and Parquet files in
    except ImportError:
        raise ColumnarUnavailableError(install_hint(
            "the columnar batch path (evaluate_table)", "polars and pyarrow", "columnar")) \
            from None
