"""Speed benchmark for `aftersales`: how fast cases are decided, and how far from a floor.

Generates a deterministic mixed workload of valid cases as compact JSON texts, then times,
under a "headline" policy of exactly the four guarantees the floor implements (late_shipment,
spoilage, allergy, price_match, from the library's factories): (a) JSON text -> decision dict
end to end, (b) `evaluate_many` on already-validated cases, (c) a hand-written plain-Python
floor of those four rules on pre-parsed data, and (d) parsing alone. Before timing, every case
is cross-checked: the library's status and total remedy amount must equal the floor's (exit
status 1 otherwise). Figure (s) then shows what the full catalogue costs: the same workload,
with a share of cases rewritten to reach the other guarantees, end to end under
`aftersales.standard_policy()` (15 guarantees, stacking). See benchmarks/README.md.

    python benchmarks/bench_evaluate.py [--cases N] [--repeats R] [--seed S]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import platform
import pstats
import random
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from time import perf_counter
from typing import Any, cast
from zoneinfo import ZoneInfo

try:
    import aftersales
except ModuleNotFoundError:  # run from a checkout without installing: use ./src
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import aftersales
from aftersales.engine.accelerator import engine_build  # compiled, or pure Python
from aftersales.model.records import decode_case  # what evaluate reads JSON text into

SHANGHAI = ZoneInfo("Asia/Shanghai")  # the policies' time zone

# Figures (a)-(d) and the cross-check: only the four rules the floor implements, so that the
# floor does the same work. Figure (s): the full standard policy.
HEADLINE = aftersales.Policy(id="headline", version="1", guarantees=(
    aftersales.late_shipment(), aftersales.spoilage(), aftersales.allergy(),
    aftersales.price_match()))
STANDARD = aftersales.standard_policy()


def local_midnight_after(at: datetime, days: int) -> datetime:
    """Shanghai midnight starting the `days`-th calendar day after the local day of `at`."""
    day = at.astimezone(SHANGHAI).date() + timedelta(days=days)
    return datetime.combine(day, time.min, tzinfo=SHANGHAI)


# ---------------------------------------------------------------------------------------------
# Workload: valid cases as compact JSON, from random.Random(seed) only.

START = datetime(2025, 8, 1, tzinfo=timezone(timedelta(hours=8)))
HOUR, DAY = 3600, 86400
SECOND, MICROSECOND = timedelta(seconds=1), timedelta(microseconds=1)
CLAIM_CATEGORIES = {
    "spoilage": ("fresh.produce", "fresh.seafood", "pantry.grain_oil", "electronics.phone"),
    "allergy": ("beauty.skincare", "beauty.makeup", "home.kitchen"),
    "price_match": ("electronics.phone", "home.kitchen", "beauty.makeup", "fresh.produce"),
    None: ("home.kitchen", "electronics.phone", "fresh.produce", "books.fiction"),
}
EVIDENCE: dict[str, tuple[list[str], ...]] = {
    "spoilage": (["photo"], ["photo"], ["photo", "receipt"], [], ["video"]),
    "allergy": (["photo", "medical_record"], ["photo", "medical_record"], ["photo"],
                ["medical_record"], []),
    "price_match": (["price_screenshot"], ["price_screenshot"], ["price_screenshot"], []),
}


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def total_cents(rng: random.Random) -> int:
    """An order total across the late-ship tiers: <=3.00, between, >=300.00, >=3000.00."""
    tier = rng.random()
    if tier < 0.08:
        return rng.choice((300, 1, 299, rng.randint(0, 300)))
    if tier < 0.70:
        return rng.choice((301, 29999, rng.randint(301, 29999), rng.randint(1000, 20000)))
    if tier < 0.90:
        return rng.choice((30000, 30050, rng.randint(30000, 299999), 123450))
    return rng.choice((300000, rng.randint(300000, 5000000)))


def make_lines(rng: random.Random, kind: str | None) -> list[dict[str, object]]:
    count = rng.choice((1, 1, 2, 3))
    total = total_cents(rng)
    cuts = sorted(rng.randint(0, total) for _ in range(count - 1))
    shares = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    return [{"id": f"l{j + 1}", "sku": f"sku-{rng.randint(1, 9999)}",
             "category": rng.choice(CLAIM_CATEGORIES[kind]), "tags": [],
             "quantity": rng.choice((1, 1, 2, 3, 5)), "paid_amount": money(cents)}
            for j, cents in enumerate(shares)]


def filed_time(rng: random.Random, kind: str, paid: datetime,
               delivered: datetime | None) -> datetime:
    """A filing instant inside or outside the guarantee's window (edges included)."""
    if kind == "price_match":
        edge = local_midnight_after(paid, 8)  # the window closes just before this instant
        anytime = paid + rng.randint(0, 10 * DAY) * SECOND
        return rng.choice((edge - MICROSECOND, edge, anytime, anytime, anytime))
    if delivered is None or rng.random() < 0.05:  # before delivery, or never delivered
        return paid + rng.randint(0, 2 * DAY) * SECOND
    if kind == "spoilage":
        after = rng.randint(HOUR, 60 * HOUR)
        return delivered + rng.choice((48 * HOUR, 48 * HOUR + 1, 0, after, after)) * SECOND
    edge = local_midnight_after(delivered, 91)  # allergy: end of the 90th day after delivery
    return rng.choice((edge - MICROSECOND, edge, delivered + rng.randint(0, 100 * DAY) * SECOND))


