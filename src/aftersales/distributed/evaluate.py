"""`evaluate_partitions`: `evaluate_table` on every partition of a data set, one task each,
the decisions combined in partition order (or left in an output directory)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..columnar import TableResult
from ..columnar._polars import require
from ..engine import named
from ..policy.versions import AnyPolicy
from .errors import Failure, PartitionError
from .partitions import Partitions, partition_paths
from .runner import check_versions, run, share
from .tasks import Decided, decide_partition

if TYPE_CHECKING:
    import polars as pl
    from distributed import Client

__all__ = ["Partition", "PartitionsResult", "evaluate_partitions"]


@dataclass(frozen=True, slots=True)
class Partition:
    """One partition decided: its path, its cases, how many each path decided, and the file
    its decisions were written to (output directory mode)."""

    path: str
    rows: int
    columnar_rows: int
    row_engine_rows: int
    written: str | None = None


@dataclass(frozen=True, slots=True)
class PartitionsResult:
    """What `evaluate_partitions` returns: `frame`, the decisions of every partition in
    partition order, then row order (the columns of `evaluate_table`; None when they were
    written to an output directory), and each partition's counts."""

    frame: pl.DataFrame | None
    partitions: tuple[Partition, ...]

    @property
    def rows(self) -> int:
        return sum(partition.rows for partition in self.partitions)

    @property
    def columnar_rows(self) -> int:
        """Rows the columnar plan decided, over every partition."""
        return sum(partition.columnar_rows for partition in self.partitions)

    @property
    def row_engine_rows(self) -> int:
        """Rows the row engine decided, over every partition."""
        return sum(partition.row_engine_rows for partition in self.partitions)

    @property
    def written(self) -> tuple[str, ...]:
        """The Parquet files written (output directory mode), in partition order."""
        return tuple(p.written for p in self.partitions if p.written is not None)

    def __len__(self) -> int:
        return self.rows

    def table(self) -> TableResult:
        """The combined decisions as one `TableResult`, as `evaluate_table` would give them
        over every case (not in output directory mode: read the files written)."""
        if self.frame is None:
            raise ValueError("the decisions were written to the output directory: read "
                             "them with polars.read_parquet(PartitionsResult.written)")
        return TableResult(self.frame, self.columnar_rows, self.row_engine_rows)


def evaluate_partitions(partitions: Partitions, policy: AnyPolicy | str | None = None, *,
                        client: Client | None = None,
                        output: str | Path | None = None) -> PartitionsResult:
    """Decide every case of `partitions` (Parquet files with a `case` column of JSON texts,
    or JSON Lines files; a directory or a glob of them) under `policy` (a policy, versions, a
    shipped name such as `"douyin"`, or None for the standard policy), with `evaluate_table`,
    one task per partition: on the Dask cluster of `client`, or in this process one
    partition after the other when `client` is None.

    The decisions come back in partition order, then row order, as one frame; with an
    `output` directory each task writes its partition's decisions there as
    `part-NNNNN.parquet` (NNNNN: the partition's place) and sends back only its counts.

    Raises `PartitionError` listing every partition that could not be read (or its result
    written) and `InvalidPolicyError` for a policy name or file that does not load, before
    any case is decided. Bad cases are rows with their `error`, as in `evaluate_table`."""
    require()
    paths = partition_paths(partitions)
    resolved = named(policy)
    target = None if output is None else str(output)
    if target is not None:
        _check_output(Path(target))
    shared = share(client, resolved)
    results = run(client, decide_partition,
                  [(index, path, shared, target) for index, path in enumerate(paths)])
    failures = [result for result in results if isinstance(result, Failure)]
    if failures:
        raise PartitionError(failures)
    decided = [result for result in results if isinstance(result, Decided)]
    check_versions([result.version for result in decided])
    frame = None
    if target is None:
        import polars as pl

        frame = pl.concat([result.frame for result in decided if result.frame is not None])
    return PartitionsResult(frame, tuple(
        Partition(path, result.rows, result.columnar_rows, result.row_engine_rows,
                  result.written) for path, result in zip(paths, decided, strict=True)))


def _check_output(directory: Path) -> None:
    """Refuse to mix this run's files with an earlier run's."""
    if directory.exists() and not directory.is_dir():
        raise PartitionError([Failure(str(directory), "the output is not a directory")])
    if directory.is_dir() and any(directory.glob("part-*.parquet")):
        raise PartitionError([Failure(str(directory), "the output directory already holds "
                                      "part-*.parquet files: give an empty one")])
