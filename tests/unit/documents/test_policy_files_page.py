"""docs/policy-files.md cannot fall behind the code: its table of override parameters lists
exactly the parameters (and standard values) of the standard guarantees' factories, and every
policy document shown on it is valid (the copies of example files, exactly those files)."""

from __future__ import annotations

import inspect
import re
from enum import Enum
from pathlib import Path

import pytest

from aftersales.catalogue.standard import STANDARD_GUARANTEES
from aftersales.documents import Format, read_policy
from tests.test_docs import Block, fenced_blocks

ROOT = Path(__file__).resolve().parents[3]
PAGE = ROOT / "docs/policy-files.md"
TABLE_HEADER = "| guarantee | parameter | standard value | what it sets |"
_FORMATS: dict[str, Format] = {"yaml": "yaml", "json": "json", "toml": "toml"}


def _as_written(value: object) -> str:
    """A factory's default as the page writes it: YAML flow style, amounts quoted."""
    if value is None:
        return "null"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple | list):
        return "[" + ", ".join(str(item.value) if isinstance(item, Enum) else str(item)
                               for item in value) + "]"
    raise TypeError(f"no written form for {value!r}")


def _table() -> list[tuple[str, str, str]]:
    """(guarantee, parameter, standard value) for each row of the page's table."""
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    start = lines.index(TABLE_HEADER) + 2
    rows: list[tuple[str, str, str]] = []
    guarantee = ""
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        named = re.fullmatch(r"\[`(\w+)`\]\(guarantees/(\w+)\.md#parameters\)", cells[0])
        if named is not None:
            assert named[1] == named[2], line
            guarantee = named[1]
        else:
            assert cells[0] == "", line
        rows.append((guarantee, cells[1].strip("`"), cells[2][1:-1]))
    return rows


def _factories() -> list[tuple[str, str, str]]:
    return [(gid, name, _as_written(parameter.default))
            for gid, factory in STANDARD_GUARANTEES.items()
            for name, parameter in inspect.signature(factory).parameters.items()
            if name != "guarantee_id"]


def test_the_table_lists_exactly_the_override_parameters_and_their_standard_values() -> None:
    assert _table() == _factories()


def test_every_guarantee_in_the_table_has_its_page() -> None:
    for gid in STANDARD_GUARANTEES:
        page = ROOT / "docs/guarantees" / f"{gid}.md"
        assert "## Parameters" in page.read_text(encoding="utf-8"), gid


def _documents() -> list[Block]:
    return [block for block in fenced_blocks(PAGE.read_text(encoding="utf-8"))
            if block.language in _FORMATS and "schemas" not in block.code]


@pytest.mark.parametrize("block", _documents(), ids=lambda block: f"line-{block.line}")
def test_every_document_on_the_page_is_a_valid_policy(block: Block) -> None:
    read_policy(block.code, _FORMATS[block.language])


def test_the_copies_of_example_files_are_those_files() -> None:
    copies = [block for block in _documents() if block.code.startswith("# examples/")]
    assert len(copies) == 3
    for block in copies:
        name, _, text = block.code.partition("\n")
        assert text == (ROOT / name.removeprefix("# ")).read_text(encoding="utf-8"), name


def test_the_json_and_toml_documents_are_the_allergy_example() -> None:
    example = read_policy((ROOT / "examples/allergy-7-days.yaml").read_text(encoding="utf-8"))
    shown = [block for block in _documents() if block.language in ("json", "toml")]
    assert [block.language for block in shown] == ["json", "toml"]
    for block in shown:
        assert read_policy(block.code, _FORMATS[block.language]) == example
