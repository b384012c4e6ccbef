"""From a document's data to a policy, or to its versions in force, with every problem
placed on the path (and the YAML line) where the author wrote it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from ..model.errors import InvalidPolicyError, Problem
from ..model.problems import did_you_mean, problems_from_validation_error
from ..policy.policy import Policy
from ..policy.versions import AnyPolicy, PolicyVersions
from ._changes import apply_changes
from ._extends import extends_document_model, resolve_extends
from ._suggest import suggest_fields

__all__ = ["build_policy"]

_VERSIONS_FIELDS = ("kind", "id", "title", "in_force_by", "versions")
_GUARANTEE_PATH = re.compile(r"^guarantees\[(\d+)\]")
_NO_ID = "(no id)"


def build_policy(data: Mapping[str, Any], lines: Mapping[str, int]) -> AnyPolicy:
    """The policy `data` describes; `InvalidPolicyError` listing every problem otherwise."""
    if "versions" in data or data.get("kind") == "policy_versions":
        built: AnyPolicy | None
        built, problems = _versions(data)
    else:
        built, problems = _policy(data, "")
    if problems or built is None:
        placed = [_with_line(problem, lines) for problem in problems]
        # In the order the author reads them: top to bottom (problems of the whole document,
        # without a line, first).
        raise InvalidPolicyError(sorted(placed, key=lambda problem: problem.line or 0))
    return built


def _policy(data: Mapping[str, Any], prefix: str) -> tuple[Policy | None, list[Problem]]:
    problems: list[Problem] = []
    resolved: Mapping[str, Any] | None = data
    if "extends" in data:
        resolved, found = resolve_extends(data)
        problems += suggest_fields(found, extends_document_model(), data)
    policy = None
    if resolved is not None:
        try:
            policy = Policy.model_validate(resolved)
        except ValidationError as error:
            found = problems_from_validation_error(error, resolved)
            if resolved is data:
                problems += suggest_fields(found, Policy, data)
            else:
                problems += [_to_overrides(problem, resolved, data) for problem in found]
    return (None if problems else policy), _prefixed(problems, prefix)


def _versions(data: Mapping[str, Any]) -> tuple[PolicyVersions | None, list[Problem]]:
    problems = [Problem(key, "extra_forbidden", "is not a known field of a versions document"
                        + did_you_mean(key, _VERSIONS_FIELDS, listed=True))
                for key in data if key not in _VERSIONS_FIELDS]
    entries = data.get("versions")
    if not isinstance(entries, list) or not entries:
        problems.append(Problem("versions", "versions_empty",
                                "must list the policy's versions, oldest first"))
        return None, problems
    # A version takes the document's id; a missing or bad one is the document's problem,
    # reported once (below), not once per version.
    document_id = data.get("id")
    entry_id = document_id if isinstance(document_id, str) and document_id else _NO_ID
    versions: list[Policy] = []
    for index, entry in enumerate(entries):
        path = f"versions[{index}]"
        if not isinstance(entry, Mapping):
            problems.append(Problem(path, "not_a_mapping", "each version is a policy document"))
            continue
        if "changes" in entry:
            version, found = _revision(entry, entry_id, versions, index, path)
        else:
            version, found = _policy({"id": entry_id, **entry}, path)
        problems += found
        if version is not None:
            versions.append(version)
    fields = {key: data[key] for key in _VERSIONS_FIELDS if key in data and key != "versions"}
    if problems:
        # The versions cannot be checked together, but the document's own fields still are.
        stand_in = Policy.model_construct(id=entry_id, version="-", guarantees=())
        try:
            PolicyVersions.model_validate({**fields, "versions": (stand_in,)})
        except ValidationError as error:
            problems += [problem for problem in problems_from_validation_error(error, data)
                         if not problem.path.startswith("versions")]
        return None, problems
    try:
        return PolicyVersions.model_validate({**fields, "versions": versions}), []
    except ValidationError as error:
        return None, problems_from_validation_error(error, data)


def _revision(entry: Mapping[str, Any], entry_id: str, built: list[Policy], index: int,
              path: str) -> tuple[Policy | None, list[Problem]]:
    """A version written as its `changes` to the version before it (whose settings and title
    it keeps unless it gives its own)."""
    if index == 0:
        return None, [Problem(f"{path}.changes", "nothing_to_change",
                              "the first version is a whole policy: no version comes before "
                              "it for its changes to apply to")]
    if len(built) != index:  # the version before it is wrong: its problems are reported
        return None, []
    base = {key: value for key, value in built[-1].to_dict().items()
            if key not in ("version", "effective_from")}
    changed, problems = apply_changes(base, entry["changes"], f"{path}.changes")
    changed.update({key: value for key, value in entry.items() if key != "changes"})
    changed["id"] = entry_id
    try:
        return (None if problems else Policy.model_validate(changed)), problems
    except ValidationError as error:
        found = problems_from_validation_error(error, changed)
        return None, problems + [_to_changes(problem, changed, entry, path) for problem in found]


def _to_changes(problem: Problem, changed: Mapping[str, Any], entry: Mapping[str, Any],
                path: str) -> Problem:
    """A problem of a revised version, placed on the change that caused it: the guarantee
    set (`versions[2].changes.set[0].conditions[1]`), else the version itself."""
    match = _GUARANTEE_PATH.match(problem.path)
    if match is None:
        return Problem(f"{path}.{problem.path}" if problem.path else path, problem.code,
                       problem.message, problem.line)
    gid = changed["guarantees"][int(match.group(1))].get("id")
    number = _set_index(entry["changes"], gid)
    if number is not None:
        return Problem(f"{path}.changes.set[{number}]{problem.path[match.end():]}",
                       problem.code, problem.message, problem.line)
    return Problem(f"{path}.changes", problem.code, f"{gid}: {problem.message}", problem.line)


def _to_overrides(problem: Problem, resolved: Mapping[str, Any],
                  document: Mapping[str, Any]) -> Problem:
    """A problem in the resolved policy's guarantee, placed on what the document wrote of it:
    the guarantee it set under `changes`, its override, or else `extends` (the base itself
    is at fault)."""
    match = _GUARANTEE_PATH.match(problem.path)
    if match is None:
        return problem
    gid = resolved["guarantees"][int(match.group(1))]["id"]
    number = _set_index(document.get("changes"), gid)
    if number is not None:
        return Problem(f"changes.set[{number}]{problem.path[match.end():]}", problem.code,
                       problem.message, problem.line)
    overridden = gid in (document.get("overrides") or {})
    path = f"overrides.{gid}" if overridden else "extends"
    message = problem.message if gid in problem.message else f"{gid}: {problem.message}"
    return Problem(path, problem.code, message, problem.line)


def _set_index(changes: object, gid: object) -> int | None:
    """Where in `changes.set` the guarantee `gid` is written, if it is."""
    set_ = changes.get("set") if isinstance(changes, Mapping) else None
    for number, guarantee in enumerate(set_ if isinstance(set_, list | tuple) else ()):
        if isinstance(guarantee, Mapping) and guarantee.get("id") == gid:
            return number
    return None


def _prefixed(problems: list[Problem], prefix: str) -> list[Problem]:
    if not prefix:
        return problems
    return [Problem(f"{prefix}.{p.path}" if p.path else prefix, p.code, p.message, p.line)
            for p in problems]


def _with_line(problem: Problem, lines: Mapping[str, int]) -> Problem:
    """The problem with the line its path (or its nearest written parent) starts on."""
    if problem.line is not None or not lines:
        return problem
    path = problem.path
    while path:
        if path in lines:
            return Problem(problem.path, problem.code, problem.message, lines[path])
        path = path[:max(path.rfind("."), path.rfind("["), 0)]
    return problem
