"""`aftersales evaluate` and `aftersales explain`: decide a file of cases under the standard
policy or the one given with `--policy`; decisions on stdout, errors on stderr (or inline)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TextIO

from ..explanation import explain
from ..model.case import Case
from ..model.errors import InvalidCaseError
from ..policy.versions import AnyPolicy
from ..reports.fit import wrapped_lines
from ..reports.text import terminal_width
from ..wording.langs import LANGS
from ._cases import (
    CaseStream,
    add_cases_argument,
    add_jobs_option,
    not_cases,
    stream_cases_argument,
)
from ._common import EXIT_INVALID_INPUT, EXIT_OK, Subparsers, add_policy_option, policy_or_status
from ._decisions import add_decisions_output, decisions_format, write_decisions


def register(commands: Subparsers) -> None:
    evaluate_command = commands.add_parser(
        "evaluate", help="print one decision JSON per case",
        description="Print one decision as JSON per case, one per line, on stdout (or write "
        "them to --output FILE as JSON Lines, CSV or Parquet). The cases are read and decided "
        "as a stream, in --jobs worker processes, in input order. An invalid case's error goes "
        "to stderr with its line, row or item (or inline, with --errors inline), the other "
        "cases are still decided, and the exit status is 2.")
    evaluate_command.add_argument("--no-trace", action="store_true",
                                  help="leave the trace out of each decision (faster)")
    add_jobs_option(evaluate_command)
    add_decisions_output(evaluate_command)
    evaluate_command.set_defaults(run=_evaluate)
    explain_command = commands.add_parser(
        "explain", help="print each decision as a readable tree",
        description="Print each decision as a readable tree: every guarantee considered, "
        "every check with the facts compared, and for a decision that is not approved what "
        "would have made it pass. On a terminal, long lines wrap between words within the "
        "window.")
    explain_command.add_argument("--lang", choices=LANGS, default="en",
                                 help="language of the explanation (default en; reason "
                                 "codes stay the same)")
    what_if = explain_command.add_mutually_exclusive_group()
    what_if.add_argument("--what-if", dest="what_if", action="store_const", const=True,
                         help="list the nearest changes that alter the decision for every "
                         "case, approved ones too (by default only for those not approved)")
    what_if.add_argument("--no-what-if", dest="what_if", action="store_const", const=False,
                         help="leave out what would have made a decision pass (faster)")
    explain_command.set_defaults(run=_explain, what_if=None)
    for command in (evaluate_command, explain_command):
        add_policy_option(command)
        add_cases_argument(command, samples=False)
        command.add_argument("--errors", choices=("stderr", "inline"), default="stderr",
                             help="where an invalid case's error goes: stderr (default; "
                             "stdout holds only decisions), or inline: in its place among "
                             "the decisions on stdout, as an object naming its line, row or "
                             "item (evaluate) or as text (explain)")


def _evaluate(args: argparse.Namespace) -> int:
    format = decisions_format(args)
    if isinstance(format, int):
        return format
    stream = _stream(args)
    if isinstance(stream, int):
        return stream
    cases, policy = stream
    return write_decisions(cases, policy, args, format)


def _explain(args: argparse.Namespace) -> int:
    width = terminal_width(sys.stdout) if sys.stdout.isatty() else None

    def tree(case: Case, policy: AnyPolicy) -> str:
        text = explain(case, policy, lang=args.lang, what_if=args.what_if)
        if width is None:
            return text
        return "\n".join(part for line in text.splitlines()
                         for part in wrapped_lines(line, width, "  "))

    stream = _stream(args)
    if isinstance(stream, int):
        return stream
    cases, policy = stream
    try:
        return _run(cases, policy, tree, sys.stdout, "\n", inline=args.errors == "inline")
    except (InvalidCaseError, ValueError) as error:  # the file stopped being CSV midway
        return not_cases(args.command, cases.file, error)


def _stream(args: argparse.Namespace) -> tuple[CaseStream, AnyPolicy] | int:
    """The cases (as a stream) and the policy, or the exit status for bad ones."""
    cases = stream_cases_argument(args, args.command)
    if isinstance(cases, int):
        return cases
    policy = policy_or_status(args.policy_option, args.command)
    if isinstance(policy, int):
        return policy
    if cases.empty:
        print(f"aftersales {args.command}: {args.cases} holds no cases", file=sys.stderr)
    return cases, policy


def _run(cases: CaseStream, policy: AnyPolicy, decide: Callable[[Case, AnyPolicy], str],
         out: TextIO, separator: str, *, inline: bool) -> int:
    status = EXIT_OK
    first = True
    for raw in cases.cases:
        sourced = raw.sourced()
        try:
            if sourced.error is not None:
                raise sourced.error
            assert sourced.case is not None
            result = decide(sourced.case, policy)
        except InvalidCaseError as error:
            status = EXIT_INVALID_INPUT
            where = f"{sourced.where}: " if cases.many else ""
            if not inline:
                print(f"{where}{error}", file=sys.stderr)
                continue
            result = f"{where}{error}"
        out.write(("" if first else separator) + result + "\n")
        first = False
    return status
