"""Speed of `preview` and `diff`: what the policy author's reports cost on top of deciding.

Times, as medians of R repeats, on the packaged sample cases repeated to N cases (JSON Lines
text, as the command line reads them): (p) `parse_cases` + `preview` + the text and HTML
reports, against (e) a floor of `evaluate_many` on the same JSON texts (the engine alone, no
report); and (d) `diff` of the 7-day and 90-day allergy policies (with its first 5 changed
cases explained), against two `evaluate_many` runs.

    python benchmarks/bench_preview.py [--cases N] [--repeats R]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from time import perf_counter

try:
    import aftersales
except ModuleNotFoundError:  # run from a checkout without installing: use ./src
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import aftersales

from aftersales.reports import parse_cases, render

ROOT = Path(__file__).resolve().parents[1]


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = perf_counter()
        run()
        times.append(perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    sample = [line for line in (files("aftersales") / "data" / "sample-cases.jsonl")
              .read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [sample[index % len(sample)] for index in range(args.cases)]
    text = "\n".join(lines)
    standard = aftersales.standard_policy()
    seven = aftersales.Policy.from_file(ROOT / "examples" / "allergy-7-days.yaml")

    def preview_and_report() -> None:
        report = aftersales.preview(standard, parse_cases(text))
        render(report, "text")
        render(report, "html")

    def diff_and_report() -> None:
        render(aftersales.diff(seven, standard, lines), "text")

    checked = aftersales.preview(standard, lines)
    assert checked.summary.invalid == 0, "the sample cases are valid"
    figures = [
        ("(p) preview: parse, decide, text and HTML reports", preview_and_report, 1),
        ("(e) floor: evaluate_many on the same texts", lambda: aftersales.evaluate_many(
            lines, standard, trace=False), 1),
        ("(d) diff 7-day vs 90-day allergy, text report", diff_and_report, 2),
    ]
    timed = {name: median_seconds(run, args.repeats) for name, run, _ in figures}
    floor = timed[figures[1][0]]
    print(f"Python {sys.version.split()[0]}, aftersales {aftersales.__version__}; "
          f"{args.cases:,} cases, medians of {args.repeats} repeats")
    print(f"{'figure':52} {'median s':>9} {'cases/s':>9} {'× floor':>8}")
    for name, _, runs in figures:
        seconds = timed[name]
        print(f"{name:52} {seconds:9.2f} {args.cases / seconds:9,.0f} "
              f"{seconds / (floor * runs):8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
