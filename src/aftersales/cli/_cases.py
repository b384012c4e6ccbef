"""How every command takes its cases: `CASES` (a file, or `-` for stdin) and
`--cases-format`, read as a stream by the library's one reader (`read_cases` reads the
same way), and `--jobs`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from ..engine.stream import jobs_of
from ..model.errors import InvalidCaseError
from ..reports.case_stream import CASE_FORMATS, RawCase, from_sourced, raw_cases
from ..reports.sources import (
    SAMPLE_CASES,
    sample_cases,
)
from ._common import EXIT_INVALID_INPUT, cannot_read

__all__ = ["CASES_HELP", "CaseStream", "add_cases_argument", "add_cases_format",
           "add_jobs_option", "stream_cases_argument"]

CASES_HELP = ("a file of cases: JSON Lines (one case per line), a JSON list of cases, one "
               "JSON case (pretty-printed or not), CSV (.csv) with case paths as headers, or "
               "Parquet (.parquet) with each case as JSON text in a 'case' column; - for stdin")

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
    command.add_argument("--cases-format", choices=CASE_FORMATS, default=None,
                         help="how CASES is written (default: CSV for a .csv name, Parquet for "
                         "a .parquet name; otherwise JSON, a document or JSON Lines by its "
                         "content)")


def add_jobs_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                         help="decide in N worker processes (default: one per core, "
                         f"{jobs_of(None)} here; 1: in this process); the output keeps the "
                         "input's order")


def _jobs(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


@dataclass(frozen=True, slots=True)
class CaseStream:
    """The cases named on the command line, read as they are decided."""

    file: str
    cases: Iterator[RawCase]
    many: bool
    """More than one case (an error then names its line, row or item)."""
    empty: bool


def stream_cases_argument(args: argparse.Namespace, command: str) -> CaseStream | int:
    """`read_cases_argument`, as a stream: the first two cases are read here (so that an
    unreadable file or a bad CSV header is an exit status before anything is written), the
    others as they are decided."""
    file: str | None = args.cases
    if file is None:
        cases: Iterator[RawCase] = (from_sourced(case) for case in sample_cases())
    elif _looks_like_a_policy(file):
        return _a_policy(command, file)
    else:
        cases = raw_cases(file, format=args.cases_format)
    try:
        head = list(islice(cases, 2))
    except OSError as error:
        return cannot_read(file or SAMPLE_CASES, error)
    except (InvalidCaseError, ValueError) as error:
        return not_cases(command, file or SAMPLE_CASES, error)
    except ImportError as error:
        print(f"aftersales {command}: {error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    return CaseStream(file or SAMPLE_CASES, chain(head, cases), many=len(head) > 1,
                      empty=not head)


def not_cases(command: str, file: str, error: Exception) -> int:
    """Exit status 2 for a file that is not a file of cases (a CSV header that names no case
    fields, a Parquet file without a case column)."""
    print(f"aftersales {command}: {file} is not a file of cases\n{error}", file=sys.stderr)
    return EXIT_INVALID_INPUT


def _a_policy(command: str, file: str) -> int:
    print(f"aftersales {command}: {file} is a policy, not a file of cases; give the "
          f"policy as --policy: aftersales {command} --policy {file} [CASES]",
          file=sys.stderr)
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
