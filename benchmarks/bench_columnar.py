"""Speed benchmark for the columnar batch path: `evaluate_table` on N generated cases (the
workload of bench_evaluate.py) under the headline policy (late_shipment, spoilage, allergy,
price_match), under the full standard policy and under the `douyin` preset (the catalogue
workload), in both of the table's forms: a `case` column of JSON texts, and a typed case
table (`case_table`: the contract's own columns, instants as timestamps, amounts as
decimals), whose one-off
conversion from the texts is timed apart. Printed, all measured in this run: decisions/s
(median of `--repeats`, wall clock) and CPU µs per case (all threads), the share of rows
decided columnar vs by the row engine, the ratio to the row engine (`evaluate_many`, trace
off, JSON text in, on a `--sample` of the same cases), and the headline ratio to the
plain-Python floor (pre-parsed data). Before timing, the sample is decided every way and
must agree (exit status 1 otherwise). `--profile` prints the top entries of a profile of one
evaluate_table run per policy and form.

    python benchmarks/bench_columnar.py [--cases N] [--sample S] [--repeats R] [--seed S]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from time import perf_counter, process_time

sys.path.insert(0, str(Path(__file__).resolve().parent))
import aftersales
from aftersales.columnar.rows import row_decisions
from aftersales.columnar.typed import case_table
from aftersales.engine import resolve
from aftersales.policy.versions import AnyPolicy
from bench_evaluate import (
    HEADLINE,
    STANDARD,
    floor_decide,
    make_catalogue_workload,
    make_workload,
    to_floor,
)

try:
    import polars as pl
except ImportError:
    sys.exit("bench_columnar needs the columnar extra: pip install -e '.[columnar]'")


def timed(run: Callable[[], object], repeats: int) -> list[float]:
    return [cpu[0] for cpu in timed_cpu(run, repeats)]


def timed_cpu(run: Callable[[], object], repeats: int) -> list[tuple[float, float]]:
    """(wall, CPU of every thread) seconds of each of `repeats` runs."""
    times = []
    for _ in range(repeats):
        start, cpu = perf_counter(), process_time()
        run()
        times.append((perf_counter() - start, process_time() - cpu))
    return times


def as_typed(texts: Sequence[str]) -> pl.DataFrame:
    frame = pl.from_arrow(case_table(texts))
    assert isinstance(frame, pl.DataFrame)
    return frame


def agree(texts: Sequence[str], policy: AnyPolicy) -> int:
    """Cases of `texts` the row engine and either form of the table decide differently."""
    rows = row_decisions(resolve(policy), list(texts), 100)
    keys = ("status", "reason_code", "remedies", "error")
    differing = 0
    for frame in (pl.DataFrame({"case": list(texts)}), as_typed(texts)):
        table = aftersales.evaluate_table(frame, policy).frame
        differing += sum({k: got[k] for k in keys} != {k: want[k] for k in keys}
                         for got, want in zip(table.to_dicts(), rows, strict=True))
    return differing


def run_table(form: str, frame: pl.DataFrame, policy: AnyPolicy, repeats: int,
              profile: bool) -> float:
    """Decisions/s of `evaluate_table` on `frame` (median wall clock), printed with its CPU
    time and the share decided columnar."""
    aftersales.evaluate_table(frame.head(1000), policy)  # compile, warm up
    results: list[aftersales.TableResult] = []
    times = timed_cpu(lambda: results.append(aftersales.evaluate_table(frame, policy)),
                      repeats)
    result, n = results[-1], frame.height
    wall = statistics.median(t[0] for t in times)
    cpu = statistics.median(t[1] for t in times)
    print(f"  evaluate_table, {form}: {n / wall:>12,.0f} decisions/s (median of {repeats}; "
          f"min {n / min(t[0] for t in times):,.0f}/s); CPU {cpu / n * 1e6:.2f} µs/case")
    print(f"    decided columnar {result.columnar_rows:,} ({result.columnar_share:.1%}), "
          f"by the row engine {result.row_engine_rows:,}")
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(aftersales.evaluate_table, frame, policy)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(14)
    return n / wall


def figure(name: str, texts: list[str], policy: AnyPolicy, sample: int,
           repeats: int, profile: bool) -> dict[str, float]:
    few = texts[:sample]
    differing = agree(few, policy)
    print(f"\n[{name}] {len(texts):,} cases; cross-check of both forms on {len(few):,}: "
          f"{differing} differences")
    if differing:
        raise SystemExit(1)
    text_rate = run_table("JSON text", pl.DataFrame({"case": texts}, schema={"case": pl.String}),
                          policy, repeats, profile)
    start = process_time()
    typed = as_typed(texts)
    print(f"  (typed table built from the texts in {process_time() - start:.1f} s CPU, once)")
    typed_rate = run_table("typed table", typed, policy, repeats, profile)
    row_rate = len(few) / statistics.median(
        timed(lambda: aftersales.evaluate_many(few, policy, trace=False), repeats))
    print(f"  row engine (evaluate_many, trace off, JSON in, {len(few):,} cases): "
          f"{row_rate:>10,.0f} decisions/s")
    print(f"  ratio to the row engine: JSON text {text_rate / row_rate:.1f}x, typed table "
          f"{typed_rate / row_rate:.1f}x")
    return {"table": text_rate, "typed": typed_rate, "row": row_rate}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000,
                        help="cases the row engine and the cross-check decide")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    print(f"python {platform.python_version()}, polars {pl.__version__}, "
          f"{os.cpu_count()} cpus, POLARS_MAX_THREADS={os.environ.get('POLARS_MAX_THREADS')}")
    start = perf_counter()
    texts = make_workload(args.cases, args.seed)
    print(f"generated {len(texts):,} cases in {perf_counter() - start:.1f} s")
    sample = min(args.sample, len(texts))
    head = figure("headline policy", texts, HEADLINE, sample, args.repeats, args.profile)
    floor_cases = [to_floor(text) for text in texts[:sample]]
    floor_rate = sample / statistics.median(timed(
        lambda: [floor_decide(case) for case in floor_cases], args.repeats))
    print(f"  plain-Python floor (pre-parsed, {sample:,} cases): {floor_rate:,.0f} "
          f"decisions/s; evaluate_table / floor: JSON text {head['table'] / floor_rate:.2f}x, "
          f"typed table {head['typed'] / floor_rate:.2f}x")
    catalogue = make_catalogue_workload(texts, args.seed)
    full = figure("standard policy", catalogue, STANDARD, sample, args.repeats, args.profile)
    douyin = aftersales.load_policy("douyin")  # 14 versions: the cases fall in one or two
    figure("douyin preset", catalogue, douyin, sample, args.repeats, args.profile)
    for form, key in (("JSON text", "table"), ("typed table", "typed")):
        rate, ratio = full[key], full[key] / full["row"]
        print(f"\nissue 12 target, standard policy, {form}: >= 1,000,000 decisions/s and "
              f">= 100x the row engine: {rate:,.0f}/s, {ratio:.1f}x -> "
              f"{'met' if rate >= 1e6 and ratio >= 100 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
