"""What every command shares: exit statuses, naming a policy, reporting unreadable input."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..model.errors import InvalidPolicyError
from ..policy.versions import AnyPolicy

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_INVALID_INPUT", "EXIT_OK",
           "POLICY_HELP", "Subparsers", "add_policy_option", "cannot_read", "chosen_policy",
           "policy_or_status", "positive", "write_output"]

EXIT_OK = 0
EXIT_FAILED = 1
"""The command ran and found what it looks for: a failed invariant, a lint error."""
EXIT_INVALID_INPUT = 2
"""A file could not be read, or a case or policy in it is invalid."""
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C (128 + SIGINT), as a shell reports it."""
EXIT_BROKEN_PIPE = 141
"""The reader of the output went away (`| head -1`): 128 + SIGPIPE, as a shell reports a Unix
tool that stopped for it."""

Subparsers = Any  # argparse's _SubParsersAction is private; its type is not exported


def cannot_read(file: str, error: OSError) -> int:
    print(f"aftersales: cannot read {file}: {error.strerror or error}", file=sys.stderr)
    return EXIT_INVALID_INPUT


def write_output(text: str, output: str | None) -> int:
    """`text` on stdout, or in the file `output`; exit status 2, said on stderr, when the file
    cannot be written. A closed stdout pipe is left to `main`, which stops quietly."""
    try:
        if output is None:
            sys.stdout.write(text)
        else:
            Path(output).write_text(text, encoding="utf-8")
    except BrokenPipeError:
        raise
    except OSError as error:
        print(f"aftersales: cannot write {output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    return EXIT_OK


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


POLICY_HELP = ("a policy's name (`standard`) or a policy file (YAML, JSON or TOML; a policy or "
               "versions in force); write ./standard for a file of that name")


def add_policy_option(command: argparse.ArgumentParser, *, positional: bool = False) -> None:
    """`--policy NAME|FILE` (default: the standard policy); with `positional`, the policy may
    also be given as the command's first argument, as before 0.4.0."""
    command.add_argument("--policy", metavar="NAME|FILE", dest="policy_option", default=None,
                         help=f"{POLICY_HELP} (default: standard)")
    if positional:
        command.add_argument("policy", metavar="POLICY", nargs="?", default=None,
                             help="the same as --policy")


def chosen_policy(args: argparse.Namespace, command: str) -> str | int | None:
    """The policy named by `--policy` or by the positional POLICY (None: the standard one);
    exit status 2, with a hint, when both are given."""
    option: str | None = args.policy_option
    positional: str | None = getattr(args, "policy", None)
    if option is not None and positional is not None and option != positional:
        print(f"aftersales {command}: the policy is given twice ({positional} and --policy "
              f"{option}); give it once, as --policy NAME|FILE", file=sys.stderr)
        return EXIT_INVALID_INPUT
    return option if option is not None else positional


def policy_or_status(source: str | None, command: str) -> AnyPolicy | int:
    """The policy `source` names (None: the standard policy); for an unreadable or invalid
    file, or an unknown name, its every problem (path and line) on stderr and exit status 2."""
    from ..documents import load_policy

    try:
        return load_policy("standard" if source is None else source)
    except OSError as error:
        return cannot_read(str(source), error)
    except InvalidPolicyError as error:
        if any(problem.code == "unknown_policy_name" for problem in error.problems):
            print(f"aftersales {command}: {error.problems[0].message}", file=sys.stderr)
        else:
            print(f"aftersales {command}: {source} is not a valid policy\n{error}",
                  file=sys.stderr)
        return EXIT_INVALID_INPUT
