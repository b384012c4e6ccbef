"""The streaming case reader: the cases, numbers and errors of `read_cases`, read one line or
row at a time."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from aftersales.reports import cases_to_csv, read_cases
from aftersales.reports.case_stream import iter_cases, raw_cases
from tests.builders import claim_case
from tests.streams import case_texts, write_lines


def described(file: Path | str, **options: object) -> list[tuple[str, str | None, bool]]:
    return [(case.where, case.case_id, case.error is None)
            for case in iter_cases(file, **options)]  # type: ignore[arg-type]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_json_lines_are_numbered_as_when_read_whole(tmp_path: Path, ending: str) -> None:
    texts = case_texts(8)
    file = tmp_path / "cases.jsonl"
    file.write_bytes(b"\xef\xbb\xbf" + (ending + ending).join(texts).encode() + b"\n\n")
    assert described(file) == [(c.where, c.case_id, c.error is None) for c in read_cases(file)]
    assert described(file)[0][0] == "line 1"
    assert described(file)[1][0] == "line 3"


def test_a_json_lines_file_is_read_lazily_up_to_the_case_asked_for(tmp_path: Path) -> None:
    file = tmp_path / "cases.jsonl"
    with file.open("wb") as opened:
        opened.write((case_texts(1)[0] + "\n").encode())
        opened.write(b"\xff" * 10_000_000 + b"\n")  # not reached when only the first is read
    cases = raw_cases(file)
    first = next(cases)
    assert first.where == "line 1"
    assert isinstance(first.data, bytes)
    cases.close()


def test_csv_rows_stream_with_their_row_numbers(tmp_path: Path) -> None:
    file = tmp_path / "cases.csv"
    text = cases_to_csv([claim_case("spoilage", id=f"c{n}") for n in range(3)])
    header, *rows = text.splitlines()
    file.write_text("\n".join([header, rows[0], "", rows[1], "x" * 3, rows[2]]) + "\n",
                    encoding="utf-8")
    assert described(file) == [(c.where, c.case_id, c.error is None) for c in read_cases(file)]
    assert [where for where, *_ in described(file)] == ["row 2", "row 4", "row 5", "row 6"]


def test_a_csv_file_that_is_not_utf8_is_one_error_as_before(tmp_path: Path) -> None:
    file = tmp_path / "cases.csv"
    file.write_bytes(cases_to_csv([claim_case("spoilage")]).encode() + b"\xff\n")
    (case,) = iter_cases(file)
    assert case.where == "row 1"
    assert case.error is not None
    assert case.error.problems[0].code == "not_utf8"


def test_a_json_list_is_read_whole_and_numbered_by_item(tmp_path: Path) -> None:
    file = tmp_path / "cases.json"
    file.write_text(json.dumps([claim_case("spoilage", id="a"), 3], indent=2), encoding="utf-8")
    assert described(file) == [("item 1", "a", True), ("item 2", None, False)]


def test_stdin_json_lines_stream_too(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "\n".join(case_texts(6)).encode()
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert [case.where for case in iter_cases("-")] == [f"line {n}" for n in range(1, 7)]


def test_a_file_of_blank_lines_holds_no_cases(tmp_path: Path) -> None:
    assert described(write_lines(tmp_path / "blank.jsonl", ["", "  "])) == []
