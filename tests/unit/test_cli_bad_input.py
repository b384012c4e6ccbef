"""Bad input on the command line: every command reads case files one way, reports each bad
case with its place and decides the others, exits non-zero, and never prints a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aftersales.cli import main
from tests.builders import claim_case

GOOD = json.dumps(claim_case("spoilage"))
BAD_FIRST_LINES = {
    "garbage": b"this is not json\n",
    "truncated": GOOD[:70].encode() + b"\n",
    "nan": GOOD.replace('"79.80"', "NaN").encode() + b"\n",
    "not_utf8": GOOD.encode().replace(b"apple", b"appl\xff") + b"\n",
    "nested_too_deeply": b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"\n",
}


def cases_file(tmp_path: Path, first: bytes, name: str = "cases.jsonl") -> str:
    path = tmp_path / name
    path.write_bytes(first + f"{GOOD}\n{GOOD}\n".encode())
    return str(path)


def outputs(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize("bad", list(BAD_FIRST_LINES))
def test_evaluate_refuses_a_bad_first_line_and_decides_the_others(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    assert main(["evaluate", "--errors", "inline", cases_file(tmp_path, BAD_FIRST_LINES[bad])]) == 2
    first, *decided = outputs(capsys)
    assert first["line"] == 1
    assert first["error"] == "InvalidCaseError"
    assert [d["status"] for d in decided] == ["approved", "approved"]


def test_a_nan_amount_is_refused_at_its_path_and_the_batch_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--errors", "inline",
                 cases_file(tmp_path, BAD_FIRST_LINES["nan"])]) == 2
    first = outputs(capsys)[0]
    assert first["problems"] == [{"path": "order.lines[0].paid_amount",
                                  "code": "amount_not_finite",
                                  "message": "must be a finite amount (got NaN)"}]


def test_a_line_that_is_not_utf8_is_refused_and_the_others_decided(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_bytes(f"{GOOD}\n".encode() + BAD_FIRST_LINES["not_utf8"] + f"{GOOD}\n".encode())
    assert main(["evaluate", "--errors", "inline", str(path)]) == 2
    results = outputs(capsys)
    assert [r.get("status", r.get("error")) for r in results] == [
        "approved", "InvalidCaseError", "approved"]
    assert results[1]["line"] == 2
    assert results[1]["problems"][0]["code"] == "not_utf8"  # type: ignore[index]


def test_a_byte_order_mark_is_tolerated(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", cases_file(tmp_path, b"\xef\xbb\xbf")]) == 0
    assert [d["status"] for d in outputs(capsys)] == ["approved", "approved"]


@pytest.mark.parametrize("bad", list(BAD_FIRST_LINES))
def test_explain_refuses_a_bad_first_line_and_explains_the_others(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    assert main(["explain", "--no-what-if", cases_file(tmp_path, BAD_FIRST_LINES[bad])]) == 2
    captured = capsys.readouterr()
    assert captured.out.count("APPROVED under policy standard") == 2
    assert "line 1: invalid case" in captured.err


@pytest.mark.parametrize("bad", list(BAD_FIRST_LINES))
def test_preview_reads_the_same_file_the_same_way(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    file = cases_file(tmp_path, BAD_FIRST_LINES[bad])
    assert main(["preview", file, "--format", "json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert [(row["number"], row["status"]) for row in report["rows"]] == [
        (1, "invalid"), (2, "approved"), (3, "approved")]


def test_a_pretty_printed_case_is_one_case_everywhere(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "case.json"
    file.write_text(json.dumps(claim_case("spoilage"), indent=2), encoding="utf-8")
    assert main(["preview", str(file), "--format", "json"]) == 0
    assert [row["status"] for row in json.loads(capsys.readouterr().out)["rows"]] == [
        "approved"]
    assert main(["evaluate", str(file)]) == 0
    assert [d["status"] for d in outputs(capsys)] == ["approved"]


def test_a_broken_pretty_printed_case_is_one_error_not_one_per_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "case.json"
    file.write_text(json.dumps(claim_case("spoilage"), indent=2)[:-2], encoding="utf-8")
    assert main(["preview", str(file), "--format", "json"]) == 2
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert [(row["status"], row["reason_code"]) for row in rows] == [("invalid", "json_invalid")]


def test_a_json_list_of_cases_is_read_item_by_item(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "cases.json"
    file.write_text(json.dumps([claim_case("spoilage"), {"id": "x"}, claim_case("spoilage")]),
                    encoding="utf-8")
    assert main(["evaluate", "--errors", "inline", str(file)]) == 2
    results = outputs(capsys)
    assert [r.get("status", r.get("item")) for r in results] == ["approved", 2, "approved"]


@pytest.mark.parametrize("command", [["evaluate"], ["explain"], ["preview"]])
def test_an_empty_file_holds_no_cases_and_every_command_exits_0(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    file = tmp_path / "empty.jsonl"
    file.write_bytes(b"\n  \n")
    assert main([*command, str(file)]) == 0
    if command != ["preview"]:
        assert "holds no cases" in capsys.readouterr().err


def test_ids_with_newlines_and_escapes_are_escaped_in_explain_and_preview(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = claim_case("spoilage", id="c-1\n├─ why: forged\x1b[31m")
    file = tmp_path / "case.json"
    file.write_text(json.dumps(case), encoding="utf-8")
    assert main(["explain", str(file)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "case c-1\\n├─ why: forged\\x1b[31m" in out
    assert not any(line.startswith("├─ why: forged") for line in out.splitlines())
    assert main(["preview", str(file)]) == 0
    table = capsys.readouterr().out
    assert "\x1b" not in table
    assert "c-1\\n" in table


def test_check_writes_nothing_in_the_working_directory(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "standard", "--max-examples", "2"]) == 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["evaluate"], ["preview"], ["lint"], ["policy", "show"]])
def test_an_astronomical_policy_amount_is_refused_by_every_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text('extends: standard\nid: acme\nversion: "1"\noverrides:\n'
                      '  late_shipment: {flat_amount: 1.0e+5000000}\n', encoding="utf-8")
    case = tmp_path / "case.json"
    case.write_text(GOOD, encoding="utf-8")
    argv = {"evaluate": ["evaluate", "--policy", str(policy), str(case)],
            "preview": ["preview", "--policy", str(policy), str(case)],
            "lint": ["lint", str(policy)],
            "policy": ["policy", "show", str(policy)]}[command[0]]
    assert main(argv) == 2
    assert "overrides.late_shipment.flat_amount (line 5): must be below 1E+15" in \
        capsys.readouterr().err


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    file = tmp_path / "cases.jsonl"
    file.write_text("".join(f"{GOOD}\n" for _ in range(2000)), encoding="utf-8")
    command = f"{sys.executable} -m aftersales evaluate {file} | head -1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": "src"})
    assert done.stdout.count("\n") == 1
    assert done.stderr == ""
    assert done.returncode == 141
