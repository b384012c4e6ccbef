"""`evaluate_table` takes an Arrow table, a Polars frame, a Parquet or a JSONL path; returns one
row per case in input order; says how many rows each path decided; gives an invalid case's
problems as the row engine does; and without the extra says what to install."""

from __future__ import annotations

import builtins
import gc
import json
import sys
import threading
import time
import weakref
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402

import aftersales  # noqa: E402
from aftersales import evaluate_table  # noqa: E402
from aftersales.columnar import ColumnarUnavailableError  # noqa: E402

SAMPLES = Path(aftersales.__file__).parent / "data" / "sample-cases.jsonl"
TEXTS = [line for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_input_form_gives_the_same_table(tmp_path: Path) -> None:
    frame = pl.DataFrame({"case": TEXTS})
    parquet = tmp_path / "cases.parquet"
    pq.write_table(pa.table({"case": TEXTS}), parquet)
    tables = [evaluate_table(cases).frame for cases in (
        frame, pa.table({"case": TEXTS}), parquet, SAMPLES)]
    for table in tables[1:]:
        assert table.equals(tables[0])


def test_a_parquet_file_without_a_case_column_is_refused_with_its_columns(
        tmp_path: Path) -> None:
    parquet = tmp_path / "orders.parquet"
    pq.write_table(pa.table({"text": TEXTS}), parquet)
    with pytest.raises(ValueError, match=r"needs a `case` column .*; this file has text$"):
        evaluate_table(parquet)
    with pytest.raises(ValueError, match="needs a `case` column"):
        evaluate_table(pl.DataFrame({"text": TEXTS}))


def test_one_row_per_case_in_input_order_with_the_counts() -> None:
    result = evaluate_table(pl.DataFrame({"case": TEXTS}))
    assert result.frame["case_id"].to_list() == [json.loads(t).get("id") for t in TEXTS]
    assert result.columnar_rows + result.row_engine_rows == len(TEXTS)


def test_the_totals_are_in_minor_units_by_remedy_kind_and_payer() -> None:
    frame = evaluate_table(pl.DataFrame({"case": TEXTS})).frame
    assert {"total", "refund_merchant", "coupon_platform"} <= set(frame.columns)
    assert frame["total"].dtype == pl.Int64


def test_an_invalid_case_gets_the_row_engines_problems() -> None:
    bad = json.loads(TEXTS[0])
    bad["order"]["lines"] = []
    row: dict[str, Any] = evaluate_table(pl.DataFrame({"case": [json.dumps(bad)]})).frame.row(
        0, named=True)
    assert row["status"] is None
    assert json.loads(row["error"])[0]["code"] == "lines_empty"


def test_without_the_extra_a_clear_error_names_what_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_polars(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "polars":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "polars", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_polars)
    with pytest.raises(ColumnarUnavailableError, match=r"pip install -e '\.\[columnar\]'"):
        evaluate_table(TEXTS)


def test_an_amount_exactly_on_a_half_fen_from_two_inexact_shares_is_decided_in_columns(
) -> None:
    # 0.01 × 1/3 + 0.01 × 1/6 = 0.005 exactly: both paths are exact, and round it up.
    case = {"id": "half", "as_of": "2025-08-05T12:00:00+08:00", "order": {
        "id": "o", "currency": "CNY", "paid_at": "2025-08-01T10:00:00+08:00",
        "promised_ship_by": "2025-08-02T10:00:00+08:00",
        "shipped_at": "2025-08-02T09:00:00+08:00", "delivered_at": "2025-08-03T09:00:00+08:00",
        "lines": [{"id": "l1", "sku": "s", "category": "fresh.produce", "quantity": 3,
                   "paid_amount": "0.01"},
                  {"id": "l2", "sku": "s", "category": "fresh.produce", "quantity": 6,
                   "paid_amount": "0.01"}]},
        "claim": {"kind": "spoilage", "filed_at": "2025-08-04T09:00:00+08:00",
                  "evidence": ["photo"], "lines": [{"line_id": "l1", "quantity": 1},
                                                   {"line_id": "l2", "quantity": 1}]}}
    policy = aftersales.Policy(id="p", version="1", guarantees=(aftersales.spoilage(),))
    result = evaluate_table(pl.DataFrame({"case": [json.dumps(case)]}), policy)
    assert result.row_engine_rows == 0
    assert aftersales.evaluate(case, policy).remedies[0].amount == Decimal("0.01")
    assert result.frame["total"].item() == 1


def test_a_line_id_holding_the_join_separator_is_decided_by_the_row_engine_alike() -> None:
    case = json.loads(TEXTS[0])
    case["order"]["lines"][0]["id"] = "a\x1fb"
    if case.get("claim", {}).get("lines"):
        case["claim"]["lines"][0]["line_id"] = "a\x1fb"
    texts = [json.dumps(case), TEXTS[0]]
    result = evaluate_table(pl.DataFrame({"case": texts}))
    assert result.row_engine_rows == 1
    row = result.frame.row(0, named=True)
    decision = aftersales.evaluate(case).to_dict()
    assert row["status"] == decision["status"]
    assert [r["line_ids"] for r in row["remedies"]] == [
        r["line_ids"] for r in decision["remedies"]]


@pytest.mark.parametrize("typed", [False, True], ids=["json", "typed"])
def test_a_table_decided_in_slices_is_the_table_decided_at_once(
        typed: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from aftersales.columnar import evaluate
    from aftersales.columnar.typed import case_table

    texts = [*TEXTS, "{not json", *TEXTS]
    cases = pl.from_arrow(case_table(TEXTS * 2)) if typed else pl.DataFrame({"case": texts})
    whole = evaluate_table(cases, "douyin")
    monkeypatch.setattr(evaluate, "SLICE_ROWS", 40)  # six slices
    sliced = evaluate_table(cases, "douyin")
    assert sliced.frame.equals(whole.frame)
    assert (sliced.columnar_rows, sliced.row_engine_rows) == (
        whole.columnar_rows, whole.row_engine_rows)


@pytest.mark.parametrize(("typed", "at_once"), [(False, 1), (True, 2)], ids=["json", "typed"])
def test_a_typed_tables_slices_are_decided_two_at_a_time_and_texts_one_at_a_time(
        typed: bool, at_once: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from aftersales.columnar import evaluate
    from aftersales.columnar.typed import case_table

    cases = pl.from_arrow(case_table(TEXTS * 2)) if typed else pl.DataFrame({"case": TEXTS * 2})
    decide = evaluate._evaluated
    running, most = [0], [0]
    lock = threading.Lock()

    def counted(*args: Any) -> Any:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.05)  # long enough for the next slice to start beside it, if it may
        try:
            return decide(*args)
        finally:
            with lock:
                running[0] -= 1

    whole = evaluate_table(cases, "douyin").frame
    monkeypatch.setattr(evaluate, "_evaluated", counted)
    monkeypatch.setattr(evaluate, "SLICE_ROWS", 40)  # five slices
    assert evaluate_table(cases, "douyin").frame.equals(whole)
    assert most[0] == at_once


def test_a_policys_columnar_plan_is_freed_with_the_policy() -> None:
    policy = aftersales.Policy(id="short-lived", version="1",
                               guarantees=(aftersales.late_shipment(),))
    evaluate_table(pl.DataFrame({"case": TEXTS}), policy)
    engine = weakref.ref(aftersales.engine.engine_for(policy))
    del policy
    gc.collect()
    assert engine() is None
