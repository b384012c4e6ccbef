"""How a batch runs beside Python's cyclic garbage collector.

Deciding a case leaves no cyclic garbage, but it allocates about 25 containers that the
collector tracks, and a batch keeps its decisions. With the default thresholds (a young
collection every 700 allocations, a middle one every 10 young ones, and a full one when the
middle ones have moved a quarter as much again into the oldest generation), the collector
rescans the decisions kept so far again and again: on 100,000 cases of the standard policy,
trace on, 22 µs of each case's 75 µs. The young collections cost little; the rescans are the
middle and full ones. While a batch runs, a young collection comes every 20,000 allocations
(`BATCH_THRESHOLD`) and a middle one only every 1,000 young ones (`BATCH_MIDDLE_THRESHOLD`:
20 million allocations, some 60,000 cases of the standard policy). The collector stays on,
so cycles made elsewhere meanwhile are still collected, only later. On leaving the batch the
thresholds are put back as they were. Thresholds already as high, or the collector switched
off, are left as the caller set them; so are thresholds the caller changed during the batch.

Batches nest and may run in several threads at once: the thresholds are raised by the first
to enter and put back by the last to leave. A worker process (`engine.stream`) keeps the
batch thresholds for its life, and freezes its compiled policy out of the collector's scans.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

__all__ = ["BATCH_MIDDLE_THRESHOLD", "BATCH_THRESHOLD", "batch_collection", "for_worker"]

BATCH_THRESHOLD: Final = 20_000
"""Allocations between young collections while a batch runs (Python's default is 700)."""

BATCH_MIDDLE_THRESHOLD: Final = 1_000
"""Young collections between middle ones while a batch runs (Python's default is 10)."""

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
    (the library, the compiled policy) is frozen out of every collection, and the
    thresholds are the batch ones."""
    gc.collect()
    gc.freeze()
    raised = _raised(gc.get_threshold())
    if raised is not None:
        gc.set_threshold(*raised)


def _raised(thresholds: tuple[int, int, int]) -> tuple[int, int, int] | None:
    """The batch thresholds in place of `thresholds`; None when the collector is off (a young
    threshold of 0 turns it off too) or they are as high already."""
    if not gc.isenabled() or thresholds[0] == 0:
        return None
    raised = _batch_thresholds(thresholds)
    return None if raised == thresholds else raised


def _batch_thresholds(thresholds: tuple[int, int, int]) -> tuple[int, int, int]:
    """`thresholds` with the young and middle ones at least the batch ones."""
    young, middle, old = thresholds
    return max(young, BATCH_THRESHOLD), max(middle, BATCH_MIDDLE_THRESHOLD), old


def _enter() -> None:
    global _depth, _saved
    with _lock:
        _depth += 1
        if _depth == 1:
            thresholds = gc.get_threshold()
            raised = _raised(thresholds)
            if raised is not None:
                _saved = thresholds
                gc.set_threshold(*raised)


def _leave() -> None:
    global _depth, _saved
    with _lock:
        _depth -= 1
        if _depth == 0 and _saved is not None:
            if gc.get_threshold() == _batch_thresholds(_saved):
                gc.set_threshold(*_saved)
            _saved = None
