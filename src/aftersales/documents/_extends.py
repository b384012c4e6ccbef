"""`extends: NAME`: a policy that starts from a shipped one (`standard`, a platform preset,
or one version of it: `douyin@2026-07-09`; a preset without `@` is its latest version) and
changes its settings, its guarantees (`changes`: set and withdraw), and, for the standard
policy, the parameters of its guarantees (`overrides`, each a keyword of the guarantee's
factory: `allergy: {window_days: 90}`)."""

from __future__ import annotations

import inspect
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache, reduce
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    create_model,
    field_validator,
)

from ..catalogue.standard import STANDARD_GUARANTEES, standard_policy
from ..model.errors import Problem
from ..model.fields import Flag, PolicyAmount, Text
from ..model.money import RoundingMode
from ..model.problems import did_you_mean, problems_from_validation_error
from ..policy.document_dict import document_dict
from ..policy.policy import Policy, date_or_instant, version_text
from ..policy.versions import AnyPolicy
from ..rules.guarantee import Guarantee
from ._changes import Changes, apply_changes

__all__ = ["BASES", "extends_document_model", "overrides_model", "resolve_extends"]

BASES: dict[str, Callable[[], AnyPolicy]] = {"standard": standard_policy}
"""Policies a document may extend, by name (the shipped policies add themselves)."""

_BASE_NAME = r"^[a-z][a-z0-9_-]*(@[^@\s]+)?$"

_DOCUMENT = ConfigDict(frozen=True, extra="forbid")
_STRICT: Mapping[Any, Any] = {int: Annotated[int, Strict()], bool: Flag, str: Text}
_PART = re.compile(r"[.\[]")


def _parameters_model(gid: str, factory: Callable[..., Guarantee]) -> type[BaseModel]:
    """The factory's keyword parameters as a document's fields, each with the bounds its type
    sets (`Days`, `PolicyAmount`, ...: the very types the rule fields it fills have), so that a
    bad override is refused where it is written and the schema shows the same bounds."""
    hints = get_type_hints(factory, include_extras=True)
    fields: dict[str, Any] = {}
    for name, parameter in inspect.signature(factory).parameters.items():
        if name == "guarantee_id":
            continue
        fields[name] = (_document_type(hints[name]) | None, Field(default=None, description=(
            f"standard value: {_as_written(parameter.default)}")))
    return create_model(f"{gid}_parameters", __config__=_DOCUMENT,
                        __doc__=f"Parameters of the standard `{gid}` guarantee: "
                        f"{_first_paragraph(factory.__doc__ or '')}", **fields)


def _document_type(annotation: Any) -> Any:
    """A factory parameter's type as a document reads it: amounts exact (`PolicyAmount | str`
    is the amount's own type), never `true` for 1 nor "7" for 7, a list never one text."""
    if get_origin(annotation) is Annotated:
        base, *metadata = get_args(annotation)
        if get_origin(base) is Sequence:  # a bounded list: Annotated[Sequence[X], Field(...)]
            return Annotated[(_document_type(base), *metadata)]
        return annotation  # already a bounded, strict type (Days, CategoryPath, ...)
    if get_origin(annotation) in (Union, UnionType):
        members = [member for member in get_args(annotation) if member is not type(None)]
        if len(members) < len(get_args(annotation)):  # optional: `Limit | None`
            return _document_type(reduce(operator.or_, members))
        if str in members and len(members) == 2:  # `PolicyAmount | str`, `Decimal | str`
            amount = next(member for member in members if member is not str)
            return PolicyAmount if amount is Decimal else amount
    if get_origin(annotation) is Sequence:
        return list[_document_type(get_args(annotation)[0])]  # type: ignore[misc]
    return _STRICT.get(annotation, annotation)


def _first_paragraph(doc: str) -> str:
    """A docstring's first paragraph on one line: what an editor shows on hover."""
    return " ".join(doc.strip().split("\n\n", 1)[0].split())


