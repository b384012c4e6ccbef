"""`iter_decisions`: a lazy stream of decisions in input order, in this process or in worker
processes, bad cases in their place."""

from __future__ import annotations

import gc
import json
import pickle
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import aftersales
from aftersales import Decision, InvalidCaseError, iter_decisions
from aftersales.engine import stream
from aftersales.engine.collection import BATCH_MIDDLE_THRESHOLD, BATCH_THRESHOLD
from aftersales.engine.stream import Decide, decide_stream, fold_stream
from tests.streams import case_texts

EXAMPLES = Path(__file__).parents[2] / "examples"


def outcomes(results: list[Decision | InvalidCaseError]) -> list[object]:
    return [result.to_dict() if isinstance(result, Decision) else str(result)
            for result in results]


def test_decisions_come_in_input_order_with_bad_cases_in_their_place() -> None:
    texts = case_texts(40)
    results = list(iter_decisions(texts))
    assert [isinstance(r, InvalidCaseError) for r in results] == [
        text == "{not json" or '"quantity": 0' in text for text in texts]
    assert [r.case_id for r in results if isinstance(r, Decision)] == [
        f"c{n}" for n, text in enumerate(texts) if text.startswith('{"id"')
        and '"quantity": 0' not in text]


def test_worker_processes_give_exactly_the_decisions_of_one_process() -> None:
    texts = case_texts(230)
    alone = list(iter_decisions(texts, trace=False))
    in_workers = list(iter_decisions(texts, trace=False, jobs=2, chunk_size=16))
    assert outcomes(in_workers) == outcomes(alone)


def test_workers_are_forked_while_this_process_runs_a_single_thread_only() -> None:
    forked = stream._context().get_start_method() == "fork"
    assert forked == (sys.platform == "linux" and stream._threads() == 1)
    with running_thread():
        assert stream._threads() > 1
        assert stream._context().get_start_method() != "fork"


def test_workers_started_beside_another_thread_give_the_same_decisions() -> None:
    texts = case_texts(120)
    alone = list(iter_decisions(texts))
    with running_thread():
        in_workers = list(iter_decisions(texts, jobs=2, chunk_size=16))
    assert outcomes(in_workers) == outcomes(alone)


@contextmanager
def running_thread() -> Iterator[None]:
    done = threading.Event()
    thread = threading.Thread(target=done.wait)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def test_workers_decide_under_versions_by_the_version_in_force() -> None:
    versions = aftersales.load_policy(EXAMPLES / "allergy-versions.yaml")
    assert isinstance(versions, aftersales.PolicyVersions)
    texts = case_texts(60)
    assert outcomes(list(iter_decisions(texts, versions, jobs=2, chunk_size=8))) == \
        outcomes(list(iter_decisions(texts, versions)))


def test_the_stream_is_lazy_deciding_what_came_before_an_input_that_fails() -> None:
    texts = case_texts(10, bad_every=None)

    def cases() -> Iterator[str]:
        yield from texts
        raise RuntimeError("the source broke")

    stream = iter_decisions(cases(), chunk_size=4)
    assert [next(stream).case_id for _ in range(10)] == [f"c{n}" for n in range(10)]  # type: ignore[union-attr]
    with pytest.raises(RuntimeError, match="the source broke"):
        next(stream)


def test_workers_pull_the_input_a_few_chunks_ahead_not_all_of_it() -> None:
    pulled = 0

    def cases() -> Iterator[str]:
        nonlocal pulled
        for text in case_texts(10_000, bad_every=None):
            pulled += 1
            yield text

    stream = iter_decisions(cases(), trace=False, jobs=2, chunk_size=10)
    next(stream)
    assert pulled <= 10 * (2 * 2 + 1)  # two chunks per worker in flight, and one read ahead
    stream.close()


class Boom(dict[str, object]):
    """A case whose reading raises what no case should (a bug); it crosses to a worker."""

    def __reduce__(self) -> tuple[type[Boom], tuple[()]]:
        return Boom, ()

    def _raise(self, *args: object, **kwargs: object) -> Any:
        raise ZeroDivisionError("a bug")

    __getitem__ = get = keys = items = values = __iter__ = __len__ = __contains__ = _raise


def test_a_bug_in_a_worker_is_raised_in_its_place_after_every_case_before_it() -> None:
    texts: list[object] = list(case_texts(30, bad_every=None))
    texts[23] = Boom()
    stream = iter_decisions(texts, jobs=2, chunk_size=4)  # type: ignore[arg-type]
    decided = [next(stream) for _ in range(23)]
    assert [d.case_id for d in decided] == [f"c{n}" for n in range(23)]  # type: ignore[union-attr]
    with pytest.raises(ZeroDivisionError, match="a bug"):
        next(stream)


def test_errors_read_upstream_pass_through_in_place() -> None:
    refused = InvalidCaseError([aftersales.Problem("", "csv_row_too_long", "too long")])
    texts = case_texts(3, bad_every=None)
    results = list(decide_stream([texts[0], refused, texts[1]], (None, None)))
    assert results[1] == (refused, refused)
    assert isinstance(results[0][0], Decision)
    assert isinstance(results[2][1], Decision)


def test_decisions_may_come_as_their_json_text() -> None:
    texts = case_texts(3, bad_every=None)
    (text,), = decide_stream(texts[:1], (None,), as_json=True)
    assert text == aftersales.evaluate(texts[0]).to_json()


def test_evaluate_many_in_workers_returns_the_same_list() -> None:
    texts = case_texts(1100)
    assert outcomes(aftersales.evaluate_many(texts, jobs=2)) == \
        outcomes(aftersales.evaluate_many(texts))


