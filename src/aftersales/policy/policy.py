"""A policy: a versioned set of guarantees with the time zone, currency and rounding they
are evaluated in. Policies are data: frozen, tagged, round-trip through JSON exactly."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Self

from pydantic import (
    AwareDatetime,
    BaseModel,
    Field,
    JsonValue,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from ..model import hooks
from ..model.errors import InvalidPolicyError, Problem
from ..model.money import MINOR_UNITS, RoundingMode
from ..model.problems import problems_from_validation_error, raise_problems
from ..model.time import DEFAULT_TIME_ZONE, resolve_time_zone, start_of_day
from ..rules.guarantee import Guarantee, GuaranteeId
from ..rules.protocol import RULE_MODEL
from .document_dict import document_dict
from .legal_floor import legal_floor_problems

__all__ = ["ExclusiveGroup", "Policy", "Stacking"]


def version_text(value: Any) -> Any:
    """A version read as a number (`2026.11` in YAML or TOML) as the text written."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    return value


def date_or_instant(value: Any) -> Any:
    """An `effective_from` read by its shape, not by trying each type:
    "2026-03-01T00:00:00+08:00" is an instant (pydantic would also accept it as a date),
    "2026-03-01" a date; a naive date-time is refused."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value) if len(value) == 10 \
                else datetime.fromisoformat(value)
        except ValueError:
            raise ValueError("must be a date (2026-03-01) or an instant with a UTC "
                             f"offset (2026-03-01T00:00:00+08:00), got {value!r}") from None
    if isinstance(value, datetime) and value.tzinfo is None:
        raise ValueError("needs a UTC offset (naive date-times are refused), e.g. "
                         "2026-03-01T00:00:00+08:00, or give a date")
    return value


def _or_none(schema: dict[str, Any]) -> None:
    """`refund_cap`'s JSON Schema as `Policy._no_cap` reads it: `none` is no cap too."""
    for option in schema["anyOf"]:
        if "const" in option:
            option["enum"] = [option.pop("const"), "none"]


_CURRENCIES: list[JsonValue] = [*sorted(MINOR_UNITS)]
"""The currencies a policy may be in: those whose minor unit is known."""

class ExclusiveGroup(BaseModel):
    """Guarantees that never both pay: on the same line (`per="line"`), or on the same order
    at all (`per="order"`, for remedies priced on the whole order such as a return's
    freight)."""

    model_config = RULE_MODEL

    guarantees: tuple[GuaranteeId, ...]
    per: Literal["line", "order"] = "line"


class Stacking(BaseModel):
    """How guarantees combine. By default every guarantee that approves pays (late-ship
    coupon and spoilage refund on one order both pay)."""

    model_config = RULE_MODEL

    priority: tuple[GuaranteeId, ...] = ()
    """Rank for ties and for the order in which the refund cap is taken up (first is highest);
    unlisted guarantees come after, by id. The order of `Policy.guarantees` never matters."""
    exclusive: tuple[ExclusiveGroup, ...] = ()
    """Groups whose members never both pay on the same line (or order), in one decision or
    across the order's history: the member paying the buyer more wins (ties: priority), and
    the others are `excluded` there. A plain list of ids is read as a `per="line"` group."""

    @field_validator("exclusive", mode="before")
    @classmethod
    def _plain_lists(cls, groups: Any) -> Any:
        if isinstance(groups, list | tuple):
            return [{"guarantees": group} if isinstance(group, list | tuple) else group
                    for group in groups]
        return groups


