"""Peer benchmark: the headline policy's four guarantees (late_shipment, spoilage, allergy,
price_match) in GoRules zen-engine, against the plain-Python floor, the row engine and
`evaluate_table`, on the workload of bench_evaluate.py.

The four rules are a GoRules JDM decision graph, `benchmarks/zen/headline.json` (open it in the
GoRules editor): a switch node on the claim kind, then per guarantee an expression node that
works out the facts (covered or eligible lines, the claimed amount, the filing window, the
evidence, the refund cap) and a first-hit decision table that turns them into the status and the
amount. Everything is written in the ZEN expression language, whose numbers are decimals
(rust_decimal, 28 digits): amounts are read with `number()` from the case's strings, rounded with
`round(x, 2)` (half away from zero, i.e. ROUND_HALF_UP on these positive amounts) and handed back
as strings (`string()`), so nothing passes through a binary float. Instants are compared with
`d()`, to the microsecond; the Shanghai midnights are `d(t).tz('Asia/Shanghai').startOf('day')
.add(N, 'd')`. Not a function node: that runs JavaScript, whose numbers are binary doubles, so
the money would no longer be exact, and it is what a GoRules author reaches for only when the
expression language cannot say a rule; here it can say all four. Claim kinds other than the four
(never in this workload) get `not_covered`, as the headline policy answers them.

zen is called as a backend would: one `ZenEngine` with the graph in a static loader, then
`engine.evaluate("headline", text)` per case, handing zen the case's JSON text as it arrives
(zen parses it in Rust; that is faster than `json.loads` plus a dict). Two other ways to call it
are timed beside it: `engine.create_decision(jdm).evaluate(text)` (z2; in zen-engine 2.1.3 this
starts a thread per call, so it is several times slower) and `engine.evaluate_batch` (zb). The
issue's target is taken against the fastest of the three, (z).

Before timing, every case is decided by zen and by the floor, and the status and the total
amount must be equal (exit status 1 otherwise, with the first differing cases printed); the
other two ways of calling zen must give the very results of (z). The library's own agreement
with the floor is bench_evaluate.py's and bench_columnar.py's cross-check. Then, interleaved,
`--repeats` times each, wall clock and `time.process_time` CPU (all threads: Polars uses every
core): (z) zen end to end, JSON text -> result dict; (c) the floor on pre-parsed data; (a) the
row engine end to end, `evaluate_many(texts, HEADLINE)` then `.to_dict()`, and (a-) the same
with trace=False; (t) `evaluate_table` on a frame of JSON texts and (tt) on the typed case
table (its conversion untimed). See benchmarks/README.md.

    python benchmarks/bench_zen.py [--cases N] [--repeats R] [--seed S]
"""

from __future__ import annotations

import gc
import json
import os
import platform
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path
from time import perf_counter, process_time
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parent))
import aftersales
from bench_evaluate import HEADLINE, floor_decide, make_workload, to_floor, workload_arguments

try:
    import zen
except ImportError:
    sys.exit("bench_zen needs the peer extra (GoRules zen-engine): pip install -e '.[peer]'")
try:
    import polars as pl
except ImportError:
    sys.exit("bench_zen needs the columnar extra: pip install -e '.[columnar]'")
from aftersales.columnar.typed import case_table
from aftersales.engine.accelerator import engine_build

JDM = Path(__file__).resolve().parent / "zen" / "headline.json"
KEY = "headline"
TARGET = 10.0  # issue 12: evaluate_table (headline) at least this many times zen end to end
SHOWN = 5  # differing cases printed


