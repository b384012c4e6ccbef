"""The distributed engine: `evaluate_partitions` and `diff_partitions` decide a data set cut
into partitions (Parquet or JSON Lines files), one task per partition, on a Dask cluster, or
in this process one partition after the other when no client is given. Needs the
`distributed` extra (docs/distributed.md)."""

from __future__ import annotations

from .diff import diff_partitions
from .errors import DistributedUnavailableError, PartitionError, WorkerMismatchError
from .evaluate import Partition, PartitionsResult, evaluate_partitions
from .partitions import partition_paths

__all__ = ["DistributedUnavailableError", "Partition", "PartitionError", "PartitionsResult",
           "WorkerMismatchError", "diff_partitions", "evaluate_partitions", "partition_paths"]
