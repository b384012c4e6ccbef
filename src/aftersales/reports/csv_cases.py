"""The CSV form of cases: one row per case, a header of JSON paths.

    id,as_of,order.id,order.paid_at,...,order.lines[0].id,order.lines[0].paid_amount,claim.kind

Each column names a field by its JSON path (`order.lines[1].quantity`, `claim.evidence[0]`);
a cell holds that field's value as text. An empty cell means the field is absent, so a row
leaves out what a JSON case would leave out (a second line, a claim). Cells are read as text,
which the case model parses (amounts, instants), except that whole-number fields
(`quantity`) are read as integers and yes-or-no fields (`insured`) as `true` or `false`;
other text in such a field is kept as text, which the case model refuses with its path. List
items are numbered from 0 without gaps.
"""

from __future__ import annotations

import csv
import io
import re
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from ..model.case import Case, parse_case
from ..model.errors import InvalidCaseError, Problem
from ..model.limits import MAX_HISTORY, MAX_ITEMS, MAX_LINES

__all__ = ["cases_to_csv", "read_csv_cases"]

Path = tuple[str | int, ...]

_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*(\.[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*)*")
_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
_INTEGER = re.compile(r"[+-]?\d+")


def read_csv_cases(text: str | Iterable[str],
                   ) -> Iterator[tuple[int, dict[str, Any] | InvalidCaseError]]:
    """Each case row as `(row number, case dict)`, or its error; the header is row 1 and
    blank rows are skipped. `text` is the whole CSV, or its lines as read from a file opened
    with `newline=""` (read one at a time). Raises `InvalidCaseError` for a bad header."""
    reader = csv.reader(io.StringIO(text) if isinstance(text, str) else text)
    try:
        header = next(reader, None)
        if header is None:
            return
        paths = _header_paths(header)
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                yield number, _row_case(cells, paths)
    except csv.Error as error:
        raise InvalidCaseError([Problem("", "csv_invalid", f"not CSV: {error}",
                                        line=reader.line_num)]) from None


_LONGEST_LIST = max(MAX_LINES, MAX_HISTORY, MAX_ITEMS)
"""A column naming an item past it cannot be part of a valid case (and would have every
item before it made)."""


def _header_paths(header: list[str]) -> list[Path]:
    problems: list[Problem] = []
    paths: list[Path] = []
    for column, name in enumerate(header, start=1):
        name = name.strip()
        path, wrong = _header_path(name)
        if wrong is not None:
            problems.append(Problem(name, "csv_header_invalid", f"column {column}: {wrong}",
                                    line=1))
        paths.append(path)
    problems.extend(_conflicts([path for path in paths if path]))
    if problems:
        raise InvalidCaseError(problems)
    return paths


def _header_path(name: str) -> tuple[Path, str | None]:
    """The path a header cell names, or `()` and what is wrong with it."""
    if not _PATH.fullmatch(name):
        return (), f"{name!r} is not a case path, e.g. order.lines[0].paid_amount"
    path = tuple(key if key else int(index) for key, index in _PART.findall(name))
    beyond = next((part for part in path if isinstance(part, int) and part >= _LONGEST_LIST),
                  None)
    if beyond is not None:
        return (), (f"item {beyond:,} is beyond the longest list a case may hold "
                    f"({_LONGEST_LIST:,} items)")
    return path, None


def _conflicts(paths: list[Path]) -> list[Problem]:
    """Columns that name the same field twice, or a field and a part of it."""
    problems: list[Problem] = []
    seen: set[Path] = set()
    for path in paths:
        if path in seen:
            problems.append(Problem(_text(path), "csv_header_duplicate",
                                    f"column {_text(path)} appears twice", line=1))
        seen.add(path)
    for path in sorted(seen, key=len):
        for length in range(1, len(path)):
            if path[:length] in seen:
                problems.append(Problem(_text(path), "csv_header_conflict",
                                        f"column {_text(path)} is part of column "
                                        f"{_text(path[:length])}", line=1))
    kinds: dict[Path, type] = {}
    for path in dict.fromkeys(paths):
        for length in range(1, len(path)):
            kind = type(path[length])
            if kinds.setdefault(path[:length], kind) is not kind:
                problems.append(Problem(_text(path[:length]), "csv_header_conflict",
                                        f"columns treat {_text(path[:length])} both as a list "
                                        "and as an object", line=1))
    return problems


def _row_case(cells: list[str], paths: list[Path]) -> dict[str, Any] | InvalidCaseError:
    extra = [cell for cell in cells[len(paths):] if cell.strip()]
    if extra:
        return InvalidCaseError([Problem("", "csv_row_too_long",
                                         f"the row has {len(cells)} cells but the header "
                                         f"names {len(paths)} columns")])
    tree: dict[str | int, Any] = {}
    for path, cell in zip(paths, cells, strict=False):
        if cell.strip():
            _place(tree, path, _value(path, cell))
    gaps: list[Problem] = []
    case: dict[str, Any] = _listed(tree, (), gaps)
    if not gaps:
        return case
    # Report the gaps and every other problem of the row, but not the gaps' placeholders.
    try:
        parse_case(case)
        others: tuple[Problem, ...] = ()
    except InvalidCaseError as error:
        others = error.problems
    placeholders = {gap.path for gap in gaps}
    return InvalidCaseError([*gaps, *(p for p in others if p.path not in placeholders)])


def _place(tree: dict[str | int, Any], path: Path, value: object) -> None:
    for part in path[:-1]:
        tree = tree.setdefault(part, {})
    tree[path[-1]] = value


def _listed(tree: dict[str | int, Any], path: Path, problems: list[Problem]) -> Any:
    """The nested dicts with integer keys turned into lists, reporting gaps."""
    children = {key: _listed(child, (*path, key), problems) if isinstance(child, dict) else child
                for key, child in tree.items()}
    if not children or not all(isinstance(key, int) for key in children):
        return children
    items = []
    for index in range(max(typing.cast(Iterable[int], children)) + 1):
        if index not in children:
            problems.append(Problem(_text((*path, index)), "csv_list_gap",
                                    f"{_text((*path, index))} is empty but a later item of "
                                    f"{_text(path)} is given"))
        items.append(children.get(index))
    return items


_BOOLEANS = {"true": True, "false": False}


def _value(path: Path, cell: str) -> object:
    text = cell.strip()
    if _INTEGER.fullmatch(text) and _field_type(path) is int:
        return int(text)
    if text in _BOOLEANS and _field_type(path) is bool:
        return _BOOLEANS[text]
    return cell


def _field_type(path: Path) -> Any:
    """The scalar type of the case field at `path` (None for an unknown path)."""
    annotation: Any = Case
    for part in path:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            if typing.get_origin(annotation) is not tuple or not args:
                return None
            annotation = args[0]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            if field is None:
                return None
            annotation = field.annotation
        else:
            return None
    return _unwrap(annotation)


def _unwrap(annotation: Any) -> Any:
    """`X | None` → X, `Annotated[X, ...]` → X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _text(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def cases_to_csv(cases: Iterable[Case | Mapping[str, Any] | str | bytes]) -> str:
    """The cases in the CSV form (each validated first; `InvalidCaseError` for a bad one).
    Columns are every path any case uses, in order of first use."""
    rows = [dict(_flat(parse_case(case).model_dump(mode="json", exclude_none=True,
                                                    exclude_defaults=True), ()))
            for case in cases]
    header = list(dict.fromkeys(path for row in rows for path in row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(path, "") for path in header])
    return out.getvalue()


def _flat(value: object, path: Path) -> Iterator[tuple[str, str]]:
    if isinstance(value, Mapping):
        for key, child in value.items():
            yield from _flat(child, (*path, key))
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            yield from _flat(child, (*path, index))
    elif isinstance(value, bool):
        yield _text(path), "true" if value else "false"
    else:
        yield _text(path), str(value)
