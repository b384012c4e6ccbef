"""A policy: a versioned set of guarantees with the time zone, currency and rounding they
are evaluated in. Policies are data: frozen, tagged, round-trip through JSON exactly."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, Self

from pydantic import BaseModel, Field, PrivateAttr, ValidationError, model_validator

from ._problems import problems_from_validation_error
from .conditions.base import RULE_MODEL
from .errors import InvalidPolicyError
from .guarantee import Guarantee
from .money import MINOR_UNITS, RoundingMode
from .timeline import DEFAULT_TIME_ZONE, resolve_time_zone

if TYPE_CHECKING:
    from .engine import Engine

__all__ = ["Policy"]


class Policy(BaseModel):
    model_config = RULE_MODEL

    kind: Literal["policy"] = "policy"
    id: str = Field(min_length=1)
    version: str = Field(min_length=1)
    title: str = ""
    time_zone: str = DEFAULT_TIME_ZONE
    """IANA zone in which calendar-day windows are counted."""
    currency: str = "CNY"
    rounding: RoundingMode = RoundingMode.HALF_UP
    refund_cap: Literal["order_total"] | None = "order_total"
    """Refunds on an order (history plus this decision) never exceed its total paid."""
    guarantees: tuple[Guarantee, ...]

    _engine: Engine | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        ids = [guarantee.id for guarantee in self.guarantees]
        duplicates = sorted({gid for gid in ids if ids.count(gid) > 1})
        if duplicates:
            raise ValueError(f"guarantee ids must be unique: {', '.join(duplicates)}")
        if self.currency not in MINOR_UNITS:
            raise ValueError(f"unknown currency {self.currency!r}")
        resolve_time_zone(self.time_zone)
        return self

    @classmethod
    def parse(cls, data: Policy | Mapping[str, Any] | str | bytes) -> Policy:
        """Validate a policy given as a dict or JSON text; raise `InvalidPolicyError`."""
        if isinstance(data, Policy):
            return data
        try:
            if isinstance(data, str | bytes | bytearray):
                return cls.model_validate_json(data)
            return cls.model_validate(data)
        except ValidationError as error:
            raise InvalidPolicyError(problems_from_validation_error(error)) from None

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
        return self.model_dump(mode="json")

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

    @property
    def engine(self) -> Engine:
        """The engine compiled from this policy, built once."""
        if self._engine is None:
            from .engine import Engine

            self._engine = Engine(self)
        return self._engine
