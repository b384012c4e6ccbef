"""Every command names its policy, reads its cases and writes its output the same way."""

import io
import json
import shutil
from pathlib import Path

import pytest

from aftersales.cli import main
from tests.builders import case_dict, claim_case

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "src/aftersales/data/sample-cases.jsonl"
ALLERGY_7 = ROOT / "examples/allergy-7-days.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def one_case(tmp_path: Path, *, indent: int | None = None) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(claim_case("spoilage"), indent=indent), encoding="utf-8")
    return str(path)


COMMANDS_TAKING_A_POLICY = [
    ["evaluate", "CASE"], ["explain", "--no-what-if", "CASE"], ["preview", "CASE"],
    ["lint"], ["policy", "show"],
]


@pytest.mark.parametrize("command", COMMANDS_TAKING_A_POLICY, ids=lambda c: c[0])
@pytest.mark.parametrize("policy", ["standard", str(ALLERGY_7)], ids=["name", "file"])
def test_every_command_takes_the_policy_as_a_name_or_a_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str],
        policy: str) -> None:
    argv = [one_case(tmp_path) if part == "CASE" else part for part in command]
    status, _, err = run(capsys, *argv, "--policy", policy)
    assert (status, err) == (0, "")


@pytest.mark.parametrize("command", COMMANDS_TAKING_A_POLICY, ids=lambda c: c[0])
def test_an_unknown_policy_name_lists_the_known_names_and_how_to_name_a_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    argv = [one_case(tmp_path) if part == "CASE" else part for part in command]
    status, out, err = run(capsys, *argv, "--policy", "standrad")
    assert status == 2
    assert out == ""
    assert "no policy is shipped as `standrad`; did you mean `standard`?" in err
    assert "Traceback" not in err


def test_a_file_with_a_policys_name_is_named_by_its_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(ALLERGY_7, tmp_path / "mine")
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "lint", "mine")
    assert status == 2
    assert "to read the file `mine`, write its path: ./mine" in err
    assert run(capsys, "lint", "./mine")[0] == 0


def test_lint_check_and_policy_show_take_the_policy_as_their_argument_too(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "lint", str(ALLERGY_7))[0] == 0
    status, out, _ = run(capsys, "policy", "show", str(ALLERGY_7), "--format", "json")
    assert (status, json.loads(out)["id"]) == (0, "allergy-7-days")


def test_a_policy_given_twice_is_refused_with_the_one_form(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "lint", str(ALLERGY_7), "--policy", "standard")
    assert status == 2
    assert "give it once, as --policy NAME|FILE" in err


def test_a_policy_given_where_the_cases_go_gets_the_hint_to_use_policy(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "preview", str(ALLERGY_7))
    assert (status, out) == (2, "")
    assert f"give the policy as --policy: aftersales preview --policy {ALLERGY_7}" in err


def test_a_json_policy_given_where_the_cases_go_gets_the_hint_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"extends": "standard", "id": "p", "version": "1"}),
                      encoding="utf-8")
    status, _, err = run(capsys, "evaluate", str(policy))
    assert status == 2
    assert "is a policy, not a file of cases" in err


def test_diff_takes_old_and_new_as_arguments_or_as_two_policy_options(
        capsys: pytest.CaptureFixture[str]) -> None:
    positional = run(capsys, "diff", "standard", str(ALLERGY_7), str(SAMPLES), "-o",
                     "/dev/null", "--format", "json")
    options = run(capsys, "diff", "--policy", "standard", "--policy", str(ALLERGY_7),
                  str(SAMPLES), "--format", "json")
    arguments = run(capsys, "diff", "standard", str(ALLERGY_7), str(SAMPLES), "--format",
                    "json")
    assert positional[0] == options[0] == arguments[0] == 0
    assert json.loads(options[1])["summary"] == json.loads(arguments[1])["summary"]


@pytest.mark.parametrize(("argv", "says"), [
    (["diff", "--policy", "standard"], "give it twice"),
    (["diff", "standard"], "diff compares two policies"),
    (["diff", "a", "b", "c", "d"], "too many arguments: d"),
])
def test_diff_given_its_policies_wrongly_says_the_right_form(
        capsys: pytest.CaptureFixture[str], argv: list[str], says: str) -> None:
    status, _, err = run(capsys, *argv)
    assert status == 2
    assert says in err
    assert "aftersales diff OLD NEW [CASES], or aftersales diff --policy OLD --policy NEW" in err


def test_one_pretty_printed_case_is_one_case_for_every_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = one_case(tmp_path, indent=2)
    status, out, _ = run(capsys, "preview", file, "--format", "json")
    assert status == 0
    assert json.loads(out)["summary"]["cases"] == 1
    assert json.loads(out)["summary"]["invalid"] == 0
    assert run(capsys, "evaluate", file)[0] == 0


def test_a_json_list_of_cases_is_decided_item_by_item_by_evaluate_and_preview(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "cases.json"
    file.write_text(json.dumps([claim_case("spoilage"), case_dict()], indent=1),
                    encoding="utf-8")
    _, out, _ = run(capsys, "evaluate", str(file))
    assert [json.loads(line)["status"] for line in out.splitlines()] == ["approved", "denied"]
    _, out, _ = run(capsys, "preview", str(file), "--format", "json")
    assert [row["unit"] for row in json.loads(out)["rows"]] == ["item", "item"]


def test_evaluate_reads_csv_like_preview(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from aftersales.reports import cases_to_csv
    from aftersales.reports.sources import sample_cases

    cases = [sourced.case for sourced in sample_cases()[:3] if sourced.case is not None]
    file = tmp_path / "cases.csv"
    file.write_text(cases_to_csv(cases), encoding="utf-8")
    status, out, err = run(capsys, "evaluate", str(file))
    assert (status, err) == (0, "")
    assert len(out.splitlines()) == 3


def test_stdin_is_read_with_a_dash(capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(claim_case("spoilage"))))
    status, out, _ = run(capsys, "evaluate", "-")
    assert (status, json.loads(out)["status"]) == (0, "approved")


def test_cases_format_jsonl_reads_each_line_on_its_own(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "evaluate", one_case(tmp_path, indent=2),
                         "--cases-format", "jsonl")
    assert status == 2
    assert err.startswith("line 1: ")


@pytest.mark.parametrize(("name", "starts"), [
    ("report.html", "<!DOCTYPE html>"), ("report.json", "{"), ("report.csv", "number,"),
    ("report.txt", "Preview of policy"),
])
def test_output_takes_its_format_from_the_extension(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, starts: str) -> None:
    target = tmp_path / name
    assert run(capsys, "preview", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith(starts)


def test_format_overrides_the_extension(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.html"
    assert run(capsys, "preview", "-o", str(target), "--format", "json")[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["cases"] == 100


def test_an_extension_that_names_no_format_is_refused_with_the_choices(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "diff", "standard", str(ALLERGY_7), "-o",
                         str(tmp_path / "report.pdf"))
    assert status == 2
    assert "cannot tell the format of" in err
    assert "--format text|json|csv|html" in err
    assert not (tmp_path / "report.pdf").exists()


def test_color_always_colours_even_a_pipe(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("rich")
    assert "\x1b[" in run(capsys, "preview", "--color", "always")[1]
    assert "\x1b[" not in run(capsys, "preview")[1]
    assert "\x1b[" not in run(capsys, "preview", "--color", "never")[1]
