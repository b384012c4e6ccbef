"""Lint: what in a valid policy is probably wrong. A policy that cannot work is refused when
it is built (`InvalidPolicyError`); lint looks at one that builds but cannot be what its author
meant: a guarantee that never applies (its scope is empty, its conditions or windows
contradict each other, an exclusive rival always wins), a tier table that pays a bigger order
less, a refund that can pay back more than was paid, and parameters outside sensible bounds.

    >>> report = aftersales.lint(policy)
    >>> report.errors, report.warnings, report.to_dict(), print(report)

Every finding has a stable `code` (see docs/lint.md), a fixed severity, the JSON path of the
part at fault and a message that says what to do.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..engine import policy_of
from ..model.money import in_exact_context
from ..policy.policy import Policy
from ..policy.versions import AnyPolicy, PolicyVersions
from ._amounts import amount_findings
from ._conditions import condition_findings
from ._report import CODES, Finding, LintReport, Severity
from ._samples import sample_findings
from ._shape import shape_of
from ._stacking import reach_findings, shadow_findings, unranked_findings
from ._windows import window_findings

__all__ = ["CODES", "Finding", "LintReport", "Severity", "lint"]

_GUARANTEE_INDEX = re.compile(r"^guarantees\[(\d+)\]")


@in_exact_context
def lint(policy: AnyPolicy | str | None) -> LintReport:
    """Every finding for `policy` (the standard policy for None, a shipped policy by its
    name), in document order; for versions in force, every version's, each path prefixed
    with `versions[i].`."""
    policy = policy_of(policy)
    if isinstance(policy, PolicyVersions):
        findings = [replace(f, path=f"versions[{index}].{f.path}")
                    for index, version in enumerate(policy.versions)
                    for f in _lint(version)]
        count = len(policy.versions)
        return LintReport(f"{policy.id} ({count} version{'s' if count != 1 else ''})",
                          tuple(findings))
    return LintReport(f"{policy.id} {policy.version}", tuple(_lint(policy)))


def _lint(policy: Policy) -> list[Finding]:
    shapes = [shape_of(policy, index) for index in range(len(policy.guarantees))]
    findings: list[Finding] = []
    for shape in shapes:
        findings += condition_findings(shape)
        findings += window_findings(shape)
        findings += reach_findings(shape, shapes)
        findings += amount_findings(shape, policy)
    shadowed = list(shadow_findings(policy, shapes))
    findings += shadowed
    findings += sample_findings(policy, shapes, {f.guarantee for f in shadowed
                                                 if f.guarantee is not None})
    findings += unranked_findings(policy)
    return sorted(findings, key=_document_order)


def _document_order(finding: Finding) -> int:
    """By guarantee, in the order the policy lists them; the policy's own parts last. The
    sort is stable: within a guarantee, findings keep the order the checks made them."""
    match = _GUARANTEE_INDEX.match(finding.path)
    return int(match[1]) if match else 1 << 30
