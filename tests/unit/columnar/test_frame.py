"""The case table reads JSON texts into flat columns: instants as UTC microseconds, money as
integer minor units, each line slot with the quantity claimed; a case in an unusual form is
not plain (the row engine decides it)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

pl = pytest.importorskip("polars")

from aftersales.columnar.frame import flatten  # noqa: E402

CASE: dict[str, Any] = {
    "id": "c-1", "as_of": "2025-08-05T12:00:00+08:00",
    "order": {"id": "o-1", "currency": "CNY", "paid_at": "2025-08-01T10:00:00.250000+08:00",
              "promised_ship_by": "2025-08-02T10:00:00+08:00",
              "lines": [{"id": "l1", "sku": "s", "category": "fresh.produce", "quantity": 3,
                         "paid_amount": "10.5"},
                        {"id": "l2", "sku": "s", "category": "home", "quantity": 1,
                         "paid_amount": "2"}]},
    "claim": {"kind": "spoilage", "filed_at": "2025-08-04T10:00:00+08:00",
              "lines": [{"line_id": "l1", "quantity": 2}]},
}


def flat(case: dict[str, Any]) -> dict[str, Any]:
    frame = flatten(pl.DataFrame({"row": [0], "case": [json.dumps(case)]}), "CNY")
    row: dict[str, Any] = frame.row(0, named=True)
    return row


def test_instants_are_utc_microseconds() -> None:
    paid = datetime.fromisoformat("2025-08-01T10:00:00.250000+08:00")
    assert flat(CASE)["paid_at"] == int(paid.timestamp()) * 1_000_000 + 250_000


def test_money_is_in_minor_units_and_the_total_sums_the_lines() -> None:
    row = flat(CASE)
    assert (row["l0_paid"], row["l1_paid"], row["total"]) == (1050, 200, 1250)


def test_each_line_slot_has_the_quantity_claimed_on_it() -> None:
    row = flat(CASE)
    assert (row["l0_k"], row["l1_k"], row["l2_k"]) == (2, 0, 0)


def test_without_claim_lines_every_line_is_claimed_in_full() -> None:
    case = json.loads(json.dumps(CASE))
    del case["claim"]["lines"]
    row = flat(case)
    assert (row["l0_k"], row["l1_k"]) == (3, 1)
    assert row["plain"]


def test_a_case_in_an_unusual_form_is_not_plain() -> None:
    for path, value in ((("order", "currency"), "USD"),
                        (("order", "paid_at"), "2025-08-01T10:00:00Z"),
                        (("order", "lines"), []),
                        (("claim", "reference_price"), "1e3"),
                        # Polars' time-zone rules stop daylight saving after 2099
                        (("claim", "filed_at"), "2099-01-01T00:00:00+08:00")):
        case = json.loads(json.dumps(CASE))
        case[path[0]][path[1]] = value
        assert not flat(case)["plain"], path


def test_instants_are_plain_up_to_the_end_of_2098_12_30_utc_as_in_a_typed_table() -> None:
    for as_of, plain in (("2098-12-30T23:59:59.999999+00:00", True),
                         ("2098-12-31T07:59:59+08:00", True),
                         ("2098-12-31T00:00:00+00:00", False),
                         ("2098-12-31T23:59:59+08:00", False)):
        case = json.loads(json.dumps(CASE))
        case["as_of"] = as_of
        assert flat(case)["plain"] is plain, as_of


def test_the_ship_by_promise_type_is_read() -> None:
    case = json.loads(json.dumps(CASE))
    case["order"]["promise_type"] = "same_day"
    assert flat(case)["promise_type"] == "same_day"
    assert flat(CASE)["promise_type"] is None


def test_texts_decoded_in_slices_flatten_as_they_do_at_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from aftersales.columnar import frame

    cases = []
    for n in range(5):
        case = json.loads(json.dumps(CASE))
        case["id"] = f"c-{n}"
        case["order"]["lines"] = case["order"]["lines"][:1 + n % 2]
        cases.append(json.dumps(case))
    texts = pl.DataFrame({"row": list(range(5)), "case": cases})
    whole = flatten(texts, "CNY")
    monkeypatch.setattr(frame, "DECODE_ROWS", 2)
    assert flatten(texts, "CNY").equals(whole)
    assert flatten(texts.head(0), "CNY").height == 0
