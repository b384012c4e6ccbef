"""The command line: a thin shell over the library (parse arguments, call, print)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .engine import Engine, evaluate
from .errors import InvalidCaseError, InvalidPolicyError
from .guarantees.standard import standard_policy
from .policy import Policy
from .what_if import what_if

__all__ = ["main"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.policy, max_examples=args.max_examples, seed=args.seed,
                      out=sys.stdout)
    try:
        text = _read(args.file)
    except OSError as error:
        print(f"aftersales: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    engine = standard_policy().engine
    if args.command == "evaluate":
        return _run(engine, text, sys.stdout, explain=False, trace=not args.no_trace)
    return _run(engine, text, sys.stdout, explain=True, trace=True, show_what_if=args.what_if)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aftersales",
        description="Decide e-commerce after-sales cases under the standard policy, and "
        "check policies against the library's invariants.",
    )
    parser.add_argument("--version", action="version", version=f"aftersales {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    evaluate = commands.add_parser(
        "evaluate", help="print one decision JSON per case",
        description="Print one decision as JSON per case (one per line).")
    evaluate.add_argument("--no-trace", action="store_true",
                          help="leave the trace out of each decision (faster)")
    explain = commands.add_parser(
        "explain", help="print each decision as readable text",
        description="Print each decision and its trace as readable text.")
    explain.add_argument("--what-if", action="store_true",
                         help="also list the nearest changes to the case that flip the decision")
    for command in (evaluate, explain):
        command.add_argument("file", metavar="FILE",
                             help="a case JSON, a JSON Lines file of cases, or - for stdin")
    check = commands.add_parser(
        "check", help="check a policy against every invariant (needs the testing extra)",
        description="Run every invariant of aftersales.testing against a policy file, over "
        "generated cases and every edge case; print each failure's minimal counterexample "
        "and its explanation. Exit 1 when an invariant fails.")
    check.add_argument("policy", metavar="POLICY", help="a policy JSON file")
    check.add_argument("--max-examples", type=_positive, default=100, metavar="N",
                       help="generated cases per invariant (default 100)")
    check.add_argument("--seed", type=int, default=None, metavar="N",
                       help="seed the case generator (default: a fixed derandomized search)")
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _check(file: str, *, max_examples: int, seed: int | None, out: TextIO) -> int:
    try:
        from .testing import invariants
    except ImportError as error:
        print(f"aftersales check: {error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    try:
        policy = Policy.parse(_read(file))
    except OSError as error:
        print(f"aftersales: cannot read {file}: {error.strerror or error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    except InvalidPolicyError as error:
        print(f"aftersales check: {file} is not a valid policy\n{error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    count = len(policy.guarantees)
    out.write(f"checking policy {policy.id} {policy.version} ({count} "
              f"guarantee{'s' if count != 1 else ''}) against {len(invariants.INVARIANTS)} "
              "invariants, "
              f"{max_examples} generated cases each plus every edge case\n")
    failures = {f.invariant: f for f in invariants.verify_all(
        policy, max_examples=max_examples, seed=seed)}
    for invariant in invariants.INVARIANTS:
        out.write(f"  {'✗' if invariant.name in failures else '✓'} {invariant.name}: "
                  f"{invariant.description}\n")
    if not failures:
        out.write("every invariant holds\n")
        return EXIT_OK
    out.write(f"{len(failures)} of {len(invariants.INVARIANTS)} invariants failed\n")
    for failure in failures.values():
        problem, _, _ = failure.message.partition("\n")
        out.write(f"\n{failure.invariant}: {problem}\ncounterexample:\n"
                  f"{failure.case.model_dump_json(indent=2, exclude_defaults=True)}\n"
                  f"explanation:\n{evaluate(failure.case, policy).explain()}\n")
    return EXIT_FAILED


def _read(file: str) -> str:
    if file == "-":
        return sys.stdin.read()
    return Path(file).read_text(encoding="utf-8")


def _documents(text: str) -> Iterator[tuple[int | None, str]]:
    """A single JSON document (line None), or each non-blank line of a JSON Lines file."""
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1)
             if line.strip()]
    if len(lines) > 1 and _is_json(lines[0][1]):
        yield from lines
    else:
        yield None, text


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _run(engine: Engine, text: str, out: TextIO, *, explain: bool, trace: bool,
         show_what_if: bool = False) -> int:
    status = EXIT_OK
    first = True
    for line_number, document in _documents(text):
        try:
            decision = engine.evaluate(document, trace=trace)
        except InvalidCaseError as error:
            status = EXIT_INVALID_INPUT
            _report(error, line_number, out)
            continue
        if explain:
            out.write(("" if first else "\n") + decision.explain() + "\n")
            if show_what_if:
                out.write(_what_if_text(document, engine) + "\n")
        else:
            out.write(decision.to_json() + "\n")
        first = False
    return status


def _what_if_text(document: str, engine: Engine) -> str:
    changes = what_if(document, engine.policy)
    lines = [f"    - {change.message}" for change in changes]
    return "\n".join(["  what would change the outcome:",
                      *(lines or ["    nothing nearby changes the outcome"])])


def _report(error: InvalidCaseError, line_number: int | None, out: TextIO) -> None:
    if line_number is None:
        print(error, file=sys.stderr)
        return
    payload = {"line": line_number, **error.to_dict()}
    out.write(json.dumps(payload, ensure_ascii=False) + "\n")
    print(f"line {line_number}: {error}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
