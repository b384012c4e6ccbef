"""A policy compiled into a columnar plan: for each claim kind, the Polars expressions that
decide its cases, built from the same policy objects as the row engine's plan (each rule part
gives its columnar form through the rule protocol). A claim kind has a columnar plan when every
part of every guarantee answering it has a columnar form; a case of that kind is still sent to
the row engine where the plan cannot be sure (`to_row`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..engine.plan import CompiledGuarantee, CompiledRemedy, Plan
from ..model.decision import Payer, Status
from ..model.kinds import ACTIONS, ClaimKind
from ..rules.columnar import (
    MAX_HISTORY,
    MAX_LINES,
    ColumnarAmount,
    ColumnarBuild,
    round_half_up,
    zone_agrees,
)
from .frame import LINE_ID_SEPARATOR

if TYPE_CHECKING:
    import polars as pl

__all__ = ["ColumnarPlan", "KindPlan", "slot_line_ids", "slot_mask"]

_STATUS_ORDER = (Status.APPROVED, Status.NEEDS_EVIDENCE, Status.DENIED, Status.NOT_COVERED)
"""Which verdict a decision takes its status and main reason from (then by rank): the row
engine's order."""


@dataclass(frozen=True, slots=True)
class KindPlan:
    """The expressions deciding the cases of one claim kind (None: automatic)."""

    stages: tuple[dict[str, pl.Expr], ...]
    """Intermediate columns, computed stage by stage (each reads the ones before)."""
    status: pl.Expr
    reason_code: pl.Expr
    reason_guarantee: pl.Expr
    """The guarantee whose reason `reason_code` is (null: the policy's own)."""
    remedies: tuple[tuple[str, str, str, bool, pl.Expr, pl.Expr], ...]
    """Each remedy: guarantee, kind, payer, return required, amount (minor units, null when
    not granted), the slots of the lines it is granted on (`slot_mask`; null when not
    granted)."""
    to_row: pl.Expr
    """Cases the plan cannot be sure of: they go through the row engine."""


class ColumnarPlan:
    """The columnar plans of a row-engine plan's claim kinds (those that have one)."""

    def __init__(self, plan: Plan) -> None:
        # Not the plan itself: the cache of columnar plans is keyed by the plan's engine,
        # which the plan's policy holds, so a plan held here would keep its key alive.
        self.currency = plan.currency
        self.version = plan.ref.version
        self.by_claim_kind: dict[ClaimKind | None, KindPlan] = {}
        zone, unit = plan.zone, plan.unit
        if not isinstance(zone, ZoneInfo) or not zone_agrees(zone) \
                or unit.as_tuple().exponent != -2 \
                or plan.policy.rounding.decimal_rounding != "ROUND_HALF_UP":
            return
        for kind, guarantees in plan.by_claim_kind.items():
            compiled = _kind_plan(plan, kind, guarantees, zone)
            if compiled is not None:
                self.by_claim_kind[kind] = compiled

    @property
    def covered_kinds(self) -> tuple[str | None, ...]:
        """The claim kinds (values; None for automatic) decided here."""
        return tuple(None if kind is None else kind.value for kind in self.by_claim_kind)


