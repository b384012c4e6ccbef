"""The command line: a thin shell over the library (parse arguments, call, print).

Each command is one module with `register(commands)`, which adds its subparser and sets
`run`, a function from the parsed arguments to the exit status.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib.metadata import version

from . import _check, _decide, _diff, _documents, _lint, _preview, _ucp
from ._common import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED
from ._output import add_color_option

__all__ = ["main"]

_COMMANDS = (_decide, _check, _preview, _diff, _lint, _documents, _ucp)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except BrokenPipeError:
        # The reader went away: stop quietly, and keep Python from failing again when it
        # flushes stdout at exit.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        print("aftersales: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return status


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a file (a test's StringIO)
        pass


def _version_line() -> str:
    """`aftersales 0.4.0 (compiled: 12 of 12 engine modules)`, or `(pure Python)`: the
    version, and whether the engine runs compiled (docs/accelerator.md)."""
    from ..engine.accelerator import engine_build

    return f"aftersales {version('aftersales')} ({engine_build()})"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aftersales",
        description="Decide e-commerce after-sales cases, preview and compare policies, and "
        "check policies against the library's invariants.",
    )
    parser.add_argument("--version", action="version", version=_version_line())
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in _COMMANDS:
        command.register(commands)
    for subparser in _leaves(commands):
        add_color_option(subparser)
    return parser


def _leaves(commands: argparse._SubParsersAction[argparse.ArgumentParser],
            ) -> list[argparse.ArgumentParser]:
    """Every command's parser, `policy show` rather than `policy`."""
    leaves = []
    for parser in dict.fromkeys(commands.choices.values()):
        nested = [action for action in parser._actions
                  if isinstance(action, argparse._SubParsersAction)]
        leaves += _leaves(nested[0]) if nested else [parser]
    return leaves
