"""Deciding a stream of cases lazily, in this process or on every core, in input order.

Cases are pulled from the input one chunk at a time, so memory holds a few chunks, never the
whole input. With `jobs > 1` each chunk is decided in a worker process, at most two chunks
per worker in flight, and the results are yielded chunk by chunk in the order the chunks were
read; in this process too, a chunk is decided and then yielded, each chunk as one batch
beside the garbage collector (`engine.collection`). What crosses the process boundary is
kept cheap: the policy once per worker, as its document (`policy.to_dict()`, rebuilt and
compiled there once); each case as given (JSON text costs nothing to send); each decision
back pickled (cheaper to rebuild than from JSON, and typed facts survive it), or as its JSON
text when that is all the caller writes (`aftersales evaluate`). A chunk's results cross as
one pickled blob, which this process unpickles as one batch beside the garbage collector,
as it would decide them: unpickled by the pool's own thread at the default thresholds, the
collector's rescans of the decisions received so far cost three quarters of this process's
time (40,000 cases, 2 workers: 1.45 s of 1.83 s), which left `evaluate_many(jobs=2)` slower
than one process on two cores.

`fold_stream` runs a fold over each chunk where the chunk is decided, so that a report (a
preview, a diff) gets back a chunk's counts and the few rows it keeps, not every decision.

A bad case is an `InvalidCaseError` in its place. Anything else raised while deciding a case
(a bug) is raised in its place too: every case before it has been yielded, in order, exactly
as in one process; a worker process that dies raises `BrokenProcessPool` at the first chunk
it did not finish, after every earlier chunk.

Workers are forked on Linux when this process runs a single thread: they start at once, with
everything already imported, and forking can't copy a lock another thread holds. Otherwise
(a thread is running: a progress bar, a caller's own, a native library's pool; or another
system) they start from `forkserver` where there is one, `spawn` elsewhere, which import the
library afresh (about 0.7 s). A policy made of rule kinds of your own decides in workers only
when the module registering those kinds is importable there.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeVar, cast

from ..model.decision import Decision
from ..model.errors import InvalidCaseError
from ..model.records import CaseRecord
from ..policy.policy import Policy
from ..policy.versions import AnyPolicy, PolicyVersions
from .collection import batch_collection, for_worker
from .inputs import CaseInput, read_case

if TYPE_CHECKING:
    from . import Engine

_Picker: TypeAlias = "Callable[[CaseRecord], Engine]"
_T = TypeVar("_T")
_R = TypeVar("_R")

__all__ = ["CHUNK_SIZE", "Decide", "Decided", "Fold", "Item", "decide_stream", "fold_stream",
           "iter_decisions", "jobs_of"]

CHUNK_SIZE: Final = 500
"""Cases per chunk: large enough that sending a chunk to a worker costs little beside
deciding it, small enough that a few chunks in flight take little memory."""

_IN_FLIGHT_PER_WORKER: Final = 2

Item: TypeAlias = CaseInput | InvalidCaseError
"""A case to decide; an `InvalidCaseError` (a case its reader already refused) is passed
through in place."""
Decided: TypeAlias = Decision | str | InvalidCaseError
"""A decision, its JSON text (`as_json=True`), or the error of a bad case."""

Decide: TypeAlias = Callable[[Item], tuple[Decided, ...]]
"""One case decided under each policy of the stream."""
Fold: TypeAlias = Callable[[Decide, int, list[Any]], Any]
"""What a chunk of a folded stream comes to: called with how to decide a case, how many
cases came before the chunk, and the chunk."""

_Document: TypeAlias = tuple[bool, dict[str, Any]]  # (is versions, the policy's document)
_worker: tuple[tuple[_Picker, ...], _Options] | None = None  # this worker's engines and options


def iter_decisions(cases: Iterable[CaseInput], policy: AnyPolicy | str | None = None, *,
                   trace: bool = True, jobs: int | None = 1,
                   chunk_size: int = CHUNK_SIZE,
                   ) -> Generator[Decision | InvalidCaseError, None, None]:
    """Decide `cases` lazily, yielding each decision (or a bad case's `InvalidCaseError`) in
    input order, in memory bounded by a few chunks of `chunk_size` cases. `jobs` worker
    processes decide chunks in parallel (None: one per core; 1: in this process)."""
    decided = decide_stream(cases, (policy,), trace=trace, jobs=jobs, chunk_size=chunk_size)
    return (cast(Decision | InvalidCaseError, results[0]) for results in decided)


def jobs_of(jobs: int | None) -> int:
    """`jobs`, or the machine's cores for None; a `ValueError` below 1."""
    count = (os.cpu_count() or 1) if jobs is None else jobs
    if count < 1:
        raise ValueError(f"jobs must be at least 1 (got {jobs})")
    return count


def decide_stream(cases: Iterable[Item], policies: Sequence[AnyPolicy | str | None], *,
                  trace: bool = True, jobs: int | None = 1, chunk_size: int = CHUNK_SIZE,
                  as_json: bool = False) -> Generator[tuple[Decided, ...], None, None]:
    """Each case decided under each of `policies` (a case is read once for all of them),
    lazily and in input order, as `iter_decisions` does. Items already refused by their
    reader pass through; `as_json` yields each decision's JSON text instead."""
    workers, resolved = _prepared(policies, jobs, chunk_size)
    return _stream(iter(cases), resolved, _Options(trace, as_json), workers, chunk_size)


def fold_stream(cases: Iterable[_T], policies: Sequence[AnyPolicy | str | None],
                fold: Callable[[Decide, int, list[_T]], Any], *, trace: bool = False,
                jobs: int | None = 1, chunk_size: int = CHUNK_SIZE) -> Generator[Any, None, None]:
    """What `fold` makes of each chunk of `cases`, in input order: `fold(decide, start,
    chunk)`, where `decide(item)` decides one case under each of `policies` and `start`
    counts the cases before the chunk. With `jobs > 1` each chunk is folded in a worker
    process, so that only what the fold keeps crosses back (a report's counts and its
    sample, not every decision); `fold` must then be picklable (a module's function, or a
    `functools.partial` of one). A fold that raises ends the stream there, after every
    chunk before it."""
    workers, resolved = _prepared(policies, jobs, chunk_size)
    options = _Options(trace, as_json=False)
    items = iter(cases)
    first, broken = _pulled(items, chunk_size)
    chunks = _numbered(_chunks(first, broken, items, chunk_size))
    if workers == 1 or len(first) < chunk_size:
        decide = _decider(tuple(_engine(policy) for policy in resolved), options)
        for start, chunk in chunks:
            with batch_collection():
                folded = fold(decide, start, chunk)
            yield folded
        return
    tasks = ((_fold_chunk, (fold, start, chunk)) for start, chunk in chunks)
    for folded, error in _pooled(tasks, resolved, options, workers):
        if error is not None:
            raise error
        yield folded


def _fold_chunk(fold: Fold, start: int, chunk: list[Any]) -> tuple[Any, BaseException | None]:
    assert _worker is not None, "a worker folds chunks only once started"
    try:
        return fold(_decider(*_worker), start, chunk), None
    except Exception as error:  # a bug: raised in its place by the parent
        return None, _portable(error)


def _decider(engines: tuple[_Picker, ...], options: _Options) -> Decide:
    def decide(item: Item) -> tuple[Decided, ...]:
        return _decide_one(engines, item, options)

    return decide


def _numbered(chunks: Iterator[list[_T]]) -> Iterator[tuple[int, list[_T]]]:
    """Each chunk beside how many items came before it."""
    start = 0
    for chunk in chunks:
        yield start, chunk
        start += len(chunk)


def _prepared(policies: Sequence[AnyPolicy | str | None], jobs: int | None,
              chunk_size: int) -> tuple[int, tuple[AnyPolicy, ...]]:
    """The workers to start and the policies resolved; a `ValueError` for a bad size."""
    from . import policy_of

    workers = jobs_of(jobs)
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1 (got {chunk_size})")
    return workers, tuple(policy_of(policy) for policy in policies)


@dataclass(frozen=True, slots=True)
class _Options:
    trace: bool
    as_json: bool


_Results: TypeAlias = tuple[list[tuple[Decided, ...]], BaseException | None]


def _stream(items: Iterator[Item], policies: tuple[AnyPolicy, ...], options: _Options,
            workers: int, chunk_size: int) -> Generator[tuple[Decided, ...], None, None]:
    first, broken = _pulled(items, chunk_size)
    chunks = _chunks(first, broken, items, chunk_size)
    if workers == 1 or len(first) < chunk_size:
        # One chunk or fewer: starting workers would cost more than deciding it here.
        engines = tuple(_engine(policy) for policy in policies)
        for chunk in chunks:
            decided, error = _decided(engines, chunk, options)
            yield from decided
            if error is not None:
                raise error
        return
    yield from _in_workers(chunks, policies, options, workers)


def _in_workers(chunks: Iterator[list[Item]], policies: tuple[AnyPolicy, ...],
                options: _Options, workers: int) -> Iterator[tuple[Decided, ...]]:
    for blob in _pooled(((_decide_chunk, (chunk,)) for chunk in chunks), policies, options,
                        workers):
        decided, error = _unpacked(blob)
        yield from decided
        if error is not None:
            raise error


def _pooled(tasks: Iterator[tuple[Callable[..., _R], tuple[Any, ...]]],
            policies: tuple[AnyPolicy, ...], options: _Options, workers: int) -> Iterator[_R]:
    """Each task's result, in order, from `workers` processes deciding under `policies`, at
    most `_IN_FLIGHT_PER_WORKER` tasks a worker submitted ahead. Where making the next task
    raises (the input failed), the tasks already submitted still give their results first."""
    documents = tuple(_document(policy) for policy in policies)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                               initializer=_start_worker, initargs=(documents, options))
    pending: deque[Future[_R]] = deque()
    broken: Exception | None = None
    try:
        while True:
            try:
                task, arguments = next(tasks)
            except StopIteration:
                break
            except Exception as error:
                broken = error
                break
            pending.append(pool.submit(task, *arguments))
            if len(pending) >= workers * _IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        if broken is not None:
            raise broken
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _document(policy: AnyPolicy) -> _Document:
    return isinstance(policy, PolicyVersions), policy.to_dict()


