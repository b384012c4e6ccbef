"""`aftersales export --format ucp` and `aftersales import --format ucp`: policies as
Universal Commerce Protocol return policies, and back (docs/ucp.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..documents import export_ucp, import_ucp
from ..documents._formats import DOCUMENT_SUFFIXES, Format, format_of, write_document
from ..model.errors import InvalidPolicyError
from ._common import (
    EXIT_INVALID_INPUT,
    Subparsers,
    add_policy_option,
    cannot_read,
    chosen_policy,
    policy_or_status,
    write_output,
)


def register(commands: Subparsers) -> None:
    export = commands.add_parser(
        "export", help="write a policy's return terms in another protocol's format (ucp)",
        description="Write the return policies a policy promises as UCP "
        "dev.ucp.shopping.policy.return entries (a JSON policies[] array); each guarantee UCP "
        "cannot express is named on stderr.")
    export.add_argument("--format", choices=("ucp",), required=True,
                        help="the protocol to write (ucp: the Universal Commerce Protocol)")
    add_policy_option(export, positional=True)
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    export.add_argument("--custom", action="store_true",
                        help="also publish each guarantee UCP cannot express as a custom type "
                        "com.aftersales.policy.<id> with a description")
    export.set_defaults(run=_export)
    read = commands.add_parser(
        "import", help="read another protocol's return policies as a policy document (ucp)",
        description="Read a JSON file of UCP return policies (a policies[] array, or a "
        "response holding one) and print the aftersales policy document it describes.")
    read.add_argument("--format", choices=("ucp",), required=True,
                      help="the protocol to read (ucp: the Universal Commerce Protocol)")
    read.add_argument("file", metavar="FILE", help="the UCP JSON file ('-' for stdin)")
    read.add_argument("--to", choices=("yaml", "json", "toml"), default=None,
                      help="the document format to write (default: -o's extension, or yaml)")
    read.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    read.set_defaults(run=_import)


def _export(args: argparse.Namespace) -> int:
    source = chosen_policy(args, "export")
    if isinstance(source, int):
        return source
    policy = policy_or_status(source, "export")
    if isinstance(policy, int):
        return policy
    exported = export_ucp(policy, unsupported="custom" if args.custom else "report")
    for unexpressed in exported.unexpressed:
        print(f"not expressible in UCP: {unexpressed}", file=sys.stderr)
    return write_output(json.dumps(exported.policies, indent=2, ensure_ascii=False) + "\n",
                  args.output)


def _import(args: argparse.Namespace) -> int:
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except OSError as error:
        return cannot_read(args.file, error)
    except UnicodeDecodeError:
        print(f"aftersales import: {args.file} is not UTF-8 text", file=sys.stderr)
        return EXIT_INVALID_INPUT
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        print(f"aftersales import: {args.file} is not JSON: {error.msg} at line {error.lineno}",
              file=sys.stderr)
        return EXIT_INVALID_INPUT
    except RecursionError:
        print(f"aftersales import: {args.file} nests too deeply to be read", file=sys.stderr)
        return EXIT_INVALID_INPUT
    format = _format(args)
    if format is None:
        print(f"aftersales import: cannot tell the document format of {args.output} from its "
              "extension; name a file .yaml, .json or .toml, or give --to yaml|json|toml",
              file=sys.stderr)
        return EXIT_INVALID_INPUT
    try:
        document = import_ucp(data)
        written = write_document(document, format)
    except InvalidPolicyError as error:
        print(f"aftersales import: {args.file} is not valid UCP return policies\n{error}",
              file=sys.stderr)
        return EXIT_INVALID_INPUT
    return write_output(written, args.output)


def _format(args: argparse.Namespace) -> Format | None:
    """`--to`, or the format `-o`'s extension names (YAML on stdout); None for an extension
    that names none."""
    if args.to is not None:
        chosen: Format = args.to
        return chosen
    if args.output is None:
        return "yaml"
    if Path(args.output).suffix.lower() not in DOCUMENT_SUFFIXES:
        return None
    return format_of(Path(args.output))
