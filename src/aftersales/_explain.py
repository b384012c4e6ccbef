"""Rendering a decision as readable text."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .decision import Decision


def explain_decision(decision: Decision) -> str:
    subject = f"case {decision.case_id}" if decision.case_id else "case"
    lines = [
        f"{subject} (order {decision.order_id}): {decision.status.value.upper().replace('_', ' ')}"
        f" under policy {decision.policy.id} {decision.policy.version}"
    ]
    for remedy in decision.remedies:
        returned = ", return required" if remedy.return_required else ""
        on_lines = f" on {', '.join(remedy.line_ids)}" if remedy.line_ids else ""
        amount = f" {remedy.amount} {remedy.currency}" if remedy.amount is not None else ""
        lines.append(f"  {remedy.kind.value}{amount} paid by "
                     f"{remedy.payer.value}{on_lines} ({remedy.guarantee}{returned})")
    for reason in decision.reasons:
        lines.append(f"  - {reason.code}: {reason.message}")
    if decision.missing_evidence:
        lines.append(f"  missing evidence: {', '.join(decision.missing_evidence)}")
    if decision.deadline is not None:
        lines.append(f"  deadline: {decision.deadline.isoformat()}")
    if decision.trace:
        lines.append("  trace:")
        for guarantee, steps in groupby(decision.trace, key=lambda step: step.guarantee):
            lines.append(f"    {guarantee or 'policy'}")
            for step in steps:
                mark = "✓" if step.passed else "✗"
                lines.append(f"      {mark} {step.check}: {step.message}")
    return "\n".join(lines)
