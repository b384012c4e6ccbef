"""The errors of the distributed engine: partitions that could not be read or written (every
one listed, each with what went wrong, no worker's traceback), workers that run another
version of aftersales, and the extra not installed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model.errors import AftersalesError
from ..model.extras import install_hint

__all__ = ["DistributedUnavailableError", "Failure", "PartitionError", "WorkerMismatchError",
           "require_dask"]


@dataclass(frozen=True, slots=True)
class Failure:
    """A partition a task could not read (or write the result of), and why."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class PartitionError(AftersalesError):
    """Partitions that could not be read or written, or that name no file: `failures` lists
    every one (`path`, `message`), in partition order."""

    def __init__(self, failures: Iterable[Failure]) -> None:
        self.failures: tuple[Failure, ...] = tuple(failures)
        count = len(self.failures)
        lines = "\n".join(f"  {failure}" for failure in self.failures)
        super().__init__(f"{count} partition{'s' if count != 1 else ''} could not be "
                         f"used:\n{lines}")

    def __reduce__(self) -> tuple[type[PartitionError], tuple[tuple[Failure, ...]]]:
        return type(self), (self.failures,)

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(failure.path for failure in self.failures)


class WorkerMismatchError(AftersalesError, RuntimeError):
    """A worker runs another version of aftersales than the client: its decisions could
    differ, so none of them is used."""

    def __init__(self, client_version: str, worker_versions: Iterable[str]) -> None:
        self.client_version = client_version
        self.worker_versions = tuple(sorted(set(worker_versions)))
        super().__init__(f"the workers run aftersales {', '.join(self.worker_versions)}, "
                         f"this process {client_version}: install the same version on every "
                         "worker")

    def __reduce__(self) -> tuple[type[WorkerMismatchError], tuple[str, tuple[str, ...]]]:
        return type(self), (self.client_version, self.worker_versions)


class DistributedUnavailableError(RuntimeError):
    """The distributed engine's packages are not installed."""


def require_dask() -> None:
    """Make sure Dask's scheduler client can be imported, or say what to install."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise DistributedUnavailableError(install_hint(
            "a Dask cluster (evaluate_partitions, diff_partitions with a client)",
            "dask[distributed]", "distributed")) from None