seen: list[tuple[int, int, int]] = []
"""The collector's thresholds each time a `ThresholdProbe` was unpickled."""


def _thresholds_now() -> tuple[int, int, int]:
    seen.append(gc.get_threshold())
    return gc.get_threshold()


class ThresholdProbe:
    def __reduce__(self) -> tuple[Any, tuple[()]]:
        return _thresholds_now, ()


@pytest.fixture
def collector_on() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.enable()
    yield
    if not enabled:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_a_workers_chunk_is_unpickled_here_as_one_batch_beside_the_collector() -> None:
    seen.clear()
    before = gc.get_threshold()
    decided, error = stream._unpacked(pickle.dumps(([(ThresholdProbe(),)], None)))
    assert error is None
    assert len(decided) == 1
    assert seen[0][:2] == (max(before[0], BATCH_THRESHOLD),
                           max(before[1], BATCH_MIDDLE_THRESHOLD))
    assert gc.get_threshold() == before


@pytest.mark.usefixtures("collector_on")
def test_evaluate_many_in_workers_rescans_none_of_the_decisions_it_receives() -> None:
    texts = case_texts(2000, bad_every=None)
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] > 0:
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        decided = aftersales.evaluate_many(texts, jobs=2)
    finally:
        gc.callbacks.remove(count)
    assert len(decided) == 2000
    # no full collection; at most the middle one that catches up as the thresholds go back
    assert collections in ([], [1])


def test_jobs_and_chunk_size_below_one_are_refused() -> None:
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        iter_decisions([], jobs=0)
    with pytest.raises(ValueError, match="chunk_size must be at least 1"):
        iter_decisions([], chunk_size=0)


def test_a_case_error_crosses_a_process_boundary_whole() -> None:
    with pytest.raises(InvalidCaseError) as refused:
        aftersales.evaluate("{not json")
    copy = pickle.loads(pickle.dumps(refused.value))
    assert (copy.problems, str(copy)) == (refused.value.problems, str(refused.value))


def test_validated_cases_and_dicts_cross_to_workers_too() -> None:
    texts = case_texts(40, bad_every=None)
    cases: list[aftersales.Case | dict[str, object]] = [aftersales.parse_case(t) for t in texts]
    cases[1::2] = [json.loads(text) for text in texts[1::2]]
    assert outcomes(list(iter_decisions(cases, jobs=2, chunk_size=8))) == \
        outcomes(list(iter_decisions(texts)))


def ids_of_chunk(decide: Decide, start: int, chunk: list[str]) -> tuple[int, list[object]]:
    """A fold: where the chunk starts, and each case's id (or its error's code)."""
    decided = [decide(text)[0] for text in chunk]
    return start, [d.case_id if isinstance(d, Decision) else "invalid" for d in decided]


def failing_past(limit: int, decide: Decide, start: int, chunk: list[str]) -> int:
    if start >= limit:
        raise ZeroDivisionError("a bug in the fold")
    return len(chunk)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_fold_sees_every_chunk_in_order_with_the_cases_before_it(jobs: int) -> None:
    texts = case_texts(30)
    folded = list(fold_stream(texts, (None,), ids_of_chunk, jobs=jobs, chunk_size=8))
    assert [start for start, _ in folded] == [0, 8, 16, 24]
    assert [case for _, cases in folded for case in cases] == [
        d.case_id if isinstance(d, Decision) else "invalid" for d in iter_decisions(texts)]


def test_a_fold_that_raises_in_a_worker_ends_the_stream_after_every_chunk_before_it() -> None:
    stream = fold_stream(case_texts(30, bad_every=None), (None,), partial(failing_past, 16),
                         jobs=2, chunk_size=8)
    assert [next(stream), next(stream)] == [8, 8]
    with pytest.raises(ZeroDivisionError, match="a bug in the fold"):
        next(stream)


def test_a_fold_refuses_chunks_below_one_case() -> None:
    with pytest.raises(ValueError, match="chunk_size must be at least 1"):
        next(fold_stream([], (None,), ids_of_chunk, chunk_size=0))


def breaking_after(count: int) -> Iterator[str]:
    """`count` valid cases, then an input that fails (a damaged file, a dropped stream)."""
    yield from case_texts(count, bad_every=None)
    raise RuntimeError("the source broke")


def read_until_it_raises(stream: Iterator[Any]) -> tuple[list[Any], BaseException]:
    """What the stream gave, and what it raised at the end."""
    given: list[Any] = []
    try:
        given.extend(stream)
    except RuntimeError as error:
        return given, error
    raise AssertionError("the stream ended without raising")


@pytest.mark.parametrize(("jobs", "count"), [(1, 3), (1, 21), (2, 3), (2, 21), (2, 24)])
def test_every_case_read_before_the_input_fails_is_decided_first(jobs: int,
                                                                 count: int) -> None:
    decided, raised = read_until_it_raises(iter_decisions(
        breaking_after(count), trace=False, jobs=jobs, chunk_size=4))
    assert str(raised) == "the source broke"
    assert [result.case_id for result in decided] == [f"c{n}" for n in range(count)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_fold_folds_every_case_read_before_the_input_fails(jobs: int) -> None:
    folded, raised = read_until_it_raises(fold_stream(
        breaking_after(21), (None,), ids_of_chunk, jobs=jobs, chunk_size=4))
    assert str(raised) == "the source broke"
    assert [case for _, ids in folded for case in ids] == [f"c{n}" for n in range(21)]