def _pulled(items: Iterator[_T], size: int) -> tuple[list[_T], Exception | None]:
    """The next `size` items, and what the input raised before it gave them all: the items
    read before it are still decided, and then it is raised in its place."""
    chunk: list[_T] = []
    try:
        chunk.extend(islice(items, size))
    except Exception as error:
        return chunk, error
    return chunk, None


def _chunks(first: list[_T], broken: Exception | None, items: Iterator[_T],
            size: int) -> Iterator[list[_T]]:
    """The input's chunks, `first` the first; where the input raised (`broken`, or while a
    later chunk is read), the items read before it are a last chunk, then it is raised."""
    chunk = first
    while chunk:
        yield chunk
        if broken is not None:
            break
        chunk, broken = _pulled(items, size)
    if broken is not None:
        raise broken


def _context() -> multiprocessing.context.BaseContext:
    if sys.platform == "linux" and _threads() == 1:
        # What a forked child's exit flushes must not be written twice.
        sys.stdout.flush()
        sys.stderr.flush()
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["aftersales"])
        return context
    return multiprocessing.get_context("spawn")


def _threads() -> int:
    """The threads this process runs, native ones included (Linux)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:  # no /proc: count as threaded, never fork
        return 2


def _engine(policy: AnyPolicy) -> _Picker:
    """What picks the engine deciding a record: the policy's, or under versions the one of
    the version in force for it."""
    from . import Engine, resolve

    engine = resolve(policy)
    if isinstance(engine, Engine):
        compiled = engine
        return lambda record: compiled
    return engine.engine_for_case


def _start_worker(documents: tuple[_Document, ...], options: _Options) -> None:
    global _worker
    # Ctrl-C reaches the whole process group: the parent stops the pool; a worker that took
    # it too would only print its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    policies = [PolicyVersions.parse(data) if versions else Policy.parse(data)
                for versions, data in documents]
    _worker = (tuple(_engine(policy) for policy in policies), options)
    for_worker()


def _decide_chunk(chunk: list[Item]) -> bytes:
    """A chunk's results in order, pickled (`_unpacked` reads them); an unexpected exception
    ends the chunk, returned with the results before it so that the parent raises it in its
    place."""
    assert _worker is not None, "a worker decides chunks only once started"
    engines, options = _worker
    decided, error = _decided(engines, chunk, options)
    results: _Results = (decided, None if error is None else _portable(error))
    return pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)


def _unpacked(blob: bytes) -> _Results:
    """A worker's chunk of results, unpickled as one batch (`engine.collection`)."""
    with batch_collection():
        results: _Results = pickle.loads(blob)
    return results


