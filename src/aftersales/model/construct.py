"""Building a validated model's instance from values already valid, as cheaply as pydantic
allows: the engine builds every decision this way (its values come from a validated case and
policy, by the library's own code), skipping validation that could only repeat itself."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["construct"]

ModelT = TypeVar("ModelT", bound=BaseModel)
_set = object.__setattr__


def construct(cls: type[ModelT], fields: dict[str, Any], names: set[str],
              private: dict[str, Any] | None = None) -> ModelT:
    """An instance of `cls` holding `fields` (every field, in declaration order); `names` is
    the set of the field names (shared: a model never changes it); `private`, its private
    attributes (a model that has some needs them all)."""
    instance = cls.__new__(cls)
    _set(instance, "__dict__", fields)
    _set(instance, "__pydantic_fields_set__", names)
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", private)
    return instance
