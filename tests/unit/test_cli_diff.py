"""`aftersales diff OLD NEW [CASES]`, end to end through `main`: every format, every exit
status."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from aftersales.cli import main
from tests.unit.reports.cases import good_cases, invalid_case
from tests.unit.reports.dom import parse
from tests.unit.test_cli_preview import write_jsonl, write_policy

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def cases_file(tmp_path: Path) -> str:
    return write_jsonl(tmp_path / "cases.jsonl", good_cases())


@pytest.fixture
def seven(tmp_path: Path) -> str:
    return write_policy(tmp_path / "seven.json")


def test_the_text_report_counts_the_changes_and_explains_them(
        seven: str, cases_file: str, capsys: Capture) -> None:
    assert main(["diff", "standard", seven, cases_file]) == 0
    out = capsys.readouterr().out
    words = " ".join(out.split())  # within 80 columns, the title and cells wrap
    assert ("Diff of policy standard 2026.11 → standard 2026.12 on 6 cases: 2 decisions "
            "changed") in words
    assert "approved → denied, amount down, deadline" in words
    assert next(line for line in out.splitlines()
                if line.startswith("payout change CNY")).split()[-1] == "-79.80"
    assert "old: standard 2026.11" in out
    assert "new: standard 2026.12" in out


def test_json_output(seven: str, cases_file: str, capsys: Capture) -> None:
    assert main(["diff", "standard", seven, cases_file, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["changed"] == 2
    assert data["summary"]["by_payer"]["merchant"]["change"] == "-79.80"
    assert data["changed"][0]["case_id"] == "c-allergy-late"


def test_csv_output_has_a_row_per_changed_case(seven: str, cases_file: str,
                                               capsys: Capture) -> None:
    assert main(["diff", "standard", seven, cases_file, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(row["case_id"], row["delta"]) for row in rows] == [
        ("c-allergy-late", "-79.80"), ("c-allergy-early", "0.00")]


def test_html_output_to_a_file(seven: str, cases_file: str, tmp_path: Path) -> None:
    report = tmp_path / "diff.html"
    assert main(["diff", "standard", seven, cases_file, "--format", "html", "-o",
                 str(report)]) == 0
    dom = parse(report.read_text(encoding="utf-8"))
    assert dom.by_id("summary").tag == "table"
    assert len(dom.by_id("payout-chart").find_all("rect", class_="bar")) == 2  # allergy only
    assert len(dom.find_all("pre")) == 4  # two changed cases, each explained twice


def test_first_limits_the_explained_cases(seven: str, cases_file: str,
                                          capsys: Capture) -> None:
    assert main(["diff", "standard", seven, cases_file, "--format", "json",
                 "--first", "1"]) == 0
    changed = json.loads(capsys.readouterr().out)["changed"]
    assert [row["old_explanation"] is not None for row in changed] == [True, False]


def test_first_below_zero_is_a_usage_error(seven: str, capsys: Capture) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["diff", "standard", seven, "--first", "-1"])
    assert exited.value.code == 2
    assert "must be at least 0" in capsys.readouterr().err


def test_with_no_cases_it_compares_on_the_shipped_sample_cases(seven: str,
                                                               capsys: Capture) -> None:
    assert main(["diff", "standard", seven, "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["cases"] > 0
    assert summary["changed"] > 0
    assert summary["by_guarantee"]["allergy"]["change"].startswith("-")


def test_a_policy_against_itself_changes_nothing(cases_file: str, capsys: Capture) -> None:
    assert main(["diff", "standard", "standard", cases_file, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["changed"] == 0
    assert data["changed"] == []


def test_an_invalid_case_exits_2_and_the_others_are_still_compared(
        seven: str, tmp_path: Path, capsys: Capture) -> None:
    file = write_jsonl(tmp_path / "cases.jsonl", [*good_cases(), invalid_case()])
    assert main(["diff", "standard", seven, file, "--format", "json"]) == 2
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert (data["summary"]["changed"], data["summary"]["invalid"]) == (2, 1)
    assert captured.err.count("line 7: invalid case") == 1


@pytest.mark.parametrize("position", [0, 1])
def test_an_unreadable_policy_exits_2(position: int, seven: str, cases_file: str,
                                      capsys: Capture) -> None:
    policies = [seven, seven]
    policies[position] = "/nonexistent/policy.json"
    assert main(["diff", *policies, cases_file]) == 2
    assert "cannot read /nonexistent/policy.json" in capsys.readouterr().err


def test_an_invalid_policy_exits_2_with_its_problems(cases_file: str, tmp_path: Path,
                                                     capsys: Capture) -> None:
    policy = tmp_path / "bad.json"
    policy.write_text('{"id": "p", "version": "1", "guarantees": []', encoding="utf-8")
    assert main(["diff", "standard", str(policy), cases_file]) == 2
    assert f"aftersales diff: {policy} is not a valid policy" in capsys.readouterr().err


def test_a_missing_cases_file_exits_2(seven: str, capsys: Capture) -> None:
    assert main(["diff", "standard", seven, "/nonexistent/cases.jsonl"]) == 2
    assert "cannot read /nonexistent/cases.jsonl" in capsys.readouterr().err


def test_the_installed_command_runs_the_diff(seven: str, cases_file: str) -> None:
    result = subprocess.run([sys.executable, "-m", "aftersales.cli", "diff", "standard", seven,
                             cases_file, "--format", "csv"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("number,unit,case_id")
    assert len(result.stdout.splitlines()) == 3