def pick_claim_lines(rng: random.Random, lines: list[dict[str, object]],
                     claim: dict[str, object]) -> None:
    """Half of the time claim a subset of the lines, with partial quantities."""
    if rng.random() < 0.5:  # otherwise every line, full quantity
        chosen = rng.sample(lines, rng.randint(1, len(lines)))
        claim["lines"] = [{"line_id": line["id"],
                           "quantity": rng.randint(1, cast(int, line["quantity"]))}
                          for line in chosen]


def make_claim(rng: random.Random, kind: str, lines: list[dict[str, object]], paid: datetime,
               delivered: datetime | None) -> dict[str, object]:
    claim: dict[str, object] = {"kind": kind,
                                "filed_at": filed_time(rng, kind, paid, delivered).isoformat(),
                                "evidence": rng.choice(EVIDENCE[kind]), "reference_price": None}
    pick_claim_lines(rng, lines, claim)
    if kind == "price_match":
        line = rng.choice(lines)
        unit = Decimal(cast(str, line["paid_amount"])) / cast(int, line["quantity"])
        cents = int(unit * 100)  # unit price truncated to cents: equal, or a hair below
        below = max(cents - rng.randint(1, 500), 0)
        cents = rng.choice((cents, below, below, below, cents + 100, 0))
        claim["reference_price"] = money(cents)
    return claim


def make_history(rng: random.Random, lines: list[dict[str, object]]) -> list[dict[str, object]]:
    total = sum(int(Decimal(cast(str, line["paid_amount"])) * 100) for line in lines)
    line_id = cast(str, rng.choice(lines)["id"])
    entries: list[dict[str, object]] = [
        {"guarantee": "late_shipment", "kind": "coupon", "amount": "3.00", "line_ids": []},
        {"guarantee": "price_match", "kind": "refund", "amount": money(min(490, total)),
         "line_ids": [line_id]},
        {"guarantee": "spoilage", "kind": "refund", "line_ids": [line_id],  # up to the cap
         "amount": money(rng.choice((total, max(total - rng.randint(1, 1000), 0))))},
    ]
    return [rng.choice(entries)]