def _kind_plan(plan: Plan, kind: ClaimKind | None, guarantees: tuple[CompiledGuarantee, ...],
               zone: ZoneInfo) -> KindPlan | None:
    """The guarantees answering `kind` (in rank order), each to its own verdict, then
    settled as the row engine settles them: the refund cap taken up in rank order, the
    status and main reason of the best verdict (status first, then rank), the remedies of
    every approved guarantee in rank order."""
    import polars as pl

    if not guarantees:
        code = "policy.no_automatic_guarantee" if kind is None \
            else "policy.claim_kind_not_covered"
        return KindPlan((), pl.lit(Status.NOT_COVERED.value), pl.lit(code),
                        pl.lit(None, pl.String), (), _refunded(plan) > pl.col("total"))
    verdicts = []
    for index, compiled in enumerate(guarantees):
        verdict = _Verdict.of(plan, compiled, zone, f"_g{index}")
        if verdict is None:
            return None
        verdicts.append(verdict)
    col = pl.col
    refunded = _refunded(plan)
    stages: list[dict[str, pl.Expr]] = [
        {"_left": col("total") - refunded, "_history_doubt": refunded > col("total")}]
    for step in range(len(verdicts[0].stages)):
        stages.append({name: expr for verdict in verdicts
                       for name, expr in verdict.stages[step].items()})
    stages += _cap_stages(plan, verdicts)
    stages.append({verdict.status: verdict.settled_status() for verdict in verdicts}
                  | {verdict.reason: verdict.settled_reason() for verdict in verdicts})
    to_row = col("_history_doubt")
    followed = [v for v in verdicts if _add_on_may_follow(plan, v.specs)]
    added = _add_ons(plan, verdicts, zone) if followed else None
    if added is None:
        for verdict in followed:  # the row engine checks the add-ons
            to_row = to_row | verdict.approved()
        add_ons: list[_Verdict] = []
    else:
        add_ons, add_on_stages, add_on_doubt = added
        stages += add_on_stages
        to_row = to_row | add_on_doubt
    ranked = sorted(verdicts + add_ons, key=lambda v: plan.rank[v.compiled.id])
    for verdict in ranked:
        to_row = to_row | verdict.unsure()
    status, reason, guarantee = _best(ranked)
    remedies = tuple(remedy for verdict in ranked for remedy in verdict.remedies())
    members = {v.compiled.id: v for v in verdicts}
    for group, _ in plan.exclusive:
        inside = [members[gid] for gid in sorted(group) if gid in members]
        approved = [pl.col(v.approved_before_cap) for v in inside]
        for verdict, member_approved in zip(inside, approved, strict=True):
            # another member paid on the order before: the row engine weighs the history
            to_row = to_row | (member_approved & _granted_before_by(group - {verdict.compiled.id}))
        if len(inside) > 1:  # two members approved: the row engine keeps one payer a line
            to_row = to_row | (pl.sum_horizontal(*approved) > 1)
    return KindPlan(tuple(stages), status, reason, guarantee, remedies, to_row)


def _best(verdicts: list[_Verdict]) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """The decision's status, main reason and its guarantee: of the verdicts with the best
    status, the first in rank order."""
    import polars as pl

    if len(verdicts) == 1:
        only = verdicts[0]
        return pl.col(only.status), pl.col(only.reason), pl.lit(only.compiled.id)
    ranked = [(state, verdict) for state in _STATUS_ORDER for verdict in verdicts]

    def best(value: Callable[[_Verdict, Status], pl.Expr]) -> pl.Expr:
        return pl.coalesce(*(pl.when(pl.col(v.status) == state.value).then(value(v, state))
                             for state, v in ranked))

    return (best(lambda v, state: pl.lit(state.value)), best(lambda v, _: pl.col(v.reason)),
            best(lambda v, _: pl.lit(v.compiled.id)))


def _cap_stages(plan: Plan, verdicts: list[_Verdict]) -> list[dict[str, pl.Expr]]:
    """The refund cap, taken up remedy by remedy in rank order by the verdicts that are
    approved before it; a remedy outside the cap is kept when its verdict is approved."""
    import polars as pl

    col = pl.col
    stages: list[dict[str, pl.Expr]] = []
    for verdict in verdicts:
        approved = col(verdict.approved_before_cap)
        for r, spec in enumerate(verdict.specs):
            given, amount = col(verdict.name(f"given{r}")), col(verdict.name(f"amt{r}"))
            kept_name = verdict.name(f"kept{r}")
            if not (plan.refund_cap and spec.counts_toward_cap):
                stages.append({kept_name: approved & given})
                continue
            left = col("_left")
            capped = pl.when(amount > left).then(left).otherwise(amount)
            kept = approved & given & (left > 0)
            stages.append({kept_name: kept, verdict.name(f"amt{r}"): capped,
                           "_left": pl.when(kept).then(left - capped).otherwise(left)})
    return stages


