"""`aftersales preview`, end to end through `main`: every format, every exit status."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from aftersales.cli import main
from aftersales.reports import cases_to_csv
from tests.builders import case_dict, claim_case
from tests.unit.reports.cases import good_cases, invalid_case, seven_day_allergy
from tests.unit.reports.dom import parse

Capture = pytest.CaptureFixture[str]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def write_jsonl(path: Path, cases: list[dict[str, object]]) -> str:
    path.write_text("\n".join(json.dumps(case) for case in cases) + "\n", encoding="utf-8")
    return str(path)


def write_policy(path: Path) -> str:
    path.write_text(json.dumps(seven_day_allergy().to_dict(), default=str), encoding="utf-8")
    return str(path)


@pytest.fixture
def cases_file(tmp_path: Path) -> str:
    return write_jsonl(tmp_path / "cases.jsonl", good_cases())


def sample_count() -> int:
    text = (files("aftersales") / "data" / "sample-cases.jsonl").read_text(encoding="utf-8")
    return sum(1 for line in text.splitlines() if line.strip())


def test_with_no_arguments_it_previews_the_shipped_sample_cases(capsys: Capture) -> None:
    assert main(["preview"]) == 0
    out = capsys.readouterr().out
    assert f"Preview of policy standard 2026.11 on {sample_count()} cases" in out
    assert "Payouts by guarantee (CNY)" in out


def test_the_text_report_lists_each_case_and_the_summary(cases_file: str,
                                                         capsys: Capture) -> None:
    assert main(["preview", cases_file]) == 0
    out = capsys.readouterr().out
    assert "c-allergy-late" in out
    assert next(line for line in out.splitlines()
                if line.startswith("total paid CNY")).split()[-1] == "212.30"


def test_json_output(cases_file: str, capsys: Capture) -> None:
    assert main(["preview", cases_file, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["total_paid"] == "212.30"
    assert [(row["unit"], row["number"]) for row in data["rows"]] == [
        ("line", n) for n in range(1, 7)]


def test_csv_output(cases_file: str, capsys: Capture) -> None:
    assert main(["preview", cases_file, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["case_id"] for row in rows][:2] == ["c-spoilage", "c-allergy-late"]
    assert rows[0]["total"] == "39.90"


def test_html_output_to_a_file(cases_file: str, tmp_path: Path, capsys: Capture) -> None:
    report = tmp_path / "report.html"
    assert main(["preview", cases_file, "--format", "html", "--output", str(report)]) == 0
    assert capsys.readouterr().out == ""
    dom = parse(report.read_text(encoding="utf-8"))
    assert dom.by_id("summary").tag == "table"
    assert len(dom.by_id("payout-chart").find_all("rect", class_="bar")) == 4


def test_text_output_to_a_file_is_plain(cases_file: str, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    assert main(["preview", cases_file, "-o", str(report)]) == 0
    text = report.read_text(encoding="utf-8")
    assert text.startswith("Preview of policy standard 2026.11 on 6 cases\n")
    assert "\x1b[" not in text


def test_an_invalid_case_exits_2_and_the_others_are_still_reported(
        tmp_path: Path, capsys: Capture) -> None:
    lines = [json.dumps(good_cases()[0]), "{oops", json.dumps(invalid_case()),
             json.dumps(good_cases()[1])]
    file = tmp_path / "cases.jsonl"
    file.write_text("\n".join(lines), encoding="utf-8")
    assert main(["preview", str(file), "--format", "json"]) == 2
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [row["status"] for row in data["rows"]] == ["approved", "invalid", "invalid",
                                                       "approved"]
    assert data["summary"]["invalid"] == 2
    assert "line 2: invalid case" in captured.err
    assert "line 3: invalid case: 2 problems" in captured.err
    assert "order.lines[0].paid_amount" in captured.err


def test_a_csv_file_of_cases(tmp_path: Path, capsys: Capture) -> None:
    file = tmp_path / "cases.csv"
    file.write_text(cases_to_csv(good_cases()), encoding="utf-8")
    assert main(["preview", str(file), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rows"][0]["unit"] == "row"
    assert data["rows"][0]["number"] == 2
    assert data["summary"]["total_paid"] == "212.30"


def test_a_csv_row_with_a_problem_names_its_row(tmp_path: Path, capsys: Capture) -> None:
    text = cases_to_csv(good_cases()[:2]).replace("79.80", "a lot", 1)
    file = tmp_path / "cases.csv"
    file.write_text(text, encoding="utf-8")
    assert main(["preview", str(file)]) == 2
    assert "row 2: invalid case: 1 problem\n  order.lines[0].paid_amount" in \
        capsys.readouterr().err


def test_a_csv_file_with_a_bad_header_exits_2(tmp_path: Path, capsys: Capture) -> None:
    file = tmp_path / "cases.csv"
    file.write_text("id,order..id\n1,2\n", encoding="utf-8")
    assert main(["preview", str(file)]) == 2
    assert "is not a file of cases" in capsys.readouterr().err


def test_cases_format_overrides_the_file_name(tmp_path: Path, capsys: Capture) -> None:
    file = tmp_path / "cases.txt"
    file.write_text(cases_to_csv([claim_case("spoilage")]), encoding="utf-8")
    assert main(["preview", str(file), "--cases-format", "csv", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"][0]["status"] == "approved"


@pytest.mark.parametrize("as_csv", [False, True])
def test_cases_from_stdin(as_csv: bool, monkeypatch: pytest.MonkeyPatch,
                          capsys: Capture) -> None:
    cases = [claim_case("spoilage"), case_dict()]
    text = cases_to_csv(cases) if as_csv else "\n".join(json.dumps(case) for case in cases)
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    assert main(["preview", "-", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [row["status"] for row in data["rows"]] == ["approved", "denied"]
    assert data["rows"][0]["unit"] == ("row" if as_csv else "line")


def test_a_policy_file(cases_file: str, tmp_path: Path, capsys: Capture) -> None:
    policy = write_policy(tmp_path / "seven.json")
    assert main(["preview", "--policy", policy, cases_file, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["policy"] == "standard 2026.12"
    assert data["summary"]["total_paid"] == "132.50"


def test_an_unreadable_policy_file_exits_2(cases_file: str, capsys: Capture) -> None:
    assert main(["preview", "--policy", "/nonexistent/policy.json", cases_file]) == 2
    assert "cannot read /nonexistent/policy.json" in capsys.readouterr().err


def test_an_invalid_policy_file_exits_2_with_its_problems(cases_file: str, tmp_path: Path,
                                                          capsys: Capture) -> None:
    policy = tmp_path / "bad.json"
    policy.write_text('{"id": "p", "version": "1", "guarantees": "none"}', encoding="utf-8")
    assert main(["preview", "--policy", str(policy), cases_file]) == 2
    err = capsys.readouterr().err
    assert "is not a valid policy" in err
    assert "guarantees" in err


def test_a_missing_cases_file_exits_2(capsys: Capture) -> None:
    assert main(["preview", "/nonexistent/cases.jsonl"]) == 2
    assert "cannot read /nonexistent/cases.jsonl" in capsys.readouterr().err


def test_a_cases_file_that_is_not_text_exits_2(tmp_path: Path, capsys: Capture) -> None:
    file = tmp_path / "cases.jsonl"
    file.write_bytes(b"\xff\xfe\x00binary")
    assert main(["preview", str(file)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_an_unwritable_output_exits_2(cases_file: str, capsys: Capture) -> None:
    assert main(["preview", cases_file, "-o", "/nonexistent/dir/report.html"]) == 2
    assert "cannot write /nonexistent/dir/report.html" in capsys.readouterr().err


def test_an_unknown_format_is_a_usage_error(cases_file: str, capsys: Capture) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["preview", cases_file, "--format", "pdf"])
    assert exited.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def many_cases(tmp_path: Path) -> str:
    return write_jsonl(tmp_path / "many.jsonl",
                       [claim_case("spoilage", id=f"c{n}") for n in range(201)])


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path, capsys: Capture) -> None:
    assert main(["preview", many_cases(tmp_path), "--format", "csv"]) == 0
    assert capsys.readouterr().err == ""


def test_a_progress_bar_on_a_terminal_for_many_cases(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("rich")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["preview", many_cases(tmp_path), "--format", "csv",
                 "-o", str(tmp_path / "out.csv")]) == 0
    assert "deciding cases" in terminal.getvalue()


def test_no_progress_bar_on_a_terminal_for_few_cases(cases_file: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["preview", cases_file, "-o", str(tmp_path / "out.txt")]) == 0
    assert terminal.getvalue() == ""


def test_the_installed_command_previews_the_sample_cases() -> None:
    result = subprocess.run([sys.executable, "-m", "aftersales.cli", "preview", "--format",
                             "json"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["cases"] == sample_count()
    assert result.stderr == ""
