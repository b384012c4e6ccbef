"""Streaming benchmark: memory and speed of `aftersales evaluate` and `aftersales preview` on
a large file of cases, with one process and with worker processes.

Writes N generated cases (benchmarks/bench_evaluate.py's `make_workload`, in slices, so the
generator's memory stays small) as a JSON Lines file, then runs each command as a child
process, R times, and reports its wall time, cases/s and max RSS (`resource.getrusage(
RUSAGE_CHILDREN)` of a fresh wrapper process per run, so each figure is that run's own: the
largest single process, the command or one of its workers). All figures decide under the
headline policy of bench_evaluate.py (the four guarantees its floor implements), written to a
policy file, so that the floor does the same work: (f) the plain-Python floor, JSON text to
(status, amount), in this process on the same file. Ratios are of medians, in one run.

    python benchmarks/bench_stream.py [--cases N] [--repeats R] [--jobs J]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter, process_time
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_evaluate import HEADLINE, floor_decide, make_workload, to_floor

_SLICE = 50_000
_WRAPPER = """
import resource, subprocess, sys, time
started = time.perf_counter()
status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - started
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, status)
"""

TARGETS = {
    "preview RSS (MB), 1,000,000 cases": 400.0,
    "preview / evaluate time": 1.2,
    "evaluate --jobs 2 speed-up": 1.7,
}
"""Issue 12's targets: at most the first two, at least the last."""


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    rss_mb: float


