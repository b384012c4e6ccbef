"""The command line, end to end through `main` and through the installed script."""

import json
import subprocess
import sys
from collections.abc import Mapping
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
    assert main(["evaluate", "--no-trace", "--errors", "inline",
                 write(tmp_path / "cases.jsonl", "\n".join(lines))]) == 2
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [item.get("status") for item in out] == ["approved", None, "denied"]
    assert out[1]["line"] == 3
    assert out[1]["problems"][0]["path"] == "as_of"
    assert out[0]["trace"] == []


def test_by_default_stdout_holds_only_decisions_and_stderr_the_errors_with_their_lines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [json.dumps(claim_case("spoilage")), json.dumps(case_dict(as_of="nope"))]
    assert main(["evaluate", write(tmp_path / "cases.jsonl", "\n".join(lines))]) == 2
    captured = capsys.readouterr()
    assert [json.loads(line)["status"] for line in captured.out.splitlines()] == ["approved"]
    assert captured.err.startswith("line 2: ")
    assert "as_of" in captured.err


def test_explain_prints_a_readable_tree(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    file = write(tmp_path / "case.json", json.dumps(claim_case("spoilage")))
    assert main(["explain", file]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "case case-1 (order o-1): APPROVED under policy standard version 2026.11"
    assert lines[1] == "├─ refund 39.90 CNY paid by merchant on l1 (spoilage)"
    assert "├─ spoilage: approved" in lines


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


def test_explain_ends_each_denial_with_what_would_have_made_it_pass(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    late = claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"})
    lines = [json.dumps(late), json.dumps(claim_case("spoilage"))]
    file = write(tmp_path / "cases.jsonl", "\n".join(lines))
    assert main(["explain", file]) == 0
    late_text, approved_text = capsys.readouterr().out.split("\n\n")
    assert late_text.startswith("case case-1 (order o-1): DENIED")
    assert late_text.endswith(
        "└─ what would have made it pass\n"
        "   └─ filed by 2025-08-26 15:00 (3 h earlier), the spoilage claim would be approved: "
        "refund 39.90 CNY")
    assert "what would" not in approved_text


def test_explain_what_if_lists_the_changes_for_approved_decisions_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = write(tmp_path / "case.json", json.dumps(claim_case("spoilage")))
    assert main(["explain", "--what-if", file]) == 0
    assert capsys.readouterr().out.endswith(
        "└─ what would change the outcome\n   └─ nothing nearby changes the outcome\n")


def test_explain_no_what_if_leaves_the_changes_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    late = claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"})
    file = write(tmp_path / "case.json", json.dumps(late))
    assert main(["explain", "--no-what-if", file]) == 0
    assert "what would" not in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["explain", "--what-if", "--no-what-if", file])
    assert exit_info.value.code == 2


def test_explain_in_chinese_keeps_the_reason_codes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    late = claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"})
    file = write(tmp_path / "case.json", json.dumps(late))
    assert main(["explain", "--lang", "zh", file]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "售后单 case-1（订单 o-1）：拒绝 · 政策 standard 版本 2026.11"  # noqa: RUF001
    assert lines[1] == ("├─ 原因：2025-08-26 18:00 提交申请，签收后 48 小时的时限已于 "  # noqa: RUF001
                        "2025-08-26 15:00 截止，晚了 3 小时 [spoilage.filed_too_late]")  # noqa: RUF001
    assert lines[-1].startswith("   └─ 若在 2025-08-26 15:00 前提交（早 3 小时）")  # noqa: RUF001


def test_explain_refuses_a_language_it_does_not_have(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["explain", "--lang", "fr", "case.json"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err


def test_explain_without_what_if_prints_no_changes_for_an_approval(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = write(tmp_path / "case.json", json.dumps(claim_case("spoilage")))
    assert main(["explain", file]) == 0
    assert "what would" not in capsys.readouterr().out


def policy_file(tmp_path: Path, data: Mapping[str, object]) -> str:
    return write(tmp_path / "policy.json", json.dumps(data))


def with_72_hour_spoilage() -> dict[str, object]:
    import aftersales

    policy = aftersales.standard_policy().with_guarantee(aftersales.spoilage(window_hours=72))
    return {**policy.to_dict(), "version": "2026.11-72h"}


@pytest.mark.parametrize("command", ["evaluate", "explain"])
def test_evaluate_and_explain_decide_under_the_policy_given(
        command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    late = claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"})
    case = write(tmp_path / "case.json", json.dumps(late))
    assert main([command, "--policy", policy_file(tmp_path, with_72_hour_spoilage()),
                 case]) == 0
    out = capsys.readouterr().out
    if command == "evaluate":
        decision = json.loads(out)
        assert (decision["status"], decision["policy"]["version"]) == ("approved",
                                                                     "2026.11-72h")
    else:
        assert out.startswith("case case-1 (order o-1): APPROVED under policy standard "
                              "version 2026.11-72h\n")
        assert "within the 72 h window" in out


def test_under_versions_in_force_each_decision_names_the_version_used(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import aftersales

    standard = aftersales.standard_policy().to_dict()
    versions = {"id": "standard", "versions": [
        {**standard, "version": "2025.01", "effective_from": "2025-01-01"},
        {**with_72_hour_spoilage(), "version": "2025.08", "effective_from": "2025-08-20"}]}
    cases = [claim_case("spoilage", order={"paid_at": paid_at},
                        claim={"filed_at": "2025-08-26T18:00:00+08:00"})
             for paid_at in ("2025-08-19T10:00:00+08:00", "2025-08-20T10:00:00+08:00")]
    file = write(tmp_path / "cases.jsonl", "\n".join(json.dumps(case) for case in cases))
    assert main(["evaluate", "--policy", policy_file(tmp_path, versions), file]) == 0
    decisions = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(d["status"], d["policy"]["version"]) for d in decisions] == [
        ("denied", "2025.01"), ("approved", "2025.08")]
    assert main(["explain", "--policy", policy_file(tmp_path, versions), file]) == 0
    headlines = [line for line in capsys.readouterr().out.splitlines()
                 if line.startswith("case ")]
    assert [line.rsplit(" ", 1)[1] for line in headlines] == ["2025.01", "2025.08"]


@pytest.mark.parametrize("command", ["evaluate", "explain"])
def test_a_policy_file_that_cannot_be_read_exits_2(
        command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = write(tmp_path / "case.json", json.dumps(claim_case("spoilage")))
    missing = str(tmp_path / "missing.json")
    assert main([command, "--policy", missing, case]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"cannot read {missing}" in captured.err


@pytest.mark.parametrize("command", ["evaluate", "explain"])
def test_an_invalid_policy_file_exits_2_with_its_problems(
        command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import aftersales

    bad = {**aftersales.standard_policy().to_dict(), "version": ""}
    case = write(tmp_path / "case.json", json.dumps(claim_case("spoilage")))
    assert main([command, "--policy", policy_file(tmp_path, bad), case]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "is not a valid policy" in captured.err
    assert "version" in captured.err


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
