"""Reading cases for a report: JSON Lines, CSV, or items given one by one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aftersales import Case, InvalidCaseError, parse_case
from aftersales.reports import CaseItem, SourcedCase, cases_to_csv, parse_cases, read_cases
from aftersales.reports.sources import sourced_cases
from tests.builders import case_dict, claim_case
from tests.unit.reports.cases import good_cases, invalid_case


def jsonl(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_each_line_is_a_case_numbered_by_its_line_and_blank_lines_are_skipped() -> None:
    text = jsonl(json.dumps(claim_case("spoilage")), "", "   ", json.dumps(case_dict(id="c2")))
    sourced = parse_cases(text, format="jsonl")
    assert [(s.unit, s.number) for s in sourced] == [("line", 1), ("line", 4)]
    assert [s.where for s in sourced] == ["line 1", "line 4"]
    assert all(isinstance(s.case, Case) and s.error is None for s in sourced)
    assert sourced[1].case_id == "c2"
    assert sourced[1].order_id == "o-1"


def test_a_line_that_is_not_json_becomes_an_error_and_the_rest_is_still_read() -> None:
    text = jsonl(json.dumps(case_dict(id="a")), "{not json", json.dumps(case_dict(id="b")))
    sourced = parse_cases(text)
    assert [s.case_id for s in sourced] == ["a", None, "b"]
    bad = sourced[1]
    assert bad.where == "line 2"
    assert bad.case is None
    assert bad.error is not None
    assert bad.error.problems[0].code == "json_invalid"


def test_an_invalid_case_keeps_every_problem_with_its_path_and_its_ids() -> None:
    text = jsonl(json.dumps(case_dict()), json.dumps(invalid_case()))
    bad = parse_cases(text)[1]
    assert bad.where == "line 2"
    assert bad.error is not None
    assert set(bad.error.paths) == {"as_of", "order.lines[0].paid_amount"}
    assert (bad.case_id, bad.order_id) == ("c-bad", "o-1")


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_json_numbers_that_are_not_numbers_become_an_error_at_their_path(literal: str) -> None:
    text = json.dumps(claim_case("spoilage")).replace('"79.80"', literal)
    (bad,) = parse_cases(text)
    assert bad.error is not None
    assert [(p.path, p.code) for p in bad.error.problems] == [
        ("order.lines[0].paid_amount", "amount_not_finite")]


def test_money_written_as_json_numbers_is_read_exactly() -> None:
    text = json.dumps(claim_case("spoilage")).replace('"79.80"', "79.80")
    (good,) = parse_cases(text)
    assert good.case is not None
    assert str(good.case.order.lines[0].paid_amount) == "79.80"


def test_text_starting_with_a_brace_is_json_lines_and_anything_else_csv() -> None:
    csv_text = cases_to_csv([case_dict(id="from-csv")])
    assert [s.unit for s in parse_cases(csv_text)] == ["row"]
    assert [s.unit for s in parse_cases(json.dumps(case_dict()))] == ["line"]
    assert parse_cases("") == []


def test_files_are_read_by_their_name(tmp_path: Path) -> None:
    (tmp_path / "cases.jsonl").write_text(json.dumps(case_dict(id="j")), encoding="utf-8")
    (tmp_path / "cases.CSV").write_text(cases_to_csv([case_dict(id="c")]), encoding="utf-8")
    (tmp_path / "cases.txt").write_text(cases_to_csv([case_dict(id="t")]), encoding="utf-8")
    assert [s.case_id for s in read_cases(tmp_path / "cases.jsonl")] == ["j"]
    assert [(s.unit, s.case_id) for s in read_cases(tmp_path / "cases.CSV")] == [("row", "c")]
    assert [s.case_id for s in read_cases(tmp_path / "cases.txt", format="csv")] == ["t"]


def test_a_missing_file_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="No such file"):
        read_cases(tmp_path / "missing.jsonl")


def test_items_given_one_by_one_are_numbered_as_cases() -> None:
    items: list[CaseItem] = [good_cases()[0], json.dumps(case_dict(id="text")),
                           parse_case(case_dict(id="parsed")), invalid_case()]
    sourced = list(sourced_cases(items))
    assert [s.where for s in sourced] == ["case 1", "case 2", "case 3", "case 4"]
    assert [s.case_id for s in sourced] == ["c-spoilage", "text", "parsed", "c-bad"]
    assert isinstance(sourced[3].error, InvalidCaseError)


def test_sourced_cases_pass_through_with_their_own_numbers() -> None:
    kept = SourcedCase(7, "row", case=parse_case(case_dict()))
    assert list(sourced_cases([kept])) == [kept]
