"""The columnar path and the row engine decide the same cases alike: status, main reason code,
remedies (guarantee, kind, payer, amount in minor units, lines, return) and totals, case by
case, over the testing kit's strategies, the shipped samples, every scenario table's cases and
the benchmark's generated workload. A mismatch names the smallest differing case."""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pl = pytest.importorskip("polars")

import aftersales  # noqa: E402
from aftersales import Policy, evaluate_table  # noqa: E402
from aftersales.columnar.rows import row_decisions  # noqa: E402
from aftersales.columnar.typed import case_table  # noqa: E402
from aftersales.engine import resolve  # noqa: E402
from aftersales.engine.inputs import read_case  # noqa: E402
from aftersales.model.kinds import PromiseType  # noqa: E402
from aftersales.model.time import day_window_deadline  # noqa: E402
from aftersales.rules.clock import promised_by_type  # noqa: E402
from aftersales.testing import strategies  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_evaluate import HEADLINE, make_catalogue_workload, make_workload  # noqa: E402
from tests.scenarios.test_scenarios import Scenario, load_tables  # noqa: E402

COMPARED = ("case_id", "order_id", "status", "reason_code", "reason_guarantee", "remedies",
            "policy_version", "error")


def differences(texts: Sequence[str], policy: Policy | str | None,
                typed: bool = False) -> tuple[list[str], int]:
    """The texts decided differently by the two paths (smallest first), and how many rows
    the columnar plan decided. `typed`: the valid cases, given to the columnar path as a
    typed case table (`case_table`) rather than as JSON texts."""
    if typed:
        texts = [text for text in texts if _valid(text)]
        cases = pl.from_arrow(case_table(texts))
    else:
        cases = pl.DataFrame({"case": list(texts)}, schema={"case": pl.String})
    result = evaluate_table(cases, policy)
    table = result.frame.to_dicts()
    rows = row_decisions(resolve(policy), list(texts), 100)
    assert len(table) == len(rows) == len(texts)
    differing = []
    for text, got, want in zip(texts, table, rows, strict=True):
        if typed:  # a table holds instants in UTC: messages may quote another offset
            got["error"], want["error"] = _without_messages(got), _without_messages(want)
        if {key: got[key] for key in COMPARED} != {key: want[key] for key in COMPARED}:
            differing.append(text)
            continue
        total = sum(remedy["amount"] or 0 for remedy in want["remedies"])
        if got["total"] != total:
            differing.append(text)
    return sorted(differing, key=len), result.columnar_rows


def _without_messages(row: dict[str, Any]) -> object:
    return row["error"] and [(p["path"], p["code"]) for p in json.loads(row["error"])]


def _valid(text: str) -> bool:
    try:
        read_case(text)
    except aftersales.InvalidCaseError:
        return False
    return True


def assert_same(texts: Sequence[str], policy: Policy | str | None, *,
                columnar: int = 0, typed: bool = False) -> None:
    differing, decided = differences(texts, policy, typed)
    assert not differing, (f"{len(differing)} of {len(texts)} cases differ; the smallest:\n"
                           f"{differing[0]}")
    assert decided >= columnar, f"only {decided} of {len(texts)} decided columnar"


AS_TEXT_OR_TYPED = pytest.mark.parametrize("typed", [False, True], ids=["json", "typed"])


def test_the_benchmark_workload_is_decided_alike_under_the_headline_policy() -> None:
    texts = make_workload(100_000, seed=12)  # issue 12: at least 100,000 in CI
    assert_same(texts, HEADLINE, columnar=99_000)


def test_the_benchmark_workload_as_a_typed_table_is_decided_alike() -> None:
    texts = make_workload(30_000, seed=15)
    assert_same(texts, HEADLINE, columnar=29_000, typed=True)


@AS_TEXT_OR_TYPED
def test_the_catalogue_workload_is_decided_alike_under_the_standard_policy(
        typed: bool) -> None:
    texts = make_catalogue_workload(make_workload(5_000, seed=13), seed=13)
    # several guarantees a kind are settled here too
    assert_same(texts, None, columnar=3_000, typed=typed)


@AS_TEXT_OR_TYPED
def test_the_shipped_samples_are_decided_alike(typed: bool) -> None:
    path = Path(aftersales.__file__).parent / "data" / "sample-cases.jsonl"
    texts = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for policy in (None, HEADLINE):
        assert_same(texts, policy, typed=typed)


def _scenario_texts() -> list[str]:
    return [json.dumps(entry.case, ensure_ascii=False) for entry in load_tables()
            if isinstance(entry, Scenario)]


@AS_TEXT_OR_TYPED
@pytest.mark.parametrize("policy", [None, HEADLINE], ids=["standard", "headline"])
def test_every_scenario_tables_case_is_decided_alike(policy: Policy | None,
                                                     typed: bool) -> None:
    texts = _scenario_texts()
    assert len(texts) > 100
    assert_same(texts, policy, columnar=1, typed=typed)


