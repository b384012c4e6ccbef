"""`aftersales schema` and `aftersales policy show`: policy documents for authors and editors."""

from __future__ import annotations

import argparse
import json
import sys

from ..documents import STANDARD_DOCUMENT, dump_policy, policy_schema
from ..model.errors import InvalidPolicyError
from ._common import (
    EXIT_INVALID_INPUT,
    EXIT_OK,
    Subparsers,
    add_policy_option,
    chosen_policy,
    policy_or_status,
)


def register(commands: Subparsers) -> None:
    schema = commands.add_parser(
        "schema", help="print the JSON Schema of a policy document",
        description="Print the JSON Schema that every policy document meets (a full policy, "
        "a policy that extends the standard one, or a policy's versions in force), for "
        "editors to validate and complete YAML, JSON and TOML policy files.")
    schema.set_defaults(run=_schema)
    policy = commands.add_parser(
        "policy", help="show a policy as a document",
        description="Policy documents.")
    actions = policy.add_subparsers(dest="action", required=True, metavar="ACTION")
    show = actions.add_parser(
        "show", help="print a policy document: a shipped one by name, or a file resolved in full",
        description="Print the standard policy's document as shipped, or a policy file with "
        "everything it extends resolved: every guarantee, condition and amount in force.")
    add_policy_option(show, positional=True)
    show.add_argument("--format", choices=("yaml", "json", "toml"), default="yaml",
                      help="the document format to print (default yaml)")
    show.set_defaults(run=_show)


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(policy_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    source = chosen_policy(args, "policy show")
    if isinstance(source, int):
        return source
    if args.format == "yaml" and source in (None, "standard"):
        sys.stdout.write(STANDARD_DOCUMENT.read_text(encoding="utf-8"))
        return EXIT_OK
    policy = policy_or_status(source, "policy show")
    if isinstance(policy, int):
        return policy
    try:
        sys.stdout.write(dump_policy(policy, args.format))
    except InvalidPolicyError as error:  # a format's library is missing
        print(f"aftersales policy show: {error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    return EXIT_OK
