"""The command line, end to end through `main` and through the installed script."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aftersales.cli import main
from tests.builders import case_dict, claim_case


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_evaluate_prints_the_decision_json(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    file = write(tmp_path / "case.json", json.dumps(claim_case("spoilage"), indent=2))
    assert main(["evaluate", file]) == 0
    decision = json.loads(capsys.readouterr().out)
    assert decision["status"] == "approved"
    assert decision["remedies"][0]["amount"] == "39.90"


def test_json_numbers_in_files_are_read_exactly(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    text = json.dumps(claim_case("spoilage")).replace('"79.80"', "79.80")
    assert main(["evaluate", write(tmp_path / "case.json", text)]) == 0
    assert json.loads(capsys.readouterr().out)["remedies"][0]["amount"] == "39.90"


def test_an_invalid_case_exits_2_with_its_problems_on_stderr(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = write(tmp_path / "case.json", json.dumps(case_dict(as_of="2025-09-01T12:00:00")))
    assert main(["evaluate", file]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "as_of: needs a UTC offset" in captured.err


def test_json_lines_decide_every_good_line_and_report_bad_ones_in_place(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [json.dumps(claim_case("spoilage")), "", json.dumps(case_dict(as_of="nope")),
             json.dumps(case_dict())]
    assert main(["evaluate", "--no-trace", write(tmp_path / "cases.jsonl",
                                                 "\n".join(lines))]) == 2
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [item.get("status") for item in out] == ["approved", None, "denied"]
    assert out[1]["line"] == 3
    assert out[1]["problems"][0]["path"] == "as_of"
    assert out[0]["trace"] == []


def test_explain_prints_readable_text(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    file = write(tmp_path / "case.json", json.dumps(claim_case("spoilage")))
    assert main(["explain", file]) == 0
    assert "APPROVED" in capsys.readouterr().out


def test_a_missing_file_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "/nonexistent/case.json"]) == 2
    assert "cannot read /nonexistent/case.json" in capsys.readouterr().err


def test_the_installed_command_reads_stdin() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aftersales.cli", "evaluate", "-"],
        input=json.dumps(claim_case("spoilage")), capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "approved"


def test_the_shipped_example_case_is_approved(capsys: pytest.CaptureFixture[str]) -> None:
    example = Path(__file__).parents[2] / "examples" / "spoilage-case.json"
    assert main(["evaluate", str(example)]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "approved"
