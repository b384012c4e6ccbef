"""A policy compiled once into a plan: for each claim kind, the guarantees that answer it in
rank order, each with its conditions, amounts and remedies compiled into closures, and the
policy's stacking rules as the passes read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from decimal import Decimal

from ..model.decision import Payer, PolicyRef
from ..model.kinds import ClaimKind, RemedyKind
from ..model.money import minor_unit
from ..model.time import resolve_time_zone
from ..policy.policy import Policy
from ..rules.guarantee import Guarantee
from ..rules.outcome import Check, Price
from ..rules.protocol import Build
from ..rules.remedies import GrantTerms

__all__ = ["CompiledGuarantee", "CompiledRemedy", "Plan"]


@dataclass(frozen=True, slots=True)
class CompiledRemedy:
    """One remedy a guarantee may grant (a buyer's choice is compiled option by option)."""

    kind: RemedyKind
    payer: Payer
    price: Price | None
    terms: GrantTerms
    counts_toward_cap: bool


@dataclass(frozen=True, slots=True)
class CompiledGuarantee:
    guarantee: Guarantee
    id: str
    rank: int
    categories: tuple[str, ...] | None
    excluded: tuple[str, ...]
    scoped: bool
    """It covers only some categories (a scope, or exclusions)."""
    checks: tuple[Check, ...]
    evidence: tuple[str, ...]
    remedies: tuple[tuple[CompiledRemedy, ...], ...]
    """Each remedy spec's options: one for a single remedy, several for a buyer's choice."""
    chooses: tuple[bool, ...]
    """Whether each remedy spec is a buyer's choice (recorded in the trace)."""


class Plan:
    """A policy compiled for evaluation."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.zone: tzinfo = resolve_time_zone(policy.time_zone)
        self.currency = policy.currency
        self.unit: Decimal = minor_unit(policy.currency)
        self.rounding = policy.rounding.decimal_rounding
        self.ref = PolicyRef(id=policy.id, version=policy.version)
        self.refund_cap = policy.refund_cap == "order_total"
        build = Build(self.zone, policy.currency, self.unit, self.rounding)
        ranked = policy.ranked_guarantees()
        self.rank = {guarantee.id: index for index, guarantee in enumerate(ranked)}
        compiled = {guarantee.id: _compile(guarantee, self.rank[guarantee.id], build)
                    for guarantee in ranked}
        self.by_claim_kind: dict[ClaimKind | None, tuple[CompiledGuarantee, ...]] = {
            kind: tuple(compiled[g.id] for g in ranked if g.covers_claim_kind(kind))
            for kind in (None, *ClaimKind)
        }
        self.add_ons = tuple(compiled[g.id] for g in ranked if g.is_add_on)
        self.exclusive = tuple((frozenset(group.guarantees), group.per == "order")
                               for group in policy.stacking.exclusive)
        add_on_ids = {g.id for g in self.add_ons}
        self.add_on_exclusive = tuple(entry for entry in self.exclusive
                                      if entry[0] & add_on_ids)
        self.advances = frozenset(
            g.id for g in ranked
            if any(option.terms().advance for option in g.offered()))
        """Guarantees that advance a refund already counted (their history refunds are not
        counted again)."""


def _compile(guarantee: Guarantee, rank: int, build: Build) -> CompiledGuarantee:
    remedies = tuple(
        tuple(CompiledRemedy(RemedyKind(option.kind), option.payer,
                             option.amount.compile(build) if option.amount is not None
                             else None, option.terms(), option.counts_toward_refund_cap())
              for option in spec.offered())
        for spec in guarantee.remedies)
    return CompiledGuarantee(
        guarantee=guarantee, id=guarantee.id, rank=rank, categories=guarantee.categories,
        excluded=guarantee.excluded_categories,
        scoped=guarantee.categories is not None or bool(guarantee.excluded_categories),
        checks=tuple(build.check(condition) for condition in guarantee.conditions),
        evidence=guarantee.evidence, remedies=remedies,
        chooses=tuple(len(options) > 1 for options in remedies))
