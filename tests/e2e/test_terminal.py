"""Each command in a real pseudo-terminal, 80 and 120 columns wide, with and without
`NO_COLOR`: the key columns are there, no reason code is split, no line is wider than the
window, and colour appears only where the conventions allow it."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from aftersales import standard_policy
from aftersales.documents import load_policy
from aftersales.reports import diff, preview, sample_cases
from aftersales.reports.fit import display_width

ROOT = Path(__file__).resolve().parents[2]
ALLERGY_7 = ROOT / "examples/allergy-7-days.yaml"
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

pytest.importorskip("rich")


def in_a_terminal(*argv: str, columns: int, no_color: bool) -> str:
    """What `aftersales ARGV` writes to a pseudo-terminal `columns` wide."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {key: value for key, value in os.environ.items()
           if key not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    if no_color:
        env["NO_COLOR"] = "1"
    process = subprocess.Popen([sys.executable, "-m", "aftersales", *argv], stdin=follower,
                               stdout=follower, stderr=follower, env=env, cwd=ROOT)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=120) in (0, 1)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def visible_lines(output: str) -> list[str]:
    return ESCAPE.sub("", output).splitlines()


PREVIEW_CODES = sorted({row.reason_code for row in preview(standard_policy(),
                                                           sample_cases()).rows
                        if row.reason_code})
DIFF_CODES = sorted({row.new.reason_code for row in diff(standard_policy(),
                                                         load_policy(ALLERGY_7),
                                                         sample_cases()).changed
                     if row.new.reason_code})

COMMANDS = {
    "preview": (["preview"], ["case", "status", "total", "main reason"], PREVIEW_CODES),
    "diff": (["diff", "standard", str(ALLERGY_7)], ["case", "change", "delta"], DIFF_CODES),
    "lint": (["lint", "--policy", str(ALLERGY_7)], [], []),
    "explain": (["explain", "--no-what-if", str(ROOT / "examples/spoilage-case.json")], [],
                ["spoilage"]),
}


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_command_in_a_terminal_keeps_its_key_columns_and_every_code_whole(
        command: str, columns: int, no_color: bool) -> None:
    argv, headers, codes = COMMANDS[command]
    output = in_a_terminal(*argv, columns=columns, no_color=no_color)
    lines = visible_lines(output)
    assert "Traceback" not in output
    assert max(display_width(line) for line in lines) <= columns
    rule = next((n for n, line in enumerate(lines) if line.startswith("----")), len(lines))
    heading = " ".join(lines[max(rule - 2, 0):rule])  # a narrow table's header takes two
    assert all(name in heading for name in headers), f"key columns missing: {heading!r}"
    text = "\n".join(lines)
    split = [code for code in codes if not re.search(rf"(?<![\w.]){re.escape(code)}(?![\w])",
                                                      text)]
    assert split == [], f"reason codes missing or split across lines: {split}"
    if no_color:
        assert ESCAPE.search(output) is None


def test_a_preview_in_a_terminal_is_in_colour_without_no_color() -> None:
    assert ESCAPE.search(in_a_terminal("preview", columns=120, no_color=False)) is not None


def test_color_never_in_a_terminal_writes_no_escapes() -> None:
    output = in_a_terminal("preview", "--color", "never", columns=80, no_color=False)
    assert ESCAPE.search(output) is None


def test_evaluate_in_a_terminal_writes_one_json_decision_per_line() -> None:
    output = in_a_terminal("evaluate", "--no-trace", str(ROOT / "examples/spoilage-case.json"),
                           columns=80, no_color=True)
    assert output.startswith('{"')
    assert ESCAPE.search(output) is None