def write_cases(path: Path, count: int, seed: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for start in range(0, count, _SLICE):
            size = min(_SLICE, count - start)
            for text in make_workload(size, seed + start):
                out.write(text + "\n")


def measure(command: Sequence[str]) -> Run:
    """One run of `command` in a fresh wrapper: its wall time and its largest process."""
    result = subprocess.run([sys.executable, "-c", _WRAPPER, *command], capture_output=True,
                            text=True, check=True)
    seconds, rss_kb, status = result.stdout.split()
    if int(status) not in (0, 2):
        raise SystemExit(f"{' '.join(command)} exited {status}")
    return Run(float(seconds), int(rss_kb) / 1024)


def floor_seconds(path: Path) -> float:
    """The plain-Python floor, end to end from the file's JSON text."""
    started = perf_counter()
    with path.open(encoding="utf-8") as cases:
        for line in cases:
            floor_decide(to_floor(line))
    return perf_counter() - started


def parent_share(path: Path, jobs: int, limit: int = 50_000) -> tuple[float, float]:
    """CPU seconds of this process deciding up to `limit` cases of the file in one process,
    and of this (parent) process alone when `jobs` workers decide them: what the parent's
    reading, sending and writing costs beside the deciding, the ceiling of the speed-up."""
    from aftersales.engine.stream import decide_stream

    with path.open(encoding="utf-8") as cases:
        texts = [line for _, line in zip(range(limit), cases, strict=False)]
    spent = []
    for workers in (1, jobs):
        before = resource.getrusage(resource.RUSAGE_SELF)
        for _ in decide_stream(texts, (HEADLINE,), trace=False, jobs=workers, as_json=True):
            pass
        after = resource.getrusage(resource.RUSAGE_SELF)
        spent.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return spent[0], spent[1]


def python_api(path: Path, jobs: int, repeats: int,
               limit: int = 50_000) -> tuple[float, float, float]:
    """`evaluate_many` in Python on up to `limit` cases of the file (trace off), the median
    wall seconds with one process and with `jobs` workers, and this process's CPU seconds
    with `jobs` workers: the decisions cross back as Decision objects, not text."""
    import aftersales

    with path.open(encoding="utf-8") as cases:
        texts = [line for _, line in zip(range(limit), cases, strict=False)]
    walls: dict[int, list[float]] = {1: [], jobs: []}
    cpu: list[float] = []
    for _ in range(repeats):
        for workers in (1, jobs):
            started, spent = perf_counter(), process_time()
            decided = aftersales.evaluate_many(texts, HEADLINE, trace=False, jobs=workers)
            walls[workers].append(perf_counter() - started)
            if workers == jobs:
                cpu.append(process_time() - spent)
            del decided
    return (statistics.median(walls[1]), statistics.median(walls[jobs]),
            statistics.median(cpu))


def crossing_costs(path: Path, limit: int = 5_000) -> dict[str, float]:
    """Microseconds per decision (trace off) of what could cross back from a worker: the
    Decision pickled (what `iter_decisions` sends), its JSON text (what `evaluate` sends),
    and a Decision rebuilt from that text (the alternative to pickling)."""
    import pickle

    import aftersales

    with path.open(encoding="utf-8") as cases:
        texts = [line for _, line in zip(range(limit), cases, strict=False)]
    decisions = aftersales.evaluate_many(texts, HEADLINE, trace=False)
    costs: dict[str, float] = {}

    def timed(name: str, run: Callable[[], object]) -> object:
        started = perf_counter()
        result = run()
        costs[name] = (perf_counter() - started) / len(decisions) * 1e6
        return result

    blob = timed("pickle a Decision", lambda: pickle.dumps(decisions, protocol=5))
    timed("unpickle it (parent)", lambda: pickle.loads(cast(bytes, blob)))
    texts_out = cast(list[str], timed("Decision.to_json (worker)",
                                      lambda: [d.to_json() for d in decisions
                                               if isinstance(d, aftersales.Decision)]))
    timed("send its JSON text (pickled str)", lambda: pickle.loads(pickle.dumps(texts_out)))
    timed("rebuild a Decision from JSON", lambda: [
        aftersales.Decision.model_validate_json(text) for text in texts_out])
    return costs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Streaming benchmark for aftersales.")
    parser.add_argument("--cases", type=int, default=100_000, help="cases (100000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (3)")
    parser.add_argument("--jobs", type=int, default=2, help="workers for the parallel runs (2)")
    parser.add_argument("--seed", type=int, default=20250822)
    parser.add_argument("--skip-preview", action="store_true",
                        help="evaluate only (for a quick memory check of a large file)")
    args = parser.parse_args(argv)
    count, repeats, jobs = int(args.cases), int(args.repeats), int(args.jobs)
    if count < 1 or repeats < 1 or jobs < 2:
        parser.error("--cases and --repeats must be at least 1, --jobs at least 2")
    command = [sys.executable, "-m", "aftersales.cli"]
    print(f"python {sys.version.split()[0]}, cpu_count {os.cpu_count()}, load "
          f"{', '.join(f'{load:.2f}' for load in os.getloadavg())}; {count:,} cases, "
          f"{repeats} runs per figure (medians), headline policy ({len(HEADLINE.guarantees)} "
          "guarantees)")
    with tempfile.TemporaryDirectory() as folder:
        cases, policy = Path(folder) / "cases.jsonl", Path(folder) / "headline.json"
        write_cases(cases, count, int(args.seed))
        policy.write_text(json.dumps(HEADLINE.to_dict(), default=str), encoding="utf-8")
        print(f"cases file: {cases.stat().st_size / 1e6:,.0f} MB of JSON Lines")
        given = ["--policy", str(policy), str(cases)]
        figures = {
            "(e1) evaluate --no-trace --jobs 1": [*command, "evaluate", "--no-trace",
                                                  "--jobs", "1", *given],
            f"(e{jobs}) evaluate --no-trace --jobs {jobs}": [
                *command, "evaluate", "--no-trace", "--jobs", str(jobs), *given],
        }
        if not args.skip_preview:
            figures["(p1) preview --jobs 1 (text)"] = [*command, "preview", "--jobs", "1",
                                                     "--color", "never", *given]
            figures[f"(p{jobs}) preview --jobs {jobs} (text)"] = [
                *command, "preview", "--jobs", str(jobs), "--color", "never", *given]
        runs: dict[str, list[Run]] = {name: [] for name in figures}
        floors: list[float] = []
        for _ in range(repeats):  # interleaved: noise on a shared machine hits every figure
            for name, run in figures.items():
                runs[name].append(measure(run))
            floors.append(floor_seconds(cases))
        alone, parent = parent_share(cases, jobs)
        api_one, api_jobs, api_parent = python_api(cases, jobs, repeats)
        crossing = crossing_costs(cases)
    floor = statistics.median(floors)
    print(f"\n{'figure':40} {'seconds':>8} {'cases/s':>9} {'x floor':>8} {'max RSS':>9}")
    print(f"{'(f)  plain-Python floor, in process':40} {floor:>8.2f} {count / floor:>9,.0f} "
          f"{1:>8.1f} {'':>9}")
    medians: dict[str, Run] = {}
    for name, measured in runs.items():
        seconds = statistics.median(run.seconds for run in measured)
        rss = max(run.rss_mb for run in measured)
        medians[name] = Run(seconds, rss)
        print(f"{name:40} {seconds:>8.2f} {count / seconds:>9,.0f} {seconds / floor:>8.1f} "
              f"{rss:>7.0f}MB")
    names = list(medians)
    speed_up = medians[names[0]].seconds / medians[names[1]].seconds
    print(f"\nevaluate --jobs {jobs} / --jobs 1: {speed_up:.2f}x faster "
          f"(target at {jobs} jobs: >= {TARGETS['evaluate --jobs 2 speed-up']}x; a busy "
          "machine's other load takes the cores the workers need: see the load above)")
    print(f"(w) parent CPU with {jobs} workers: {parent:.2f} s beside {alone:.2f} s deciding "
          f"the same {min(count, 50_000):,} cases in one process ({parent / alone:.1%}): on "
          f"{jobs} free cores the speed-up is at most {jobs / (1 + parent / alone):.2f}x")
    print(f"(m) evaluate_many(trace=False) in Python, {min(count, 50_000):,} cases: jobs=1 "
          f"{api_one:.2f} s, jobs={jobs} {api_jobs:.2f} s: {api_one / api_jobs:.2f}x faster "
          f"(this process's CPU with {jobs} workers: {api_parent:.2f} s, unpickling the "
          "decisions)")
    print("(x) what crosses back from a worker, us per decision (trace off): " + "; ".join(
        f"{name} {cost:.1f}" for name, cost in crossing.items()))
    if not args.skip_preview:
        ratio = medians[names[2]].seconds / medians[names[0]].seconds
        print(f"preview / evaluate (one process): {ratio:.2f}x the time (target <= "
              f"{TARGETS['preview / evaluate time']}x); preview max RSS "
              f"{medians[names[2]].rss_mb:.0f} MB at {count:,} cases (target <= "
              f"{TARGETS['preview RSS (MB), 1,000,000 cases']:.0f} MB at 1,000,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
