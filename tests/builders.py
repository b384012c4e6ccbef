"""Shared builders: a valid base case per claim kind, varied with deep-merged overrides."""

from __future__ import annotations

import copy
from typing import Any

DELETE = object()


def merged(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """`base` with `overrides` deep-merged: mappings merge, everything else replaces,
    `DELETE` removes the key."""
    result = copy.deepcopy(base)
    for key, value in overrides.items():
        if value is DELETE:
            result.pop(key, None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


ORDER: dict[str, Any] = {
    "id": "o-1",
    "buyer_id": "b-1",
    "shop_id": "s-1",
    "currency": "CNY",
    "paid_at": "2025-08-20T10:00:00+08:00",
    "promised_ship_by": "2025-08-22T10:00:00+08:00",
    "shipped_at": "2025-08-22T09:00:00+08:00",
    "delivered_at": "2025-08-24T15:00:00+08:00",
    "lines": [{"id": "l1", "sku": "apple-5kg", "category": "fresh.produce", "tags": [],
               "quantity": 2, "paid_amount": "79.80"}],
}


def case_dict(**overrides: Any) -> dict[str, Any]:
    """A valid automatic-check case (no claim), varied by keyword overrides."""
    base = {"id": "case-1", "as_of": "2025-09-01T12:00:00+08:00", "order": ORDER}
    return merged(base, overrides)


def claim_case(kind: str, **overrides: Any) -> dict[str, Any]:
    """A valid case with a claim of `kind` that the standard policy approves."""
    claims: dict[str, dict[str, Any]] = {
        "spoilage": {"kind": "spoilage", "filed_at": "2025-08-25T09:00:00+08:00",
                     "lines": [{"line_id": "l1", "quantity": 1}], "evidence": ["photo"]},
        "allergy": {"kind": "allergy", "filed_at": "2025-09-01T09:00:00+08:00",
                    "evidence": ["photo", "medical_record"]},
        "price_match": {"kind": "price_match", "filed_at": "2025-08-21T09:00:00+08:00",
                        "evidence": ["price_screenshot"], "reference_price": "35.00"},
    }
    base = case_dict(claim=claims[kind])
    if kind == "allergy":
        base["order"]["lines"][0].update(category="beauty.skincare", sku="serum-30ml")
    return merged(base, overrides)
