"""The engine: a policy compiled once into a plan, which decides many cases. It is the only
place that loops over guarantees and conditions, the only one that resolves what was given as
the policy (none: the standard policy; a `Policy`; a `PolicyVersions`), and it reads no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..catalogue.standard import standard_policy
from ..model import hooks
from ..model.decision import Decision
from ..model.errors import InvalidCaseError, Problem
from ..model.records import CaseRecord
from ..policy.policy import Policy
from ..policy.versions import AnyPolicy, PolicyVersions
from .collection import batch_collection
from .decide import decide
from .inputs import CaseInput, read_case
from .output import decision_of
from .plan import Plan
from .stream import iter_decisions

__all__ = ["CaseInput", "Engine", "batch_collection", "engine_for", "evaluate", "evaluate_many",
           "iter_decisions", "named", "policy_of", "resolve"]


class Engine:
    """A policy compiled for evaluation. Build it once (`policy.engine` caches one)."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.plan = Plan(policy)

    def evaluate(self, case: CaseInput, *, trace: bool = True) -> Decision:
        """Decide one case. Raises `InvalidCaseError` for bad input, never for a denial."""
        return self.decide(read_case(case), trace=trace)

    def decide(self, record: CaseRecord, *, trace: bool = True) -> Decision:
        """Decide a case already read into its record."""
        view, results = decide(self.plan, record, trace=trace)
        return decision_of(self.plan, record, view, results)

    def evaluate_many(self, cases: Iterable[CaseInput], *,
                      trace: bool = True) -> list[Decision | InvalidCaseError]:
        """Decide every case; a bad one yields its `InvalidCaseError` in place, the others are
        still decided."""
        decided: list[Decision | InvalidCaseError] = []
        with batch_collection():
            for case in cases:
                try:
                    decided.append(self.decide(read_case(case), trace=trace))
                except InvalidCaseError as error:
                    decided.append(error)
        return decided


class VersionsEngine:
    """Versions in force, each compiled: a case is decided by the version in force for it."""

    def __init__(self, versions: PolicyVersions) -> None:
        self.versions = versions

    def engine_for_case(self, record: CaseRecord) -> Engine:
        versions = self.versions
        at, path = ((record.order.paid_at, "order.paid_at")
                    if versions.in_force_by == "paid_at" else (record.as_of, "as_of"))
        try:
            version = versions.in_force(at)
        except LookupError as error:
            raise InvalidCaseError([Problem(path, "no_version_in_force", str(error))]) from None
        return engine_for(version)

    def evaluate(self, case: CaseInput, *, trace: bool = True) -> Decision:
        record = read_case(case)
        return self.engine_for_case(record).decide(record, trace=trace)

    def evaluate_many(self, cases: Iterable[CaseInput], *,
                      trace: bool = True) -> list[Decision | InvalidCaseError]:
        decided: list[Decision | InvalidCaseError] = []
        with batch_collection():
            for case in cases:
                try:
                    record = read_case(case)
                    decided.append(self.engine_for_case(record).decide(record, trace=trace))
                except InvalidCaseError as error:
                    decided.append(error)
        return decided


def engine_for(policy: Policy) -> Engine:
    """The engine of `policy`, compiled once and kept with it."""
    engine = policy._engine
    if engine is None:
        engine = policy._engine = Engine(policy)
    assert isinstance(engine, Engine)
    return engine


def named(policy: AnyPolicy | str | None) -> AnyPolicy | None:
    """The policy given, with a name (`"douyin"`) read as the policy shipped under it."""
    if isinstance(policy, str):
        shipped: AnyPolicy = hooks.load_document(policy)
        return shipped
    if policy is not None and not isinstance(policy, Policy | PolicyVersions):
        hint = (" (a policy document as a dict: Policy.parse(it) or load_policy(path))"
                if isinstance(policy, Mapping) else
                " (cases where the policy goes? preview and diff take the policy first)"
                if isinstance(policy, list | tuple) else "")
        raise TypeError("the policy is a Policy, PolicyVersions, a shipped policy's name or "
                        f"None (the standard policy), not {type(policy).__name__}{hint}")
    return policy


def policy_of(policy: AnyPolicy | str | None) -> AnyPolicy:
    """The policy a function was given, read as every function that takes one reads it: the
    standard policy for None, the policy shipped under a name (`"douyin"`), or the `Policy`
    or `PolicyVersions` itself. Raises `TypeError` for anything else (a dict, a list of
    cases given where the policy goes), and `InvalidPolicyError` for an unknown name."""
    given = named(policy)
    return standard_policy() if given is None else given


def resolve(policy: AnyPolicy | str | None) -> Engine | VersionsEngine:
    """What `evaluate` decides under: the standard policy for None, the policy shipped under
    a name (`"douyin"`), the version in force for each case under versions."""
    policy = policy_of(policy)
    if isinstance(policy, PolicyVersions):
        engine = policy._engine
        if engine is None:
            engine = policy._engine = VersionsEngine(policy)
        assert isinstance(engine, VersionsEngine)
        return engine
    return engine_for(policy)


def evaluate(case: CaseInput, policy: AnyPolicy | str | None = None, *,
             trace: bool = True) -> Decision:
    """Decide `case` under `policy` (the standard policy when omitted; a name such as
    `"douyin"` is the policy shipped under it); under `PolicyVersions`, by the version in
    force for the case."""
    return resolve(policy).evaluate(case, trace=trace)


def evaluate_many(cases: Iterable[CaseInput], policy: AnyPolicy | str | None = None, *,
                  trace: bool = True, jobs: int | None = 1) -> list[Decision | InvalidCaseError]:
    """Decide every case under one policy, compiled once. Bad cases yield their error in
    place; the others are still decided. `jobs` > 1 (None: one per core) decides them in
    worker processes, as `iter_decisions` does."""
    if jobs == 1:
        return resolve(policy).evaluate_many(cases, trace=trace)
    with batch_collection():  # the list kept, as in one process
        return list(iter_decisions(cases, policy, trace=trace, jobs=jobs))


hooks.install(engine=lambda policy: resolve(policy))
