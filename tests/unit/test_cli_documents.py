"""`aftersales schema` and `aftersales policy show`, through `main`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aftersales import standard_policy
from aftersales.cli import main
from aftersales.documents import STANDARD_DOCUMENT, load_policy, policy_schema, read_policy

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "schema")
    assert (status, err) == (0, "")
    assert json.loads(out) == policy_schema()


def test_policy_show_standard_prints_the_packaged_document(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "policy", "show", "standard")
    assert (status, err) == (0, "")
    assert out == STANDARD_DOCUMENT.read_text(encoding="utf-8")


@pytest.mark.parametrize("format", ["yaml", "json", "toml"])
def test_policy_show_in_each_format_reads_back_equal(capsys: pytest.CaptureFixture[str],
                                                     format: str) -> None:
    status, out, _ = run(capsys, "policy", "show", "standard", "--format", format)
    assert status == 0
    assert read_policy(out, format) == standard_policy()  # type: ignore[arg-type]


def test_json_output_is_plain_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "policy", "show", "standard", "--format", "json")
    assert json.loads(out)["id"] == "standard"


@pytest.mark.parametrize("format", ["yaml", "json", "toml"])
def test_policy_show_of_a_versions_file_prints_every_version_resolved(
        capsys: pytest.CaptureFixture[str], format: str) -> None:
    path = ROOT / "examples/allergy-versions.yaml"
    status, out, err = run(capsys, "policy", "show", str(path), "--format", format)
    assert (status, err) == (0, "")
    assert read_policy(out, format) == load_policy(path)  # type: ignore[arg-type]
    assert "extends" not in out
    assert out.count("late_shipment") >= 2  # every guarantee of both versions written out


def test_policy_show_of_an_extends_file_resolves_it(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "policy", "show", str(ROOT / "examples/allergy-7-days.yaml"))
    assert status == 0
    assert out.startswith("kind: policy\nid: allergy-7-days\nversion: '2025.11'\n")
    assert "window_days: 7\n" in out


def test_a_bad_file_exits_2_with_every_problem_and_line_on_stderr(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text("extends: standard\nid: acme\nversion: '1'\ntitel: Acme\noverrides:\n"
                    "  alergy: {window_days: 30}\n  no_reason_return: {window_days: 5}\n",
                    encoding="utf-8")
    status, out, err = run(capsys, "policy", "show", str(path))
    assert (status, out) == (2, "")
    assert err.splitlines()[:5] == [
        f"aftersales policy show: {path} is not a valid policy",
        "invalid policy: 3 problems",
        "  titel (line 4): is not a known field; did you mean `title`?",
        "  overrides.alergy (line 6): is not a guarantee of the standard policy; did you mean "
        "`allergy`?",
        "  overrides.no_reason_return (line 7): the statutory 7-day no-reason return may be "
        "extended, not restricted: no_reason_return: its window of 5 calendar days is shorter "
        "than the law's 7",
    ]


def test_a_file_that_is_not_yaml_exits_2(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "acme.json"
    path.write_text('{"id": "acme",\n "version": }\n', encoding="utf-8")
    status, out, err = run(capsys, "policy", "show", str(path))
    assert (status, out) == (2, "")
    assert "(root) (line 2): not valid JSON: Expecting value (column 13)" in err


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "missing.yaml"
    status, out, err = run(capsys, "policy", "show", str(path))
    assert (status, out) == (2, "")
    assert err == f"aftersales: cannot read {path}: No such file or directory\n"


def test_standard_names_the_shipped_policy_even_beside_a_file_of_that_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "standard").write_text(
        (ROOT / "examples/allergy-7-days.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "policy", "show", "standard", "--format", "json")
    assert status == 0
    assert json.loads(out)["id"] == "standard"


@pytest.mark.parametrize("format", ["json", "yaml"])
def test_a_file_named_standard_is_read_by_its_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        format: str) -> None:
    (tmp_path / "standard").write_text(
        (ROOT / "examples/allergy-7-days.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "policy", "show", "--policy", "./standard", "--format", format)
    assert status == 0
    assert "allergy-7-days" in out
