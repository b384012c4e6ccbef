"""`evaluate`, `preview` and `diff` on a stream: `--jobs 2` writes exactly what `--jobs 1`
writes, every row of a preview's JSON and CSV, and errors with their line numbers."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

import aftersales
from aftersales.cli import main
from aftersales.reports import parts, render
from tests.streams import case_texts, write_lines

Capture = pytest.CaptureFixture[str]
STRICTER = str(Path(__file__).parents[2] / "examples" / "stricter-late-shipment.yaml")


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> str:
    """More cases than one chunk, so that --jobs 2 starts workers."""
    return write_lines(tmp_path_factory.mktemp("stream") / "many.jsonl", case_texts(1100))


def run(capsys: Capture, *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("command", [
    ["evaluate"], ["evaluate", "--errors", "inline", "--no-trace"],
    ["preview", "--format", "json"], ["preview", "--format", "csv"],
    ["preview", "--sample", "7"], ["preview", "--format", "html", "--lang", "zh"],
    ["diff", "--format", "json", "standard", STRICTER],
    ["diff", "--sample", "4", "--first", "2", "standard", STRICTER]])
def test_two_jobs_write_byte_for_byte_what_one_writes(many: str, capsys: Capture,
                                                      command: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parts, "DIFF_CHUNK_SIZE", 200)  # several chunks: workers start
    one = run(capsys, *command, many, "--jobs", "1")
    two = run(capsys, *command, many, "--jobs", "2")
    assert one == two
    assert one[0] == 2
    assert "line 5: invalid case" in one[2] or '{"line": 5, "error": "InvalidCaseError"' in one[1]


def test_a_preview_in_json_holds_every_row_and_equals_the_rendered_report(
        many: str, capsys: Capture) -> None:
    status, out, _ = run(capsys, "preview", many, "--format", "json", "--sample", "3")
    assert status == 2
    report = aftersales.preview(None, aftersales.read_cases(many))
    assert out == render(report, "json")
    assert len(json.loads(out)["rows"]) == 1100


def test_a_preview_in_csv_holds_every_row(many: str, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "rows.csv"
    assert main(["preview", many, "-o", str(out), "--lang", "zh"]) == 2
    capsys.readouterr()
    report = aftersales.preview(None, aftersales.read_cases(many))
    assert out.read_text(encoding="utf-8") == render(report, "csv", lang="zh")


def test_a_text_preview_shows_a_sample_and_says_so(many: str, capsys: Capture) -> None:
    _, out, err = run(capsys, "preview", many, "--sample", "100", "--color", "never")
    assert "showing 121 of 1,100" in " ".join(out.split())  # 100 first, 21 invalid after
    assert err.count("invalid case") == 23


def test_evaluate_writes_csv_with_a_row_per_case(many: str, tmp_path: Path,
                                                 capsys: Capture) -> None:
    out = tmp_path / "decisions.csv"
    assert main(["evaluate", many, "-o", str(out)]) == 2
    capsys.readouterr()
    header, first, *rest = out.read_text(encoding="utf-8").splitlines()
    assert header.startswith("number,unit,case_id,order_id,status,policy_version,currency,total")
    assert first.startswith("1,line,c0,o0,")
    assert len(rest) == 1100 - 23 - 1


def test_an_output_extension_naming_no_format_is_refused(many: str, capsys: Capture) -> None:
    status, _, err = run(capsys, "evaluate", many, "-o", "out.xlsx")
    assert status == 2
    assert "cannot tell the format of out.xlsx" in err


def test_parquet_needs_an_output_file(many: str, capsys: Capture) -> None:
    status, _, err = run(capsys, "evaluate", many, "--format", "parquet")
    assert status == 2
    assert "give --output FILE.parquet" in err


def test_jobs_below_one_is_a_usage_error(many: str, capsys: Capture) -> None:
    with pytest.raises(SystemExit):
        main(["evaluate", many, "--jobs", "0"])
    assert "must be at least 1" in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_evaluate_shows_a_progress_bar_on_a_terminal_once_past_200_cases(
        many: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("rich")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["evaluate", many, "--jobs", "1", "-o", str(tmp_path / "out.jsonl")]) == 2
    assert "deciding cases" in terminal.getvalue()


@pytest.mark.parametrize("command", [
    ["preview", "--sample", "7"], ["preview", "--sample", "0", "--format", "html"],
    ["preview", "--policy", "douyin", "--format", "text", "--lang", "zh"]])
def test_a_preview_summed_up_on_the_columnar_path_writes_what_the_row_engine_writes(
        many: str, capsys: Capture, command: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("polars")
    from aftersales.reports import table_preview

    monkeypatch.setattr(table_preview, "TABLE_CHUNK_SIZE", 300)
    columnar = run(capsys, *command, many, "--engine", "columnar")
    assert columnar == run(capsys, *command, many)
    assert columnar[0] == 2
    assert "line 5: invalid case" in columnar[2]


def test_the_columnar_engine_makes_no_report_that_words_every_row(many: str,
                                                                  capsys: Capture) -> None:
    status, out, err = run(capsys, "preview", many, "--format", "csv", "--engine", "columnar")
    assert (status, out) == (2, "")
    assert "--engine columnar makes text and HTML reports" in err