@dataclass(frozen=True, slots=True)
class _Verdict:
    """One guarantee's verdict as columns named under `prefix`: coverage, conditions and
    evidence, then each remedy's exact and rounded amount (the stages), and its status before
    the refund cap."""

    compiled: CompiledGuarantee
    prefix: str
    stages: tuple[dict[str, pl.Expr], ...]
    specs: tuple[CompiledRemedy, ...]
    sure: tuple[str, ...] = ()
    """Columns saying where an amount's exact arithmetic is sure to stay within int64."""

    def name(self, part: str) -> str:
        return f"{self.prefix}_{part}"

    @property
    def status(self) -> str:
        return self.name("status")

    @property
    def reason(self) -> str:
        return self.name("reason")

    @property
    def approved_before_cap(self) -> str:
        return self.name("pre")

    def approved(self) -> pl.Expr:
        import polars as pl

        return pl.col(self.status) == Status.APPROVED.value

    def unsure(self) -> pl.Expr:
        """Where an amount's arithmetic may leave int64: the row engine decides those."""
        import polars as pl

        return ~pl.all_horizontal(*(pl.col(name) for name in self.sure)) if self.sure \
            else pl.lit(False)

    def _kept(self) -> tuple[pl.Expr, ...]:
        import polars as pl

        return tuple(pl.col(self.name(f"kept{r}")) for r in range(len(self.specs)))

    def settled_status(self) -> pl.Expr:
        import polars as pl

        col = pl.col
        return pl.when(col(self.approved_before_cap) & ~pl.any_horizontal(*self._kept())).then(
            pl.lit(Status.DENIED.value)).otherwise(col(self.name("verdict")))

    def settled_reason(self) -> pl.Expr:
        import polars as pl

        col = pl.col
        return pl.lit(f"{self.compiled.id}.") + pl.when(
            col(self.approved_before_cap) & ~pl.any_horizontal(*self._kept())).then(
            pl.lit("nothing_left_to_refund")).otherwise(col(self.name("why")))

    def remedies(self) -> tuple[tuple[str, str, str, bool, pl.Expr, pl.Expr], ...]:
        import polars as pl

        approved = self.approved()
        lines = pl.col(self.name("slots"))
        return tuple((self.compiled.id, spec.kind.value, spec.payer.value,
                      spec.terms.return_required,
                      pl.when(approved & kept).then(pl.col(self.name(f"amt{r}"))),
                      pl.when(approved & kept).then(lines))
                     for r, (spec, kept) in enumerate(zip(self.specs, self._kept(),
                                                          strict=True)))

    @classmethod
    def of(cls, plan: Plan, compiled: CompiledGuarantee, zone: ZoneInfo, prefix: str,
           returns: tuple[tuple[pl.Expr, ...], tuple[pl.Expr, ...]] = ((), ()),
           ) -> _Verdict | None:
        """The guarantee's columns, or None when a part of it has no columnar form. An
        add-on gets the returns approved before it (any, and those whose leg the buyer
        bears), a column per slot."""
        import polars as pl

        def n(part: str) -> str:
            return f"{prefix}_{part}"

        guarantee, gid = compiled.guarantee, compiled.id
        approved_returns, buyer_paid_returns = returns
        build = ColumnarBuild(zone=zone, unit_scale=100, guarantee=gid,
                              approved_returns=approved_returns,
                              buyer_paid_returns=buyer_paid_returns)
        slots = range(MAX_LINES)
        col = pl.col
        # Stage 1: coverage, each check on each slot, evidence.
        covers = guarantee.columnar_covers(build)
        covered = tuple((build.line(i, "k") > 0) & covers(i).fill_null(False) for i in slots)
        first: dict[str, pl.Expr] = {n(f"cov{i}"): covered[i] for i in slots}
        build = replace(build, covered=covered)
        codes: list[pl.Expr] = []
        held: list[tuple[pl.Expr, ...]] = []  # a column per slot; order-level: one for all
        for c, condition in enumerate(guarantee.conditions):
            form = condition.columnar(build)
            if form is None:
                return None
            codes.append(form.fails_with if condition.code is None else pl.lit(condition.code))
            holds = [form.holds(i).fill_null(False) for i in slots]
            if all(expr.meta.eq(holds[0]) for expr in holds[1:]):
                first[n(f"h{c}")] = holds[0]
                held.append((col(n(f"h{c}")),) * MAX_LINES)
            else:
                first |= {n(f"h{c}_{i}"): holds[i] for i in slots}
                held.append(tuple(col(n(f"h{c}_{i}")) for i in slots))
        first[n("missing")] = pl.any_horizontal(*(
            ~col("evidence").list.contains(pl.lit(kind)) for kind in guarantee.evidence)) \
            if guarantee.evidence else pl.lit(False)
        # Stage 2: the first condition that holds on no covered line, the eligible slots.
        checks = range(len(codes))
        second: dict[str, pl.Expr] = {n("code"): pl.lit(None, pl.String) if not codes else
                                      pl.coalesce(*(
            pl.when(~pl.any_horizontal(*(col(n(f"cov{i}")) & held[c][i]
                                         for i in slots))).then(code)
            for c, code in enumerate(codes)))}
        second |= {n(f"e{i}"): pl.all_horizontal(col(n(f"cov{i}")),
                                                 *(held[c][i] for c in checks))
                   for i in slots}
        eligible = tuple(col(n(f"e{i}")) for i in slots)
        build = replace(build, eligible=eligible)
        any_covered = pl.any_horizontal(*(col(n(f"cov{i}")) for i in slots))
        any_eligible = pl.any_horizontal(*eligible)
        # Stage 3: each remedy's exact amount; stage 4: rounded.
        exact: dict[str, pl.Expr] = {n("slots"): slot_mask(eligible)}
        rounded: dict[str, pl.Expr] = {}
        specs: list[CompiledRemedy] = []
        sure: list[str] = []
        for r, (remedy, options) in enumerate(zip(guarantee.remedies, compiled.remedies,
                                                  strict=True)):
            if len(options) != 1:
                return None
            spec = options[0]
            if spec.terms.advance:  # a due date is not in the table: it may stay
                return None
            specs.append(spec)
            if spec.price is None:
                rounded[n(f"amt{r}")] = pl.lit(None, dtype=pl.Int64)
                rounded[n(f"given{r}")] = pl.lit(True)
                continue
            formula = remedy.offered()[0].amount
            price: ColumnarAmount | None = None if formula is None else formula.columnar(build)
            if price is None:
                return None
            exact |= {n(f"num{r}"): price.numerator, n(f"den{r}"): price.denominator}
            if price.sure is not None:
                exact[n(f"sure{r}")] = price.sure
                sure.append(n(f"sure{r}"))
            numerator, denominator = col(n(f"num{r}")), col(n(f"den{r}"))
            amount = round_half_up(numerator, denominator)
            if spec.kind in ACTIONS:
                rounded[n(f"amt{r}")] = pl.when(amount > 0).then(amount).otherwise(None)
                rounded[n(f"given{r}")] = pl.lit(True)
            else:
                rounded[n(f"amt{r}")] = amount
                rounded[n(f"given{r}")] = amount > 0
        if not specs:
            return None
        any_given = pl.any_horizontal(*(col(n(f"given{r}")) for r in range(len(specs))))
        code = col(n("code"))
        # Stage 5: the verdict before the refund cap.
        judged: dict[str, pl.Expr] = {}
        judged[n("verdict")] = pl.when(~any_covered).then(pl.lit(
            Status.NOT_COVERED.value)).when(code.is_not_null() | ~any_eligible).then(
            pl.lit(Status.DENIED.value)).when(col(n("missing"))).then(
            pl.lit(Status.NEEDS_EVIDENCE.value)).when(~any_given).then(
            pl.lit(Status.DENIED.value)).otherwise(pl.lit(Status.APPROVED.value))
        judged[n("why")] = pl.when(~any_covered).then(pl.lit("category_not_covered")).when(
            code.is_not_null()).then(code).when(~any_eligible).then(
            pl.lit("no_line_eligible")).when(col(n("missing"))).then(
            pl.lit("evidence_missing")).when(~any_given).then(
            pl.lit("zero_amount")).otherwise(pl.lit("approved"))
        judged[n("pre")] = any_covered & code.is_null() & any_eligible & ~col(n("missing")) \
            & any_given
        return cls(compiled, prefix, (first, second, exact, rounded, judged), tuple(specs),
                   tuple(sure))