@AS_TEXT_OR_TYPED
@pytest.mark.parametrize("preset", ["douyin", "tmall"])
def test_a_presets_versions_each_decide_their_own_cases_alike(preset: str,
                                                              typed: bool) -> None:
    samples = Path(aftersales.__file__).parent / "data" / "sample-cases.jsonl"
    texts = [line for line in samples.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += _scenario_texts()
    texts += make_catalogue_workload(make_workload(3_000, seed=14), seed=14)
    # the version in force at payment, column-wise
    assert_same(texts, preset, columnar=50, typed=typed)


def _moved(data: Any, by: timedelta) -> Any:
    """The case `data` with every instant moved by `by` (whole days: the same local
    clock), so that its order falls in another version."""
    if isinstance(data, dict):
        return {key: _moved(value, by) for key, value in data.items()}
    if isinstance(data, list):
        return [_moved(value, by) for value in data]
    if isinstance(data, str) and len(data) >= 25 and data[10:11] == "T":
        try:
            return (datetime.fromisoformat(data) + by).isoformat()
        except ValueError:
            return data
    return data


def _into_each_version(preset: str, texts: Sequence[str]) -> list[str]:
    """`texts`, moved so that the first order is paid a day after each version of `preset`
    takes effect (the others follow it, as in the workload)."""
    versions = resolve(preset)
    assert not isinstance(versions, aftersales.Engine)
    cases = [json.loads(text) for text in texts]
    first = min(datetime.fromisoformat(case["order"]["paid_at"]) for case in cases)
    moved: list[str] = []
    for version in versions.versions.versions:
        start = version.starts_at()
        assert start is not None
        by = timedelta(days=(start - first).days + 1)
        moved += [json.dumps(_moved(case, by)) for case in cases]
    return moved


Rewrite = Callable[[dict[str, Any], random.Random], "dict[str, Any] | None"]


def _rewritten(rewrite: Rewrite, count: int, seed: int) -> list[str]:
    """The catalogue workload of `count` cases (`seed`), each rewritten by `rewrite` (None:
    left out)."""
    rng = random.Random(seed)
    cases = (rewrite(json.loads(text), rng)
             for text in make_catalogue_workload(make_workload(count, seed=seed), seed=seed))
    return [json.dumps(case) for case in cases if case is not None]


def _latest(preset: str) -> Policy:
    """The latest version of a shipped preset."""
    versions = aftersales.load_policy(preset)
    assert isinstance(versions, aftersales.PolicyVersions)
    return versions.versions[-1]


def _alone(policy: Policy, guarantee: aftersales.Guarantee) -> Policy:
    """`policy` with `guarantee` as its only one: its own reason is the decision's main."""
    return policy.model_copy(update={"guarantees": (guarantee,)})


@AS_TEXT_OR_TYPED
@pytest.mark.parametrize(("preset", "columnar"), [("douyin", 2_000), ("tmall", 2_000)])
def test_the_catalogue_workload_moved_into_each_version_of_a_preset_is_decided_alike(
        preset: str, columnar: int, typed: bool) -> None:
    # The workload's orders are paid in 2025-08 and 2025-09, before Tmall's first version
    # and inside one of Douyin's: moved, every version decides a share of them.
    texts = _into_each_version(preset, make_catalogue_workload(
        make_workload(600, seed=21), seed=21))
    assert_same(texts, preset, columnar=columnar, typed=typed)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(strategies.cases(policy=HEADLINE), min_size=1, max_size=25))
def test_the_testing_kits_cases_are_decided_alike(cases: list[Any]) -> None:
    texts = [case.model_dump_json() for case in cases]
    assert_same(texts, HEADLINE)
    assert_same(texts, HEADLINE, typed=True)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(strategies.cases(), min_size=1, max_size=25))
def test_the_testing_kits_standard_cases_are_decided_alike(cases: list[Any]) -> None:
    texts = [case.model_dump_json() for case in cases]
    assert_same(texts, None)
    assert_same(texts, None, typed=True)


EDGE_VALUES: list[Any] = [
    None, 0, 1, -1, 99, 100, "0.00", "0.001", "0.005", "-0.01", "100000000.00",
    "100000000.01", "12.3", "", "l1", "l2", "FRESH.Produce", "beauty.skincare", "spoilage",
    "refund", "USD", "JPY", "2025-08-24T07:00:00Z", "2025-08-24T15:00:00.5+08:00",
    "2025-08-24T15:00:00-12:00", "2025-08-24 15:00:00+08:00", "2025-08-24", [], ["l1", "l1"],
    ["photo", "photo"], {}, True, "cn-xj"]
"""Values near the columnar reader's edges: plain form or not, in bounds or not, valid or not."""


