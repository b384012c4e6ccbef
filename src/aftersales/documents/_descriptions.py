"""Descriptions for the schema's fields, from the docstrings written under them in the models
(`window_days: Days` then `\"\"\"The claim window...\"\"\"`): what an editor shows on hover.

Read from the source only when a schema is built, so importing the library costs nothing
(pydantic's `use_attribute_docstrings` would parse every rule module at import)."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

__all__ = ["describe_fields", "field_docstrings", "models_in"]


@cache
def field_docstrings(model: type[BaseModel]) -> Mapping[str, str]:
    """Each field of `model` (its own or inherited) with the docstring written under it, on
    one line."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if issubclass(cls, BaseModel) and cls is not BaseModel:
            docs.update(_own_docstrings(cls))
    return docs


def _own_docstrings(cls: type) -> dict[str, str]:
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):  # made with create_model, or no source shipped
        return {}
    body = ast.parse(source).body[0]
    assert isinstance(body, ast.ClassDef)
    docs: dict[str, str] = {}
    for node, following in zip(body.body, body.body[1:], strict=False):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            docs[node.target.id] = " ".join(following.value.value.split())
    return docs


def models_in(*roots: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """`roots` and every model their fields hold, at any depth, each once."""
    seen: set[type[BaseModel]] = set()
    stack: list[Any] = list(roots)
    while stack:
        annotation = stack.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                continue
            seen.add(annotation)
            yield annotation
            stack.extend(field.annotation for field in annotation.model_fields.values())
        else:
            stack.extend(get_args(annotation))


def describe_fields(definition: dict[str, Any], docs: Mapping[str, str]) -> None:
    """Give each property of the schema `definition` that has no description its docstring."""
    for name, schema in definition.get("properties", {}).items():
        if name in docs and "description" not in schema:
            schema["description"] = docs[name]