def make_case(rng: random.Random, index: int) -> dict[str, object]:
    draw = rng.random()
    kind = None if draw < 0.30 else "spoilage" if draw < 0.55 else (
        "allergy" if draw < 0.75 else "price_match")
    lines = make_lines(rng, kind)
    paid = START + rng.randint(0, 60 * DAY) * SECOND
    promise = paid + (0 if rng.random() < 0.1 else rng.randint(2 * HOUR, 72 * HOUR)) * SECOND
    shipping = rng.choice(("early", "exact", "late", "late", "unshipped", "unshipped"))
    shipped = {"early": paid + rng.randint(0, int((promise - paid).total_seconds())) * SECOND,
               "exact": promise, "late": promise + rng.randint(1, 72 * HOUR) * SECOND,
               "unshipped": None}[shipping]
    if kind is not None and rng.random() < 0.9:  # claims are mostly on shipped orders
        shipped = shipped or paid + rng.randint(0, 96 * HOUR) * SECOND
    delivered = shipped + rng.randint(6 * HOUR, 96 * HOUR) * SECOND if (
        shipped is not None and rng.random() < 0.85) else None
    order: dict[str, object] = {
        "id": f"o-{index}", "buyer_id": f"b-{rng.randint(1, 5000)}", "currency": "CNY",
        "paid_at": paid.isoformat(), "promised_ship_by": promise.isoformat(), "lines": lines}
    events = [paid]  # every instant that as_of must not precede
    for name, at in (("shipped_at", shipped), ("delivered_at", delivered)):
        if at is not None:
            order[name] = at.isoformat()
            events.append(at)
    case: dict[str, object] = {"id": f"case-{index}", "as_of": "", "order": order}
    if kind is None and rng.random() < 0.1:
        case["claim"] = {"kind": "late_shipment", "filed_at": max(events).isoformat()}
    elif kind is not None:
        claim = make_claim(rng, kind, lines, paid, delivered)
        events.append(datetime.fromisoformat(cast(str, claim["filed_at"])))
        case["claim"] = claim
    if rng.random() < 0.15:
        case["history"] = make_history(rng, lines)
    if shipped is None:  # late iff as_of is past the promise: before, at, or after it
        step = rng.choice((0, -rng.randint(1, 3 * HOUR), rng.randint(1, 5 * DAY)))
        as_of = max(max(events), promise + step * SECOND)
    else:
        as_of = max(events) + rng.choice((0, rng.randint(1, 3 * DAY))) * SECOND
    case["as_of"] = as_of.isoformat()
    return case


