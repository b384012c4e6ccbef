""""Did you mean" for a field name a model does not know: the model at the problem's path is
found by walking the document's model classes along the path (tagged unions by `kind`)."""

from __future__ import annotations

import re
import types
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from ..model.errors import Problem
from ..model.problems import did_you_mean

__all__ = ["suggest_fields"]

_PART = re.compile(r"[^.\[\]]+|\[\d+\]")


def suggest_fields(problems: Sequence[Problem], root: type[BaseModel],
                   data: object) -> list[Problem]:
    """`problems` with the closest known field named for each unknown one."""
    return [_suggest(problem, root, data) if problem.code == "extra_forbidden" else problem
            for problem in problems]


def _suggest(problem: Problem, root: type[BaseModel], data: object) -> Problem:
    parts = _PART.findall(problem.path)
    if not parts:
        return problem
    model = _model_at(root, parts[:-1], data)
    if model is None:
        return problem
    known = [name for name in model.model_fields if name != "kind"]
    hint = did_you_mean(parts[-1], known, listed=True)
    if not hint:
        return problem
    return Problem(problem.path, problem.code, problem.message + hint, problem.line)


def _model_at(root: type[BaseModel], parts: Sequence[str], data: object) -> \
        type[BaseModel] | None:
    model: type[BaseModel] | None = root
    candidates: list[type[BaseModel]] = [root]
    for part in parts:
        if part.startswith("["):
            index = int(part[1:-1])
            data = data[index] if isinstance(data, list) and index < len(data) else None
        elif model is not None and part in model.model_fields:
            data = data.get(part) if isinstance(data, Mapping) else None
            candidates = _models_in(model.model_fields[part].annotation)
        else:
            return None
        model = _pick(candidates, data)
    return model


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = get_origin(annotation)
    if origin is Annotated:
        return _models_in(get_args(annotation)[0])
    if origin in (Union, types.UnionType, tuple, list) or (
            origin is not None and str(origin).endswith("Sequence")):
        return [model for arg in get_args(annotation) if arg is not Ellipsis
                for model in _models_in(arg)]
    return []


def _pick(candidates: list[type[BaseModel]], data: object) -> type[BaseModel] | None:
    if len(candidates) == 1:
        return candidates[0]
    kind = data.get("kind") if isinstance(data, Mapping) else None
    for model in candidates:
        field = model.model_fields.get("kind")
        if field is not None and field.default == kind:
            return model
    return None
