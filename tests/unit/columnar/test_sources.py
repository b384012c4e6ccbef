"""`evaluate_table` reads a `.jsonl` or `.parquet` file a slice at a time and decides it as it
decides the same cases held in a table; a JSON Lines file's cases are the ones the command line
reads from it, and a line that is not UTF-8 gets its problem while the others are decided."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402

import aftersales  # noqa: E402
from aftersales import evaluate_table  # noqa: E402
from aftersales.columnar import evaluate  # noqa: E402
from aftersales.columnar.sources import case_slices  # noqa: E402
from aftersales.columnar.typed import case_table  # noqa: E402
from aftersales.reports.case_stream import raw_cases  # noqa: E402
from tests.builders import claim_case  # noqa: E402
from tests.streams import case_texts, damaged_parquet  # noqa: E402

if TYPE_CHECKING:
    import polars

SAMPLES = Path(aftersales.__file__).parent / "data" / "sample-cases.jsonl"
TEXTS = [line for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]


def held(texts: list[str]) -> polars.DataFrame:
    return evaluate_table(pl.DataFrame({"case": texts}, schema={"case": pl.String})).frame


def test_a_jsonl_file_read_in_slices_is_decided_as_its_cases_held_at_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(TEXTS * 3) + "\n", encoding="utf-8")
    monkeypatch.setattr(evaluate, "SLICE_ROWS", len(TEXTS) + 1)
    assert [len(part.frame) for part in case_slices(path, len(TEXTS) + 1)] == [
        len(TEXTS) + 1, len(TEXTS) + 1, len(TEXTS) - 2]
    assert evaluate_table(path).frame.equals(held(TEXTS * 3))


def test_a_parquet_file_read_in_batches_is_decided_as_its_cases_held_at_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts, typed = tmp_path / "texts.parquet", tmp_path / "typed.parquet"
    pq.write_table(pa.table({"case": TEXTS * 3}), texts)
    pq.write_table(case_table(TEXTS * 3), typed)
    whole = [evaluate_table(path).frame for path in (texts, typed)]
    monkeypatch.setattr(evaluate, "SLICE_ROWS", len(TEXTS) + 1)
    assert [len(part.frame) for part in case_slices(typed, len(TEXTS) + 1)] == [
        len(TEXTS) + 1, len(TEXTS) + 1, len(TEXTS) - 2]
    for path, frame in zip((texts, typed), whole, strict=True):
        assert evaluate_table(path).frame.equals(frame)


def test_a_raw_line_separator_inside_a_text_is_part_of_its_case(tmp_path: Path) -> None:
    case = claim_case("spoilage")
    case["claim"]["problem"] = "leaked\u2028badly\u2029and\x85more"
    text = json.dumps(case, ensure_ascii=False)
    path = tmp_path / "cases.jsonl"
    path.write_text(text + "\n", encoding="utf-8")
    frame = evaluate_table(path).frame
    assert frame["status"].to_list() == [aftersales.evaluate(text).status.value]


def test_a_jsonl_files_cases_are_those_the_command_line_reads(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + TEXTS[0].encode() + b"\r\n\n   \n" + TEXTS[1].encode()
                     + b"\r" + TEXTS[2].encode() + b"\n" + "\u3000".encode() + b"\n{oops\n"
                     + TEXTS[3].encode())
    read = [case.data for case in raw_cases(path)]
    assert all(isinstance(data, bytes) for data in read)
    frame = evaluate_table(path).frame
    assert len(frame) == len(read) == 6
    assert frame["error"].to_list() == held([
        data.decode() for data in read if isinstance(data, bytes)])["error"].to_list()


def test_a_line_that_is_not_utf8_gets_its_problem_and_the_others_are_decided(
        tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_bytes(TEXTS[0].encode() + b'\n{"id": "\xff"}\n' + TEXTS[1].encode() + b"\n")
    frame = evaluate_table(path).frame
    first, second = held(TEXTS[:2])["status"].to_list()
    assert frame["status"].to_list() == [first, None, second]
    problems = json.loads(frame["error"][1])
    assert [(problem["path"], problem["code"]) for problem in problems] == [("", "not_utf8")]


@pytest.mark.parametrize("content", [b"", b"\n \n"])
def test_a_jsonl_file_without_cases_gives_an_empty_table(tmp_path: Path,
                                                         content: bytes) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_bytes(content)
    result = evaluate_table(path)
    assert result.frame.height == 0
    assert result.frame.columns == held(TEXTS[:1]).columns


def test_an_empty_parquet_file_gives_an_empty_table(tmp_path: Path) -> None:
    path = tmp_path / "cases.parquet"
    pq.write_table(pa.table({"case": pa.array([], pa.string())}), path)
    assert evaluate_table(path).frame.height == 0


def test_a_binary_case_column_is_read_as_utf8_and_a_value_that_is_not_gets_its_problem(
        ) -> None:
    frame = pl.DataFrame({"case": [TEXTS[0].encode(), b"\xff\xfe", TEXTS[1].encode()]})
    decided = evaluate_table(frame).frame
    first, second = held(TEXTS[:2])["status"].to_list()
    assert decided["status"].to_list() == [first, None, second]
    assert json.loads(decided["error"][1])[0]["code"] == "not_utf8"


@pytest.mark.parametrize("values", [[1, 2], [[1], [2]], [{"a": 1}]])
def test_a_case_column_that_cannot_hold_json_texts_is_refused_naming_it(
        values: list[object]) -> None:
    from aftersales.columnar import CaseTableError

    with pytest.raises(CaseTableError) as raised:
        evaluate_table(pl.DataFrame({"case": values}))
    assert [(problem.path, problem.code) for problem in raised.value.problems] == [
        ("case", "column_type")]


def test_a_files_suffix_is_read_whatever_its_case(tmp_path: Path) -> None:
    path = tmp_path / "CASES.JSONL"
    path.write_text("\n".join(TEXTS[:3]), encoding="utf-8")
    assert evaluate_table(path).frame.equals(held(TEXTS[:3]))


def test_a_file_that_is_not_parquet_is_said_so(tmp_path: Path) -> None:
    path = tmp_path / "cases.parquet"
    path.write_bytes(b"not Parquet at all" * 20)
    with pytest.raises(OSError, match=r"cases\.parquet: not a Parquet file"):
        evaluate_table(path)


def test_a_damaged_parquet_file_says_how_far_it_was_read(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          ) -> None:
    monkeypatch.setattr(evaluate, "SLICE_ROWS", 600)
    path = damaged_parquet(tmp_path / "cases.parquet", case_texts(1_200), good_rows=600)
    with pytest.raises(ValueError, match=r"cases\.parquet is damaged after row 600 "):
        evaluate_table(path)
