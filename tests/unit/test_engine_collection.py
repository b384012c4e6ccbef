"""A batch raises the collector's young and middle thresholds while it runs and puts the
caller's back; it leaves higher thresholds, a switched-off collector and thresholds changed
meanwhile as the caller set them; nested and concurrent batches put them back once, at the
last to leave; a worker process keeps the batch thresholds and freezes what it compiled."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import aftersales
from aftersales.engine import Engine, iter_decisions
from aftersales.engine.collection import (
    BATCH_MIDDLE_THRESHOLD,
    BATCH_THRESHOLD,
    batch_collection,
)

BATCH = (BATCH_THRESHOLD, BATCH_MIDDLE_THRESHOLD, 10)

SAMPLES = Path(aftersales.__file__).parent / "data" / "sample-cases.jsonl"
TEXTS = [line for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def default_thresholds() -> Iterator[None]:
    saved, enabled = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(700, 10, 10)
    gc.enable()
    yield
    gc.set_threshold(*saved)
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_a_batch_raises_the_young_and_middle_thresholds_and_puts_the_callers_back() -> None:
    with batch_collection():
        assert gc.get_threshold() == BATCH
    assert gc.get_threshold() == (700, 10, 10)


def test_the_threshold_is_put_back_when_the_batch_raises() -> None:
    with pytest.raises(RuntimeError), batch_collection():
        raise RuntimeError("a bug")
    assert gc.get_threshold() == (700, 10, 10)


def test_higher_thresholds_and_a_switched_off_collector_are_left_alone() -> None:
    higher = (BATCH_THRESHOLD * 2, BATCH_MIDDLE_THRESHOLD * 2, 5)
    gc.set_threshold(*higher)
    with batch_collection():
        assert gc.get_threshold() == higher
    gc.set_threshold(700, 10, 10)
    gc.disable()
    with batch_collection():
        assert gc.get_threshold() == (700, 10, 10)
    assert not gc.isenabled()


def test_a_young_threshold_of_zero_keeps_the_collector_off() -> None:
    gc.set_threshold(0, 10, 10)
    with batch_collection():
        assert gc.get_threshold() == (0, 10, 10)
    assert gc.get_threshold() == (0, 10, 10)


def test_only_the_threshold_that_is_lower_is_raised() -> None:
    gc.set_threshold(BATCH_THRESHOLD * 2, 10, 5)
    with batch_collection():
        assert gc.get_threshold() == (BATCH_THRESHOLD * 2, BATCH_MIDDLE_THRESHOLD, 5)
    assert gc.get_threshold() == (BATCH_THRESHOLD * 2, 10, 5)


def test_a_threshold_the_caller_changed_during_the_batch_is_kept() -> None:
    with batch_collection():
        gc.set_threshold(1234, 10, 10)
    assert gc.get_threshold() == (1234, 10, 10)


def test_nested_batches_put_the_threshold_back_at_the_outermost() -> None:
    with batch_collection():
        with batch_collection():
            pass
        assert gc.get_threshold() == BATCH
    assert gc.get_threshold() == (700, 10, 10)


def test_batches_in_two_threads_put_it_back_once_both_left() -> None:
    inside, leave = threading.Barrier(2), threading.Event()

    def batch() -> None:
        with batch_collection():
            inside.wait()
            leave.wait()

    other = threading.Thread(target=batch)
    other.start()
    with batch_collection():
        inside.wait()
    assert gc.get_threshold() == BATCH  # the other thread's batch still runs
    leave.set()
    other.join()
    assert gc.get_threshold() == (700, 10, 10)


def test_evaluate_many_and_iter_decisions_decide_under_the_batch_threshold(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int, int]] = []
    decide = Engine.decide

    def watched(self: Engine, *args: object, **kwargs: object) -> aftersales.Decision:
        seen.append(gc.get_threshold())
        return decide(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "decide", watched)
    aftersales.evaluate_many(TEXTS)
    list(iter_decisions(TEXTS))
    assert len(seen) == 2 * len(TEXTS)
    assert set(seen) == {BATCH}
    assert gc.get_threshold() == (700, 10, 10)


def test_a_worker_keeps_the_batch_thresholds_and_freezes_its_compiled_policy() -> None:
    script = (
        "import gc, json\n"
        "from aftersales.engine import policy_of, stream\n"
        "stream._start_worker(((False, policy_of(None).to_dict()),),"
        " stream._Options(trace=False, as_json=False))\n"
        "print(json.dumps([gc.get_threshold(), gc.get_freeze_count()]))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    thresholds, frozen = json.loads(result.stdout)
    assert tuple(thresholds) == BATCH
    assert frozen > 10_000
