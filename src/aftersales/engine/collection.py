"""How a batch runs beside Python's cyclic garbage collector.

Deciding a case leaves no cyclic garbage, but it allocates about 25 containers that the
collector tracks, and a batch keeps its decisions. With the default threshold (a young
collection every 700 allocations) the collector rescans the decisions kept so far again and
again: about a quarter of a batch's CPU time on the standard policy. While a batch runs, the
young threshold is raised to `BATCH_THRESHOLD`; the collector stays on, so cycles made
elsewhere meanwhile are still collected, only less often. On leaving the batch the thresholds
are put back as they were. A threshold already higher, or the collector switched off, is left
as the caller set it; so is a threshold the caller changed during the batch.

Batches nest and may run in several threads at once: the thresholds are raised by the first
to enter and put back by the last to leave. A worker process (`engine.stream`) keeps the
batch threshold for its life, and freezes its compiled policy out of the collector's scans.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

__all__ = ["BATCH_THRESHOLD", "batch_collection", "for_worker"]

BATCH_THRESHOLD: Final = 20_000
"""Allocations between young collections while a batch runs (Python's default is 700)."""

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] | None = None
"""The thresholds found on entering the outermost batch, when this module raised them."""


@contextmanager
def batch_collection() -> Iterator[None]:
    """Run the body as a batch (see the module's doc). `evaluate_many` and the streams run
    in one already; wrap your own loop over a batch's decisions in it too (turning them into
    dicts or JSON), which allocates as much again: `aftersales.batch_collection()`."""
    _enter()
    try:
        yield
    finally:
        _leave()


def for_worker() -> None:
    """Set a worker process up for deciding batches until it exits: what it holds so far
    (the library, the compiled policy) is frozen out of every collection, and the young
    threshold is the batch one."""
    gc.collect()
    gc.freeze()
    first, *older = gc.get_threshold()
    if first < BATCH_THRESHOLD:
        gc.set_threshold(BATCH_THRESHOLD, *older)


def _enter() -> None:
    global _depth, _saved
    with _lock:
        _depth += 1
        if _depth == 1:
            thresholds = gc.get_threshold()
            if gc.isenabled() and thresholds[0] < BATCH_THRESHOLD:
                _saved = thresholds
                gc.set_threshold(BATCH_THRESHOLD, *thresholds[1:])


def _leave() -> None:
    global _depth, _saved
    with _lock:
        _depth -= 1
        if _depth == 0 and _saved is not None:
            if gc.get_threshold() == (BATCH_THRESHOLD, *_saved[1:]):
                gc.set_threshold(*_saved)
            _saved = None