def _add_ons(plan: Plan, verdicts: list[_Verdict], zone: ZoneInfo
             ) -> tuple[list[_Verdict], list[dict[str, pl.Expr]], pl.Expr] | None:
    """The add-ons' verdicts, checked after the others' are settled as the row engine
    follows approvals: each reads the returns approved before it, and counts only when it
    approves and something else did. Their stages, and the cases left to the row engine (two
    members of an exclusive group of add-ons approved, or one granted before). None when an
    add-on has a part with no columnar form, takes up the refund cap, or shares an exclusive
    group with a guarantee that is not an add-on."""
    import polars as pl

    col = pl.col
    slots = range(MAX_LINES)
    add_on_ids = {compiled.id for compiled in plan.add_ons}
    if any(not group <= add_on_ids for group, _ in plan.add_on_exclusive):
        return None

    def returned(slot: int, buyer_leg: bool) -> pl.Expr:
        approved = [v.approved() & col(v.name(f"kept{r}")) & col(v.name(f"e{slot}"))
                    for v in verdicts for r, spec in enumerate(v.specs)
                    if spec.terms.return_required
                    and (not buyer_leg or spec.terms.return_shipping_payer is Payer.BUYER)]
        return pl.any_horizontal(*approved) if approved else pl.lit(False)

    stages: list[dict[str, pl.Expr]] = [
        {f"_ret{i}": returned(i, False) for i in slots}
        | {f"_bret{i}": returned(i, True) for i in slots}]
    returns = (tuple(col(f"_ret{i}") for i in slots), tuple(col(f"_bret{i}") for i in slots))
    add_ons: list[_Verdict] = []
    for index, compiled in enumerate(plan.add_ons):
        verdict = _Verdict.of(plan, compiled, zone, f"_a{index}", returns)
        if verdict is None or (plan.refund_cap
                               and any(spec.counts_toward_cap for spec in verdict.specs)):
            return None
        add_ons.append(verdict)
    for step in range(len(add_ons[0].stages)):
        stages.append({name: expr for verdict in add_ons
                       for name, expr in verdict.stages[step].items()})
    stages.append({verdict.name(f"kept{r}"): col(verdict.approved_before_cap)
                   & col(verdict.name(f"given{r}"))
                   for verdict in add_ons for r in range(len(verdict.specs))})
    followed = pl.any_horizontal(*(verdict.approved() for verdict in verdicts))
    counted = {verdict.compiled.id: followed & (verdict.settled_status()
                                                == Status.APPROVED.value)
               for verdict in add_ons}
    doubt = pl.lit(False)
    excluded = {gid: pl.lit(False) for gid in counted}
    by_id = {v.compiled.id: v for v in add_ons}
    for group, per_order in plan.add_on_exclusive:
        inside = [gid for gid in sorted(group) if gid in counted]
        for gid in inside:  # another member granted on the order before: the row engine
            doubt = doubt | (counted[gid] & _granted_before_by(group - {gid}))
        if not per_order:  # two members approved: the row engine splits the lines
            doubt = doubt | (pl.sum_horizontal(*(counted[gid] for gid in inside)) > 1)
            continue
        for gid in inside:
            excluded[gid] = excluded[gid] | _outpaid(plan, by_id, counted, gid, inside)
    settled: dict[str, pl.Expr] = {}
    for v in add_ons:  # an add-on that does not count gives no reason: a null here
        gid = v.compiled.id
        settled[v.status] = pl.when(counted[gid] & excluded[gid]).then(
            pl.lit(Status.DENIED.value)).when(counted[gid]).then(v.settled_status())
        settled[v.reason] = pl.when(counted[gid] & excluded[gid]).then(
            pl.lit(f"{gid}.excluded")).when(counted[gid]).then(v.settled_reason())
    stages.append(settled)
    return add_ons, stages, doubt