def amount_of(value: object) -> Decimal | None:
    """A result's amount as an exact Decimal: zen hands back the strings the graph makes. A
    float (never expected) counts only when its shortest repr has at most 15 significant
    digits, i.e. is certainly the decimal it was made from; None otherwise."""
    if isinstance(value, str):
        return Decimal(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        exact = Decimal(repr(value))
        return exact if len(exact.as_tuple().digits) <= 15 else None
    return None


def zen_pair(result: dict[str, Any]) -> tuple[str, Decimal | None]:
    return str(result.get("status")), amount_of(result.get("amount"))


def cross_check(texts: Sequence[str], results: Sequence[dict[str, Any]]) -> int:
    """zen's (status, amount) against the floor's on every case; print a summary and the
    first differing cases; return how many differ."""
    outcomes: Counter[str] = Counter()
    differing: list[str] = []
    for text, result in zip(texts, results, strict=True):
        floor_case = to_floor(text)
        expected = floor_decide(floor_case)
        outcomes[f"{floor_case.kind}: {expected[0]}"] += 1
        actual = zen_pair(result)
        if actual != expected:
            differing.append(f"  {text}\n    zen {result} | floor {expected[0]} {expected[1]}")
    print("workload outcomes (floor):",
          ", ".join(f"{name} {count}" for name, count in sorted(outcomes.items())))
    print(f"cross-check zen vs floor (status, total amount): {len(differing)} mismatches in "
          f"{len(texts)} cases")
    for line in differing[:SHOWN]:
        print(line)
    return len(differing)


def as_typed(texts: Sequence[str]) -> pl.DataFrame:
    frame = pl.from_arrow(case_table(texts))
    assert isinstance(frame, pl.DataFrame)
    return frame


def main(argv: Sequence[str] | None = None) -> int:
    count, repeats, seed = workload_arguments(argv, __doc__.splitlines()[0], 3)
    print(f"python {platform.python_version()} on {platform.system()} {platform.machine()}, "
          f"cpu_count {os.cpu_count()}; zen-engine {version('zen-engine')}, polars "
          f"{pl.__version__}, POLARS_MAX_THREADS={os.environ.get('POLARS_MAX_THREADS')}; "
          f"aftersales engine {engine_build()}")
    print(f"workload: {count} cases, seed {seed}, {repeats} repeats; policy {HEADLINE.id!r} "
          f"({', '.join(g.id for g in HEADLINE.guarantees)}); zen graph {JDM.name}")

    texts = make_workload(count, seed)
    graph = JDM.read_text(encoding="utf-8")
    engine = zen.ZenEngine({"loader": {"type": "static", "content": {KEY: json.loads(graph)}}})
    decision = engine.create_decision(graph)

    def zen_engine() -> list[dict[str, Any]]:
        return [engine.evaluate(KEY, text)["result"] for text in texts]

    def zen_decision() -> list[dict[str, Any]]:
        return [decision.evaluate(text)["result"] for text in texts]

    def zen_batch() -> list[dict[str, Any]]:
        answers = engine.evaluate_batch([{"key": KEY, "context": text} for text in texts])
        return [answer["data"]["result"] if answer.get("success")
                else {"error": answer.get("error")} for answer in answers]

    reference = zen_engine()
    mismatches = cross_check(texts, reference)

    floor_cases = [to_floor(text) for text in texts]
    json_frame = pl.DataFrame({"case": texts}, schema={"case": pl.String})
    start = process_time()
    typed = as_typed(texts)
    print(f"typed table built from the texts in {process_time() - start:.2f} s CPU (untimed)")
    aftersales.evaluate_many(texts[:1000], HEADLINE)  # compile, warm up
    for frame in (json_frame, typed):
        aftersales.evaluate_table(frame.head(1000), HEADLINE)
    gc.collect()
    gc.freeze()  # the GC stays on, but no longer rescans these inputs during the timings

    def end_to_end(*, trace: bool) -> object:
        decisions = cast(list[aftersales.Decision],
                         aftersales.evaluate_many(texts, HEADLINE, trace=trace))
        return [d.to_dict() for d in decisions]

    figures: dict[str, tuple[str, Callable[[], object]]] = {
        "z": ("zen: engine.evaluate(key, JSON text)", zen_engine),
        "z2": ("zen: decision.evaluate(JSON text)", zen_decision),
        "zb": ("zen: engine.evaluate_batch(JSON texts)", zen_batch),
        "c": ("floor: plain Python, pre-parsed data",
              lambda: [floor_decide(c) for c in floor_cases]),
        "a": ("row engine end to end, JSON -> dict", lambda: end_to_end(trace=True)),
        "a-": ("(a), trace=False", lambda: end_to_end(trace=False)),
        "t": ("evaluate_table, JSON text frame",
              lambda: aftersales.evaluate_table(json_frame, HEADLINE)),
        "tt": ("evaluate_table, typed table",
               lambda: aftersales.evaluate_table(typed, HEADLINE)),
    }
    wall: dict[str, list[float]] = {key: [] for key in figures}
    cpu: dict[str, list[float]] = {key: [] for key in figures}
    other_ways = 0  # results of (z2) and (zb) that are not (z)'s
    for repeat in range(repeats):  # interleaved: noise on a shared machine hits every figure
        for key, (_, run) in figures.items():
            gc.collect()
            start, cpu_start = perf_counter(), process_time()
            result = run()
            wall[key].append(perf_counter() - start)
            cpu[key].append(process_time() - cpu_start)
            if repeat == 0 and key in ("z2", "zb"):
                other_ways += sum(got != want for got, want in
                                  zip(cast(list[object], result), reference, strict=True))
            del result  # freeing the output is not timed
    print(f"zen's other ways of calling it, (z2) and (zb): {other_ways} results differ from (z)")

    median = {key: statistics.median(times) for key, times in wall.items()}
    print(f"\n{'':44} {'------ median ------':>21} {'min':>9} {'CPU':>9} "
          f"{'x floor':>8} {'vs zen':>7}")
    print(f"{'figure':44} {'cases/s':>11} {'us/case':>9} {'us/case':>9} {'us/case':>9}")
    for key, (label, _) in figures.items():
        print(f"{'(' + key + ')':5}{label:39} {count / median[key]:>11,.0f} "
              f"{median[key] / count * 1e6:>9.2f} {min(wall[key]) / count * 1e6:>9.2f} "
              f"{statistics.median(cpu[key]) / count * 1e6:>9.2f} "
              f"{median[key] / median['c']:>8.2f} {median['z'] / median[key]:>6.1f}x")
    print("x floor: median wall time / the floor's (c); vs zen: how many times (z)'s speed "
          "(its median wall time / the figure's)")
    cpu_ratio = {key: statistics.median(cpu["z"]) / statistics.median(cpu[key])
                 for key in ("t", "tt")}
    print(f"on CPU time instead (all threads): evaluate_table typed table "
          f"{cpu_ratio['tt']:.1f}x zen, JSON text {cpu_ratio['t']:.1f}x")
    typed_ratio, text_ratio = median["z"] / median["tt"], median["z"] / median["t"]
    met = typed_ratio >= TARGET and text_ratio >= TARGET
    print(f"\nissue 12 target: evaluate_table (headline) >= {TARGET:.0f}x zen-engine end to end: "
          f"typed table {typed_ratio:.1f}x, JSON text {text_ratio:.1f}x -> "
          f"{'met' if met else 'MISSED'}")
    if mismatches:
        print(f"FAIL: zen and the floor disagree on {mismatches} cases")
    if other_ways:
        print(f"FAIL: zen's other ways of calling it differ from (z) on {other_ways} results")
    return 1 if mismatches or other_ways else 0


if __name__ == "__main__":
    sys.exit(main())
