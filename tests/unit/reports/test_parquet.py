"""Parquet in and out: cases as JSON text in a `case` column or as a typed case table,
decisions with typed columns; without pyarrow, the install hint."""

from __future__ import annotations

import importlib
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import aftersales
from aftersales.cli import main
from aftersales.reports.parquet import DECISION_COLUMNS, parquet_cases
from tests.streams import case_texts, damaged_parquet, write_lines

Capture = pytest.CaptureFixture[str]
pa: Any = importlib.import_module("pyarrow")
pq: Any = importlib.import_module("pyarrow.parquet")


def write_cases(path: Path, texts: list[str], **columns: list[object]) -> str:
    pq.write_table(pa.table({"case": texts, **columns}), str(path))
    return str(path)


def test_cases_in_parquet_are_decided_as_their_json_lines_are(tmp_path: Path,
                                                               capsys: Capture) -> None:
    texts = case_texts(120)
    parquet = write_cases(tmp_path / "cases.parquet", texts, shop=list(range(120)))
    jsonl = write_lines(tmp_path / "cases.jsonl", texts)
    assert main(["evaluate", parquet]) == 2
    from_parquet = capsys.readouterr()
    assert main(["evaluate", jsonl]) == 2
    from_jsonl = capsys.readouterr()
    assert from_parquet.out == from_jsonl.out
    assert from_parquet.err == re.sub(r"^line ", "row ", from_jsonl.err, flags=re.MULTILINE)


def test_decisions_round_trip_through_parquet_with_exact_totals(tmp_path: Path,
                                                                capsys: Capture) -> None:
    texts = case_texts(60)
    out = tmp_path / "decisions.parquet"
    assert main(["evaluate", write_lines(tmp_path / "c.jsonl", texts), "-o", str(out),
                 "--errors", "inline"]) == 2
    capsys.readouterr()
    table = pq.read_table(str(out))
    assert tuple(table.column_names) == DECISION_COLUMNS
    assert str(table.schema.field("total").type) == "decimal128(38, 2)"
    rows = table.to_pylist()
    assert len(rows) == 60
    decisions = aftersales.evaluate_many(texts)
    for row, decision in zip(rows, decisions, strict=True):
        if isinstance(decision, aftersales.Decision):
            assert aftersales.Decision.model_validate_json(row["decision"]) == decision
            assert row["total"] == sum((r.amount for r in decision.remedies
                                        if r.amount is not None and not r.advance), Decimal(0))
        else:
            assert (row["status"], row["total"]) == ("invalid", None)


def test_a_parquet_file_without_a_case_column_is_not_a_file_of_cases(
        tmp_path: Path, capsys: Capture) -> None:
    file = tmp_path / "orders.parquet"
    pq.write_table(pa.table({"orders": ["{}"]}), str(file))
    assert main(["preview", str(file)]) == 2
    assert "no 'case' column (the columns are orders)" in capsys.readouterr().err


def decided(out: str) -> list[tuple[str, list[str], list[str | None]]]:
    """Each decision's status, reason codes and remedy amounts, from JSON Lines."""
    decisions = [json.loads(line) for line in out.splitlines()]
    return [(d["status"], [r["code"] for r in d["reasons"]],
             [r.get("amount") for r in d["remedies"]]) for d in decisions]


def test_a_typed_case_table_in_parquet_is_decided_as_its_json_lines_are(
        tmp_path: Path, capsys: Capture) -> None:
    from aftersales.columnar import case_table

    texts = case_texts(120, bad_every=None)
    typed = case_table(texts).append_column("shop", pa.array(range(120)))
    pq.write_table(typed, str(tmp_path / "typed.parquet"))
    assert main(["evaluate", str(tmp_path / "typed.parquet"), "--no-trace"]) == 0
    from_typed = capsys.readouterr().out
    assert main(["evaluate", write_lines(tmp_path / "cases.jsonl", texts), "--no-trace"]) == 0
    assert decided(from_typed) == decided(capsys.readouterr().out)


def test_a_typed_row_breaking_a_constraint_is_listed_by_its_row_and_path_and_the_rest_decided(
        tmp_path: Path, capsys: Capture) -> None:
    from aftersales.columnar import arrow_schema, case_table

    rows = case_table(case_texts(3, bad_every=None)).to_pylist()
    rows[1]["order"]["id"] = ""
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema()),
                   str(tmp_path / "typed.parquet"))
    assert main(["evaluate", str(tmp_path / "typed.parquet"), "--no-trace"]) == 2
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert "row 2" in captured.err
    assert "order.id" in captured.err