def _as_written(value: object) -> str:
    """A default as an author writes it in YAML (what an editor shows on hover)."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_as_written(item).strip('"') for item in value) + "]"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return str(value).lower()
    return "null" if value is None else str(value)


@cache
def _parameters_models() -> dict[str, type[BaseModel]]:
    return {gid: _parameters_model(gid, factory) for gid, factory in STANDARD_GUARANTEES.items()}


@cache
def overrides_model() -> type[BaseModel]:
    """One optional field per standard guarantee, holding its parameters."""
    fields: dict[str, Any] = {
        gid: (model | None, None) for gid, model in _parameters_models().items()
    }
    return create_model("Overrides", __config__=_DOCUMENT, **fields)


class _ExtendsFields(BaseModel):
    model_config = _DOCUMENT

    kind: Literal["policy"] = "policy"
    extends: str = Field(pattern=_BASE_NAME)
    """The shipped policy this one starts from, by name (`standard`, `douyin`, `tmall`), or
    one version of it (`douyin@2026-07-09`; without `@`, its latest version): its guarantees,
    stacking and settings."""
    id: str = Field(min_length=1)
    version: str = Field(min_length=1)
    title: str | None = None
    effective_from: date | AwareDatetime | None = None
    time_zone: str | None = None
    rounding: RoundingMode | None = None
    refund_cap: Literal["order_total", "none"] | None = None
    # The settings are described as the full policy's fields of the same name (_schema.py).

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return version_text(value)

    @field_validator("effective_from", mode="before")
    @classmethod
    def _date_or_instant(cls, value: Any) -> Any:
        return date_or_instant(value)


@cache
def extends_document_model() -> type[_ExtendsFields]:
    model: type[_ExtendsFields] = create_model(
        "ExtendsDocument", __base__=_ExtendsFields,
        __doc__="A policy that starts from a named one and overrides parameters only.",
        overrides=(overrides_model(), Field(
            default_factory=dict, description="Parameters to change, by standard guarantee "
            "id: each a keyword of the guarantee's factory (docs/policy-files.md). Only "
            "with `extends: standard`.")),
        changes=(Changes | None, Field(default=None, description="Guarantees to set (added, "
                 "or replacing the one of the same id) and to withdraw, after the "
                 "overrides (docs/policy-files.md).")))
    return model


def base_policy(written: str) -> tuple[Policy | None, Problem | None]:
    """The policy `extends: written` starts from, or the problem with the name."""
    name, _, version = written.partition("@")
    shipped = BASES.get(name)
    if shipped is None:
        return None, Problem("extends", "unknown_policy_name", f"no policy is shipped as "
                             f"`{name}`" + did_you_mean(name, list(BASES)))
    base = shipped()
    if isinstance(base, Policy):
        if version and version != base.version:
            return None, Problem("extends", "unknown_version", f"{name} has one version, "
                                 f"{base.version}, not {version}")
        return base, None
    names = [policy.version for policy in base.versions]
    if not version:
        return base.versions[-1], None
    if version not in names:
        return None, Problem("extends", "unknown_version", f"{name} has no version "
                             f"{version}; its versions are {', '.join(names)}")
    return base.versions[names.index(version)], None


def resolve_extends(data: Mapping[str, Any]) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The full policy document an extends document stands for, and the problems in its
    settings and overrides (paths as written). Each override is checked on its own, so one
    bad override hides no other; the policy is still resolved, without the bad overrides and
    settings, so that problems of the whole policy are found too. None when `extends` names
    no known policy."""
    problems: list[Problem] = []
    settings_data = {key: value for key, value in data.items()
                     if key not in ("overrides", "changes")}
    try:
        settings = _ExtendsFields.model_validate(settings_data)
    except ValidationError as error:
        problems += problems_from_validation_error(error, settings_data)
        settings = None
    written = data.get("extends")
    base, unknown = base_policy(written) if isinstance(written, str) else (None, None)
    if unknown is not None and not any(p.path == "extends" for p in problems):
        problems.append(unknown)
    overrides = data.get("overrides") or {}
    if overrides and base is not None and base.id != "standard":
        problems.append(Problem("overrides", "overrides_need_standard", "overrides set the "
                                "parameters of the standard policy's guarantees; change a "
                                f"guarantee of {base.id} by writing it whole under "
                                "changes.set"))
        overrides = {}
    if not isinstance(overrides, Mapping):
        problems.append(Problem("overrides", "not_a_mapping", "maps standard guarantee ids to "
                                "their parameters, e.g. {allergy: {window_days: 90}}"))
        overrides = {}
    rebuilt: dict[str, Guarantee] = {}
    for gid, parameters in overrides.items():
        guarantee, found = _override(str(gid), parameters)
        problems += found
        if guarantee is not None:
            rebuilt[guarantee.id] = guarantee
    if base is None:
        return None, problems
    if settings is not None:
        given = settings.model_dump(mode="json", exclude_unset=True, exclude={"extends", "kind"})
    else:
        # Resolved with the settings that are fine, so that one bad setting hides no problem
        # of the whole policy (the legal floor, an unknown time zone).
        bad = {_PART.split(problem.path, 1)[0] for problem in problems}
        given = {key: value for key, value in settings_data.items()
                 if key in _ExtendsFields.model_fields and key not in bad
                 and key not in ("extends", "kind")}
    # The base's version stands in for a missing one, already reported, so that it is not
    # reported twice; its effective_from is the base's own business.
    resolved = {key: value for key, value in base.to_dict().items() if key != "effective_from"}
    resolved["guarantees"] = [document_dict(rebuilt.get(g.id, g)) for g in base.guarantees]
    if "changes" in data:
        resolved, found = apply_changes(resolved, data["changes"])
        problems += found
    resolved.update(given)
    return resolved, problems


def _override(gid: str, parameters: object) -> tuple[Guarantee | None, list[Problem]]:
    path = f"overrides.{gid}"
    factory = STANDARD_GUARANTEES.get(gid)
    if factory is None:
        return None, [Problem(path, "guarantee_unknown", "is not a guarantee of the standard "
                              "policy" + did_you_mean(gid, list(STANDARD_GUARANTEES)))]
    try:
        validated = _parameters_models()[gid].model_validate(parameters or {})
        given = validated.model_dump(exclude_unset=True)
    except ValidationError as error:
        return None, [Problem(f"{path}.{p.path}" if p.path else path, p.code, p.message)
                      for p in problems_from_validation_error(error, parameters)]
    given = {name: value for name, value in given.items() if value is not None}
    try:
        return factory(**given), []
    except ValidationError as error:
        return None, [_parameter_problem(gid, given, problem)
                      for problem in problems_from_validation_error(error)]


def _parameter_problem(gid: str, given: Mapping[str, Any], problem: Problem) -> Problem:
    """A factory's error, placed on the parameter it came from where that is plain."""
    leaf = problem.path.rsplit(".", 1)[-1].split("[", 1)[0]
    path = f"overrides.{gid}.{leaf}" if leaf in given else f"overrides.{gid}"
    return Problem(path, problem.code, problem.message)
