"""`diff_partitions`: the impact of a policy change over a data set cut into partitions, each
partition's partial diff computed by its own task, merged in partition order here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..engine import policy_of
from ..policy.versions import AnyPolicy
from ..reports.diffs import Diff, DiffBuilder
from ..reports.rows import SAMPLE_ROWS
from .errors import Failure, PartitionError
from .partitions import Partitions, partition_paths
from .runner import check_versions, run, share
from .tasks import Diffed, diff_partition

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["diff_partitions"]


def diff_partitions(old: AnyPolicy | str | None, new: AnyPolicy | str | None,
                    partitions: Partitions, *, client: Client | None = None, first: int = 5,
                    keep: int | None = SAMPLE_ROWS) -> Diff:
    """`aftersales.diff(old, new, cases)` over every case of `partitions` (Parquet or JSON
    Lines files, a directory or a glob of them): each task decides its partition under both
    policies and sums it up (`DiffBuilder`), on the Dask cluster of `client` or here when it
    is None; the partial diffs are merged in partition order. The summary is the one `diff`
    gives over all the cases in one process; the rows kept (`keep`, bounded by default so
    that what a task sends back stays small) are numbered within their partition. The first
    `first` changed cases are explained here, from the cases the tasks sent back.

    Raises `PartitionError` listing every partition that could not be read, and
    `InvalidPolicyError` for a policy name or file that does not load."""
    if first < 0:
        raise ValueError(f"first must be at least 0 (got {first})")
    paths = partition_paths(partitions)
    before, after = policy_of(old), policy_of(new)
    shared_old, shared_new = share(client, before), share(client, after)
    results = run(client, diff_partition,
                  [(path, shared_old, shared_new, first, keep) for path in paths])
    failures = [result for result in results if isinstance(result, Failure)]
    if failures:
        raise PartitionError(failures)
    diffed = [result for result in results if isinstance(result, Diffed)]
    check_versions([result.version for result in diffed])
    merged = DiffBuilder(before, after, first=first, keep=keep)
    for result in diffed:
        merged.merge(result.built)
    return merged.diff()
