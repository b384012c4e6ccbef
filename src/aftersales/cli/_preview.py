"""`aftersales preview [--policy NAME|FILE] [CASES]`: how a policy decides a file of cases."""

from __future__ import annotations

import argparse
import sys

from ..model.errors import CurrencyMismatchError
from ..reports import preview
from ..reports._progress import progress_bar
from ._cases import add_cases_argument, read_cases_argument
from ._common import EXIT_INVALID_INPUT, Subparsers, add_policy_option, policy_or_status
from ._output import add_output_arguments, write_report


def register(commands: Subparsers) -> None:
    command = commands.add_parser(
        "preview", help="decide a file of cases and sum up the outcomes",
        description="Decide every case of a file under a policy: one row per case (status, "
        "remedies, total, main reason) and a summary (counts by status, approvals and "
        "payouts by guarantee, payouts by remedy kind and payer). Exit 2 when a case is "
        "invalid (the others are still decided).")
    add_policy_option(command)
    add_cases_argument(command, samples=True)
    add_output_arguments(command)
    command.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    cases = read_cases_argument(args, "preview")
    if isinstance(cases, int):
        return cases
    policy = policy_or_status(args.policy_option, "preview")
    if isinstance(policy, int):
        return policy
    try:
        with progress_bar("deciding cases", len(cases), cases=len(cases)) as advance:
            report = preview(policy, cases, progress=advance)
    except CurrencyMismatchError as error:
        print(f"aftersales preview: {error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    return write_report(report, args)
