"""`aftersales export --format ucp` and `aftersales import --format ucp`, through `main`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aftersales import standard_policy
from aftersales.cli import main
from aftersales.documents import export_ucp, load_policy, read_policy

ROOT = Path(__file__).resolve().parents[2]
RETURN_01 = ROOT / "tests/data/ucp/return_01.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_export_prints_the_ucp_policies_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "export", "--format", "ucp", "standard")
    assert status == 0
    assert json.loads(out) == export_ucp(standard_policy()).policies


def test_export_names_each_unexpressed_guarantee_on_stderr(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "export", "--format", "ucp", "--policy", "standard")
    lines = err.splitlines()
    assert len(lines) == len(export_ucp(standard_policy()).unexpressed)
    assert lines[0] == ("not expressible in UCP: late_shipment: coupon of tiered: a UCP "
                        "resolution gives back what was paid")


def test_export_with_custom_adds_custom_types(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "export", "--format", "ucp", "standard", "--custom")
    assert "com.aftersales.policy.late_shipment" in {entry["type"] for entry in json.loads(out)}


def test_export_to_a_file_writes_it_and_prints_nothing(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "ucp.json"
    status, out, _ = run(capsys, "export", "--format", "ucp", "standard", "-o", str(target))
    assert (status, out) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8")) == export_ucp(standard_policy()).policies


def test_export_of_a_policy_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = ROOT / "examples/allergy-7-days.yaml"
    status, out, _ = run(capsys, "export", "--format", "ucp", str(path))
    assert status == 0
    assert json.loads(out) == export_ucp(load_policy(path)).policies


@pytest.mark.parametrize("format", ["yaml", "json", "toml"])
def test_import_then_export_gives_the_same_ucp_terms(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path, format: str) -> None:
    exported = tmp_path / "ucp.json"
    run(capsys, "export", "--format", "ucp", "standard", "-o", str(exported))
    status, document, err = run(capsys, "import", "--format", "ucp", str(exported),
                                "--to", format)
    assert (status, err) == (0, "")
    again = export_ucp(read_policy(document, format)).policies  # type: ignore[arg-type]
    assert again[1:] == json.loads(exported.read_text(encoding="utf-8"))[1:]


def test_import_to_a_file_takes_the_format_from_its_extension(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "policy.json"
    status, out, _ = run(capsys, "import", "--format", "ucp", str(RETURN_01), "-o", str(target))
    assert (status, out) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))["guarantees"][0]["id"] == "ucp_return"


def test_a_bad_ucp_file_exits_2_with_every_problem_and_no_traceback(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"type": "dev.ucp.shopping.policy.return",
                                "window": {"days": -1}}]), encoding="utf-8")
    status, out, err = run(capsys, "import", "--format", "ucp", str(bad))
    assert (status, out) == (2, "")
    assert "[0].description:" in err
    assert "[0].window.days:" in err
    assert "[0].window.anchor:" in err
    assert "Traceback" not in err


def test_a_file_that_is_not_json_exits_2(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    status, _, err = run(capsys, "import", "--format", "ucp", str(bad))
    assert status == 2
    assert "is not JSON" in err
    assert "Traceback" not in err


def test_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "import", "--format", "ucp", str(tmp_path / "none.json"))
    assert status == 2
    assert "cannot read" in err


def test_export_of_an_invalid_policy_file_exits_2(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: policy\n", encoding="utf-8")
    status, out, _ = run(capsys, "export", "--format", "ucp", str(bad))
    assert (status, out) == (2, "")


def test_an_unwritable_output_is_refused_without_a_traceback(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "ucp.json"
    assert main(["export", "--format", "ucp", "--policy", "standard", "-o", str(target)]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_import_refuses_an_output_extension_that_names_no_document_format(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    exported = tmp_path / "ucp.json"
    assert main(["export", "--format", "ucp", "-o", str(exported)]) == 0
    capsys.readouterr()
    target = tmp_path / "policy.pdf"
    assert main(["import", "--format", "ucp", str(exported), "-o", str(target)]) == 2
    assert "--to yaml|json|toml" in capsys.readouterr().err
    assert not target.exists()


def test_import_of_a_document_nested_too_deeply_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "deep.json"
    file.write_text('{"a":' * 50_000 + "1" + "}" * 50_000, encoding="utf-8")
    assert main(["import", "--format", "ucp", str(file)]) == 2
    assert capsys.readouterr().err == f"aftersales import: {file} nests too deeply to be read\n"
