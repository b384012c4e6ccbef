"""Docs are code: every ```python block in README.md and docs/**/*.md runs.

The blocks of one Markdown file run in order in one shared namespace (one test per file, id =
the file's path relative to the repository), so later blocks use names from earlier ones.
A block fenced as ```python no-run is skipped. Tracebacks point at the Markdown file and line.
Shell examples (```console / ```bash) are not run here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$")


@dataclass(frozen=True)
class Block:
    """One fenced code block: its info string, the line its code starts on (1-based), its code."""

    info: str
    line: int
    code: str

    @property
    def language(self) -> str:
        return self.info.split()[0] if self.info.split() else ""

    @property
    def runs(self) -> bool:
        return self.language == "python" and "no-run" not in self.info.split()[1:]


def markdown_files() -> list[Path]:
    """README.md at the repository root, then every Markdown file under docs/, sorted."""
    files = [ROOT / "README.md"] if (ROOT / "README.md").is_file() else []
    return files + sorted((ROOT / "docs").rglob("*.md"))


def fenced_blocks(text: str) -> list[Block]:
    """Every fenced block, in order. A fence closes on a line of the same character, at least
    as long, and nothing else; code inside other fences (e.g. ```markdown) is never a block of
    its own."""
    blocks: list[Block] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        opening = _OPEN.match(lines[index])
        index += 1
        if opening is None:
            continue
        indent, fence = opening["indent"], opening["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        start = index
        while index < len(lines) and not closing.match(lines[index]):
            index += 1
        body = [_dedent(line, indent) for line in lines[start:index]]
        blocks.append(Block(opening["info"].strip(), start + 1, "\n".join(body) + "\n"))
        index += 1  # past the closing fence
    return blocks


def _dedent(line: str, indent: str) -> str:
    return line[len(indent) :] if line.startswith(indent) else line.lstrip()


def _id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_docs_exist() -> None:
    pages = {_id(path) for path in markdown_files()}
    assert {
        "docs/index.md",
        "docs/concepts.md",
        "docs/time-and-money.md",
        "docs/reason-codes.md",
        "docs/errors.md",
    } <= pages


@pytest.mark.parametrize("path", markdown_files(), ids=_id)
def test_python_blocks_run(path: Path) -> None:
    namespace: dict[str, object] = {"__name__": f"docs:{_id(path)}"}
    for block in fenced_blocks(path.read_text(encoding="utf-8")):
        if not block.runs:
            continue
        # Pad with blank lines so that line numbers in a traceback are the Markdown file's.
        source = "\n" * (block.line - 1) + block.code
        exec(compile(source, str(path), "exec"), namespace)


def test_fenced_blocks_parser() -> None:
    text = (
        "intro\n"
        "```python\nx = 1\n```\n"
        "````markdown\n```python\nraise SystemExit\n```\n````\n"
        "  ```python no-run\n  y = 2\n  ```\n"
        "```console\n$ aftersales evaluate case.json\n```\n"
    )
    blocks = fenced_blocks(text)
    assert [(block.info, block.line, block.code) for block in blocks] == [
        ("python", 3, "x = 1\n"),
        ("markdown", 6, "```python\nraise SystemExit\n```\n"),
        ("python no-run", 11, "y = 2\n"),
        ("console", 14, "$ aftersales evaluate case.json\n"),
    ]
    assert [block.runs for block in blocks] == [True, False, False, False]
