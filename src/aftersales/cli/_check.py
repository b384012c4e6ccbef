"""`aftersales check [--policy] NAME|FILE`: every invariant of aftersales.testing against
a policy."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import TextIO

from ..engine import evaluate
from ..policy.policy import Policy
from ..policy.versions import PolicyVersions
from ._common import (
    EXIT_FAILED,
    EXIT_INVALID_INPUT,
    EXIT_OK,
    Subparsers,
    add_policy_option,
    chosen_policy,
    policy_or_status,
    positive,
)


def register(commands: Subparsers) -> None:
    check = commands.add_parser(
        "check", help="check a policy against every invariant (needs the testing extra)",
        description="Run every invariant of aftersales.testing against a policy (every "
        "version of a versions document), over "
        "generated cases and every edge case; print each failure's minimal counterexample "
        "and its explanation. Exit 1 when an invariant fails.")
    add_policy_option(check, positional=True)
    check.add_argument("--max-examples", type=positive, default=100, metavar="N",
                       help="generated cases per invariant (default 100)")
    check.add_argument("--seed", type=int, default=None, metavar="N",
                       help="seed the case generator (default: a fixed derandomized search)")
    check.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    source = chosen_policy(args, "check")
    if isinstance(source, int):
        return source
    with _scratch_hypothesis_home():
        return _check(source, max_examples=args.max_examples, seed=args.seed,
                      out=sys.stdout)


@contextmanager
def _scratch_hypothesis_home() -> Iterator[None]:
    """Hypothesis keeps caches in `.hypothesis/` under the working directory; a command
    writes nothing the user did not name, so they go to a directory removed afterwards."""
    try:
        from hypothesis.configuration import set_hypothesis_home_dir
    except ImportError:  # no testing extra: `_check` says so
        yield
        return
    with tempfile.TemporaryDirectory(prefix="aftersales-check-") as scratch:
        set_hypothesis_home_dir(scratch)
        try:
            yield
        finally:
            set_hypothesis_home_dir(None)


def _check(file: str | None, *, max_examples: int, seed: int | None, out: TextIO) -> int:
    try:
        from ..testing import invariants
    except ImportError as error:
        print(f"aftersales check: {error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    loaded = policy_or_status(file, "check")
    if isinstance(loaded, int):
        return loaded
    versions = loaded.versions if isinstance(loaded, PolicyVersions) else (loaded,)
    statuses = [_check_one(policy, invariants, max_examples=max_examples, seed=seed, out=out)
                for policy in versions]
    return max(statuses)


def _check_one(policy: Policy, invariants: ModuleType, *, max_examples: int, seed: int | None,
               out: TextIO) -> int:
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
