"""`aftersales evaluate` and `aftersales explain`: decide cases given as JSON or JSON Lines."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import TextIO

from ..engine import Engine
from ..errors import InvalidCaseError
from ..guarantees.standard import standard_policy
from ..what_if import what_if
from ._common import EXIT_INVALID_INPUT, EXIT_OK, Subparsers, cannot_read, read_text


def register(commands: Subparsers) -> None:
    evaluate = commands.add_parser(
        "evaluate", help="print one decision JSON per case",
        description="Print one decision as JSON per case (one per line).")
    evaluate.add_argument("--no-trace", action="store_true",
                          help="leave the trace out of each decision (faster)")
    evaluate.set_defaults(run=_evaluate)
    explain = commands.add_parser(
        "explain", help="print each decision as readable text",
        description="Print each decision and its trace as readable text.")
    explain.add_argument("--what-if", action="store_true",
                         help="also list the nearest changes to the case that flip the decision")
    explain.set_defaults(run=_explain)
    for command in (evaluate, explain):
        command.add_argument("file", metavar="FILE",
                             help="a case JSON, a JSON Lines file of cases, or - for stdin")


def _evaluate(args: argparse.Namespace) -> int:
    try:
        text = read_text(args.file)
    except OSError as error:
        return cannot_read(args.file, error)
    return _run(standard_policy().engine, text, sys.stdout, explain=False,
                trace=not args.no_trace)


def _explain(args: argparse.Namespace) -> int:
    try:
        text = read_text(args.file)
    except OSError as error:
        return cannot_read(args.file, error)
    return _run(standard_policy().engine, text, sys.stdout, explain=True, trace=True,
                show_what_if=args.what_if)


def _documents(text: str) -> Iterator[tuple[int | None, str]]:
    """A single JSON document (line None), or each non-blank line of a JSON Lines file."""
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1)
             if line.strip()]
    if len(lines) > 1 and _is_json(lines[0][1]):
        yield from lines
    else:
        yield None, text


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _run(engine: Engine, text: str, out: TextIO, *, explain: bool, trace: bool,
         show_what_if: bool = False) -> int:
    status = EXIT_OK
    first = True
    for line_number, document in _documents(text):
        try:
            decision = engine.evaluate(document, trace=trace)
        except InvalidCaseError as error:
            status = EXIT_INVALID_INPUT
            _report(error, line_number, out)
            continue
        if explain:
            out.write(("" if first else "\n") + decision.explain() + "\n")
            if show_what_if:
                out.write(_what_if_text(document, engine) + "\n")
        else:
            out.write(decision.to_json() + "\n")
        first = False
    return status


def _what_if_text(document: str, engine: Engine) -> str:
    changes = what_if(document, engine.policy)
    lines = [f"    - {change.message}" for change in changes]
    return "\n".join(["  what would change the outcome:",
                      *(lines or ["    nothing nearby changes the outcome"])])


def _report(error: InvalidCaseError, line_number: int | None, out: TextIO) -> None:
    if line_number is None:
        print(error, file=sys.stderr)
        return
    payload = {"line": line_number, **error.to_dict()}
    out.write(json.dumps(payload, ensure_ascii=False) + "\n")
    print(f"line {line_number}: {error}", file=sys.stderr)