def _outpaid(plan: Plan, add_ons: dict[str, _Verdict], counted: dict[str, pl.Expr], gid: str,
             group: list[str]) -> pl.Expr:
    """Whether another member of a per-order exclusive group approved here takes the order
    from `gid`, as `engine.stacking.contest` gives it: the one paying the buyer most (what
    its grants pay, exactly), then the higher rank."""
    import polars as pl

    def paid(verdict: _Verdict) -> pl.Expr:
        return pl.sum_horizontal(*(
            pl.when(pl.col(verdict.name(f"kept{r}"))).then(
                pl.col(verdict.name(f"amt{r}")).fill_null(0)).otherwise(0)
            for r in range(len(verdict.specs))))

    mine = paid(add_ons[gid])
    beaten = []
    for other in group:
        if other != gid:
            theirs = paid(add_ons[other])
            ranks_higher = pl.lit(plan.rank[other] < plan.rank[gid])
            beaten.append(counted[other] & ((theirs > mine) | ((theirs == mine) & ranks_higher)))
    return pl.any_horizontal(*beaten) if beaten else pl.lit(False)


def _add_on_may_follow(plan: Plan, specs: tuple[CompiledRemedy, ...]) -> bool:
    """Whether an add-on may follow an approval by these remedies. An add-on that needs a
    return approved in this decision cannot follow remedies that approve no return."""
    if any(spec.terms.return_required for spec in specs):
        return bool(plan.add_ons)
    return not all(_needs_return_here(add_on) for add_on in plan.add_ons)


