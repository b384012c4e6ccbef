"""Speed benchmark for the columnar batch path: `evaluate_table` on N generated cases (the
workload of bench_evaluate.py, as a Polars frame with a `case` column of JSON texts) under the
headline policy (late_shipment, spoilage, allergy, price_match) and under the full standard
policy (the catalogue workload). Printed, all measured in this run: decisions/s (median of
`--repeats`), the share of rows decided columnar vs by the row engine, the ratio to the row
engine (`evaluate_many`, trace off, JSON text in, on a `--sample` of the same cases), and the
headline ratio to the plain-Python floor (pre-parsed data). Before timing, the sample is
decided both ways and must agree (exit status 1 otherwise). `--profile` prints the top
entries of a profile of one evaluate_table run per policy.

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
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import aftersales
from aftersales.columnar.rows import row_decisions
from aftersales.engine import resolve
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
    times = []
    for _ in range(repeats):
        start = perf_counter()
        run()
        times.append(perf_counter() - start)
    return times


def agree(texts: Sequence[str], policy: aftersales.Policy) -> int:
    """Cases of `texts` the two paths decide differently."""
    table = aftersales.evaluate_table(pl.DataFrame({"case": list(texts)}), policy).frame
    rows = row_decisions(resolve(policy), list(texts), 100)
    keys = ("status", "reason_code", "remedies", "error")
    return sum({k: got[k] for k in keys} != {k: want[k] for k in keys}
               for got, want in zip(table.to_dicts(), rows, strict=True))


def figure(name: str, texts: list[str], policy: aftersales.Policy, sample: int,
           repeats: int, profile: bool) -> dict[str, float]:
    frame = pl.DataFrame({"case": texts}, schema={"case": pl.String})
    few = texts[:sample]
    differing = agree(few, policy)
    print(f"\n[{name}] {len(texts):,} cases; cross-check on {len(few):,}: "
          f"{differing} differences")
    if differing:
        raise SystemExit(1)
    aftersales.evaluate_table(frame.head(1000), policy)  # compile, warm up
    results: list[aftersales.TableResult] = []
    table_times = timed(lambda: results.append(aftersales.evaluate_table(frame, policy)),
                        repeats)
    result = results[-1]
    row_times = timed(lambda: aftersales.evaluate_many(few, policy, trace=False), repeats)
    table_rate = len(texts) / statistics.median(table_times)
    row_rate = len(few) / statistics.median(row_times)
    print(f"  evaluate_table: {table_rate:>12,.0f} decisions/s (median of {repeats}; "
          f"min {len(texts) / min(table_times):,.0f}/s)")
    print(f"  decided columnar {result.columnar_rows:,} ({result.columnar_share:.1%}), "
          f"by the row engine {result.row_engine_rows:,}")
    print(f"  row engine (evaluate_many, trace off, JSON in, {len(few):,} cases): "
          f"{row_rate:>10,.0f} decisions/s")
    print(f"  ratio evaluate_table / row engine: {table_rate / row_rate:.1f}x")
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(aftersales.evaluate_table, frame, policy)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(14)
    return {"table": table_rate, "row": row_rate}


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
          f"decisions/s; evaluate_table / floor: {head['table'] / floor_rate:.2f}x")
    catalogue = make_catalogue_workload(texts, args.seed)
    full = figure("standard policy", catalogue, STANDARD, sample, args.repeats, args.profile)
    print("\nissue 12 target, standard policy: >= 1,000,000 decisions/s and >= 100x the row "
          f"engine: {full['table']:,.0f}/s, {full['table'] / full['row']:.1f}x -> "
          f"{'met' if full['table'] >= 1e6 and full['table'] >= 100 * full['row'] else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
