"""What a task does on a worker (or in this process, without a client): read one partition,
decide it, and hand back its result, or the `Failure` that kept it from being read or
written: a worker never sends a traceback for a file it could not use. A bug still raises."""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..columnar import evaluate_table
from ..policy.versions import AnyPolicy
from ..reports.case_stream import RawCase, raw_cases
from ..reports.diffs import DiffBuilder
from ..reports.rows import preview_rows
from .errors import Failure

if TYPE_CHECKING:
    import polars as pl

__all__ = ["Decided", "Diffed", "decide_partition", "diff_partition", "output_name",
           "version"]


def version() -> str:
    """The version of aftersales installed here."""
    try:
        return importlib.metadata.version("aftersales")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout, not installed
        return "unknown"


def output_name(index: int) -> str:
    """The file the `index`-th partition's decisions are written to, in the output
    directory: `part-00000.parquet`, so that the files sort in partition order."""
    return f"part-{index:05d}.parquet"


@dataclass(frozen=True, slots=True)
class Decided:
    """One partition decided: its decisions (None when written to `written`), its rows, and
    how many each path decided."""

    frame: pl.DataFrame | None
    rows: int
    columnar_rows: int
    row_engine_rows: int
    written: str | None
    version: str


@dataclass(frozen=True, slots=True)
class Diffed:
    """One partition's partial diff."""

    built: DiffBuilder
    version: str


def decide_partition(index: int, path: str, policy: AnyPolicy,
                     output: str | None) -> Decided | Failure:
    """Decide the cases of the partition at `path` with `evaluate_table`; with an `output`
    directory, write the decisions there as Parquet instead of sending them back."""
    import polars as pl

    try:  # the file is read as it is decided, a slice at a time
        result = evaluate_table(path, policy)
    except (OSError, ValueError, pl.exceptions.PolarsError) as error:
        return Failure(path, _message(error))
    frame: pl.DataFrame | None = result.frame
    written = None
    if output is not None:
        target = Path(output) / output_name(index)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            result.frame.write_parquet(target)
        except (OSError, pl.exceptions.PolarsError) as error:
            return Failure(path, f"writing {target}: {_message(error)}")
        frame, written = None, str(target)
    return Decided(frame, len(result), result.columnar_rows, result.row_engine_rows, written,
                   version())


def diff_partition(path: str, old: AnyPolicy, new: AnyPolicy, first: int,
                   keep: int | None) -> Diffed | Failure:
    """The partial diff of the partition at `path`: both policies on each of its cases, the
    counts summed and the rows sampled as `DiffBuilder` does, to be merged in partition order."""
    try:
        items: list[RawCase] = list(raw_cases(path))
    except (OSError, ValueError) as error:
        return Failure(path, _message(error))
    built = DiffBuilder(old, new, first=first, keep=keep)
    for source, rows in preview_rows((old, new), items):
        built.add(source, rows)
    return Diffed(built, version())


def _message(error: BaseException) -> str:
    """What went wrong, in one line, without the path (the failure names it)."""
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, IsADirectoryError):
        return "a directory, not a file"
    if isinstance(error, PermissionError):
        return "permission denied"
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 300 else text[:297] + "..."
