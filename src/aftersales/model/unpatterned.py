"""A family of msgspec structs like a given one, without the text patterns of its fields.

msgspec checks a field's pattern with a Python regular expression, one call a text: for a
case record, more than half of the whole decode. A reader that checks those texts itself
(the columnar path reads every instant, amount and currency against a stricter form of its
own, on whole columns) decodes with the unpatterned family and keeps every other constraint:
types, lengths, ranges, choices, unknown fields."""

from __future__ import annotations

import operator
import types
from functools import cache, reduce
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

import msgspec
from msgspec import Meta, Struct

__all__ = ["unpatterned"]

_CONSTRAINTS = ("gt", "ge", "lt", "le", "multiple_of", "min_length", "max_length", "tz")
"""What a `Meta` constrains, apart from its pattern (the rest of it only documents)."""


@cache
def unpatterned(struct: type[Struct]) -> type[Struct]:
    """A struct type with `struct`'s fields, defaults and the options records use (unknown
    fields refused, defaults omitted, not tracked by the garbage collector), whose fields
    (and the structs they hold, at any depth) check no text pattern."""
    hints = get_type_hints(struct, include_extras=True)
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for field in msgspec.structs.fields(struct):
        kind = _without_patterns(hints[field.name])
        fields.append((field.name, kind) if field.required
                      else (field.name, kind, field.default))
    config = struct.__struct_config__
    return msgspec.defstruct(
        f"{struct.__name__}Unpatterned", fields, module=struct.__module__,
        forbid_unknown_fields=config.forbid_unknown_fields,
        omit_defaults=config.omit_defaults, gc=config.gc)


def _without_patterns(kind: Any) -> Any:
    origin = get_origin(kind)
    if origin is Annotated:
        base, *metadata = get_args(kind)
        kept = [_without_pattern(meta) if isinstance(meta, Meta) else meta
                for meta in metadata]
        kept = [meta for meta in kept if meta is not None]
        inner = _without_patterns(base)
        return Annotated[(inner, *kept)] if kept else inner
    if origin is Union or isinstance(kind, types.UnionType):
        return reduce(operator.or_, [_without_patterns(member) for member in get_args(kind)])
    if origin is tuple:
        item, ellipsis = get_args(kind)
        assert ellipsis is Ellipsis, "records hold tuples of one item type"
        return tuple[_without_patterns(item), ...]  # type: ignore[misc]
    if isinstance(kind, type) and issubclass(kind, Struct):
        return unpatterned(kind)
    return kind


def _without_pattern(meta: Meta) -> Meta | None:
    """`meta` without its pattern: None when it constrains nothing else."""
    if meta.pattern is None:
        return meta
    constraints = {name: getattr(meta, name) for name in _CONSTRAINTS
                   if getattr(meta, name) is not None}
    return Meta(**constraints) if constraints else None
