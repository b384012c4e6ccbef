"""`aftersales diff OLD NEW [CASES]` (or `--policy OLD --policy NEW [CASES]`): what changing
a policy does to a file of cases."""

from __future__ import annotations

import argparse
import sys

from ..model.errors import CurrencyMismatchError, InvalidCaseError
from ._cases import (
    CASES_HELP,
    add_cases_format,
    add_jobs_option,
    not_cases,
    stream_cases_argument,
)
from ._common import EXIT_INVALID_INPUT, POLICY_HELP, Subparsers, policy_or_status
from ._output import add_output_arguments, report_format
from ._streamed import add_sample_option, stream_diff

_USAGE = ("aftersales diff OLD NEW [CASES], or aftersales diff --policy OLD --policy NEW "
          "[CASES]")


def register(commands: Subparsers) -> None:
    command = commands.add_parser(
        "diff", help="compare two policies on the same cases",
        usage="aftersales diff [options] OLD NEW [CASES]\n"
              "       aftersales diff [options] --policy OLD --policy NEW [CASES]",
        description="Decide every case under the OLD and the NEW policy and report what "
        "changed: how many decisions and how (approved → denied, amount up or down), the "
        "payout change by guarantee and by payer, and the first changed cases with both "
        "explanations side by side. A change found is not a failure: exit 0, or 2 for "
        "invalid input.")
    command.add_argument("--policy", metavar="NAME|FILE", dest="policies", action="append",
                         default=[], help=f"given twice, the policy in force then the changed "
                         f"one, in place of OLD and NEW: {POLICY_HELP}")
    command.add_argument("arguments", metavar="OLD NEW [CASES]", nargs="*",
                         help="the policy in force and the changed one (each "
                         f"{POLICY_HELP}), then CASES: {CASES_HELP} (default: the sample cases)")
    add_cases_format(command)
    command.add_argument("--first", type=_count, default=5, metavar="N",
                         help="explain the first N changed cases in full (default 5); the "
                         "counts cover every case")
    add_output_arguments(command)
    add_jobs_option(command)
    add_sample_option(command)
    command.set_defaults(run=_run)


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be at least 0")
    return value


def _arguments(args: argparse.Namespace) -> tuple[str, str, str | None] | str:
    """OLD, NEW and CASES, or what is wrong with how they were given."""
    policies: list[str] = args.policies
    rest: list[str] = args.arguments
    if policies:
        if len(policies) != 2:
            return f"--policy is given {len(policies)} time(s); give it twice (OLD, NEW)"
        if len(rest) > 1:
            return f"with two --policy, only CASES may follow (got {' '.join(rest)})"
        return policies[0], policies[1], rest[0] if rest else None
    if len(rest) < 2:
        return "diff compares two policies"
    if len(rest) > 3:
        return f"too many arguments: {' '.join(rest[3:])}"
    return rest[0], rest[1], rest[2] if len(rest) == 3 else None


def _run(args: argparse.Namespace) -> int:
    given = _arguments(args)
    if isinstance(given, str):
        print(f"aftersales diff: {given}; usage: {_USAGE}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    old_source, new_source, args.cases = given
    old, new = policy_or_status(old_source, "diff"), policy_or_status(new_source, "diff")
    if isinstance(old, int):
        return old
    if isinstance(new, int):
        return new
    format = report_format(args, "diff")
    if isinstance(format, int):
        return format
    cases = stream_cases_argument(args, "diff")
    if isinstance(cases, int):
        return cases
    try:
        return stream_diff(cases, old, new, args)
    except CurrencyMismatchError as error:
        print(f"aftersales diff: {error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    except (InvalidCaseError, ValueError) as error:  # the file stopped being CSV midway
        return not_cases("diff", cases.file, error)
