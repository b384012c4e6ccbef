"""How `aftersales evaluate` writes its decisions, as they are decided: JSON Lines (one
decision per line, on stdout by default), CSV or Parquet (`-o FILE`, by its extension, or
`--format`). Each case's line or row comes in input order, whatever `--jobs`."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, TextIO

from ..model.errors import InvalidCaseError
from ..policy.versions import AnyPolicy
from ..reports._progress import progress_bar
from ..reports.case_stream import RawCase
from ..reports.parquet import DECISION_COLUMNS, DecisionWriter
from ..reports.previews import PreviewRow, currency_of, remedy_text
from ..reports.rows import preview_rows, with_sources
from ._cases import CaseStream, not_cases
from ._common import EXIT_INVALID_INPUT, EXIT_OK

__all__ = ["DecisionsFormat", "add_decisions_output", "decisions_format", "write_decisions"]

DecisionsFormat = Literal["jsonl", "csv", "parquet"]
_FORMATS: tuple[DecisionsFormat, ...] = ("jsonl", "csv", "parquet")
_BY_SUFFIX: dict[str, DecisionsFormat] = {".jsonl": "jsonl", ".ndjson": "jsonl",
                                          ".json": "jsonl", ".csv": "csv",
                                          ".parquet": "parquet", ".pq": "parquet"}


def add_decisions_output(command: argparse.ArgumentParser) -> None:
    command.add_argument("--output", "-o", metavar="FILE", default=None,
                         help="write the decisions to FILE instead of stdout, in the format "
                         "of its extension: .jsonl, .csv or .parquet")
    command.add_argument("--format", choices=_FORMATS, default=None,
                         help="jsonl (default), csv (a row per case: its status, total, "
                         "remedies and main reason, and the whole decision as JSON) or "
                         "parquet (the same columns, typed; needs --output)")


def decisions_format(args: argparse.Namespace) -> DecisionsFormat | int:
    """`--format`, or the one `--output`'s extension names; exit status 2 for neither."""
    chosen: DecisionsFormat | None = args.format
    if chosen is None and args.output is not None:
        chosen = _BY_SUFFIX.get(Path(args.output).suffix.lower())
        if chosen is None:
            print(f"aftersales evaluate: cannot tell the format of {args.output} from its "
                  "extension; name a file .jsonl, .csv or .parquet, or give --format "
                  f"{'|'.join(_FORMATS)}", file=sys.stderr)
            return EXIT_INVALID_INPUT
    if chosen == "parquet" and args.output is None:
        print("aftersales evaluate: Parquet is written to a file: give --output FILE.parquet",
              file=sys.stderr)
        return EXIT_INVALID_INPUT
    return chosen or "jsonl"


def write_decisions(cases: CaseStream, policy: AnyPolicy, args: argparse.Namespace,
                    format: DecisionsFormat) -> int:
    """Decide the stream and write each case's decision (or its error) as it comes."""
    trace, inline = not args.no_trace, args.errors == "inline"
    try:
        with progress_bar("deciding cases", None, cases=None) as advance:
            if format == "parquet":
                return _parquet(cases, policy, args, trace=trace, inline=inline,
                                advance=advance)
            with _opened(args.output) as out:
                if format == "jsonl":
                    return _jsonl(cases, policy, out, trace=trace, inline=inline,
                                  jobs=args.jobs, advance=advance)
                return _csv(cases, policy, out, trace=trace, inline=inline, jobs=args.jobs,
                            advance=advance)
    except BrokenPipeError:
        raise
    except OSError as error:
        print(f"aftersales: cannot write {args.output}: {error.strerror or error}",
              file=sys.stderr)
        return EXIT_INVALID_INPUT
    except (InvalidCaseError, ValueError) as error:  # the file stopped being CSV midway
        return not_cases("evaluate", cases.file, error)
    except ImportError as error:
        print(f"aftersales evaluate: {error}", file=sys.stderr)
        return EXIT_INVALID_INPUT


@contextmanager
def _opened(output: str | None) -> Iterator[TextIO]:
    if output is None:
        yield sys.stdout
        return
    with Path(output).open("w", encoding="utf-8", newline="") as opened:
        yield opened


def _error_line(raw: RawCase, error: InvalidCaseError, many: bool) -> str:
    """What stderr says of an invalid case."""
    return f"{raw.where}: {error}" if many else str(error)


def _jsonl(cases: CaseStream, policy: AnyPolicy, out: TextIO, *, trace: bool, inline: bool,
           jobs: int | None, advance: Callable[[], None] | None) -> int:
    status = EXIT_OK
    for raw, (result,) in with_sources(cases.cases, (policy,), trace=trace, jobs=jobs,
                                       as_json=True):
        if advance is not None:
            advance()
        if isinstance(result, InvalidCaseError):
            status = EXIT_INVALID_INPUT
            if not inline:
                print(_error_line(raw, result, cases.many), file=sys.stderr)
                continue
            result = json.dumps({raw.unit: raw.number, **result.to_dict()}, ensure_ascii=False)
        assert isinstance(result, str)
        out.write(result + "\n")
    return status


def _rows(cases: CaseStream, policy: AnyPolicy, *, trace: bool, inline: bool,
          jobs: int | None, advance: Callable[[], None] | None,
          ) -> Iterator[tuple[PreviewRow, str] | None]:
    """Each case's row and its decision (or error) as JSON; None for an invalid case whose
    error went to stderr."""
    for raw, (row,) in preview_rows((policy,), cases.cases, trace=trace, jobs=jobs,
                                    progress=advance):
        if row.error is not None:
            if not inline:
                print(_error_line(raw, row.error, cases.many), file=sys.stderr)
                yield None
                continue
            yield row, json.dumps({raw.unit: raw.number, **row.error.to_dict()},
                                  ensure_ascii=False)
            continue
        assert row.decision is not None
        yield row, row.decision.to_json()


def _cells(row: PreviewRow, decision: str) -> tuple[object, ...]:
    return (row.number, row.unit, row.case_id, row.order_id, row.status, row.policy_version,
            row.currency, row.total, "; ".join(remedy_text(r) for r in row.remedies),
            row.reason_code, row.reason_message, decision)


def _csv(cases: CaseStream, policy: AnyPolicy, out: TextIO, *, trace: bool, inline: bool,
         jobs: int | None, advance: Callable[[], None] | None) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DECISION_COLUMNS)
    status = EXIT_OK
    for item in _rows(cases, policy, trace=trace, inline=inline, jobs=jobs, advance=advance):
        if item is None or item[0].error is not None:
            status = EXIT_INVALID_INPUT
        if item is not None:
            writer.writerow(["" if cell is None else cell for cell in _cells(*item)])
    return status


def _parquet(cases: CaseStream, policy: AnyPolicy, args: argparse.Namespace, *, trace: bool,
             inline: bool, advance: Callable[[], None] | None) -> int:
    writer = DecisionWriter(args.output, currency_of(policy))
    status = EXIT_OK
    try:
        for item in _rows(cases, policy, trace=trace, inline=inline, jobs=args.jobs,
                          advance=advance):
            if item is None or item[0].error is not None:
                status = EXIT_INVALID_INPUT
            if item is not None:
                row, decision = item
                cells = list(_cells(row, decision))
                cells[7] = row.total if row.error is None else None
                writer.write(cells)
    finally:
        writer.close()
    return status
