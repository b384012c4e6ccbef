"""What `evaluate_table` returns: the decisions as one Polars frame, one row per case in input
order, and how many rows each path decided."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

__all__ = ["TableResult"]


@dataclass(frozen=True, slots=True)
class TableResult:
    """`frame`: `case_id`, `order_id`, `status`, `reason_code` (the main reason), `total` and
    one total per remedy kind and payer (`refund_merchant`, ...; integers in minor units),
    `remedies` (list of struct), `policy_version`, `error` (an invalid case's problems as
    the row engine gives them: a JSON list of `path`, `code`, `message`; null when decided).
    `columnar_rows` were decided by the columnar plan, `row_engine_rows` by the row engine."""

    frame: pl.DataFrame
    columnar_rows: int
    row_engine_rows: int

    def __len__(self) -> int:
        return self.frame.height

    @property
    def columnar_share(self) -> float:
        """The share of the rows the columnar plan decided."""
        return self.columnar_rows / self.frame.height if self.frame.height else 0.0
