"""Versions in force: one policy's successive versions, each from its `effective_from`.

A case is decided by the version in force when its order was paid (or, if the document says
`in_force_by: as_of`, at the case's `as_of`), and its decision names that version.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Self

from pydantic import BaseModel, Field, PrivateAttr, ValidationError, model_validator

from ..model import hooks
from ..model.case import Case, parse_case
from ..model.decision import Decision
from ..model.errors import InvalidCaseError, InvalidPolicyError, Problem
from ..model.problems import problems_from_validation_error, raise_problems
from ..rules.protocol import RULE_MODEL
from .document_dict import document_dict
from .policy import Policy, without_engine

__all__ = ["AnyPolicy", "PolicyVersions"]

CaseInput = Case | Mapping[str, Any] | str | bytes


class PolicyVersions(BaseModel):
    """A policy's versions, oldest first, each in force from its `effective_from` until the
    next one's (a single version may leave it out: it decides every case)."""

    model_config = RULE_MODEL

    kind: Literal["policy_versions"] = "policy_versions"
    id: str = Field(min_length=1)
    """Names the policy in every decision; each version takes it."""
    title: str = ""
    """What the policy is called in reports."""
    in_force_by: Literal["paid_at", "as_of"] = "paid_at"
    """Which instant picks the version: the order's payment (the terms the buyer bought
    under), or the case's `as_of`."""
    versions: tuple[Policy, ...] = Field(min_length=1)
    """The versions, oldest first: each a policy, or a policy that extends the standard one,
    without `id`."""

    _engine: Any = PrivateAttr(default=None)
    """The engine of these versions (each compiled once), kept with them: a cache."""

    @model_validator(mode="after")
    def _successive(self) -> Self:
        problems: list[Problem] = []
        seen: set[str] = set()
        previous: datetime | None = None
        for index, version in enumerate(self.versions):
            path = f"versions[{index}]"
            if version.id != self.id:
                problems.append(Problem(f"{path}.id", "version_id_mismatch",
                                        f"every version is of policy {self.id}, not "
                                        f"{version.id}"))
            if version.version in seen:
                problems.append(Problem(f"{path}.version", "version_duplicate",
                                        f"version {version.version} appears twice"))
            seen.add(version.version)
            starts = version.starts_at()
            if starts is None:
                if len(self.versions) == 1:
                    continue
                problems.append(Problem(f"{path}.effective_from", "missing",
                                        "every version of several needs effective_from"))
            elif previous is not None and starts <= previous:
                problems.append(Problem(f"{path}.effective_from", "versions_out_of_order",
                                        "versions are listed oldest first: "
                                        f"{starts.isoformat()} is not after the previous "
                                        f"version's {previous.isoformat()}"))
            previous = starts if starts is not None else previous
        if problems:
            raise_problems("PolicyVersions", problems)
        return self

    @classmethod
    def parse(cls, data: PolicyVersions | Mapping[str, Any]) -> PolicyVersions:
        """Validate versions given as a dict; raise `InvalidPolicyError`."""
        if isinstance(data, PolicyVersions):
            return data
        try:
            return cls.model_validate(data)
        except ValidationError as error:
            raise InvalidPolicyError(problems_from_validation_error(error, data)) from None

    @classmethod
    def from_file(cls, path: str | Path) -> PolicyVersions:
        """The versions in a YAML, JSON or TOML document; a file holding one policy is read
        as its only version."""
        loaded = hooks.load_document(path)
        if isinstance(loaded, PolicyVersions):
            return loaded
        return cls(id=loaded.id, title=loaded.title, versions=(loaded,))

    def to_file(self, path: str | Path) -> None:
        """Write the versions as a document in the format of the file's suffix."""
        hooks.write_document(self, path)

    def in_force(self, at: datetime) -> Policy:
        """The version in force at the instant `at`; `LookupError` before the first one."""
        chosen: Policy | None = None
        for version in self.versions:
            starts = version.starts_at()
            if starts is None or starts <= at:
                chosen = version
        if chosen is None:
            first = self.versions[0].starts_at()
            raise LookupError(f"no version of policy {self.id} was in force at "
                              f"{at.isoformat()}: the first is effective from "
                              f"{first.isoformat() if first else '?'}")
        return chosen

    def version_for(self, case: CaseInput) -> Policy:
        """The version that decides `case`; `InvalidCaseError` if none was in force."""
        case = parse_case(case)
        at, path = ((case.order.paid_at, "order.paid_at") if self.in_force_by == "paid_at"
                    else (case.as_of, "as_of"))
        try:
            return self.in_force(at)
        except LookupError as error:
            raise InvalidCaseError([Problem(path, "no_version_in_force", str(error))]) from None

    def evaluate(self, case: CaseInput, *, trace: bool = True) -> Decision:
        """Decide `case` under the version in force for it (`aftersales.evaluate`)."""
        decision: Decision = hooks.engine_for(self).evaluate(case, trace=trace)
        return decision

    def evaluate_many(self, cases: Iterable[CaseInput], *,
                      trace: bool = True) -> list[Decision | InvalidCaseError]:
        """Decide every case; a bad case yields its error in place
        (`aftersales.evaluate_many`)."""
        decided: list[Decision | InvalidCaseError] = hooks.engine_for(self).evaluate_many(
            cases, trace=trace)
        return decided

    # The engine is a cache, not part of the versions (see `Policy`).
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PolicyVersions):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copied = super().model_copy(update=update, deep=deep)
        copied._engine = None
        return copied

    def __getstate__(self) -> dict[Any, Any]:
        """Pickled without the compiled engine (a cache, and not picklable): a policy sent to
        another process compiles its own there (`aftersales.distributed`)."""
        return without_engine(super().__getstate__())

    def to_dict(self) -> dict[str, Any]:
        """The versions as a document; `PolicyVersions.parse(v.to_dict()) == v`."""
        data = document_dict(self)
        data["versions"] = [version.to_dict() for version in self.versions]
        return data


AnyPolicy = Policy | PolicyVersions
"""What a policy document holds: one policy, or its versions in force."""
