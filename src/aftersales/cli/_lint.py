"""`aftersales lint [--policy] NAME|FILE`: what in a valid policy is probably wrong
(`aftersales.lint`)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from ..lint import lint
from ._common import (
    EXIT_FAILED,
    EXIT_OK,
    Subparsers,
    add_policy_option,
    chosen_policy,
    policy_or_status,
)


def register(commands: Subparsers) -> None:
    command = commands.add_parser(
        "lint", help="report what in a policy is probably wrong",
        description="Report what in a valid policy is probably wrong: guarantees that never "
        "apply (an empty scope, contradictory conditions or windows, an exclusive rival that "
        "always wins), tier tables that pay a bigger order less or leave gaps, refunds that "
        "can exceed what was paid, uncapped amounts, parameters outside sensible bounds. "
        "Exit 1 when there is an error (warnings alone exit 0), 2 for an unreadable or "
        "invalid policy.")
    add_policy_option(command, positional=True)
    command.add_argument("--format", choices=("text", "json"), default="text",
                         help="text (default) or the report as JSON")
    command.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    source = chosen_policy(args, "lint")
    if isinstance(source, int):
        return source
    return _lint(source, args.format, sys.stdout)


def _lint(source: str | None, output: str, out: TextIO) -> int:
    policy = policy_or_status(source, "lint")
    if isinstance(policy, int):
        return policy
    report = lint(policy)
    if output == "json":
        out.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(f"{report}\n")
    return EXIT_OK if report.ok else EXIT_FAILED