def test_a_typed_column_of_the_wrong_type_is_named_before_anything_is_decided(
        tmp_path: Path, capsys: Capture) -> None:
    from aftersales.columnar import case_table

    typed = case_table(case_texts(2, bad_every=None))
    typed = typed.set_column(typed.schema.get_field_index("as_of"), "as_of",
                             pa.array([1.5, 2.5]))
    pq.write_table(typed, str(tmp_path / "typed.parquet"))
    assert main(["evaluate", str(tmp_path / "typed.parquet")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "as_of: the column is Float64; the case contract wants a timestamp" in captured.err
    assert "Traceback" not in captured.err


def test_rows_are_numbered_from_the_first_case(tmp_path: Path) -> None:
    file = write_cases(tmp_path / "c.parquet", case_texts(3, bad_every=None))
    assert [raw.where for raw in parquet_cases(file)] == ["row 1", "row 2", "row 3"]


def test_without_pyarrow_the_command_says_what_to_install(
        tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    file = write_cases(tmp_path / "c.parquet", case_texts(2, bad_every=None))
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    assert main(["evaluate", file]) == 2
    err = capsys.readouterr().err
    assert "reading and writing Parquet needs pyarrow" in err
    assert "pip install -e '.[parquet]'" in err
    assert "Traceback" not in err


def test_read_cases_reads_a_parquet_file_by_its_name(tmp_path: Path) -> None:
    file = write_cases(tmp_path / "c.parquet", case_texts(2, bad_every=None))
    assert [case.case_id for case in aftersales.read_cases(file)] == ["c0", "c1"]


def test_a_typed_case_table_without_the_columnar_extra_says_what_to_install(
        tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    from aftersales.columnar import case_table

    pq.write_table(case_table(case_texts(2, bad_every=None)), str(tmp_path / "typed.parquet"))
    monkeypatch.setitem(sys.modules, "polars", None)  # import polars now raises ImportError
    assert main(["evaluate", str(tmp_path / "typed.parquet")]) == 2
    err = capsys.readouterr().err
    assert "a typed case file" in err
    assert "'.[columnar]'" in err
    assert "Traceback" not in err


def test_a_file_that_is_not_parquet_is_said_so_without_a_traceback(tmp_path: Path,
                                                                   capsys: Capture) -> None:
    file = tmp_path / "cases.parquet"
    file.write_bytes(b"PAR1 but not really" * 50)
    for command in (["evaluate"], ["preview"], ["diff", "standard", "douyin"], ["explain"]):
        assert main([*command, str(file)]) == 2
        said = capsys.readouterr().err
        assert f"cannot read {file}: not a Parquet file" in said
        assert "Traceback" not in said


def test_a_case_column_of_another_type_is_named_not_read_as_null(tmp_path: Path,
                                                                 capsys: Capture) -> None:
    file = tmp_path / "cases.parquet"
    pq.write_table(pa.table({"case": [1, 2]}), str(file))
    assert main(["evaluate", str(file)]) == 2
    assert "the 'case' column is int64; it holds one JSON text a case" in \
        capsys.readouterr().err


def test_a_binary_case_column_is_decided_as_its_texts_are(tmp_path: Path,
                                                          capsys: Capture) -> None:
    texts = case_texts(30)
    binary = tmp_path / "binary.parquet"
    pq.write_table(pa.table({"case": pa.array([t.encode() for t in texts], pa.binary())}),
                   str(binary))
    assert main(["evaluate", str(binary)]) == 2
    from_binary = capsys.readouterr()
    assert main(["evaluate", write_cases(tmp_path / "text.parquet", texts)]) == 2
    assert from_binary == capsys.readouterr()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_damaged_past_its_first_rows_has_every_row_before_decided(
        tmp_path: Path, capsys: Capture, jobs: str) -> None:
    file = damaged_parquet(tmp_path / "cases.parquet", case_texts(1_200, bad_every=None),
                           good_rows=600)
    out = tmp_path / "decisions.jsonl"
    assert main(["evaluate", str(file), "--no-trace", "--jobs", jobs, "-o", str(out)]) == 2
    said = capsys.readouterr().err
    assert "the file is damaged after row 600" in said
    assert "Traceback" not in said
    assert [json.loads(line)["case_id"] for line in out.read_text().splitlines()] == [
        f"c{n}" for n in range(600)]
