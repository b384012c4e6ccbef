"""`changes:` a policy written as what it changes in another: guarantees set (added, or
replacing the one of the same id) and guarantees withdrawn.

A version of a versions document may be written this way against the version before it, so
that a dated revision of one service is one short entry; a document that `extends` a
shipped policy may be written this way against that policy. A withdrawn guarantee also
leaves the stacking (its rank, and the exclusive groups it was in).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from ..model.errors import Problem
from ..model.problems import did_you_mean
from ..policy.policy import Stacking
from ..rules.guarantee import Guarantee, GuaranteeId

__all__ = ["CHANGES_FIELDS", "Changes", "Revision", "apply_changes"]

CHANGES_FIELDS = ("set", "withdraw")


def apply_changes(base: Mapping[str, Any], changes: object,
                  path: str = "changes") -> tuple[dict[str, Any], list[Problem]]:
    """The policy document `base` (a full one, as `Policy.to_dict` writes it) with `changes`
    applied; the problems of the changes themselves, placed under `path`. What cannot be
    applied is left out, so that the rest is still checked."""
    if not isinstance(changes, Mapping):
        return dict(base), [Problem(path, "not_a_mapping",
                                    "lists guarantees to `set` and ids to `withdraw`")]
    problems = [Problem(f"{path}.{key}", "extra_forbidden", "is not a kind of change"
                        + did_you_mean(str(key), CHANGES_FIELDS, listed=True))
                for key in changes if key not in CHANGES_FIELDS]
    guarantees: list[Any] = list(base.get("guarantees", ()))
    stacking: dict[str, Any] = dict(base.get("stacking") or {})
    ids = [_gid(guarantee) for guarantee in guarantees]
    for index, gid in _listed(changes.get("withdraw", ()), f"{path}.withdraw", problems):
        if gid not in ids:
            problems.append(Problem(f"{path}.withdraw[{index}]", "guarantee_unknown",
                                    f"{gid} is not a guarantee of the policy changed"
                                    + did_you_mean(gid, [i for i in ids if i])))
            continue
        del guarantees[ids.index(gid)]
        ids.remove(gid)
        stacking = _without(stacking, gid)
    for _, guarantee in _listed(changes.get("set", ()), f"{path}.set", problems):
        gid = _gid(guarantee)
        if gid is not None and gid in ids:
            guarantees[ids.index(gid)] = guarantee
        else:
            guarantees.append(guarantee)
            ids.append(gid)
    changed = {**base, "guarantees": guarantees}
    if stacking:
        changed["stacking"] = stacking
    else:
        changed.pop("stacking", None)
    return changed, problems


def _listed(items: object, path: str, problems: list[Problem]) -> list[tuple[int, Any]]:
    if not isinstance(items, list | tuple):
        problems.append(Problem(path, "not_a_list", "is a list"))
        return []
    return list(enumerate(items))


def _gid(guarantee: object) -> str | None:
    if isinstance(guarantee, Mapping):
        gid = guarantee.get("id")
        return gid if isinstance(gid, str) else None
    return None


def _without(stacking: Mapping[str, Any], gid: str) -> dict[str, Any]:
    """The stacking with `gid` left out of the ranking and of every exclusive group (a group
    left with one member is no group)."""
    result = dict(stacking)
    priority = result.get("priority")
    if isinstance(priority, list | tuple):
        result["priority"] = [item for item in priority if item != gid]
    groups = result.get("exclusive")
    if isinstance(groups, list | tuple):
        kept: list[Any] = []
        for group in groups:
            members = group.get("guarantees") if isinstance(group, Mapping) else group
            if isinstance(members, list | tuple):
                members = [member for member in members if member != gid]
                if len(members) < 2:
                    continue
                group = {**group, "guarantees": members} if isinstance(group, Mapping) \
                    else members
            kept.append(group)
        result["exclusive"] = kept
    return {key: value for key, value in result.items() if value}


class Changes(BaseModel):
    """What a policy changes in the one it is written against."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    set: tuple[Guarantee, ...] = ()
    """Guarantees added, or replacing the guarantee of the same id (in its place)."""
    withdraw: tuple[GuaranteeId, ...] = ()
    """Ids of guarantees that no longer apply (they also leave the stacking)."""


class Revision(BaseModel):
    """A version of a versions document written as its changes to the version before it:
    that version's guarantees, settings and title, with `changes` applied."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str = Field(min_length=1)
    effective_from: date | AwareDatetime
    title: str | None = None
    stacking: Stacking | None = None
    """Replaces the stacking of the version before (after the withdrawals)."""
    changes: Changes
