"""Benchmark of the distributed engine: `evaluate_partitions` and `diff_partitions` on a Dask
`LocalCluster` of `--workers` worker processes (one thread each) on this machine, against one
process deciding the same cases (`evaluate_table` over the whole frame, `aftersales.diff`
over every case), and against the plain-Python floor (headline policy, pre-parsed cases).

The workload is bench_evaluate.py's (`--cases` cases, `--seed`), cut into `--partitions`
Parquet files with a `case` column of JSON texts. Printed, all measured in this run: the
cluster's start-up time, decisions/s (median of `--repeats` runs, wall time: the work runs in
other processes, so this process's CPU time says nothing), the ratio cluster / one process,
and the ratio to the floor. Before timing, the cluster's decisions must equal the one
process's (exit status 1 otherwise).

    python benchmarks/bench_distributed.py [--cases N] [--partitions P] [--workers W]
        [--diff-cases D] [--repeats R] [--seed S]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import aftersales
from bench_columnar import timed
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
    from distributed import Client, LocalCluster

    from aftersales.distributed import diff_partitions, evaluate_partitions
except ImportError:
    sys.exit("bench_distributed needs the distributed extra: pip install -e '.[distributed]'")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def write_partitions(texts: list[str], count: int, directory: Path) -> Path:
    directory.mkdir()
    size = -(-len(texts) // count)
    for index in range(count):
        part = texts[index * size:(index + 1) * size]
        if part:
            pl.DataFrame({"case": part}, schema={"case": pl.String}).write_parquet(
                directory / f"part-{index:05d}.parquet")
    return directory


def figure(name: str, texts: list[str], policy: aftersales.Policy, client: Client,
           partitions: int, scratch: Path, repeats: int) -> float:
    """Cluster and one process on the same cases; returns the cluster's decisions/s."""
    directory = write_partitions(texts, partitions, scratch / name.replace(" ", "-"))
    frame = pl.DataFrame({"case": texts}, schema={"case": pl.String})
    whole = aftersales.evaluate_table(frame, policy)
    spread = evaluate_partitions(directory, policy, client=client)  # also warms the workers
    same = spread.frame is not None and spread.frame.equals(whole.frame)
    print(f"\n[{name}] {len(texts):,} cases in {partitions} partitions; cluster result "
          f"{'equals' if same else 'DIFFERS FROM'} the one-process result")
    if not same:
        raise SystemExit(1)
    one = len(texts) / statistics.median(timed(
        lambda: aftersales.evaluate_table(frame, policy), repeats))
    cluster = len(texts) / statistics.median(timed(
        lambda: evaluate_partitions(directory, policy, client=client), repeats))
    print(f"  one process (evaluate_table, whole frame): {one:>10,.0f} decisions/s")
    print(f"  cluster (evaluate_partitions):             {cluster:>10,.0f} decisions/s "
          f"(median of {repeats})")
    print(f"  decided columnar {whole.columnar_rows:,} ({whole.columnar_share:.1%}), by the "
          f"row engine {whole.row_engine_rows:,}")
    print(f"  ratio cluster / one process: {cluster / one:.2f}x")
    return cluster


def diff_figure(texts: list[str], client: Client, partitions: int, scratch: Path,
                repeats: int) -> None:
    directory = write_partitions(texts, partitions, scratch / "diff")
    new = aftersales.load_policy(EXAMPLES / "allergy-7-days.yaml")
    whole = aftersales.diff(None, new, texts, keep=1000)
    same = diff_partitions(None, new, directory, client=client).summary == whole.summary
    print(f"\n[diff standard -> allergy-7-days] {len(texts):,} cases in {partitions} "
          f"partitions; merged summary {'equals' if same else 'DIFFERS FROM'} the "
          "one-process summary")
    if not same:
        raise SystemExit(1)
    one = len(texts) / statistics.median(timed(
        lambda: aftersales.diff(None, new, texts, keep=1000), repeats))
    cluster = len(texts) / statistics.median(timed(
        lambda: diff_partitions(None, new, directory, client=client), repeats))
    print(f"  one process (aftersales.diff):  {one:>8,.0f} cases/s")
    print(f"  cluster (diff_partitions):      {cluster:>8,.0f} cases/s (median of {repeats})")
    print(f"  ratio cluster / one process: {cluster / one:.2f}x")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--diff-cases", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(f"python {platform.python_version()}, polars {pl.__version__}, "
          f"{os.cpu_count()} cpus, {args.workers} workers x 1 thread")
    texts = make_workload(args.cases, args.seed)
    catalogue = make_catalogue_workload(texts, args.seed)
    floor_cases = [to_floor(text) for text in texts]
    floor = len(floor_cases) / statistics.median(timed(
        lambda: [floor_decide(case) for case in floor_cases], args.repeats))
    start = perf_counter()
    cluster = LocalCluster(n_workers=args.workers,  # type: ignore[no-untyped-call]
                           threads_per_worker=1, processes=True, dashboard_address=":0")
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        print(f"cluster started in {perf_counter() - start:.1f} s")
        with tempfile.TemporaryDirectory() as scratch:
            head = figure("headline policy", texts, HEADLINE, client, args.partitions,
                          Path(scratch), args.repeats)
            print(f"  plain-Python floor (pre-parsed, one process): {floor:,.0f} "
                  f"decisions/s; cluster / floor: {head / floor:.2f}x")
            figure("standard policy", catalogue, STANDARD, client, args.partitions,
                   Path(scratch), args.repeats)
            diff_figure(catalogue[:args.diff_cases], client, args.partitions, Path(scratch),
                        args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
