"""One task per partition: on a Dask cluster through its client, or here, one after the other,
when there is none (no Dask needed then)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import WorkerMismatchError, require_dask
from .tasks import version

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["check_versions", "run", "share"]

T = TypeVar("T")


def share(client: Client | None, value: object) -> object:
    """`value` as the tasks take it: itself here, or sent once to every worker (a policy is
    then unpickled, and its engine compiled, once per worker, not once per task)."""
    if client is None:
        return value
    require_dask()
    untyped: Any = client  # distributed leaves scatter, gather and release unannotated
    return untyped.scatter(value, broadcast=True, hash=False)


def run(client: Client | None, function: Callable[..., T],
        calls: Sequence[tuple[Any, ...]]) -> list[T]:
    """`function(*args)` for each `args` of `calls`, the results in the order of `calls`."""
    if client is None:
        return [function(*args) for args in calls]
    require_dask()
    untyped: Any = client
    futures = [untyped.submit(function, *args, pure=False) for args in calls]
    try:
        results: list[T] = untyped.gather(futures)
    finally:
        for future in futures:
            future.release()
    return results


def check_versions(versions: Sequence[str]) -> None:
    """Raise `WorkerMismatchError` if a task ran another version of aftersales than this
    process."""
    here = version()
    other = [found for found in versions if found != here]
    if other:
        raise WorkerMismatchError(here, other)