def _mutated(case: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """`case` with one or two of its values removed, repeated, shifted or replaced."""
    case = json.loads(json.dumps(case))
    for _ in range(rng.choice((1, 1, 2))):
        *parents, key = rng.choice(_paths(case))
        holder = case
        for part in parents:
            holder = holder[part]
        value, choice = holder[key], rng.random()
        if choice < 0.15 and isinstance(holder, dict):
            del holder[key]
        elif choice < 0.25 and isinstance(holder, list):
            holder.append(json.loads(json.dumps(value)))
        elif choice < 0.45 and isinstance(value, str) and value[:2] == "20" and "T" in value:
            shift = timedelta(seconds=rng.choice((-7 * 86400, -3600, -1, 1, 3600, 30 * 86400)))
            holder[key] = (datetime.fromisoformat(value) + shift).isoformat()
        elif choice < 0.6 and type(value) is int:
            holder[key] = value + rng.choice((-1, 1, 100))
        else:
            holder[key] = json.loads(json.dumps(rng.choice(EDGE_VALUES)))  # a copy
    return case


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(
        data, list) else ()
    for key, value in items:
        found += _paths(value, (*path, key))
    return found


@AS_TEXT_OR_TYPED
def test_mutated_catalogue_cases_are_decided_or_refused_alike(typed: bool) -> None:
    rng = random.Random(16)
    cases = [json.loads(text) for text in make_catalogue_workload(make_workload(
        2_000, seed=16), seed=16)]
    texts = [json.dumps(_mutated(case, rng)) for case in cases]
    assert_same(texts, None, columnar=300, typed=typed)


def _paid_with(guarantee: aftersales.Guarantee, *amounts: Any) -> aftersales.Guarantee:
    """`guarantee`, its remedies paying `amounts` in turn."""
    remedies = tuple(remedy.model_copy(update={"amount": amount})
                     for remedy, amount in zip(guarantee.remedies, amounts, strict=True))
    return guarantee.model_copy(update={"remedies": remedies})


def _amount_forms() -> Policy:
    """A policy paying with every amount formula that has a columnar form, each in a setting
    the catalogue does not use (a claimed base for percentages, fractional multipliers,
    minimums, a claim cap, the price before platform discounts and net of a payment
    channel's, the amount asked), and checking the problem claimed and claimed per line."""
    from aftersales import (
        AllOf,
        CappedAmount,
        CategoryIn,
        ClaimedFraction,
        HasTag,
        Multiple,
        OrderTotalAbove,
        PercentBetween,
        PercentOf,
        ProblemIn,
        ProblemIs,
        ProRataDeduction,
        RequestedAmount,
        UnitPriceDifference,
    )

    def d(text: str) -> Any:
        from decimal import Decimal

        return Decimal(text)

    asked = aftersales.Guarantee(
        id="asked", title="The amount asked", claim_kinds=("partial_refund",),
        remedies=(aftersales.Refund(amount=RequestedAmount(at_most=PercentOf(
            base="claimed_amount", rate_percent=d("33.333"), cap=d("200.00")))),))
    spoilage, allergy = aftersales.spoilage(), aftersales.allergy()
    return Policy(id="forms", version="1", guarantees=(
        _paid_with(spoilage.model_copy(update={"conditions": (
            *spoilage.conditions, AllOf(conditions=(
                CategoryIn(categories=("fresh.produce",)), OrderTotalAbove(amount=d("60.00")),
                HasTag(tags=("organic",)))), ProblemIn(problems=("rotten", "thawed")))}),
            PercentBetween(
            base="claimed_amount", rate_percent=d("33.333"), minimum=d("1.00"),
            maximum=d("80.00"))),
        _paid_with(allergy.model_copy(update={"conditions": (
            *allergy.conditions, ProblemIs(problems=("rash",)))}), CappedAmount(
            amount=PercentOf(base="claimed_amount", rate_percent=d("12.5"), cap=d("30.00")),
            per_order=d("20.00"), per_buyer=d("60.00"), period="rolling_days",
            period_days=30)),
        _paid_with(_before_platform_discounts(aftersales.price_match()), CappedAmount(
            amount=ProRataDeduction(
                amount=UnitPriceDifference(multiplier=d("2.5"),
                                           before_platform_discounts=True)),
            per_claim=d("50.00"), per_buyer=d("60.00"))),
        _paid_with(aftersales.counterfeit(), ClaimedFraction(), Multiple(
            base="order_total", multiplier=d("1.5"), minimum=d("100.00"))),
        _paid_with(aftersales.unsafe_food(), ClaimedFraction(), Multiple(
            multiplier=d("10"), minimum=d("1000.00"))),
        asked))


def _before_platform_discounts(guarantee: aftersales.Guarantee) -> aftersales.Guarantee:
    """`guarantee`, comparing the reference price with the unit price before platform
    discounts."""
    return guarantee.model_copy(update={"conditions": tuple(
        condition.model_copy(update={"before_platform_discounts": True})
        if isinstance(condition, aftersales.ReferencePriceBelowUnitPrice) else condition
        for condition in guarantee.conditions)})


AMOUNT_FORMS = _amount_forms()


@AS_TEXT_OR_TYPED
def test_every_amount_form_and_problem_check_is_decided_alike(typed: bool) -> None:
    texts = make_catalogue_workload(make_workload(4_000, seed=21), seed=21)
    texts += [json.dumps(_platform_discounted(json.loads(text), index))
              for index, text in enumerate(texts[:2_000])]
    assert_same(texts, AMOUNT_FORMS, columnar=3_000, typed=typed)


def _platform_discounted(case: dict[str, Any], index: int) -> dict[str, Any]:
    """`case` with platform and payment-channel discounts (up to nine tenths of the total),
    and problems named on the claim and on some claimed lines."""
    order, claim = case["order"], case.get("claim")
    for slot, line in enumerate(order["lines"]):
        line["platform_discount"] = f"{slot + 1}.{slot * 3}5"
        line["tags"] = ["organic"] if (index + slot) % 3 else []
    total = sum(int(line["paid_amount"].replace(".", "")) for line in order["lines"])
    off = total * (0, 1, 5, 9)[index % 4] // 10
    order["payment_channel_discount"] = f"{off // 100}.{off % 100:02}"
    if claim is not None:
        claim["problem"] = ("rotten", "rash", "", None)[index % 4]
        for part in claim.get("lines") or ():
            part["problem"] = ("thawed", "", "rash")[index % 3]
        filed = datetime.fromisoformat(claim["filed_at"])
        month = filed.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        micro = timedelta(microseconds=1)
        for slot, entry in enumerate(case.get("history") or ()):
            at = (None, filed - timedelta(hours=1), filed, filed + micro, month, month - micro,
                  filed - timedelta(days=30), filed - timedelta(days=31))[(index + slot) % 8]
            if at is not None:
                entry["decided_at"] = at.isoformat()
            if (index + slot) % 3 == 1:
                entry["order_id"] = "o-elsewhere"
            entry["amount"] = ("55.00", "10.00", "0.01", entry["amount"])[index % 4]
    return case


def _at_the_int64_edge(case: dict[str, Any], quantity: int) -> dict[str, Any]:
    """`case` with four lines of `quantity` units whose amounts sum to the columnar path's
    largest total, all claimed, and a reference price of 0.01: exact line fractions whose
    numerators, times a multiple, pass 2⁶³."""
    lines = [{**case["order"]["lines"][0], "id": f"l{slot}", "quantity": quantity - slot,
              "paid_amount": f"{24_999_999 - slot * 1_000}.{97 - slot}"} for slot in range(4)]
    case["order"]["lines"] = lines
    case["history"] = []
    claim = case["claim"]
    claim["lines"] = [{"line_id": line["id"], "quantity": line["quantity"]} for line in lines]
    if claim["kind"] == "price_match":
        claim["reference_price"] = "0.01"
    else:  # fresh food, now claimed unsafe with its inspection report: ten times its price
        claim |= {"kind": "unsafe_food", "evidence": ["inspection_report"]}
    return case


@AS_TEXT_OR_TYPED
def test_amounts_that_may_pass_int64_go_to_the_row_engine_and_are_decided_alike(
        typed: bool) -> None:
    cases = [json.loads(text) for text in make_catalogue_workload(make_workload(
        3_000, seed=22), seed=22)]
    edge = [json.dumps(_at_the_int64_edge(case, 99 - index % 3))
            for index, case in enumerate(cases)
            if (case.get("claim") or {}).get("kind") in {"spoilage", "price_match"}]
    assert len(edge) > 100
    for policy in (None, AMOUNT_FORMS):
        assert_same(edge, policy, typed=typed)
    assert evaluate_table(pl.DataFrame({"case": edge}), AMOUNT_FORMS).row_engine_rows > 0


def _approved(kind: str, policy: Policy, **claimed: Any) -> dict[str, Any]:
    """The first catalogue case of claim `kind`, without history, that `policy` approves once
    its claim says `claimed` too."""
    for text in make_catalogue_workload(make_workload(2_000, seed=23), seed=23):
        case: dict[str, Any] = json.loads(text)
        if (case.get("claim") or {}).get("kind") != kind or case.get("history"):
            continue
        case["claim"] |= claimed
        if aftersales.evaluate(json.dumps(case), policy).status.value == "approved":
            return case
    raise AssertionError(f"no approved {kind} case")


def _with_history(case: dict[str, Any], entries: list[dict[str, Any]]) -> str:
    return json.dumps({**case, "history": entries})


@AS_TEXT_OR_TYPED
def test_caps_counted_from_the_history_are_decided_alike_at_their_edges(typed: bool) -> None:
    texts = []
    for kind in ("price_match", "allergy"):
        case = _approved(kind, AMOUNT_FORMS, problem="rash")
        filed = datetime.fromisoformat(case["claim"]["filed_at"])
        month = filed.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        micro, month_ago = timedelta(microseconds=1), filed - timedelta(days=30)
        times = [None, filed, filed + micro, month, month - micro, month_ago, month_ago - micro]
        for at in times:
            for order_id in (None, case["order"]["id"], "o-elsewhere"):
                for amount in ("15.00", "55.00", "59.99", "60.00", "70.00"):
                    for guarantee in (kind, "spoilage"):
                        entry: dict[str, Any] = {"guarantee": guarantee, "kind": "refund",
                                                 "amount": amount}
                        if at is not None:
                            entry["decided_at"] = at.isoformat()
                        if order_id is not None:
                            entry["order_id"] = order_id
                        texts.append(_with_history(case, [entry]))
                        texts.append(_with_history(case, [entry, {**entry, "amount": "4.00"}]))
    assert_same(texts, AMOUNT_FORMS, columnar=len(texts) * 9 // 10, typed=typed)


NO_PICKUP = Policy(id="no-pickup", version="1", guarantees=(aftersales.Guarantee(
    id="no_pickup_refund", title="Refund when nothing was picked up",
    claim_kinds=("refund_request",), conditions=(aftersales.NotPickedUpWithin(hours=48),),
    remedies=(aftersales.Refund(amount=aftersales.ClaimedFraction()),)),))


def _pickup_edges(case: dict[str, Any]) -> list[str]:
    """`case` with the tracking number uploaded at shipment, and the pickup scan, the
    delivery and `as_of` at, just before and just after the 48 hours' limit, or absent."""
    order = case["order"]
    uploaded = datetime.fromisoformat(order["shipped_at"])
    limit, micro = uploaded + timedelta(hours=48), timedelta(microseconds=1)
    texts = [json.dumps({**case, "order": {k: v for k, v in order.items() if k not in (
        "tracking_uploaded_at", "picked_up_at")}})]
    for picked in (None, limit - micro, limit, limit + micro):
        for delivered in (None, limit, limit + micro):
            for as_of in (limit, limit + micro, limit + timedelta(days=9)):
                if delivered is not None and as_of < delivered:
                    continue
                edited = {k: v for k, v in order.items() if k != "delivered_at"}
                edited["tracking_uploaded_at"] = uploaded.isoformat()
                if picked is not None:
                    edited["picked_up_at"] = picked.isoformat()
                if delivered is not None:
                    edited["delivered_at"] = delivered.isoformat()
                texts.append(json.dumps({**case, "as_of": as_of.isoformat(), "order": edited,
                                         "claim": {**case["claim"], "filed_at": min(
                                             as_of, limit).isoformat()}}))
    return texts


@AS_TEXT_OR_TYPED
def test_a_pickup_timeout_is_decided_alike_at_its_limit(typed: bool) -> None:
    cases = [json.loads(text) for text in make_catalogue_workload(make_workload(
        1_500, seed=24), seed=24)]
    texts = [text for case in cases
             if (case.get("claim") or {}).get("kind") == "refund_request"
             and case["order"].get("shipped_at") for text in _pickup_edges(case)][:3_000]
    decided = [aftersales.evaluate(text, NO_PICKUP).status.value for text in texts[:200]]
    assert {"approved", "denied"} <= set(decided)
    assert_same(texts, NO_PICKUP, columnar=len(texts) // 2, typed=typed)


_TMALL_GUARANTEES = {"not_as_described": "mismatch_compensation",
                     "false_label": "false_label_compensation"}
_PROBLEMS = {"not_as_described": "material_mismatch", "false_label": "upf_overstated"}


def _tmall_at_two_claims() -> Policy:
    """Tmall's latest version with its buyer limits at 2 claims in 30 days (the history's two
    slots reach it), and the signing day counted as its receipt windows' first."""
    latest = _latest("tmall")
    return latest.model_copy(update={"guarantees": tuple(
        guarantee.model_copy(update={"conditions": tuple(
            condition.model_copy(update={"max_claims": 2})
            if isinstance(condition, aftersales.BuyerLimit)
            else condition.model_copy(update={"event_day_counts": True})
            if isinstance(condition, aftersales.FiledWithinReceipt) else condition
            for condition in guarantee.conditions)})
        for guarantee in latest.guarantees)})


def _tmall_claim(case: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
    """`case` (shipped) as a Tmall claim of not-as-described or false-label goods, filed at
    or beside the signing or a receipt window's close, with the receipt confirmed or not,
    some lines tagged `platform_qc`, and a history of the guarantee's grants: of an item,
    on lines of this order, at or beside the buyer limit's window, twice for one claim."""
    order = case["order"]
    if not order.get("shipped_at"):
        return None
    zone, micro = ZoneInfo("Asia/Shanghai"), timedelta(microseconds=1)
    shipped = datetime.fromisoformat(order["shipped_at"])
    order = {k: v for k, v in order.items() if k not in ("delivered_at", "receipt_confirmed_at")}
    signed = shipped + timedelta(days=3)
    if rng.random() < 0.6:
        signed = shipped + timedelta(hours=rng.randint(1, 120))
        order["delivered_at"] = signed.isoformat()
    days = rng.choice((0, 6, 7, 14, 15))
    filed = rng.choice((signed - micro, signed, day_window_deadline(signed, days, zone),
                        day_window_deadline(signed, days, zone) + micro))
    filed = max(filed, datetime.fromisoformat(order["paid_at"]))
    confirmed = rng.choice((None, signed + timedelta(hours=2), filed + micro))
    if confirmed is not None and confirmed >= shipped and "delivered_at" in order:
        order["receipt_confirmed_at"] = max(confirmed, signed).isoformat()
        filed = rng.choice((filed, day_window_deadline(max(confirmed, signed), 15, zone)))
    as_of = max(filed, confirmed or filed) + timedelta(hours=1)
    order["lines"] = [{**line, "tags": ["platform_qc"]} if rng.random() < 0.4 else line
                      for line in order["lines"]]
    kind = rng.choice(list(_TMALL_GUARANTEES))
    line_ids = [line["id"] for line in order["lines"]]
    claim = {"kind": kind, "filed_at": filed.isoformat(), "evidence": ["photo"],
             "problem": rng.choice((_PROBLEMS[kind],) * 6 + ("other",)),
             "item_condition": rng.choice(("intact", "not_intact")),
             "lines": [{"line_id": line_id, "quantity": 1}
                       for line_id in rng.sample(line_ids, rng.randint(1, len(line_ids)))]}
    history = []
    for _ in range(rng.choice((0, 1, 2, 2))):
        decided = rng.choice((None, filed, filed - timedelta(days=30), filed - timedelta(
            days=30) + micro, filed - timedelta(days=3)))
        entry: dict[str, Any] = {"guarantee": rng.choice((_TMALL_GUARANTEES[kind], "other")),
                                 "kind": "compensation", "amount": "1.00"}
        if decided is not None:
            entry["decided_at"] = decided.isoformat()
        where = rng.random()
        if where < 0.3:
            entry["skus"] = [rng.choice(order["lines"])["sku"]]
            entry["order_id"] = "o-elsewhere"
        elif where < 0.6:
            entry["line_ids"] = [rng.choice(line_ids)]
        history.append(entry)
    if len(history) == 2 and rng.random() < 0.5:  # one claim granted twice over
        same: dict[str, Any] = {key: history[0][key] for key in ("decided_at", "order_id")
                                if key in history[0]}
        history[1] = {**history[1], **same}
    return {**case, "as_of": as_of.isoformat(), "order": order, "claim": claim,
            "history": history}


@AS_TEXT_OR_TYPED
def test_tmalls_claims_are_decided_alike_at_their_windows_limits_and_items(
        typed: bool) -> None:
    cases = _rewritten(_tmall_claim, 1_200, seed=25)
    texts = _into_each_version("tmall", cases)
    statuses = {aftersales.evaluate(text, "tmall").status.value for text in texts[-300:]}
    assert {"approved", "denied"} <= statuses
    assert_same(texts, "tmall", columnar=len(texts) // 2, typed=typed)
    moved = texts[-len(cases):]
    assert_same(moved, _tmall_at_two_claims(), columnar=len(moved) // 2, typed=typed)


def _screen_film_claim(case: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
    """`case` (shipped) as a Tmall screen-film reship request (贴坏包赔), its first line a
    screen film, the reship refused or not, and a history of reships granted on this order
    or another, carried out before, at or after their 120 hours, or not yet."""
    order = case["order"]
    if not order.get("shipped_at"):
        return None
    shipped, micro = datetime.fromisoformat(order["shipped_at"]), timedelta(microseconds=1)
    filed = shipped + timedelta(days=rng.randint(3, 40), hours=rng.randint(0, 23))
    lines = [{**order["lines"][0], "category": "electronics.phone_accessories.screen_film"},
             *order["lines"][1:]]
    order = {**order, "lines": lines, "flags": ["reship_refused"] if rng.random() < 0.2 else []}
    history = []
    for _ in range(rng.choice((0, 1, 1, 2))):
        decided = filed - timedelta(hours=rng.choice((0, 1, 119, 120, 121, 200)))
        entry: dict[str, Any] = {
            "guarantee": rng.choice(("screen_film_reship",) * 4 + ("other",)),
            "kind": rng.choice(("reship",) * 4 + ("refund",)), "decided_at": decided.isoformat()}
        if entry["kind"] == "refund":
            entry["amount"] = "1.00"
        fulfilled = rng.choice((None, decided + timedelta(hours=120),
                                decided + timedelta(hours=120) + micro, filed + micro))
        if fulfilled is not None:
            entry["fulfilled_at"] = fulfilled.isoformat()
        if rng.random() < 0.2:
            entry["order_id"] = "o-elsewhere"
        history.append(entry)
    if len(history) == 2 and rng.random() < 0.3:  # two grants at one instant: the later counts
        history[1]["decided_at"] = history[0]["decided_at"]
    as_of = max([filed, *(datetime.fromisoformat(order[name]) for name in (
        "delivered_at", "receipt_confirmed_at") if order.get(name)), *(
        datetime.fromisoformat(entry["fulfilled_at"]) for entry in history
        if "fulfilled_at" in entry)]) + timedelta(hours=2)
    claim = {"kind": "reship_request", "filed_at": filed.isoformat(), "evidence": ["photo"],
             "lines": [{"line_id": lines[0]["id"], "quantity": 1}]}
    return {**case, "as_of": as_of.isoformat(), "order": order, "claim": claim,
            "history": history}


@AS_TEXT_OR_TYPED
def test_tmalls_screen_film_reships_and_their_fallback_are_decided_alike(typed: bool) -> None:
    cases = _rewritten(_screen_film_claim, 1_000, seed=26)
    texts = _into_each_version("tmall", cases)
    latest = {aftersales.evaluate(text, "tmall").reasons[0].code for text in texts[-400:]
              if _valid(text)}
    assert {"screen_film_reship.approved", "screen_film_reship_default.approved"} <= latest
    assert_same(texts, "tmall", columnar=len(texts) // 2, typed=typed)


_FRESH_CATEGORIES = ("fresh.produce", "fresh.produce.cherry", "fresh.produce.blueberry",
                     "fresh.produce.durian", "fresh.seafood.crab", "fresh.seafood.frozen",
                     "fresh.seafood.live", "home.kitchen")
_FRESH_PROBLEMS = ("thawed", "dead", "damaged", "surface_rot", "hidden_rot", "ripening_rot",
                   "unripe", "description_mismatch", "short_weight", "size_mismatch",
                   "rotten", "variety_mismatch", "other")


def _fresh_claim(case: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
    """`case` (shipped) as a Douyin fresh-food spoilage claim: lines of the fresh rules'
    categories, some with a ripening period, a problem of theirs, filed at or just after
    one of the windows' ends from the delivery (or before it, or undelivered), and an
    affected share at or just above a band's edge, or none."""
    order = dict(case["order"])
    if not order.get("shipped_at"):
        return None
    micro = timedelta(microseconds=1)
    delivered = datetime.fromisoformat(order["shipped_at"]) + timedelta(hours=rng.randint(
        2, 60))
    lines = []
    for line in order["lines"]:
        line = {**line, "category": rng.choice(_FRESH_CATEGORIES),
                "tags": ["spoilage_guarantee"] if rng.random() < 0.7 else []}
        if rng.random() < 0.4:
            line["ripening_days"] = rng.choice((1, 2, 3))
        lines.append(line)
    order["lines"] = lines
    order.pop("receipt_confirmed_at", None)
    if rng.random() < 0.9:
        order["delivered_at"] = delivered.isoformat()
    else:
        order.pop("delivered_at", None)
    hours = rng.choice((0, 12, 24, 48, 120, 168, 48 + 24 * 3, 168 + 24 * 2))
    filed = rng.choice((delivered + timedelta(hours=hours), delivered + timedelta(
        hours=hours) + micro, delivered - micro))
    claim: dict[str, Any] = {
        "kind": "spoilage", "filed_at": filed.isoformat(),
        "evidence": ["photo", "video", "unboxing_photo", "problem_photo"],
        "problem": rng.choice(_FRESH_PROBLEMS),
        "lines": [{"line_id": line["id"], "quantity": rng.randint(1, line["quantity"])}
                  for line in rng.sample(lines, rng.randint(1, len(lines)))]}
    share = rng.choice((None, "10", "10.01", "30", "30.01", "50", "50.01", "100", "0.01"))
    if share is not None:
        claim["affected_percent"] = share
    as_of = max(filed, delivered) + timedelta(hours=1)
    return {**case, "as_of": as_of.isoformat(), "order": order, "claim": claim}


def _alike_in_each_douyin_version(cases: list[str], typed: bool, share: tuple[int, int]
                                  ) -> tuple[Policy, list[str]]:
    """Assert `cases`, moved into each Douyin version, decided alike (at least `share` of
    them columnar, a numerator and denominator); Douyin's latest version and the cases moved
    into it."""
    texts = _into_each_version("douyin", cases)
    least, of = share
    assert_same(texts, "douyin", columnar=len(texts) * least // of, typed=typed)
    return _latest("douyin"), texts[-len(cases):]


@AS_TEXT_OR_TYPED
def test_douyins_fresh_food_claims_are_decided_alike_at_their_windows_and_bands(
        typed: bool) -> None:
    latest, moved = _alike_in_each_douyin_version(_rewritten(_fresh_claim, 800, seed=27),
                                                  typed, (1, 2))
    for guarantee in latest.guarantees:
        if guarantee.id.startswith(("fresh_food_", "spoilage_guarantee")):
            assert_same(moved, _alone(latest, guarantee), columnar=len(moved) // 2,
                        typed=typed)


def _allergy_dispute(case: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
    """`case` (delivered) as a Douyin allergy dispute: an order total at or beside an
    evidence tier's start, the evidence of one tier or another, consumable and gift lines
    with their content, and what was used at, or a fen past, leaving 80 % of a unit."""
    order = dict(case["order"])
    if not order.get("delivered_at"):
        return None
    delivered = datetime.fromisoformat(order["delivered_at"])
    total = rng.choice(("99.99", "100.00", "499.99", "500.00", "30.00", "800.00"))
    lines, claimed = [], []
    for index, line in enumerate(order["lines"]):
        content = rng.choice((None, "50.00", "2.00", "1.50", "3.00", "100.00"))
        line = {**line, "category": "beauty.skincare", "quantity": rng.randint(1, 2),
                "paid_amount": total if index == 0 else "0.00",
                "tags": rng.choice(([], ["consumable"], ["consumable", "gift"], ["gift"]))}
        if content is not None:
            line["unit_content"] = content
        lines.append(line)
        part: dict[str, Any] = {"line_id": line["id"], "quantity": 1}
        if content is not None and rng.random() < 0.9:
            fifth = Decimal(content) / 5
            part["used_amount"] = str(rng.choice((fifth, fifth + Decimal("0.01"), Decimal(0))))
        claimed.append(part)
    order["lines"] = lines
    order.pop("payment_channel_discount", None)
    filed = delivered + timedelta(days=rng.randint(1, 59))
    evidence = rng.choice((["allergy_photo"], ["allergy_photo", "product_photo"],
                           ["allergy_photo", "product_photo", "medical_record"]))
    claim = {"kind": "allergy", "filed_at": filed.isoformat(), "evidence": evidence,
             "lines": claimed}
    return {**case, "as_of": (filed + timedelta(hours=1)).isoformat(), "order": order,
            "claim": claim, "history": []}


@AS_TEXT_OR_TYPED
def test_douyins_allergy_disputes_are_decided_alike_at_their_tiers_and_what_is_left(
        typed: bool) -> None:
    latest, moved = _alike_in_each_douyin_version(
        _rewritten(_allergy_dispute, 800, seed=28), typed, (1, 2))
    dispute = next(g for g in latest.guarantees if g.id == "allergy_dispute")
    loose = dispute.model_copy(update={"conditions": tuple(  # what is left, on its own
        part for condition in dispute.conditions
        for part in (condition.conditions if isinstance(condition, aftersales.AnyOf)
                     else (condition,)) if not isinstance(part, aftersales.Not))})
    for guarantee in (dispute, loose):
        assert_same(moved, _alone(latest, guarantee), columnar=len(moved) // 2, typed=typed)


_PROMISES = (None, "same_day", "same_day", "next_day", "within_48h")
_SHANGHAI = ZoneInfo("Asia/Shanghai")


def _ship_clock_case(case: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """`case` as an automatic check (or a late-shipment claim) on a ship-by clock: a promise
    type or none, paid at or beside the same-day cut-off, shipped (by `shipped_at`, a pickup
    scan, or both) or not, at or a microsecond beside the ship-by time and the tier grids'
    48- and 240-hour edges past it; a delivery appointment kept, missed by a microsecond, or
    none."""
    order = {key: value for key, value in case["order"].items() if key not in (
        "shipped_at", "delivered_at", "receipt_confirmed_at", "picked_up_at", "deliver_by",
        "tracking_uploaded_at")}
    paid = datetime.fromisoformat(order["paid_at"]).astimezone(_SHANGHAI)
    micro = timedelta(microseconds=1)
    cut_off = paid.replace(hour=16, minute=0, second=0, microsecond=0)
    paid = rng.choice((paid, cut_off, cut_off - micro, cut_off + micro))
    order["paid_at"] = paid.isoformat()
    order["promised_ship_by"] = (paid + timedelta(hours=rng.choice((0, 24, 48, 72, 300)))
                                 ).isoformat()
    promise = rng.choice(_PROMISES)
    if promise is None:
        ship_by = datetime.fromisoformat(order["promised_ship_by"])
    else:
        order["promise_type"] = promise
        ship_by = promised_by_type(PromiseType(promise), paid, _SHANGHAI)
    late = rng.choice((0, 0, 48, 48, 240, 240, 5))
    at = ship_by + timedelta(hours=late) + rng.choice((-micro, timedelta(0), micro))
    at = max(at, paid)
    shipping = rng.choice(("shipped", "picked", "both", "none"))
    events = [paid]
    if shipping in ("shipped", "both"):
        order["shipped_at"] = (at if shipping == "shipped" else paid).isoformat()
    if shipping in ("picked", "both"):
        order["shipped_at"] = order.get("shipped_at", paid.isoformat())
        order["picked_up_at"] = at.isoformat()
    if shipping != "none":
        events.append(at)
        delivered = at + timedelta(hours=rng.randint(1, 30))
        if rng.random() < 0.6:
            order["delivered_at"] = delivered.isoformat()
            events.append(delivered)
        if rng.random() < 0.5:
            order["deliver_by"] = (delivered + rng.choice((-micro, timedelta(0), micro,
                                                          timedelta(days=1)))).isoformat()
    as_of = max(events) if shipping != "none" else at
    out: dict[str, Any] = {"id": case["id"], "order": order, "history": [],
                           "as_of": as_of.isoformat()}
    if rng.random() < 0.3:
        out["claim"] = {"kind": "late_shipment", "filed_at": as_of.isoformat()}
    return out


def _on_calendars(case: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """`case`, its order paid inside or beside the shipped calendars' periods, to a region
    an exemption names or another."""
    case = _ship_clock_case(case, rng)
    order = case["order"]
    paid = datetime.fromisoformat(order["paid_at"])
    start = rng.choice((datetime(2026, 2, 9, tzinfo=_SHANGHAI), datetime(
        2026, 2, 22, tzinfo=_SHANGHAI), datetime(2026, 8, 14, tzinfo=_SHANGHAI), datetime(
        2026, 8, 16, tzinfo=_SHANGHAI)))
    by = timedelta(days=(start - paid.astimezone(_SHANGHAI).replace(
        hour=0, minute=0, second=0, microsecond=0, tzinfo=_SHANGHAI)).days)
    moved = _moved(case, by)
    moved["order"]["region"] = rng.choice(("CN-ZJ", "CN-JS", "CN-SH"))
    return dict(moved)


def _calendar_clock_policy() -> Policy:
    """Late shipment against a clock that reads promise types, pickup scans and both shipped
    calendars, paid from a promise-hours by late-hours grid."""
    clock = aftersales.ShipByClock(
        calendars=("tmall-2026-spring-festival", "tmall-2026-disaster-exemptions"),
        ship_time="pickup")

    def cell(rate: str) -> aftersales.PercentBetween:
        return aftersales.PercentBetween(rate_percent=Decimal(rate), minimum=Decimal("2.00"),
                                         maximum=Decimal("50.00"))

    grid = aftersales.TierGrid(
        clock=clock, rows=aftersales.GridAxis(by="promise_hours", up_to=(48, 240, None)),
        columns=aftersales.GridAxis(by="late_hours", up_to=(48, None)),
        cells=((cell("1"), None), (cell("1"), cell("3")), (cell("1"), cell("5"))))
    return Policy(id="calendar-clock", version="1", guarantees=(aftersales.Guarantee(
        id="late_on_clock", title="Late against the ship-by clock",
        claim_kinds=("late_shipment",), is_automatic=True,
        conditions=(aftersales.ShippedLateOnClock(clock=clock),
                    aftersales.NotGrantedBefore()),
        remedies=(aftersales.Coupon(amount=grid),)),))


@AS_TEXT_OR_TYPED
def test_douyins_late_shipments_are_decided_alike_on_its_ship_by_clock(typed: bool) -> None:
    latest, moved = _alike_in_each_douyin_version(
        _rewritten(_ship_clock_case, 600, seed=29), typed, (9, 10))
    statuses = {aftersales.evaluate(text, "douyin").status.value for text in moved[-300:]}
    assert {"approved", "denied"} <= statuses
    for guarantee in latest.guarantees:
        if guarantee.is_automatic:
            assert_same(moved, _alone(latest, guarantee), columnar=len(moved) * 9 // 10,
                        typed=typed)


@AS_TEXT_OR_TYPED
def test_a_ship_by_clock_with_calendars_is_decided_alike(typed: bool) -> None:
    texts = _rewritten(_on_calendars, 1_500, seed=30)
    policy = _calendar_clock_policy()
    approved = [aftersales.evaluate(text, policy) for text in texts[:400]]
    assert {"approved", "denied"} <= {decision.status.value for decision in approved}
    assert len({tuple(r.amount for r in d.remedies) for d in approved}) > 3
    assert_same(texts, policy, columnar=len(texts) * 9 // 10, typed=typed)


_SANTIAGO = ZoneInfo("America/Santiago")  # 2024-09-08 00:00 does not exist there


def _around_a_swallowed_midnight(case: dict[str, Any], rng: random.Random
                                 ) -> dict[str, Any] | None:
    """`case` (delivered, with a claim) moved so that its delivery falls in the days before
    Santiago's 2024 spring-forward, filed at or beside the close of a day window counted in
    Santiago from the delivery or the payment."""
    if not case.get("claim") or not case["order"].get("delivered_at"):
        return None
    delivered = datetime.fromisoformat(case["order"]["delivered_at"])
    target = datetime(2024, 9, 8, 12, tzinfo=_SANTIAGO) - timedelta(days=rng.choice(
        (1, 7, 8, 15)))
    moved = _moved(case, timedelta(days=(target - delivered).days))
    order = moved["order"]
    event = datetime.fromisoformat(order[rng.choice(("delivered_at", "paid_at"))])
    close = day_window_deadline(event, rng.choice((0, 1, 7, 15)), _SANTIAGO)
    filed = max(close + rng.choice((-timedelta(hours=1), -timedelta(microseconds=1),
                                    timedelta(0), timedelta(microseconds=1))),
                datetime.fromisoformat(order["delivered_at"]))
    moved["claim"]["filed_at"] = filed.isoformat()
    moved["claim"].pop("return_received_at", None)
    moved["as_of"] = (filed + timedelta(hours=1)).isoformat()
    return dict(moved)


@AS_TEXT_OR_TYPED
def test_day_windows_are_decided_alike_where_dst_swallows_local_midnight(typed: bool) -> None:
    policy = aftersales.standard_policy().model_copy(update={"time_zone": "America/Santiago"})
    texts = _rewritten(_around_a_swallowed_midnight, 2_000, seed=31)
    assert_same(texts, policy, columnar=len(texts) * 9 // 10, typed=typed)
