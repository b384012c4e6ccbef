"""`aftersales lint POLICY`, end to end through `main`: exit statuses 0, 1 and 2, both formats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aftersales.cli import main

ROOT = Path(__file__).parents[2]
BROKEN = ROOT / "examples" / "broken"


def write_policy(tmp_path: Path, **guarantee: Any) -> str:
    document = {"id": "shop-42", "version": "1", "guarantees": [{
        "id": "goodwill", "claim_kinds": ["damaged_in_transit"],
        "remedies": [{"kind": "coupon", "amount": {"kind": "percent_of", "rate_percent": "5",
                                                   "cap": "20.00"}}],
        **guarantee}]}
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_the_standard_policy_lints_clean_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "standard"]) == 0
    assert capsys.readouterr().out == "lint standard 2026.11: no findings\n"


def test_a_clean_policy_file_exits_0(tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", write_policy(tmp_path)]) == 0
    assert capsys.readouterr().out == "lint shop-42 1: no findings\n"


def test_warnings_alone_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", write_policy(tmp_path, evidence=["photo", "photo"])]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:2] == [
        "lint shop-42 1: 0 errors, 1 warning",
        "  warning evidence_duplicate at guarantees[0].evidence[1] (goodwill)"]


def test_an_error_exits_1_with_the_finding_in_text(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", write_policy(tmp_path, categories=[])]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[:2] == [
        "lint shop-42 1: 1 error, 0 warnings",
        "  error   scope_empty at guarantees[0].categories (goodwill)"]
    assert captured.err == ""


def test_json_format_prints_the_report_as_data(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    file = write_policy(tmp_path, categories=[], evidence=["photo", "photo"])
    assert main(["lint", file, "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["policy"], report["errors"], report["warnings"]) == ("shop-42 1", 1, 1)
    assert [(f["severity"], f["code"], f["path"], f["guarantee"])
            for f in report["findings"]] == [
        ("error", "scope_empty", "guarantees[0].categories", "goodwill"),
        ("warning", "evidence_duplicate", "guarantees[0].evidence[1]", "goodwill")]


def test_json_format_of_a_clean_policy_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "standard", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "policy": "standard 2026.11", "errors": 0, "warnings": 0, "findings": []}


@pytest.mark.parametrize(("name", "code"), [("later-filing-wins", "window_inverted"),
                                            ("overpaying-tiers", "refund_exceeds_order")])
def test_each_broken_example_exits_1(name: str, code: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(BROKEN / f"{name}.json"), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [f["code"] for f in report["findings"] if f["severity"] == "error"] == [code]


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(tmp_path / "nowhere.json")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "cannot read" in captured.err


def test_an_invalid_policy_exits_2_with_its_problems(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = write_policy(tmp_path, conditions=[{"kind": "filed_within", "after": "delivered_at",
                                               "window_days": 0}])
    assert main(["lint", file]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "guarantees[0].conditions[0].window_days" in captured.err


def test_a_file_that_is_not_a_document_exits_2(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "policy.json"
    path.write_text("{not json", encoding="utf-8")
    assert main(["lint", str(path)]) == 2
    assert capsys.readouterr().out == ""


def test_an_unknown_format_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["lint", "standard", "--format", "html"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'html'" in capsys.readouterr().err


def test_the_output_shown_in_the_docs_is_the_real_output(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    page = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    shown = page.split("```text\n$ aftersales lint ", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    runs = ("$ aftersales lint " + shown).split("$ ")[1:]
    commands = [run for run in runs if run.startswith("aftersales lint ")]
    assert len(commands) == 3
    for run in commands:
        command, _, output = run.partition("\n")
        main(command.split()[1:])
        assert capsys.readouterr().out == output
