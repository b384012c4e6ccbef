"""The row engine's decisions in the table's layout: for the cases the columnar plan leaves,
decided in the same call by `evaluate_many`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..engine import Engine, VersionsEngine
from ..model.decision import Decision

__all__ = ["row_decisions"]


def row_decisions(engine: Engine | VersionsEngine, texts: Sequence[str | bytes],
                  scale: int) -> list[dict[str, Any]]:
    """Each case decided by the row engine, as a row of the result table (money in minor
    units: `scale` per major unit)."""
    rows: list[dict[str, Any]] = []
    for decided in engine.evaluate_many(texts, trace=False):
        if isinstance(decided, Decision):
            rows.append({
                "case_id": decided.case_id, "order_id": decided.order_id,
                "status": decided.status.value,
                "reason_code": decided.reasons[0].code if decided.reasons else None,
                "reason_guarantee": decided.reasons[0].guarantee if decided.reasons else None,
                "remedies": [{
                    "guarantee": remedy.guarantee, "kind": remedy.kind.value,
                    "payer": remedy.payer.value, "return_required": remedy.return_required,
                    "amount": None if remedy.amount is None else _minor(remedy.amount, scale),
                    "line_ids": list(remedy.line_ids)} for remedy in decided.remedies],
                "policy_version": decided.policy.version, "error": None})
        else:
            rows.append({"case_id": None, "order_id": None, "status": None,
                         "reason_code": None, "reason_guarantee": None, "remedies": [],
                         "policy_version": None,
                         "error": json.dumps([
                             {"path": problem.path, "code": problem.code,
                              "message": problem.message} for problem in decided.problems],
                             ensure_ascii=False)})
    return rows


def _minor(amount: Decimal, scale: int) -> int:
    scaled = amount * scale
    if scaled != scaled.to_integral_value():  # never: amounts are rounded to the minor unit
        raise ValueError(f"{amount} is not a whole number of minor units")
    return int(scaled)
