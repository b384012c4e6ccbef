"""`aftersales diff OLD NEW [CASES]`: what changing a policy does to a file of cases."""

from __future__ import annotations

import argparse
import sys

from ..model.errors import CurrencyMismatchError
from ..policy.versions import AnyPolicy
from ..reports import diff
from ..reports._progress import progress_bar
from ._common import EXIT_INVALID_INPUT, Subparsers, policy_or_status
from ._preview import (
    add_cases_argument,
    add_output_arguments,
    read_cases_argument,
    write_report,
)

STANDARD = "standard"


def register(commands: Subparsers) -> None:
    command = commands.add_parser(
        "diff", help="compare two policies on the same cases",
        description="Decide every case under the OLD and the NEW policy and report what "
        "changed: how many decisions and how (approved → denied, amount up or down), the "
        "payout change by guarantee and by payer, and the first changed cases with both "
        "explanations side by side. A change found is not a failure: exit 0, or 2 for "
        "invalid input.")
    command.add_argument("old", metavar="OLD",
                         help=f"the policy file in force, or `{STANDARD}` for the standard "
                         "policy")
    command.add_argument("new", metavar="NEW",
                         help=f"the changed policy file, or `{STANDARD}`")
    add_cases_argument(command)
    command.add_argument("--first", type=_count, default=5, metavar="N",
                         help="explain the first N changed cases in full (default 5); the "
                         "counts cover every case")
    add_output_arguments(command)
    command.set_defaults(run=_run)


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be at least 0")
    return value


def _policy(name: str) -> AnyPolicy | int:
    """`standard`, or a policy file (write `./standard` for a file of that name)."""
    return policy_or_status(None if name == STANDARD else name, "diff")


def _run(args: argparse.Namespace) -> int:
    old, new = _policy(args.old), _policy(args.new)
    if isinstance(old, int):
        return old
    if isinstance(new, int):
        return new
    cases = read_cases_argument(args, "diff")
    if isinstance(cases, int):
        return cases
    try:
        with progress_bar("comparing policies", 2 * len(cases), cases=len(cases)) as advance:
            report = diff(old, new, cases, first=args.first, progress=advance)
    except CurrencyMismatchError as error:
        print(f"aftersales diff: {error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    return write_report(report, args)