def make_workload(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [json.dumps(make_case(rng, i), separators=(",", ":")) for i in range(count)]


# ---------------------------------------------------------------------------------------------
# The catalogue workload of figure (s): the same cases, extended to reach the guarantees beyond
# the four. A second generator draws the extensions, so the headline workload is unchanged.

REMOTE_REGIONS = ("CN-XJ", "CN-XZ", "CN-QH", "CN-GS", "CN-NX", "CN-NM")
OTHER_REGIONS = ("CN-SH", "CN-GD", "CN-BJ", "CN-ZJ")
RETURN_CATEGORIES = ("home.kitchen", "electronics.phone", "books.fiction", "beauty.makeup",
                     "home.furniture", "fresh.produce", "media.periodicals")


def extend_case(rng: random.Random, case: dict[str, Any]) -> dict[str, Any]:
    """Give the order a region, fees and flags; add an item condition to allergy claims;
    turn a quarter of the cases into no-reason returns (mostly on delivered orders) or refund
    requests (the rest: before shipment, in transit or after delivery)."""
    order = case["order"]
    lines: list[dict[str, object]] = order["lines"]
    remote = rng.random() < 0.3
    order["region"] = rng.choice(REMOTE_REGIONS if remote else OTHER_REGIONS)
    if rng.random() < (0.8 if remote else 0.2):
        order["shipping_surcharge"] = rng.choice(("0.00", money(rng.randint(100, 3000))))
    if rng.random() < 0.3:  # return-shipping insurance (an add-on to approved returns)
        order["insured"] = True
        order["return_shipping_fee"] = money(rng.randint(500, 2500))
    if rng.random() < 0.05:  # proactive refund without waiting for the 72 h
        order["flags"] = [rng.choice(("fake_shipment", "false_advertising"))]
    claim: dict[str, Any] | None = case.get("claim")
    if claim is not None and claim["kind"] == "allergy" and rng.random() < 0.8:
        claim["item_condition"] = rng.choice(("intact", "intact", "not_intact"))
    draw = rng.random()
    if draw >= 0.25:
        return case
    paid = datetime.fromisoformat(order["paid_at"])
    shipped = order.get("shipped_at") and datetime.fromisoformat(order["shipped_at"])
    delivered = order.get("delivered_at") and datetime.fromisoformat(order["delivered_at"])
    returning = draw < 0.15 and (delivered is not None or rng.random() < 0.2)
    claim = {"kind": "no_reason_return" if returning else "refund_request", "evidence": []}
    if claim["kind"] == "no_reason_return":
        for line in lines:
            line["category"] = rng.choice(RETURN_CATEGORIES)
            if rng.random() < 0.05:
                line["tags"] = [rng.choice(("custom_made", "no_return_confirmed"))]
        if delivered is None:  # not delivered yet
            filed = paid + rng.randint(0, 2 * DAY) * SECOND
        else:  # inside the 7-day window, at both edges of its end, or later
            edge = local_midnight_after(delivered, 8)
            anytime = delivered + rng.randint(0, 10 * DAY) * SECOND
            filed = rng.choice((edge - MICROSECOND, edge, anytime, anytime, anytime))
        condition = rng.choice(("intact", "intact", "intact", "not_intact", None))
        if condition is not None:
            claim["item_condition"] = condition
        if rng.random() < 0.3:
            received = filed + rng.randint(DAY, 5 * DAY) * SECOND
            claim["return_received_at"] = received.isoformat()
            case["as_of"] = max(datetime.fromisoformat(case["as_of"]), received).isoformat()
    else:  # before shipment, in transit, or after delivery
        stages = [(paid, shipped or paid + 3 * DAY * SECOND)]
        if shipped:
            stages.append((shipped, delivered or shipped + 2 * DAY * SECOND))
        if delivered:
            stages.append((delivered, delivered + 3 * DAY * SECOND))
        start, end = rng.choice(stages)
        filed = start + rng.randint(0, int((end - start).total_seconds())) * SECOND
        if rng.random() < 0.1:
            order["buyer_flags"] = ["refund_abuse"]
    claim["filed_at"] = filed.isoformat()
    pick_claim_lines(rng, lines, claim)
    case["claim"] = claim
    case["as_of"] = max(datetime.fromisoformat(case["as_of"]), filed).isoformat()
    return case


def make_catalogue_workload(texts: Sequence[str], seed: int) -> list[str]:
    rng = random.Random(f"catalogue-{seed}")
    return [json.dumps(extend_case(rng, json.loads(text)), separators=(",", ":"))
            for text in texts]


# ---------------------------------------------------------------------------------------------
# The floor: the four headline rules in plain Python on pre-parsed data. No reasons, no trace.

ZERO, CENT, THREE = Decimal(0), Decimal("0.01"), Decimal("3.00")
THREE_HUNDRED, THIRTY = Decimal("300.00"), Decimal("30.00")
HOURS_48 = timedelta(hours=48)
DENIED = ("denied", ZERO)


@dataclass(slots=True)
class FloorLine:
    id: str
    category: str
    quantity: int
    paid: Decimal


@dataclass(slots=True)
class FloorHistory:
    guarantee: str
    kind: str
    amount: Decimal
    line_ids: tuple[str, ...]


@dataclass(slots=True)
class FloorCase:
    as_of: datetime
    paid_at: datetime
    promised_ship_by: datetime
    shipped_at: datetime | None
    delivered_at: datetime | None
    lines: list[FloorLine]
    history: list[FloorHistory]
    kind: str  # the claim's kind, "late_shipment" when there is no claim
    filed_at: datetime | None = None
    claimed: list[tuple[str, int]] | None = None  # (line id, quantity); None: all, in full
    evidence: frozenset[str] = frozenset()
    reference_price: Decimal | None = None


def to_floor(text: str) -> FloorCase:
    """Pre-parse (untimed) one case into plain objects: Decimal amounts, aware datetimes."""
    doc: dict[str, Any] = json.loads(text)
    order, claim = doc["order"], doc.get("claim") or {"kind": "late_shipment"}
    at = {k: datetime.fromisoformat(v) for k, v in order.items() if k.endswith(("_at", "_by"))}
    return FloorCase(
        datetime.fromisoformat(doc["as_of"]), at["paid_at"], at["promised_ship_by"],
        at.get("shipped_at"), at.get("delivered_at"),
        [FloorLine(line["id"], line["category"], line["quantity"], Decimal(line["paid_amount"]))
         for line in order["lines"]],
        [FloorHistory(h["guarantee"], h["kind"], Decimal(h["amount"]), tuple(h.get("line_ids", ())))
         for h in doc.get("history", ())],
        claim["kind"], claim.get("filed_at") and datetime.fromisoformat(claim["filed_at"]),
        claim.get("lines") and [(c["line_id"], c["quantity"]) for c in claim["lines"]],
        frozenset(claim.get("evidence", ())),
        claim.get("reference_price") and Decimal(claim["reference_price"]))


def _refund(case: FloorCase, total: Decimal, exact: Decimal) -> tuple[str, Decimal]:
    amount = exact.quantize(CENT, rounding=ROUND_HALF_UP)
    left = total - sum((h.amount for h in case.history if h.kind == "refund"), ZERO)
    amount = min(amount, left)
    return ("approved", amount) if amount > ZERO else DENIED


def floor_decide(case: FloorCase) -> tuple[str, Decimal]:
    """(status, total remedy amount) under the headline policy (the four rules)."""
    kind, total = case.kind, sum((line.paid for line in case.lines), ZERO)
    if kind == "late_shipment":
        shipped = case.shipped_at
        late = (shipped if shipped is not None else case.as_of) > case.promised_ship_by
        if (not late or total <= THREE
                or any(h.guarantee == "late_shipment" for h in case.history)):
            return DENIED
        amount = THREE if total < THREE_HUNDRED else min(
            (total / 100).quantize(CENT, rounding=ROUND_HALF_UP), THIRTY)
        return "approved", amount  # a coupon: outside the refund cap
    if case.claimed is None:
        claimed = [(line, line.quantity) for line in case.lines]
    else:
        by_id = {line.id: line for line in case.lines}
        claimed = [(by_id[line_id], k) for line_id, k in case.claimed]
    filed, delivered = cast(datetime, case.filed_at), case.delivered_at
    if kind == "price_match":
        if filed >= local_midnight_after(case.paid_at, 8):
            return DENIED
        ref = cast(Decimal, case.reference_price)
        matched = {i for h in case.history if h.guarantee == "price_match" for i in h.line_ids}
        # multiplied before divided: only a part-claimed line's share can be inexact
        kept = [(line, k) for line, k in claimed
                if ref * line.quantity < line.paid and line.id not in matched]
        if not kept:
            return DENIED
        if "price_screenshot" not in case.evidence:
            return "needs_evidence", ZERO
        return _refund(case, total, sum(
            (line.paid * k / line.quantity - ref * k for line, k in kept), ZERO))
    if kind == "spoilage":
        covered = [(line, k) for line, k in claimed  # "fresh" or below, not "freshwater"
                   if (line.category + ".").startswith(("fresh.", "pantry.grain_oil."))]
        if not covered:
            return "not_covered", ZERO
        if delivered is None or not delivered <= filed <= delivered + HOURS_48:
            return DENIED
        if "photo" not in case.evidence:
            return "needs_evidence", ZERO
    else:  # allergy
        covered = [(line, k) for line, k in claimed if (line.category + ".").startswith("beauty.")]
        if not covered:
            return "not_covered", ZERO
        if (delivered is None or filed < delivered
                or filed >= local_midnight_after(delivered, 91)):
            return DENIED
        if not {"photo", "medical_record"} <= case.evidence:
            return "needs_evidence", ZERO
    return _refund(case, total, sum((line.paid * k / line.quantity for line, k in covered), ZERO))


# ---------------------------------------------------------------------------------------------
# Cross-check (untimed) and timing.

def remedy_total(decision: aftersales.Decision) -> Decimal:
    """The sum of the remedies' amounts; an action without an amount is no money."""
    return sum((r.amount for r in decision.remedies if r.amount is not None), ZERO)


def catalogue_check(texts: Sequence[str]) -> int:
    """Decide the catalogue workload under the standard policy (untimed); print its outcomes
    and which guarantees paid; return the number of invalid cases (a generator bug)."""
    outcomes: Counter[str] = Counter()
    paying: Counter[str] = Counter()
    invalid: list[str] = []
    for text, result in zip(texts, aftersales.evaluate_many(texts, STANDARD), strict=True):
        if not isinstance(result, aftersales.Decision):
            invalid.append(f"  {text}\n    {result}")
            continue
        claim = claim_kind(text)
        outcomes[f"{claim}: {result.status}"] += 1
        paying.update({r.guarantee for r in result.remedies})
    print("catalogue workload outcomes (standard policy):",
          ", ".join(f"{name} {count}" for name, count in sorted(outcomes.items())))
    print("  cases with a remedy from:",
          ", ".join(f"{name} {count}" for name, count in paying.most_common()))
    if invalid:
        print(f"catalogue workload: {len(invalid)} invalid cases")
        for line in invalid[:5]:
            print(line)
    return len(invalid)


def claim_kind(text: str) -> str:
    claim = json.loads(text).get("claim")
    return "automatic" if claim is None else cast(str, claim["kind"])


def cross_check(texts: Sequence[str], floor_cases: Sequence[FloorCase]) -> int:
    """Compare library (headline policy) and floor on every case; print a summary; return the
    mismatch count."""
    results = aftersales.evaluate_many(texts, HEADLINE)
    outcomes: Counter[str] = Counter()
    mismatches: list[str] = []
    for text, result, floor_case in zip(texts, results, floor_cases, strict=True):
        expected = floor_decide(floor_case)
        outcomes[f"{floor_case.kind}: {expected[0]}"] += 1
        actual = ((str(result.status), remedy_total(result))
                  if isinstance(result, aftersales.Decision) else (type(result).__name__, result))
        if actual != expected:
            mismatches.append(f"  {text}\n    library {actual[0]} {actual[1]}"
                              f" | floor {expected[0]} {expected[1]}")
    print("workload outcomes (floor):",
          ", ".join(f"{name} {count}" for name, count in sorted(outcomes.items())))
    print(f"cross-check library vs floor (status, total remedy amount): "
          f"{len(mismatches)} mismatches in {len(texts)} cases")
    for line in mismatches[:5]:
        print(line)
    return len(mismatches)


TARGETS: dict[str, tuple[str, float]] = {
    "a": ("(a)  end to end, trace on", 8), "a-": ("(a-) end to end, trace off", 5),
    "b": ("(b)  evaluate only, trace on", 6), "b-": ("(b-) evaluate only, trace off", 4),
    "d": ("(d)  parse only", 4), "s/a": ("(s)/(a) full catalogue over headline", 1.5),
}
"""Engine 2.0's speed targets (issue 14): at most this many times the floor (for (s), (a))."""

PROFILED_CASES = 5_000


def print_targets(ratios: dict[str, float]) -> list[str]:
    """Print each target beside its measured ratio; the keys of those missed."""
    print(f"\n{'target (median ratio)':40} {'measured':>9} {'at most':>8}")
    missed = []
    for key, (label, limit) in TARGETS.items():
        met = ratios[key] <= limit
        print(f"{label:40} {ratios[key]:>8.1f}x {limit:>7.1f}x  {'met' if met else 'NOT met'}")
        if not met:
            missed.append(key)
    return missed


def print_profile(texts: Sequence[str], policy: aftersales.Policy, top: int = 15) -> None:
    """Where (a)'s time goes: cProfile's top entries by own time, over `texts`."""
    profiler = cProfile.Profile()
    profiler.enable()
    for decision in aftersales.evaluate_many(texts, policy):
        cast(aftersales.Decision, decision).to_dict()
    profiler.disable()
    print(f"\nprofile of (a) over {len(texts):,} cases, top {top} by own time "
          "(cProfile inflates many small calls):")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(top)


def workload_arguments(argv: Sequence[str] | None, description: str,
                       repeats: int) -> tuple[int, int, int]:
    """`--cases`, `--repeats` (default `repeats`) and `--seed` from the command line: the
    workload's size and seed, and the timings per figure, as every benchmark on this
    workload takes them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--cases", type=int, default=100_000, help="workload size (100000)")
    parser.add_argument("--repeats", type=int, default=repeats,
                        help=f"timings per figure ({repeats})")
    parser.add_argument("--seed", type=int, default=20250822, help="workload seed (20250822)")
    args = parser.parse_args(argv)
    count, times, seed = cast(int, args.cases), cast(int, args.repeats), cast(int, args.seed)
    if count < 1 or times < 1:
        parser.error("--cases and --repeats must be at least 1")
    return count, times, seed


def main(argv: Sequence[str] | None = None) -> int:
    count, repeats, seed = workload_arguments(argv, "Speed benchmark for aftersales.", 5)
    print(f"python {platform.python_version()} ({platform.python_implementation()}) on "
          f"{platform.system()} {platform.machine()}, cpu_count {os.cpu_count()}; "
          f"aftersales from {Path(aftersales.__file__ or '?').parent}, {engine_build()}")
    print(f"workload: {count} cases, seed {seed}, {repeats} repeats; gc on, inputs frozen")
    print(f"policy for (a)-(d) and the cross-check: {HEADLINE.id!r}, exactly the floor's four "
          f"guarantees ({', '.join(g.id for g in HEADLINE.guarantees)}), so (c) does equal work")
    print(f"policy for (s): {STANDARD.id!r} {STANDARD.version}, all {len(STANDARD.guarantees)} "
          "guarantees with stacking, on the catalogue workload (the same cases, about a quarter "
          "rewritten to reach the others)")

    texts = make_workload(count, seed)
    floor_cases = [to_floor(text) for text in texts]
    mismatches = cross_check(texts, floor_cases)  # also warms the engine up
    catalogue = make_catalogue_workload(texts, seed)
    invalid = catalogue_check(catalogue)  # warms the standard policy's engine up
    cases = [aftersales.parse_case(text) for text in texts]
    gc.collect()
    gc.freeze()  # the GC stays on, but no longer rescans these inputs during the timings

    def end_to_end(inputs: Sequence[str], policy: aftersales.Policy, *,
                   trace: bool = True) -> object:
        decisions = cast(list[aftersales.Decision],
                         aftersales.evaluate_many(inputs, policy, trace=trace))
        return [d.to_dict() for d in decisions]

    def batched(inputs: Sequence[str], policy: aftersales.Policy) -> object:
        with aftersales.batch_collection():  # the documented idiom for a batch's dicts
            return end_to_end(inputs, policy)

    figures: dict[str, tuple[str, Callable[[], object]]] = {
        "a": ("end to end: JSON text -> decision dict", lambda: end_to_end(texts, HEADLINE)),
        "a*": ("(a), dicts inside batch_collection()", lambda: batched(texts, HEADLINE)),
        "b": ("evaluate only: validated Case -> Decision",
              lambda: aftersales.evaluate_many(cases, HEADLINE)),
        "a-": ("end to end, trace=False (reasons kept)",
               lambda: end_to_end(texts, HEADLINE, trace=False)),
        "b-": ("evaluate only, trace=False (reasons kept)",
               lambda: aftersales.evaluate_many(cases, HEADLINE, trace=False)),
        "c": ("floor: plain Python, pre-parsed data",
              lambda: [floor_decide(c) for c in floor_cases]),
        "d": ("parse only: JSON text -> Case", lambda: [aftersales.parse_case(t) for t in texts]),
        "r": ("read only: JSON text -> engine record",
              lambda: [decode_case(t) for t in texts]),
        "s": ("standard policy (15), end to end, catalogue",
              lambda: end_to_end(catalogue, STANDARD)),
    }
    timings: dict[str, list[float]] = {key: [] for key in figures}
    for _ in range(repeats):  # interleaved: noise on the shared machine hits every figure
        for key, (_, run) in figures.items():
            gc.collect()
            start = perf_counter()
            result = run()
            timings[key].append(perf_counter() - start)
            del result  # freeing the output is not timed

    median = {key: statistics.median(times) for key, times in timings.items()}
    print(f"\n{'':46} {'----- median -----':>22} {'---- min (best) ----':>22} {'x floor':>8}")
    print(f"{'figure (a)-(d): headline policy':46} {'cases/s':>11} {'us/case':>10} "
          f"{'cases/s':>11} {'us/case':>10}")
    for key, (label, _) in figures.items():
        cells = (f"{count / t:>11,.0f} {t / count * 1e6:>10.2f}"
                 for t in (median[key], min(timings[key])))
        print(f"{'(' + key + ')':5}{label:41} {' '.join(cells)} "
              f"{median[key] / median['c']:>8.1f}")
    ratio = {key: median[key] / median["c"] for key in median}
    print(f"\n(a)/(c) = {ratio['a']:.1f}x, (b)/(c) = {ratio['b']:.1f}x slower than the floor; "
          f"(s)/(a) = {median['s'] / median['a']:.2f}x; (s) {count / median['s']:,.0f} "
          "cases/s (medians)")
    missed = print_targets({**ratio, "s/a": median["s"] / median["a"]})
    if missed:
        print_profile(texts[:PROFILED_CASES], HEADLINE)
    if mismatches:
        print(f"FAIL: the library and the floor disagree on {mismatches} cases")
    if invalid:
        print(f"FAIL: {invalid} cases of the catalogue workload are invalid")
    return 1 if mismatches or invalid else 0


if __name__ == "__main__":
    sys.exit(main())
