"""A typed case table (nested columns, instants as timestamps, amounts as decimals) is decided
as its JSON texts are: its layout follows the case contract, a column of the wrong type is
refused before anything is decided, and a row that breaks a field's constraint goes through
the row engine, which names the path, while the other rows are decided."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402

import aftersales  # noqa: E402
from aftersales import InvalidCaseError, evaluate_table  # noqa: E402
from aftersales.columnar.typed import (  # noqa: E402
    CaseTableError,
    arrow_schema,
    case_table,
    row_texts,
)

SAMPLES = Path(aftersales.__file__).parent / "data" / "sample-cases.jsonl"
TEXTS = [line for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
SHANGHAI = ZoneInfo("Asia/Shanghai")
LATE = aftersales.Policy(id="p", version="1", guarantees=(aftersales.late_shipment(),))


def late_case(**order: Any) -> dict[str, Any]:
    """A shipped-late case as typed values (10:00 promised, 18:00 shipped, 120.00 paid)."""
    return {"id": "c-1", "as_of": datetime(2025, 8, 3, 12, tzinfo=SHANGHAI),
            "order": {"id": "o-1", "paid_at": datetime(2025, 8, 1, 10, tzinfo=SHANGHAI),
                      "promised_ship_by": datetime(2025, 8, 2, 10, tzinfo=SHANGHAI),
                      "shipped_at": datetime(2025, 8, 2, 18, tzinfo=SHANGHAI),
                      "lines": [{"id": "l1", "sku": "s-1", "category": "home.kitchen",
                                 "quantity": 1, "paid_amount": Decimal("120.00")}]} | order}


def test_the_schema_follows_the_case_contract() -> None:
    schema = arrow_schema()
    assert schema.names == ["as_of", "order", "id", "claim", "history"]
    order = schema.field("order").type
    assert order.field("paid_at").type == pa.timestamp("us", tz="UTC")
    assert order.field("lines").type.value_type.field("paid_amount").type == \
        pa.decimal128(38, 18)
    assert schema.field("claim").type.field("kind").type == pa.string()


def test_the_shipped_samples_decide_alike_as_texts_and_as_a_typed_table() -> None:
    as_texts = evaluate_table(pl.DataFrame({"case": TEXTS})).frame
    typed = evaluate_table(case_table(TEXTS))
    assert typed.frame.drop("error").equals(as_texts.drop("error"))
    assert typed.columnar_rows > 0


def test_a_typed_parquet_file_is_read_by_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "cases.parquet"
    pq.write_table(case_table(TEXTS), path)
    assert evaluate_table(path).frame.equals(evaluate_table(case_table(TEXTS)).frame)


def test_a_hand_built_table_with_decimals_of_scale_two_and_missing_columns_is_decided() -> None:
    frame = pl.DataFrame([late_case()])  # no claim, no history column; Decimal(…, 2)
    result = evaluate_table(frame, LATE)
    row = result.frame.row(0, named=True)
    assert (row["status"], row["reason_code"], row["total"]) == (
        "approved", "late_shipment.approved", 300)
    assert result.columnar_rows == 1


def test_amounts_may_be_exact_text_and_instants_in_any_zone() -> None:
    case = late_case()
    case["order"]["lines"][0]["paid_amount"] = "120.00"
    utc = evaluate_table(pl.DataFrame([case]), LATE).frame
    assert utc["coupon_platform"].to_list() == [300]


def test_instants_within_a_day_of_the_plain_years_edges_go_through_the_row_engine() -> None:
    def at(when: datetime) -> dict[str, Any]:  # every instant of the case
        return late_case(paid_at=when, promised_ship_by=when, shipped_at=when) | {"as_of": when}

    inside = [datetime(1971, 1, 2, 8, tzinfo=SHANGHAI), datetime(2098, 12, 30, 8, tzinfo=SHANGHAI)]
    edges = [datetime(1971, 1, 2, 7, 59, tzinfo=SHANGHAI),  # 1971-01-01, 23:59 UTC
             datetime(2098, 12, 31, 8, tzinfo=SHANGHAI)]  # 2098-12-31, 00:00 UTC
    result = evaluate_table(pl.DataFrame([at(when) for when in inside + edges]), LATE)
    assert (result.columnar_rows, result.row_engine_rows) == (2, 2)
    assert result.frame["status"].to_list() == ["denied"] * 4


def test_a_float_amount_or_a_naive_instant_is_refused_naming_the_column() -> None:
    case = late_case()
    case["order"]["lines"][0]["paid_amount"] = 120.0
    case["order"]["paid_at"] = datetime(2025, 8, 1, 10)
    with pytest.raises(CaseTableError) as raised:
        evaluate_table(pl.DataFrame([case]), LATE)
    assert [p.path for p in raised.value.problems] == [
        "order.paid_at", "order.lines[].paid_amount"]
    assert "never a float" in str(raised.value)


def test_a_row_breaking_a_fields_constraint_gets_the_row_engines_problem() -> None:
    empty_id, zero, unknown_kind = late_case(), late_case(), late_case()
    empty_id["order"]["id"] = ""
    zero["order"]["lines"][0]["quantity"] = 0
    unknown_kind["claim"] = {"kind": "teleport",
                             "filed_at": datetime(2025, 8, 3, tzinfo=SHANGHAI)}
    good = late_case()
    good["claim"] = None
    result = evaluate_table(pl.DataFrame([empty_id, zero, unknown_kind, good]), LATE)
    errors = [error and [p["path"] for p in json.loads(error)]
              for error in result.frame["error"]]
    assert errors == [["order.id"], ["order.lines[0].quantity"], ["claim.kind"], None]
    assert result.frame["status"].to_list() == [None, None, None, "approved"]
    assert (result.columnar_rows, result.row_engine_rows) == (1, 3)


def test_a_value_in_a_field_the_contract_does_not_know_is_refused_but_a_null_is_absent(
        ) -> None:
    known = late_case()
    known["order"]["colour"] = None
    unknown = late_case()
    unknown["order"]["colour"] = "red"
    result = evaluate_table(pl.DataFrame([known, unknown]), LATE)
    assert result.frame["status"].to_list() == ["approved", None]
    assert "order.colour" in result.frame["error"][1]


def test_the_row_engines_text_writes_instants_in_the_policys_zone() -> None:
    (text,) = row_texts(pl.DataFrame([late_case()]), SHANGHAI)
    order = json.loads(text)["order"]
    assert order["paid_at"] == "2025-08-01T10:00:00+08:00"
    assert order["lines"][0]["paid_amount"] == "120.00"


def test_case_table_lists_every_invalid_case_by_its_place_and_writes_nothing() -> None:
    bad = json.loads(TEXTS[0])
    bad["order"]["paid_at"] = "yesterday"
    with pytest.raises(InvalidCaseError) as raised:
        case_table([TEXTS[1], json.dumps(bad)])
    assert [p.path for p in raised.value.problems] == ["[1].order.paid_at"]


def test_case_table_refuses_an_amount_finer_than_its_scale_beside_the_invalid_cases() -> None:
    fine = json.loads(TEXTS[0])
    fine["order"]["lines"][0]["unit_content"] = "1." + "1" * 19  # not money: any decimals
    bad = json.loads(TEXTS[0])
    bad["order"]["paid_at"] = "yesterday"
    with pytest.raises(InvalidCaseError) as raised:
        case_table([TEXTS[1], json.dumps(fine)])
    assert [(p.path, p.code) for p in raised.value.problems] == [("[1]", "amount_too_precise")]
    with pytest.raises(InvalidCaseError) as raised:
        case_table([json.dumps(bad), TEXTS[1], json.dumps(fine)])
    assert [p.path for p in raised.value.problems] == ["[0].order.paid_at", "[2]"]
