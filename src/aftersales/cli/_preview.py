"""`aftersales preview [--policy FILE] [CASES]`: how a policy decides a file of cases.

Also what `aftersales diff` shares with it: reading the cases (the sample cases shipped with
the package by default) and writing a report in the format asked for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..model.errors import CurrencyMismatchError, InvalidCaseError
from ..reports import FORMATS, Diff, Preview, SourcedCase, parse_cases, preview, render
from ..reports._progress import progress_bar
from ..reports.sources import SAMPLE_CASES, InputFormat, sample_cases
from ..reports.text import write_text
from ..wording import LANGS
from ._common import (
    EXIT_INVALID_INPUT,
    EXIT_OK,
    Subparsers,
    cannot_read,
    policy_or_status,
    read_bytes,
)


def register(commands: Subparsers) -> None:
    command = commands.add_parser(
        "preview", help="decide a file of cases and sum up the outcomes",
        description="Decide every case of a JSON Lines or CSV file under a policy: one row per "
        "case (status, remedies, total, main reason) and a summary (counts by status, "
        "approvals and payouts by guarantee, payouts by remedy kind and payer). Exit 2 when a "
        "case is invalid (the others are still decided).")
    command.add_argument("--policy", metavar="FILE",
                         help="a policy file (default: the standard policy)")
    add_cases_argument(command)
    add_output_arguments(command)
    command.set_defaults(run=_run)


def add_cases_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("cases", metavar="CASES", nargs="?", default=None,
                         help="a JSON Lines or CSV file of cases, or - for stdin (default: the "
                         "sample cases shipped with aftersales)")
    command.add_argument("--cases-format", choices=("jsonl", "csv"), default=None,
                         help="how CASES is written (default: by its name, .csv or JSON "
                         "Lines; for stdin, by its first character)")


def add_output_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=FORMATS, default="text",
                         help="the report's format (default: text)")
    command.add_argument("--output", "-o", metavar="FILE", default=None,
                         help="write the report to FILE instead of stdout")
    command.add_argument("--lang", choices=LANGS, default="en",
                         help="the language of the report's words (default: en); JSON and "
                         "CSV keep their keys and codes")


def _run(args: argparse.Namespace) -> int:
    cases = read_cases_argument(args, "preview")
    if isinstance(cases, int):
        return cases
    policy = policy_or_status(args.policy, "preview")
    if isinstance(policy, int):
        return policy
    try:
        with progress_bar("deciding cases", len(cases), cases=len(cases)) as advance:
            report = preview(policy, cases, progress=advance)
    except CurrencyMismatchError as error:
        print(f"aftersales preview: {error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    return write_report(report, args)


def read_cases_argument(args: argparse.Namespace, command: str) -> list[SourcedCase] | int:
    """The cases named on the command line, or the exit status for unreadable ones."""
    file: str | None = args.cases
    try:
        if file is None:
            return sample_cases()
        format: InputFormat | None = args.cases_format
        if format is None and file != "-":
            format = "csv" if Path(file).suffix.lower() == ".csv" else "jsonl"
        return parse_cases(read_bytes(file), format=format)
    except OSError as error:
        return cannot_read(file or SAMPLE_CASES, error)
    except InvalidCaseError as error:  # a CSV header that names no case fields
        print(f"aftersales {command}: {file} is not a file of cases\n{error}", file=sys.stderr)
        return EXIT_INVALID_INPUT


def write_report(report: Preview | Diff, args: argparse.Namespace) -> int:
    """Write the report where asked; exit 2 when some case was invalid (each one is reported
    on stderr too, and in the report)."""
    invalid = _invalid_lines(report)
    for line in invalid:
        print(line, file=sys.stderr)
    try:
        if args.output is None:
            if args.format == "text":
                write_text(report, sys.stdout, lang=args.lang)
            else:
                sys.stdout.write(render(report, args.format, lang=args.lang))
        else:
            Path(args.output).write_text(render(report, args.format, lang=args.lang),
                                         encoding="utf-8")
    except OSError as error:
        print(f"aftersales: cannot write {args.output}: {error.strerror or error}",
              file=sys.stderr)
        return EXIT_INVALID_INPUT
    return EXIT_INVALID_INPUT if invalid else EXIT_OK


def _invalid_lines(report: Preview | Diff) -> list[str]:
    previews = [report] if isinstance(report, Preview) else [report.old, report.new]
    errors = {row.number: f"{row.where}: {row.error}" for each in previews
              for row in each.invalid}
    return [errors[number] for number in sorted(errors)]
