"""The three formats a policy document may be written in, read exactly and written back."""

from __future__ import annotations

import json
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from ..model.errors import InvalidPolicyError, Problem
from ..model.extras import install_hint
from ._limits import MAX_DEPTH, shape_problem, size_problem
from ._yaml import dump_yaml, load_yaml

__all__ = ["DOCUMENT_SUFFIXES", "Format", "format_of", "parse_document", "write_document"]

Format = Literal["yaml", "json", "toml"]

_SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json",
                                ".toml": "toml"}
DOCUMENT_SUFFIXES = frozenset(_SUFFIXES)
"""The file name suffixes that name a document format."""


def format_of(path: str | Path) -> Format:
    """The format a file's suffix names; YAML for anything else (JSON is YAML too)."""
    return _SUFFIXES.get(Path(path).suffix.lower(), "yaml")


def parse_document(text: str, format: Format) -> tuple[Any, dict[str, int]]:
    """The data in `text` and, for YAML, the line each path starts on. Refuses documents that
    are too large, too deep or not in `format`, with `InvalidPolicyError`."""
    problem = size_problem(len(text.encode("utf-8")))
    if problem is not None:
        raise InvalidPolicyError([problem])
    text = text.removeprefix("\ufeff")  # a byte-order mark, in every format alike
    lines: dict[str, int] = {}
    try:
        if format == "yaml":
            data, lines = load_yaml(text)
        elif format == "json":
            data = json.loads(text, parse_float=Decimal, object_pairs_hook=_unique_keys)
        else:
            data = tomllib.loads(text, parse_float=Decimal)
    except RecursionError:
        raise InvalidPolicyError([Problem("", "document_too_deep",
                                          f"the document nests more than {MAX_DEPTH} levels "
                                          "deep; refused")]) from None
    except _DuplicateKeyError as error:
        raise InvalidPolicyError([Problem("", "duplicate_key", str(error))]) from None
    except json.JSONDecodeError as error:
        raise InvalidPolicyError([Problem("", "json_syntax", f"not valid JSON: {error.msg} "
                                          f"(column {error.colno})", error.lineno)]) from None
    except tomllib.TOMLDecodeError as error:
        raise InvalidPolicyError([_toml_problem(error)]) from None
    problem = shape_problem(data)
    if problem is not None:
        raise InvalidPolicyError([problem])
    if not isinstance(data, dict):
        raise InvalidPolicyError([Problem("", "not_a_mapping",
                                          f"{_what(data)}; a policy document is a mapping of "
                                          "fields (id, version, guarantees ...)")])
    return data, lines


def _what(data: object) -> str:
    if data is None:
        return "the document is empty"
    if isinstance(data, list):
        return "the document is a list"
    if isinstance(data, str):
        return f"the document is the text {data[:40]!r}"
    return f"the document is the value {data!r}"


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _toml_problem(error: tomllib.TOMLDecodeError) -> Problem:
    """The problem with its line, as JSON's and YAML's carry it (tomllib writes it in the
    message only)."""
    place = _TOML_PLACE.search(str(error))
    if place is None:
        return Problem("", "toml_syntax", f"not valid TOML: {error}")
    message = str(error)[:place.start()]
    return Problem("", "toml_syntax", f"not valid TOML: {message} (column {place[2]})",
                   int(place[1]))


def write_document(data: dict[str, Any], format: Format) -> str:
    if format == "yaml":
        return dump_yaml(data)
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        import tomli_w
    except ImportError:  # pragma: no cover - the dev and cli extras install it
        raise InvalidPolicyError([Problem("", "toml_unavailable",
                                          install_hint("writing TOML", "tomli-w",
                                                       "cli"))]) from None
    return tomli_w.dumps(data)


class _DuplicateKeyError(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _DuplicateKeyError(f"{key!r} is written twice in one object; JSON readers "
                                     "would keep only the last")
        data[key] = value
    return data
