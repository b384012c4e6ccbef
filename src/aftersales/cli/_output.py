"""Where and how a command writes: `--output FILE` (its format by its extension unless
`--format` says otherwise), `--color`, and the report itself."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from ..reports import FORMATS, Diff, Format, Preview, render
from ..reports.text import wants_color, write_text
from ..wording import LANGS
from ._common import EXIT_INVALID_INPUT, EXIT_OK, write_output

__all__ = ["COLOR_CHOICES", "add_color_option", "add_output_arguments", "color_of",
           "report_format", "write_report"]

COLOR_CHOICES = ("auto", "always", "never")
_BY_SUFFIX: dict[str, Format] = {".html": "html", ".htm": "html", ".json": "json",
                                 ".csv": "csv", ".txt": "text", ".text": "text"}


def add_output_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=FORMATS, default=None,
                         help="the report's format (default: by the --output file's "
                         "extension, .html .json .csv or .txt; text on stdout)")
    command.add_argument("--output", "-o", metavar="FILE", default=None,
                         help="write the report to FILE instead of stdout")
    command.add_argument("--lang", choices=LANGS, default="en",
                         help="the language of the report's words (default: en); JSON and "
                         "CSV keep their keys and codes")


def add_color_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--color", choices=COLOR_CHOICES, default="auto",
                         help="colour in terminal output: auto (default: on a terminal, "
                         "unless NO_COLOR is set), always or never")


def color_of(args: argparse.Namespace, out: TextIO) -> bool:
    choice: str = getattr(args, "color", "auto")
    return wants_color(out) if choice == "auto" else choice == "always"


def report_format(args: argparse.Namespace, command: str) -> Format | int:
    """`--format`, or the format the `--output` file's extension names (text for stdout);
    exit status 2, with the choices, for an extension that names none."""
    if args.format is not None:
        chosen: Format = args.format
        return chosen
    if args.output is None:
        return "text"
    suffix = Path(args.output).suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    print(f"aftersales {command}: cannot tell the format of {args.output} from its "
          f"extension; name a file .html, .json, .csv or .txt, or give --format "
          f"{'|'.join(FORMATS)}", file=sys.stderr)
    return EXIT_INVALID_INPUT


def write_report(report: Preview | Diff, args: argparse.Namespace, *,
                 errors_said: bool = False) -> int:
    """Write the report where asked; exit 2 when some case was invalid (each one is reported
    on stderr too, here unless `errors_said` already, and in the report)."""
    format = report_format(args, args.command)
    if isinstance(format, int):
        return format
    if not errors_said:
        for line in _invalid_lines(report):
            print(line, file=sys.stderr)
    if args.output is None and format == "text":
        write_text(report, sys.stdout, color=color_of(args, sys.stdout), lang=args.lang)
    elif write_output(render(report, format, lang=args.lang), args.output) != EXIT_OK:
        return EXIT_INVALID_INPUT
    return EXIT_INVALID_INPUT if report.summary.invalid else EXIT_OK


def _invalid_lines(report: Preview | Diff) -> list[str]:
    previews = [report] if isinstance(report, Preview) else [report.old, report.new]
    errors = {row.number: f"{row.where}: {row.error}" for each in previews
              for row in each.invalid}
    return [errors[number] for number in sorted(errors)]
