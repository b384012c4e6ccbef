"""`preview` and `diff` on a stream of cases: every case summed up as it is decided, each
invalid one said on stderr as it comes, and the report written at the end.

Text and HTML show a bounded sample of the rows (`--sample N`, see `reports.rows`). A
preview's JSON and CSV hold every case's row: the rows are written to a spool file (in memory
while small, on disk past it) as they come, and copied out after the summary, so the output
is byte for byte what `render` writes, in bounded memory.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from typing import IO, Final

from ..policy.versions import AnyPolicy
from ..reports import Format
from ..reports._progress import progress_bar
from ..reports.diffs import DiffBuilder
from ..reports.formats import _PREVIEW_COLUMNS, to_json
from ..reports.parts import folded_diff, folded_preview
from ..reports.rows import SAMPLE_ROWS, PreviewBuilder
from ..wording import check_lang
from ._cases import CaseStream
from ._common import EXIT_INVALID_INPUT, EXIT_OK, write_output
from ._output import write_report

__all__ = ["add_sample_option", "stream_diff", "stream_preview"]

_SPOOL_IN_MEMORY: Final = 16 << 20


def add_sample_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--sample", type=_count, default=SAMPLE_ROWS, metavar="N",
                         help=f"rows a text or HTML report shows (default {SAMPLE_ROWS}): the "
                         "first N cases, then invalid ones only, N more at most; the "
                         "figures count every case (a preview's JSON and CSV hold every row)")


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be at least 0")
    return value


def stream_preview(cases: CaseStream, policy: AnyPolicy, args: argparse.Namespace,
                   format: Format) -> int:
    every_row = format in ("json", "csv")
    built = PreviewBuilder(policy, keep=0 if every_row else args.sample)
    lang = check_lang(args.lang)
    with tempfile.SpooledTemporaryFile(_SPOOL_IN_MEMORY, "w+", encoding="utf-8",
                                       newline="") as spool:
        with progress_bar("deciding cases", None, cases=None) as advance:
            for part in folded_preview(built, cases.cases, format=format if every_row else None,
                                       lang=lang, jobs=args.jobs, engine=args.engine):
                _say(part.said)
                if part.rendered:
                    separator = "" if format == "csv" else ",\n" if spool.tell() else "\n"
                    spool.write(separator + part.rendered)
                _advance(advance, part.cases)
        report = built.preview()
        if not every_row:
            return write_report(report, args, errors_said=True)
        head = to_json(replace(report, rows=(), left_out=0), lang=lang) \
            if format == "json" else ",".join(_PREVIEW_COLUMNS) + "\n"
        if _write_spooled(head, spool, format, args.output) != EXIT_OK:
            return EXIT_INVALID_INPUT
    return EXIT_INVALID_INPUT if report.summary.invalid else EXIT_OK


def _say(said: tuple[str, ...]) -> None:
    for line in said:
        print(line, file=sys.stderr)


def _advance(advance: Callable[[], None] | None, steps: int) -> None:
    if advance is not None:
        for _ in range(steps):
            advance()


def _write_spooled(head: str, spool: IO[str], format: Format, output: str | None) -> int:
    """`head`, then the spooled rows: for JSON, into the head's empty list of rows."""
    end = ""
    if format == "json":
        empty = '"rows": []\n}\n'
        assert head.endswith(empty)
        written = spool.tell() > 0
        head = head[:-len(empty)] + '"rows": [' if written else head
        end = "\n  ]\n}\n" if written else ""
    if write_output(head, output) != EXIT_OK:
        return EXIT_INVALID_INPUT
    spool.seek(0)
    try:
        if output is None:
            shutil.copyfileobj(spool, sys.stdout)
            sys.stdout.write(end)
        else:
            with open(output, "a", encoding="utf-8", newline="") as opened:
                shutil.copyfileobj(spool, opened)
                opened.write(end)
    except BrokenPipeError:
        raise
    except OSError as error:
        print(f"aftersales: cannot write {output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    return EXIT_OK


def stream_diff(cases: CaseStream, old: AnyPolicy, new: AnyPolicy,
                args: argparse.Namespace) -> int:
    built = DiffBuilder(old, new, first=args.first, keep=args.sample)
    with progress_bar("comparing policies", None, cases=None) as advance:
        for part in folded_diff(built, cases.cases, jobs=args.jobs):
            _say(part.said)
            _advance(advance, 2 * part.cases)
    return write_report(built.diff(), args, errors_said=True)