class Policy(BaseModel):
    """A versioned set of guarantees, with the time zone, currency and rounding they are
    evaluated in and how they stack."""

    model_config = RULE_MODEL

    kind: Literal["policy"] = "policy"
    id: str = Field(min_length=1)
    """Names the policy in every decision."""
    version: str = Field(min_length=1)
    """This version's name, e.g. "2026.11" (quoted: a number is read as the text written,
    but an editor flags it); every decision names it."""
    title: str = ""
    """What the policy is called in reports."""
    effective_from: date | AwareDatetime | None = None
    """When this version comes into force: a date (its first instant in `time_zone`) or an
    instant. Read by `PolicyVersions`, which applies the version in force at a case's payment
    (or `as_of`); a policy used on its own applies to every case."""
    time_zone: str = DEFAULT_TIME_ZONE
    """IANA zone in which calendar-day windows are counted."""
    currency: str = Field("CNY", json_schema_extra={"enum": _CURRENCIES})
    """ISO 4217 code of the currency every amount of the policy is in."""
    rounding: RoundingMode = RoundingMode.HALF_UP
    """How a remedy's amount is rounded, once, to the currency's minor unit."""
    refund_cap: Literal["order_total"] | None = Field("order_total", json_schema_extra=_or_none)
    """Refunds on an order (history plus this decision) never exceed its total paid. None
    (written `none` in a document, as TOML has no null) sets no cap."""
    guarantees: tuple[Guarantee, ...]
    """The guarantees: each covers claim kinds and categories, and grants its remedies when
    its conditions hold."""
    stacking: Stacking = Stacking()
    """How the guarantees that approve combine: priority and exclusive groups."""

    _engine: Any = PrivateAttr(default=None)

    @field_validator("refund_cap", mode="before")
    @classmethod
    def _no_cap(cls, value: Any) -> Any:
        return None if value == "none" else value

    @field_validator("effective_from", mode="before")
    @classmethod
    def _date_or_instant(cls, value: Any) -> Any:
        return date_or_instant(value)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return version_text(value)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems: list[Problem] = []
        add = problems.append
        seen: set[str] = set()
        for index, guarantee in enumerate(self.guarantees):
            if guarantee.id in seen:
                add(Problem(f"guarantees[{index}].id", "guarantee_id_duplicate",
                            f"guarantee ids must be unique: {guarantee.id} appears twice"))
            seen.add(guarantee.id)
        if self.currency not in MINOR_UNITS:
            add(Problem("currency", "currency_unknown", f"unknown currency {self.currency!r}"))
        try:
            resolve_time_zone(self.time_zone)
        except ValueError as error:
            add(Problem("time_zone", "time_zone_unknown", str(error)))
        problems.extend(self._stacking_problems(seen))
        for index, shortfall in legal_floor_problems(self.guarantees):
            add(Problem(f"guarantees[{index}]", "below_legal_floor",
                        "the statutory 7-day no-reason return may be extended, not restricted: "
                        f"{self.guarantees[index].id}: {shortfall}"))
        if problems:
            raise_problems("Policy", problems)
        return self

    def _stacking_problems(self, ids: set[str]) -> list[Problem]:
        stacking = self.stacking
        problems: list[Problem] = []
        named = [(f"stacking.priority[{i}]", gid) for i, gid in enumerate(stacking.priority)]
        named += [(f"stacking.exclusive[{i}].guarantees[{j}]", gid)
                  for i, group in enumerate(stacking.exclusive)
                  for j, gid in enumerate(group.guarantees)]
        problems += [Problem(path, "guarantee_unknown",
                             f"stacking names {gid}, which the policy lacks")
                     for path, gid in named if gid not in ids]
        listed: set[str] = set()
        for index, gid in enumerate(stacking.priority):
            if gid in listed:
                problems.append(Problem(f"stacking.priority[{index}]", "priority_duplicate",
                                        f"stacking.priority lists {gid} twice"))
            listed.add(gid)
        grouped: set[str] = set()
        for index, group in enumerate(stacking.exclusive):
            members = set(group.guarantees)
            path = f"stacking.exclusive[{index}].guarantees"
            if len(members) < 2:
                problems.append(Problem(path, "group_too_small",
                                        "an exclusive group needs two different guarantees: "
                                        f"{', '.join(group.guarantees)}"))
            twice = sorted(members & grouped)
            if twice:
                problems.append(Problem(path, "group_overlap",
                                        "a guarantee may be in one exclusive group only: "
                                        f"{', '.join(twice)}"))
            grouped |= members
        return problems

    def starts_at(self) -> datetime | None:
        """The instant `effective_from` names, or None."""
        start = self.effective_from
        if start is None or isinstance(start, datetime):
            return start
        return start_of_day(start, resolve_time_zone(self.time_zone))

    def ranked_guarantees(self) -> tuple[Guarantee, ...]:
        """The guarantees in rank order: `stacking.priority` first, then the rest by id."""
        rank = {gid: index for index, gid in enumerate(self.stacking.priority)}
        return tuple(sorted(self.guarantees,
                            key=lambda g: (rank.get(g.id, len(rank)), g.id)))

    def reason_codes(self) -> tuple[str, ...]:
        """Every reason code a decision under this policy can carry."""
        grouped = {gid for group in self.stacking.exclusive for gid in group.guarantees}
        codes = ["policy.claim_kind_not_covered", "policy.no_automatic_guarantee"]
        for guarantee in self.ranked_guarantees():
            codes.extend(guarantee.reason_codes())
            if guarantee.id in grouped:
                codes.append(f"{guarantee.id}.excluded")
        return tuple(dict.fromkeys(codes))

    @classmethod
    def parse(cls, data: Policy | Mapping[str, Any] | str | bytes) -> Policy:
        """Validate a policy given as a dict or JSON text; raise `InvalidPolicyError`."""
        if isinstance(data, Policy):
            return data
        try:
            if isinstance(data, str | bytes | bytearray):
                data = json.loads(data, parse_float=Decimal)
            return cls.model_validate(data)
        except RecursionError:
            raise InvalidPolicyError([Problem("", "document_too_deep", "the policy nests too "
                                              "deeply to be read; refused")]) from None
        except ValueError as error:
            if isinstance(error, ValidationError):
                raise InvalidPolicyError(problems_from_validation_error(error, data)) from None
            raise InvalidPolicyError([Problem("", "invalid_json", f"not JSON: {error}")]) from None

    @classmethod
    def from_file(cls, path: str | Path) -> Policy:
        """The policy in a YAML, JSON or TOML document (docs/policy-files.md): a full policy
        or one that `extends: standard`. Raises `InvalidPolicyError` listing every problem
        (path, and line for YAML), also when the file holds versions in force (read those
        with `PolicyVersions.from_file` or `aftersales.load_policy`)."""
        loaded = hooks.load_document(path)
        if not isinstance(loaded, Policy):
            raise InvalidPolicyError([Problem("versions", "holds_versions",
                                              f"{path} holds {len(loaded.versions)} versions "
                                              "of a policy: read it with "
                                              "PolicyVersions.from_file or load_policy")])
        return loaded

    def to_file(self, path: str | Path) -> None:
        """Write the policy as a document in the format of the file's suffix (`.yaml`,
        `.json`, `.toml`); `Policy.from_file` reads it back exactly."""
        hooks.write_document(self, path)

    def guarantee(self, guarantee_id: str) -> Guarantee:
        for guarantee in self.guarantees:
            if guarantee.id == guarantee_id:
                return guarantee
        raise KeyError(guarantee_id)

    def with_guarantee(self, guarantee: Guarantee) -> Policy:
        """A copy with `guarantee` replacing the one with its id, or added at the end."""
        kept = [g if g.id != guarantee.id else guarantee for g in self.guarantees]
        if all(g.id != guarantee.id for g in self.guarantees):
            kept.append(guarantee)
        fields = {name: getattr(self, name) for name in type(self).model_fields}
        return type(self)(**{**fields, "guarantees": tuple(kept)})

    def to_dict(self) -> dict[str, Any]:
        """The policy as a document: every field that differs from its default, and every
        object's `kind`. `Policy.parse(policy.to_dict()) == policy`."""
        data = document_dict(self)
        if self.refund_cap is None:  # TOML has no null
            data["refund_cap"] = "none"
        return data

    # The compiled engine is a cache, not part of the policy: equality and hashing look at
    # fields only, and a copy (which may change fields) compiles its own engine.
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Policy):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copied = super().model_copy(update=update, deep=deep)
        copied._engine = None
        return copied

    def __getstate__(self) -> dict[Any, Any]:
        """Pickled without the compiled engine (a cache, and not picklable): a policy sent to
        another process compiles its own there (`aftersales.distributed`)."""
        return without_engine(super().__getstate__())

    @property
    def engine(self) -> Any:
        """The engine compiled from this policy (`aftersales.Engine`), built once."""
        if self._engine is None:
            self._engine = hooks.engine_for(self)
        return self._engine


def without_engine(state: dict[Any, Any]) -> dict[Any, Any]:
    """A pickled model's state with its `_engine` cache emptied."""
    private = state.get("__pydantic_private__")
    if not private or private.get("_engine") is None:
        return state
    return {**state, "__pydantic_private__": {**private, "_engine": None}}
