"""`aftersales preview [--policy NAME|FILE] [CASES]`: how a policy decides a file of cases."""

from __future__ import annotations

import argparse
import sys

from ..model.errors import CurrencyMismatchError, InvalidCaseError
from ._cases import add_cases_argument, add_jobs_option, not_cases, stream_cases_argument
from ._common import EXIT_INVALID_INPUT, Subparsers, add_policy_option, policy_or_status
from ._output import add_output_arguments, report_format
from ._streamed import add_sample_option, stream_preview


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
    add_jobs_option(command)
    add_sample_option(command)
    command.add_argument(
        "--engine", choices=("row", "columnar"), default="row",
        help="row (default): decide every case by the row engine; columnar: a text or HTML "
        "report of JSON lines sums up the cases it does not show on the columnar path (the "
        "same report, in less CPU for a small policy; needs the columnar extra)")
    command.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    format = report_format(args, "preview")
    if isinstance(format, int):
        return format
    cases = stream_cases_argument(args, "preview")
    if isinstance(cases, int):
        return cases
    policy = policy_or_status(args.policy_option, "preview")
    if isinstance(policy, int):
        return policy
    if args.engine == "columnar":
        refused = _columnar_refused(format)
        if refused is not None:
            print(f"aftersales preview: --engine columnar {refused}", file=sys.stderr)
            return EXIT_INVALID_INPUT
    try:
        return stream_preview(cases, policy, args, format)
    except CurrencyMismatchError as error:
        print(f"aftersales preview: {error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    except (InvalidCaseError, ValueError) as error:  # the file stopped being CSV midway
        return not_cases("preview", cases.file, error)


def _columnar_refused(format: str) -> str | None:
    """Why `--engine columnar` cannot make this report, or None."""
    if format in ("json", "csv"):
        return (f"makes text and HTML reports: a {format.upper()} preview words every row, "
                "which only the row engine does")
    from ..columnar._polars import ColumnarUnavailableError, require

    try:
        require()
    except ColumnarUnavailableError as error:
        return f"needs {error}"
    return None
