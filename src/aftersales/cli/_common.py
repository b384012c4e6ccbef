"""What every command shares: exit statuses, reading files, reporting unreadable input."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..catalogue.standard import standard_policy
from ..model.errors import InvalidPolicyError
from ..policy.versions import AnyPolicy

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_INVALID_INPUT", "EXIT_OK",
           "Subparsers", "cannot_read", "load_policy_option", "names_standard",
           "policy_or_status", "positive", "read_bytes"]

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


def read_bytes(file: str) -> bytes:
    """The bytes of `file`, or of stdin for `-` (decoded by the reader, line by line)."""
    if file == "-":
        binary = getattr(sys.stdin, "buffer", None)  # a text stream in place of stdin has none
        return binary.read() if binary is not None else sys.stdin.read().encode("utf-8")
    return Path(file).read_bytes()


def cannot_read(file: str, error: OSError) -> int:
    print(f"aftersales: cannot read {file}: {error.strerror or error}", file=sys.stderr)
    return EXIT_INVALID_INPUT


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def names_standard(file: str) -> bool:
    """Whether `file` is the name `standard` and no file has that name."""
    return file == "standard" and not Path(file).exists()


def load_policy_option(file: str | None) -> AnyPolicy:
    """The policy in `file` (YAML, JSON or TOML), or the standard policy for None or when
    `file` `names_standard`. Raises `OSError` for an unreadable file and `InvalidPolicyError` for a
    bad document."""
    if file is None or names_standard(file):
        return standard_policy()
    from ..documents import load_policy

    return load_policy(file)


def policy_or_status(file: str | None, command: str) -> AnyPolicy | int:
    """The policy in `file` (None or `standard`: the standard policy); for an unreadable or
    invalid file, its every problem (path and line) on stderr and the exit status 2."""
    try:
        return load_policy_option(file)
    except OSError as error:
        return cannot_read(str(file), error)
    except InvalidPolicyError as error:
        print(f"aftersales {command}: {file} is not a valid policy\n{error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
