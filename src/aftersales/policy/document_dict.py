"""A rule object as the smallest document that reads back to it: fields left at their
defaults are left out, except each object's `kind` tag, which says what the object is."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

__all__ = ["document_dict"]


def document_dict(model: BaseModel) -> dict[str, Any]:
    dumped = model.model_dump(mode="json", exclude_defaults=True)
    return _with_kinds(model, dumped)


def _with_kinds(model: BaseModel, dumped: dict[str, Any]) -> dict[str, Any]:
    kind = {"kind": dumped.get("kind", getattr(model, "kind", None))} \
        if "kind" in type(model).model_fields else {}
    result: dict[str, Any] = dict(kind)
    for name, value in dumped.items():
        result[name] = _restore(getattr(model, name, None), value)
    return result


def _restore(original: object, value: Any) -> Any:
    if isinstance(original, BaseModel) and isinstance(value, dict):
        return _with_kinds(original, value)
    if isinstance(original, tuple | list) and isinstance(value, list):
        return [_restore(item, dumped) for item, dumped in zip(original, value, strict=True)]
    return value
