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


def test_explain_what_if_lists_the_changes_that_flip_each_decision(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    late = claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"})
    lines = [json.dumps(late), json.dumps(claim_case("spoilage"))]
    file = write(tmp_path / "cases.jsonl", "\n".join(lines))
    assert main(["explain", "--what-if", file]) == 0
    late_text, approved_text = capsys.readouterr().out.split("\n\n")
    assert late_text.startswith("case case-1 (order o-1): DENIED")
    assert late_text.endswith(
        "  what would change the outcome:\n"
        "    - filed by 2025-08-26T15:00:00+08:00 (3 h earlier), the spoilage claim would be "
        "approved: refund 39.90 CNY")
    assert approved_text.endswith(
        "  what would change the outcome:\n    nothing nearby changes the outcome\n")


def test_explain_without_what_if_prints_no_changes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = write(tmp_path / "case.json", json.dumps(claim_case("spoilage")))
    assert main(["explain", file]) == 0
    assert "what would change the outcome" not in capsys.readouterr().out


BROKEN = Path(__file__).parents[2] / "examples" / "broken"


def test_check_passes_a_sound_policy_and_exits_0(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import aftersales

    file = write(tmp_path / "standard.json", aftersales.standard_policy().model_dump_json())
    assert main(["check", file, "--max-examples", "10"]) == 0
    out = capsys.readouterr().out
    assert "checking policy standard 2026.11 (15 guarantees)" in out
    assert "every invariant holds" in out


@pytest.mark.parametrize(("name", "invariant"), [
    ("overpaying-tiers", "never_pays_more_than_allowed"),
    ("later-filing-wins", "filing_later_never_helps"),
])
def test_check_catches_a_broken_policy_with_a_minimal_counterexample(
        name: str, invariant: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(BROKEN / f"{name}.json"), "--max-examples", "30",
                 "--seed", "1"]) == 1
    out = capsys.readouterr().out
    assert f"  ✗ {invariant}:" in out
    assert "1 of 9 invariants failed" in out
    counterexample = out.split("counterexample:\n", 1)[1].split("\nexplanation:", 1)[0]
    case = json.loads(counterexample)
    assert len(case["order"]["lines"]) == 1  # shrunk to one line
    assert "explanation:\ncase reach-" in out


def test_check_refuses_an_invalid_policy_or_a_missing_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path / "bad.json", '{"id": "p", "version": "1", "guarantees": [{}]}')
    assert main(["check", bad]) == 2
    assert "is not a valid policy" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_check_refuses_a_non_positive_example_count(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "policy.json", "--max-examples", "0"])
    assert exit_info.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err
