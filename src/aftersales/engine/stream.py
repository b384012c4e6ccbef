"""Deciding a stream of cases lazily, in this process or on every core, in input order.

Cases are pulled from the input one chunk at a time, so memory holds a few chunks, never the
whole input. With `jobs > 1` each chunk is decided in a worker process, at most two chunks
per worker in flight, and the results are yielded chunk by chunk in the order the chunks were
read. What crosses the process boundary is kept cheap: the policy once per worker, as its
document (`policy.to_dict()`, rebuilt and compiled there once); each case as given (JSON text
costs nothing to send); each decision back pickled (cheaper to rebuild than from JSON), or as
its JSON text when that is all the caller writes (`aftersales evaluate`).

A bad case is an `InvalidCaseError` in its place. Anything else raised while deciding a case
(a bug) is raised in its place too: every case before it has been yielded, in order, exactly
as in one process; a worker process that dies raises `BrokenProcessPool` at the first chunk
it did not finish, after every earlier chunk.

Workers start with `forkserver` where there is one (`spawn` elsewhere), never `fork`: this
process may run threads (a progress bar). A policy made of rule kinds of your own decides in
workers only when the module registering those kinds is importable there.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, Final, TypeAlias, cast

from ..model.decision import Decision
from ..model.errors import InvalidCaseError
from ..policy.policy import Policy
from ..policy.versions import AnyPolicy, PolicyVersions
from .inputs import CaseInput

__all__ = ["CHUNK_SIZE", "Decided", "Item", "decide_stream", "iter_decisions", "jobs_of"]

CHUNK_SIZE: Final = 500
"""Cases per chunk: large enough that sending a chunk to a worker costs little beside
deciding it, small enough that a few chunks in flight take little memory."""

_IN_FLIGHT_PER_WORKER: Final = 2

Item: TypeAlias = CaseInput | InvalidCaseError
"""A case to decide; an `InvalidCaseError` (a case its reader already refused) is passed
through in place."""
Decided: TypeAlias = Decision | str | InvalidCaseError
"""A decision, its JSON text (`as_json=True`), or the error of a bad case."""

_Document: TypeAlias = tuple[bool, dict[str, Any]]  # (is versions, the policy's document)
_worker: tuple[Any, bool, bool] | None = None  # this worker's (engine, trace, as_json)


def iter_decisions(cases: Iterable[CaseInput], policy: AnyPolicy | None = None, *,
                   trace: bool = True, jobs: int | None = 1,
                   chunk_size: int = CHUNK_SIZE) -> Iterator[Decision | InvalidCaseError]:
    """Decide `cases` lazily, yielding each decision (or a bad case's `InvalidCaseError`) in
    input order, in memory bounded by a few chunks of `chunk_size` cases. `jobs` worker
    processes decide chunks in parallel (None: one per core; 1: in this process)."""
    decided = decide_stream(cases, policy, trace=trace, jobs=jobs, chunk_size=chunk_size)
    return cast(Iterator[Decision | InvalidCaseError], decided)


def jobs_of(jobs: int | None) -> int:
    """`jobs`, or the machine's cores for None; a `ValueError` below 1."""
    count = (os.cpu_count() or 1) if jobs is None else jobs
    if count < 1:
        raise ValueError(f"jobs must be at least 1 (got {jobs})")
    return count


def decide_stream(cases: Iterable[Item], policy: AnyPolicy | None = None, *,
                  trace: bool = True, jobs: int | None = 1, chunk_size: int = CHUNK_SIZE,
                  as_json: bool = False) -> Iterator[Decided]:
    """`iter_decisions` with the options the command line uses: items already refused by
    their reader pass through, and `as_json` yields each decision's JSON text instead."""
    workers = jobs_of(jobs)
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1 (got {chunk_size})")
    return _stream(iter(cases), _resolved(policy), trace, workers, chunk_size, as_json)


def _resolved(policy: AnyPolicy | None) -> AnyPolicy:
    from ..catalogue.standard import standard_policy

    return standard_policy() if policy is None else policy


def _stream(items: Iterator[Item], policy: AnyPolicy, trace: bool, workers: int,
            chunk_size: int, as_json: bool) -> Iterator[Decided]:
    first = list(islice(items, chunk_size))
    if workers == 1 or len(first) < chunk_size:
        # One chunk or fewer: starting workers would cost more than deciding it here.
        engine = _engine(policy)
        yield from _decided(engine, first, trace, as_json)
        for item in items:
            yield _decide_one(engine, item, trace, as_json)
        return
    yield from _in_workers(first, items, policy, trace, workers, chunk_size, as_json)


def _in_workers(first: list[Item], items: Iterator[Item], policy: AnyPolicy, trace: bool,
                workers: int, chunk_size: int, as_json: bool) -> Iterator[Decided]:
    document: _Document = (isinstance(policy, PolicyVersions), policy.to_dict())
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                               initializer=_start_worker, initargs=(document, trace, as_json))
    pending: deque[Future[tuple[list[Decided], BaseException | None]]] = deque()
    try:
        chunks = _chunks(first, items, chunk_size)
        for chunk in chunks:
            pending.append(pool.submit(_decide_chunk, chunk))
            if len(pending) < workers * _IN_FLIGHT_PER_WORKER:
                continue
            yield from _results(pending.popleft())
        while pending:
            yield from _results(pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _chunks(first: list[Item], items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    chunk = first
    while chunk:
        yield chunk
        chunk = list(islice(items, size))


def _results(future: Future[tuple[list[Decided], BaseException | None]]) -> Iterator[Decided]:
    decided, error = future.result()
    yield from decided
    if error is not None:
        raise error


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["aftersales"])
        return context
    return multiprocessing.get_context("spawn")


def _engine(policy: AnyPolicy) -> Any:
    from . import resolve

    return resolve(policy)


def _start_worker(document: _Document, trace: bool, as_json: bool) -> None:
    global _worker
    versions, data = document
    policy = PolicyVersions.parse(data) if versions else Policy.parse(data)
    _worker = (_engine(policy), trace, as_json)


def _decide_chunk(chunk: list[Item]) -> tuple[list[Decided], BaseException | None]:
    """A chunk's results in order; an unexpected exception ends the chunk, returned with the
    results before it so that the parent raises it in its place."""
    assert _worker is not None, "a worker decides chunks only once started"
    engine, trace, as_json = _worker
    decided: list[Decided] = []
    try:
        for item in chunk:
            decided.append(_decide_one(engine, item, trace, as_json))
    except Exception as error:  # noqa: BLE001 - a bug: raised in its place by the parent
        return decided, _portable(error)
    return decided, None


def _decided(engine: Any, chunk: list[Item], trace: bool, as_json: bool) -> Iterator[Decided]:
    for item in chunk:
        yield _decide_one(engine, item, trace, as_json)


def _decide_one(engine: Any, item: Item, trace: bool, as_json: bool) -> Decided:
    if isinstance(item, InvalidCaseError):
        return item
    try:
        decision: Decision = engine.evaluate(item, trace=trace)
    except InvalidCaseError as error:
        return error
    return decision.to_json() if as_json else decision


def _portable(error: Exception) -> BaseException:
    """`error` if it survives pickling, else a `RuntimeError` carrying its text."""
    import pickle

    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - whatever keeps it from crossing, send its text
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error
