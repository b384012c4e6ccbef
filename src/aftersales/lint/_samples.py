"""The dynamic shadow check: a member of an exclusive group that approves its own plain case
(and each case just inside its boundaries) when its rivals are left out of the policy, but
is excluded on every one of them under the whole policy. Not a proof (the cases are a sample),
hence a warning; the static check in `_stacking` reports what it can prove."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from pydantic import ValidationError

from ..model.case import Case
from ..model.decision import Decision
from ..model.errors import InvalidCaseError
from ..policy.policy import ExclusiveGroup, Policy, Stacking
from ..testing._reach import base_case
from ..testing.edge_cases import EdgeCase, edge_cases
from ._report import Finding, finding
from ._shape import Shape

__all__ = ["sample_findings"]


def sample_findings(policy: Policy, shapes: Sequence[Shape],
                    skip: set[str]) -> Iterator[Finding]:
    groups = {gid: group for group in policy.stacking.exclusive for gid in group.guarantees}
    edges: list[EdgeCase] | None = None
    for shape in shapes:
        group = groups.get(shape.id)
        if group is None or shape.id in skip:
            continue
        alone = _without_rivals(policy, shape.id, group)
        seeds = _seeds(policy, shape)
        if alone is None or not seeds:
            continue
        winners = _winners(policy, alone, shape.id, group, seeds)
        if not winners:
            continue
        if edges is None:
            try:
                edges = edge_cases(policy)
            except ValueError:  # a boundary no valid case can sit on
                edges = []
        inside = [edge.case for edge in edges
                  if edge.guarantee == shape.id and edge.side == "inside"]
        more = _winners(policy, alone, shape.id, group, inside)
        if more is None:
            continue
        beaten_by = ", ".join(sorted(winners | more))
        yield finding("likely_shadowed", shape.path, shape.id,
                      f"with its exclusive rivals left out, {shape.id} approves plain cases of "
                      "its own (one per claim kind and category it covers) and the cases just "
                      f"inside its boundaries, but under this policy {beaten_by} (same "
                      "exclusive group) wins every one of them: check that "
                      f"{shape.id} can ever pay, e.g. give it a scope, claim kind or condition "
                      "of its own")


def _seeds(policy: Policy, shape: Shape) -> list[dict[str, Any]]:
    """A plain case the guarantee approves, for each claim kind it answers and each category
    it covers (a rival may cover some of them only)."""
    guarantee = shape.guarantee
    seeds = [seed for kind in guarantee.claim_kinds or (None,)
             if (seed := base_case(policy, guarantee, kind)) is not None]
    if not shape.scope:
        return seeds
    varied = []
    for seed in seeds:
        for category in shape.scope:
            case = copy.deepcopy(seed)
            case["order"]["lines"][0]["category"] = f"{category}.item"
            varied.append(case)
    return varied


def _without_rivals(policy: Policy, gid: str, group: ExclusiveGroup) -> Policy | None:
    rivals = set(group.guarantees) - {gid}
    kept = tuple(g for g in policy.guarantees if g.id not in rivals)
    stacking = Stacking(priority=tuple(p for p in policy.stacking.priority if p not in rivals),
                        exclusive=tuple(g for g in policy.stacking.exclusive if g != group))
    fields = {name: getattr(policy, name) for name in type(policy).model_fields}
    try:
        return type(policy)(**{**fields, "guarantees": kept, "stacking": stacking})
    except ValidationError:  # e.g. the rival was the policy's statutory return
        return None


def _winners(policy: Policy, alone: Policy, gid: str, group: ExclusiveGroup,
             cases: Iterable[Case | dict[str, Any]]) -> set[str] | None:
    """The rivals that beat `gid` on every case it approves alone (none if it approves none
    alone); None if it pays on one, or is kept from paying by something else than a rival."""
    winners: set[str] = set()
    for case in cases:
        try:
            if not _pays(alone.engine.evaluate(case), gid):
                continue
            decision = policy.engine.evaluate(case)
        except InvalidCaseError:
            continue
        if _pays(decision, gid) or f"{gid}.excluded" not in decision.codes:
            return None
        winners |= {r.guarantee for r in decision.remedies
                    if r.guarantee in group.guarantees and r.guarantee != gid}
    return winners


def _pays(decision: Decision, gid: str) -> bool:
    return any(remedy.guarantee == gid for remedy in decision.remedies)