def _needs_return_here(compiled: CompiledGuarantee) -> bool:
    return any(part.lint_facts().return_in_decision is not None
               for condition in compiled.guarantee.conditions
               for _, part in condition.must_hold())


def _granted_before_by(group: frozenset[str]) -> pl.Expr:
    """Whether the history has an entry on this order granted by a member of `group`. (A
    member's own grants before never exclude it: only the others' do.)"""
    import polars as pl

    col = pl.col
    if not group:
        return pl.lit(False)
    return pl.any_horizontal(*(col(f"h{j}_on_order") & col(f"h{j}_guarantee").is_in(
        sorted(group)).fill_null(False) for j in range(MAX_HISTORY)))


def _refunded(plan: Plan) -> pl.Expr:
    """What the history refunded on the order before (advances aside), in minor units."""
    import polars as pl

    col = pl.col
    return pl.sum_horizontal(*(
        pl.when(col(f"h{j}_on_order") & (col(f"h{j}_kind") == "refund")
                & ~col(f"h{j}_guarantee").is_in(list(plan.advances)))
        .then(col(f"h{j}_amount").fill_null(0)).otherwise(0) for j in range(MAX_HISTORY)))


def slot_mask(slots: tuple[pl.Expr, ...]) -> pl.Expr:
    """The slots whose flag is set, as bits (slot i: 1 << i). A remedy carries its lines this
    way through the plan; only granted ones are turned into line ids (`slot_line_ids`)."""
    import polars as pl

    return pl.sum_horizontal(*(pl.when(flag).then(pl.lit(1 << i, pl.UInt8))
                               .otherwise(pl.lit(0, pl.UInt8))
                               for i, flag in enumerate(slots))).cast(pl.UInt8)


def slot_line_ids(mask: pl.Expr) -> pl.Expr:
    """The ids of the lines in the slots of `mask`, in slot order."""
    import polars as pl

    col = pl.col
    joined = pl.concat_str(*(pl.when((mask & (1 << i)) != 0).then(col(f"l{i}_id"))
                             for i in range(MAX_LINES)),
                           separator=LINE_ID_SEPARATOR, ignore_nulls=True)
    return pl.when(mask != 0).then(joined.str.split(LINE_ID_SEPARATOR)).otherwise(
        pl.lit([], dtype=pl.List(pl.String)))
