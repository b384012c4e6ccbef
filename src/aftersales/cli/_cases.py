"""How every command takes its cases: `CASES` (a file, or `-` for stdin) and
`--cases-format`, read by the library's one reader (`aftersales.read_cases`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..model.errors import InvalidCaseError
from ..reports.sources import (
    INPUT_FORMATS,
    SAMPLE_CASES,
    SourcedCase,
    read_cases,
    sample_cases,
)
from ._common import EXIT_INVALID_INPUT, cannot_read

__all__ = ["CASES_HELP", "add_cases_argument", "add_cases_format", "read_cases_argument"]

CASES_HELP = ("a file of cases: JSON Lines (one case per line), a JSON list of cases, one "
               "JSON case (pretty-printed or not), or CSV (.csv) with case paths as headers; "
               "- for stdin")
_POLICY_SUFFIXES = frozenset({".yaml", ".yml", ".toml"})


def add_cases_argument(command: argparse.ArgumentParser, *, samples: bool) -> None:
    """CASES (optional, the shipped sample cases by default, where `samples`) and
    `--cases-format`."""
    if samples:
        command.add_argument("cases", metavar="CASES", nargs="?", default=None,
                             help=f"{CASES_HELP} (default: the sample cases shipped with "
                             "aftersales)")
    else:
        command.add_argument("cases", metavar="CASES", help=CASES_HELP)
    add_cases_format(command)


def add_cases_format(command: argparse.ArgumentParser) -> None:
    command.add_argument("--cases-format", choices=INPUT_FORMATS, default=None,
                         help="how CASES is written (default: CSV for a .csv name; otherwise "
                         "JSON, a document or JSON Lines by its content)")


def read_cases_argument(args: argparse.Namespace, command: str) -> list[SourcedCase] | int:
    """The cases named on the command line, or the exit status for unreadable ones (or for a
    policy given where the cases go, with the hint to use `--policy`)."""
    file: str | None = args.cases
    if file is None:
        return sample_cases()
    if _looks_like_a_policy(file):
        print(f"aftersales {command}: {file} is a policy, not a file of cases; give the "
              f"policy as --policy: aftersales {command} --policy {file} [CASES]",
              file=sys.stderr)
        return EXIT_INVALID_INPUT
    try:
        return read_cases(file, format=args.cases_format)
    except OSError as error:
        return cannot_read(file or SAMPLE_CASES, error)
    except InvalidCaseError as error:  # a CSV header that names no case fields
        print(f"aftersales {command}: {file} is not a file of cases\n{error}", file=sys.stderr)
        return EXIT_INVALID_INPUT


def _looks_like_a_policy(file: str) -> bool:
    """A YAML or TOML file, or a JSON object with a policy's keys, where cases are expected."""
    path = Path(file)
    if file == "-" or not path.is_file():
        return False
    if path.suffix.lower() in _POLICY_SUFFIXES:
        return True
    if path.suffix.lower() != ".json":
        return False
    try:
        with path.open("rb") as opened:
            document = json.loads(opened.read(1_000_000))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(document, dict) and bool({"guarantees", "extends", "versions"}
                                               & document.keys())
