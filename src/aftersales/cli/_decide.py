"""`aftersales evaluate` and `aftersales explain`: decide cases given as JSON or JSON Lines,
under the standard policy or the one given with `--policy`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TextIO

from ..engine import evaluate
from ..explanation import explain
from ..model.case import Case
from ..model.errors import InvalidCaseError
from ..policy.versions import AnyPolicy
from ..reports.sources import InputFormat, SourcedCase, parse_cases
from ..wording.langs import LANGS
from ._common import (
    EXIT_INVALID_INPUT,
    EXIT_OK,
    Subparsers,
    cannot_read,
    policy_or_status,
    read_bytes,
)


def register(commands: Subparsers) -> None:
    evaluate_command = commands.add_parser(
        "evaluate", help="print one decision JSON per case",
        description="Print one decision as JSON per case (one per line).")
    evaluate_command.add_argument("--no-trace", action="store_true",
                                  help="leave the trace out of each decision (faster)")
    evaluate_command.set_defaults(run=_evaluate)
    explain_command = commands.add_parser(
        "explain", help="print each decision as a readable tree",
        description="Print each decision as a readable tree: every guarantee considered, "
        "every check with the facts compared, and for a decision that is not approved what "
        "would have made it pass.")
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
        command.add_argument("--policy", metavar="FILE", default=None,
                             help="a policy file, or versions in force (default: the "
                             "standard policy)")
        command.add_argument("file", metavar="CASE",
                             help="a case JSON, a JSON list or JSON Lines file of cases, a "
                             "CSV file of cases (.csv), or - for stdin")


def _evaluate(args: argparse.Namespace) -> int:
    trace = not args.no_trace
    return _decide(args, lambda case, policy: evaluate(case, policy, trace=trace).to_json())


def _explain(args: argparse.Namespace) -> int:
    return _decide(args, lambda case, policy: explain(case, policy, lang=args.lang,
                                                      what_if=args.what_if),
                   separator="\n")


def _decide(args: argparse.Namespace, decide: Callable[[Case, AnyPolicy], str], *,
            separator: str = "") -> int:
    """Read the policy and the cases, and write what `decide` makes of each case."""
    policy = policy_or_status(args.policy, args.command)
    if isinstance(policy, int):
        return policy
    try:
        data = read_bytes(args.file)
    except OSError as error:
        return cannot_read(args.file, error)
    format: InputFormat = "csv" if args.file.lower().endswith(".csv") else "jsonl"
    cases = parse_cases(data, format=format)
    if not cases:
        print(f"aftersales {args.command}: {args.file} holds no cases", file=sys.stderr)
    return _run(cases, policy, decide, sys.stdout, separator)


def _run(cases: list[SourcedCase], policy: AnyPolicy, decide: Callable[[Case, AnyPolicy], str],
         out: TextIO, separator: str) -> int:
    status = EXIT_OK
    first = True
    for sourced in cases:
        try:
            if sourced.error is not None:
                raise sourced.error
            assert sourced.case is not None
            result = decide(sourced.case, policy)
        except InvalidCaseError as error:
            status = EXIT_INVALID_INPUT
            _report(error, sourced, out, several=len(cases) > 1)
            continue
        out.write(("" if first else separator) + result + "\n")
        first = False
    return status


def _report(error: InvalidCaseError, sourced: SourcedCase, out: TextIO, *,
            several: bool) -> None:
    """An error on stderr; in a file of several cases, also in its place in the output, as
    an object naming the line, row or item (a single case has no place to name)."""
    if not several:
        print(error, file=sys.stderr)
        return
    payload = {sourced.unit: sourced.number, **error.to_dict()}
    out.write(json.dumps(payload, ensure_ascii=False) + "\n")
    print(f"{sourced.where}: {error}", file=sys.stderr)
