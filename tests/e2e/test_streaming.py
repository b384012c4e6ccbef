"""The installed command on a stream of cases, as a data team runs it: worker processes
started from a real process (not from the test runner), stdin piped in, order kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.streams import case_texts, write_lines


def evaluate(*arguments: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aftersales.cli", "evaluate", *arguments],
                          input=stdin, capture_output=True, text=True, check=False,
                          timeout=300)


def test_two_worker_processes_decide_a_piped_file_exactly_as_one_process(
        tmp_path: Path) -> None:
    texts = case_texts(1500)
    file = write_lines(tmp_path / "cases.jsonl", texts)
    one = evaluate(file, "--jobs", "1", "--no-trace")
    two = evaluate("-", "--jobs", "2", "--no-trace", stdin=Path(file).read_text("utf-8"))
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert one.returncode == 2
    assert len(one.stdout.splitlines()) == 1500 - one.stderr.count("invalid case")
