"""Speed of policy documents and versions in force.

Times, as medians of R repeats: reading the standard policy's document in each format with
`aftersales.documents.read_policy` against a floor of the format's own parser alone on the same
text (yaml.safe_load, json.loads, tomllib.loads); an `extends: standard` document; and deciding
the packaged sample cases under a two-version policy (`PolicyVersions`) against the same cases
under one of its versions directly (the cost of choosing the version in force).

    python benchmarks/bench_documents.py [--repeats R] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tomllib
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from time import perf_counter

import yaml

try:
    import aftersales
except ModuleNotFoundError:  # run from a checkout without installing: use ./src
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import aftersales

from aftersales.documents import dump_policy, read_policy

ROOT = Path(__file__).resolve().parents[1]


def median_seconds(run: Callable[[], object], repeats: int, rounds: int) -> float:
    """Median over `repeats` of the mean time of one call, over `rounds` calls."""
    times = []
    for _ in range(repeats):
        started = perf_counter()
        for _ in range(rounds):
            run()
        times.append((perf_counter() - started) / rounds)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    repeats, rounds = args.repeats, args.rounds
    standard = aftersales.standard_policy()
    floors: dict[str, Callable[[str], object]] = {
        "yaml": lambda text: yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)),
        "json": lambda text: json.loads(text),
        "toml": lambda text: tomllib.loads(text),
    }
    print(f"Python {sys.version.split()[0]}, aftersales {aftersales.__version__}; "
          f"medians of {repeats} repeats of {rounds} rounds")
    print(f"{'figure':58} {'median ms':>10} {'× floor':>8}")
    for fmt, floor in floors.items():
        text = dump_policy(standard, fmt)  # type: ignore[arg-type]
        assert read_policy(text, fmt) == standard  # type: ignore[arg-type]
        ours = median_seconds(lambda: read_policy(text, fmt), repeats, rounds)  # type: ignore[arg-type]  # noqa: B023
        base = median_seconds(lambda: floor(text), repeats, rounds)  # noqa: B023
        print(f"{'read the standard policy, ' + fmt + f' ({len(text):,} chars)':58} "
              f"{ours * 1000:10.2f} {ours / base:8.1f}")
        print(f"{'  floor: ' + fmt + ' parser alone':58} {base * 1000:10.2f} {1:8.1f}")
    extends = (ROOT / "examples" / "standard-with-overrides.yaml").read_text(encoding="utf-8")
    ours = median_seconds(lambda: read_policy(extends), repeats, rounds)
    print(f"{'read an extends: standard document (yaml, 5 overrides)':58} {ours * 1000:10.2f}")

    versions = aftersales.PolicyVersions.from_file(ROOT / "examples" / "allergy-versions.yaml")
    cases = [aftersales.parse_case(line) for line in
             (files("aftersales") / "data" / "sample-cases.jsonl").read_text().splitlines()
             if line.strip()]
    latest = versions.versions[-1]
    by_version = median_seconds(lambda: versions.evaluate_many(cases, trace=False), repeats, 3)
    direct = median_seconds(lambda: latest.engine.evaluate_many(cases, trace=False), repeats, 3)
    print(f"{f'decide {len(cases)} sample cases, version in force chosen per case':58} "
          f"{by_version * 1000:10.2f} {by_version / direct:8.2f}")
    print(f"{'  floor: the same cases under one version directly':58} "
          f"{direct * 1000:10.2f} {1:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