def _decided(engines: tuple[_Picker, ...], chunk: list[Item], options: _Options,
             ) -> tuple[list[tuple[Decided, ...]], Exception | None]:
    """A chunk decided as one batch (`engine.collection`): its results in order, up to an
    unexpected exception (a bug), returned beside them to be raised in its place."""
    decided: list[tuple[Decided, ...]] = []
    with batch_collection():
        try:
            for item in chunk:
                decided.append(_decide_one(engines, item, options))
        except Exception as error:
            return decided, error
    return decided, None


def _decide_one(engines: tuple[_Picker, ...], item: Item, options: _Options,
                ) -> tuple[Decided, ...]:
    if isinstance(item, InvalidCaseError):
        return (item,) * len(engines)
    try:
        record = read_case(item)
    except InvalidCaseError as error:
        return (error,) * len(engines)
    return tuple(_decide_record(engine, record, options) for engine in engines)


def _decide_record(engine: _Picker, record: CaseRecord, options: _Options) -> Decided:
    try:
        decision = engine(record).decide(record, trace=options.trace)
    except InvalidCaseError as error:
        return error
    return decision.to_json() if options.as_json else decision


def _portable(error: Exception) -> BaseException:
    """`error` if it survives pickling, else a `RuntimeError` carrying its text."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # whatever keeps it from crossing: send its text
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error
