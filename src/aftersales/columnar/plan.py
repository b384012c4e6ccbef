"""A policy compiled into a columnar plan: for each claim kind, the Polars expressions that
decide its cases, built from the same policy objects as the row engine's plan (each rule part
gives its columnar form through the rule protocol). A claim kind has a columnar plan when at
most one guarantee answers it and every part of that guarantee has a columnar form; a case of
that kind is still sent to the row engine where the plan cannot be sure (`to_row`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..engine.plan import CompiledGuarantee, Plan
from ..model.decision import Status
from ..model.kinds import ACTIONS, ClaimKind
from .build import MAX_HISTORY, MAX_LINES, ColumnarAmount, ColumnarBuild
from .rational import at_half, round_half_up

if TYPE_CHECKING:
    import polars as pl

__all__ = ["ColumnarPlan", "KindPlan"]


@dataclass(frozen=True, slots=True)
class KindPlan:
    """The expressions deciding the cases of one claim kind (None: automatic)."""

    status: pl.Expr
    reason_code: pl.Expr
    remedies: tuple[tuple[str, str, str, bool, pl.Expr, pl.Expr], ...]
    """Each remedy: guarantee, kind, payer, return required, amount (minor units, null when
    not granted), the lines it is granted on."""
    to_row: pl.Expr
    """Cases the plan cannot be sure of: they go through the row engine."""


class ColumnarPlan:
    """The columnar plans of a row-engine plan's claim kinds (those that have one)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.by_claim_kind: dict[ClaimKind | None, KindPlan] = {}
        zone, unit = plan.zone, plan.unit
        if not isinstance(zone, ZoneInfo) or unit.as_tuple().exponent != -2 \
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
    import polars as pl

    if not guarantees:
        code = "policy.no_automatic_guarantee" if kind is None \
            else "policy.claim_kind_not_covered"
        return KindPlan(pl.lit(Status.NOT_COVERED.value), pl.lit(code), (), pl.lit(False))
    if len(guarantees) > 1:
        return None
    return _guarantee_plan(plan, guarantees[0], zone)


def _guarantee_plan(plan: Plan, compiled: CompiledGuarantee, zone: ZoneInfo) -> KindPlan | None:
    import polars as pl

    guarantee, gid = compiled.guarantee, compiled.id
    build = ColumnarBuild(zone=zone, unit_scale=100, guarantee=gid)
    slots = range(MAX_LINES)
    claimed = [build.line(i, "k") > 0 for i in slots]
    covers = guarantee.columnar_covers(build)
    covered = [claimed[i] & covers(i) for i in slots]
    checks = []
    for condition in guarantee.conditions:
        form = condition.columnar(build)
        if form is None:
            return None
        fails_with = form.fails_with if condition.code is None else pl.lit(condition.code)
        checks.append((form.holds, fails_with))
    eligible = [covered[i] for i in slots]
    failing: list[tuple[pl.Expr, pl.Expr]] = []
    for holds, fails_with in checks:
        on = [covered[i] & holds(i) for i in slots]
        eligible = [eligible[i] & holds(i) for i in slots]
        failing.append((~pl.any_horizontal(*on), fails_with))
    any_covered = pl.any_horizontal(*covered)
    any_eligible = pl.any_horizontal(*eligible)
    missing = pl.any_horizontal(*(~pl.col("evidence").list.contains(pl.lit(kind))
                                  for kind in guarantee.evidence)) if guarantee.evidence \
        else pl.lit(False)
    # Remedies: each spec one option (a buyer's choice has no columnar form yet).
    build = ColumnarBuild(zone=zone, unit_scale=100, guarantee=gid, eligible=tuple(eligible))
    line_ids = pl.concat_list(*(pl.when(eligible[i]).then(build.line(i, "id"))
                                for i in slots)).list.drop_nulls()
    fractions = pl.sum_horizontal(*(eligible[i] & (build.line(i, "k") != build.line(i, "qty"))
                                    for i in slots))
    refunded = pl.sum_horizontal(*(
        pl.when(pl.col(f"h{j}_on_order") & (pl.col(f"h{j}_kind") == "refund")
                & ~pl.col(f"h{j}_guarantee").is_in(list(plan.advances)))
        .then(pl.col(f"h{j}_amount").fill_null(0)).otherwise(0) for j in range(MAX_HISTORY)))
    left = pl.col("total") - refunded
    doubt = refunded > pl.col("total")  # the row engine says the history is wrong
    granted: list[tuple[str, str, str, bool, pl.Expr, pl.Expr]] = []
    given_before_cap: list[pl.Expr] = []
    for remedy, options in zip(guarantee.remedies, compiled.remedies, strict=True):
        if len(options) != 1:
            return None
        spec = options[0]
        if spec.terms.due_days_after_return is not None or spec.terms.advance:
            return None
        amount: pl.Expr
        if spec.price is None:
            amount = pl.lit(None, dtype=pl.Int64)
            given = pl.lit(True)
        else:
            formula = remedy.offered()[0].amount
            form: ColumnarAmount | None = None if formula is None else formula.columnar(build)
            if form is None:
                return None
            rounded = round_half_up(form.numerator, form.denominator)
            doubt = doubt | (any_eligible & at_half(form.numerator, form.denominator)
                             & (fractions >= 2))
            if spec.kind in ACTIONS:
                amount = pl.when(rounded > 0).then(rounded).otherwise(None)
                given = pl.lit(True)
            else:
                amount, given = rounded, rounded > 0
        given_before_cap.append(given)
        if plan.refund_cap and spec.counts_toward_cap:
            removed = given & (left <= 0)
            amount = pl.when(given & (amount > left)).then(left).otherwise(amount)
            left = pl.when(given & ~removed).then(left - amount).otherwise(left)
            given = given & ~removed
        granted.append((gid, spec.kind.value, spec.payer.value, spec.terms.return_required,
                        pl.when(given).then(amount).otherwise(None),
                        pl.when(given).then(line_ids).otherwise(None)))
    if not granted:
        return None
    any_given = pl.any_horizontal(*given_before_cap)
    all_capped = ~pl.any_horizontal(*(lines.is_not_null() for *_, lines in granted))
    reason = pl.when(~any_covered).then(pl.lit("category_not_covered"))
    for fails, fails_with in failing:
        reason = reason.when(fails).then(fails_with)
    reason = reason.when(~any_eligible).then(pl.lit("no_line_eligible")).when(missing).then(
        pl.lit("evidence_missing")).when(~any_given).then(pl.lit("zero_amount")) \
        .when(all_capped).then(pl.lit("nothing_left_to_refund")).otherwise(pl.lit("approved"))
    failed = pl.any_horizontal(*(fails for fails, _ in failing)) if failing else pl.lit(False)
    status = pl.when(~any_covered).then(pl.lit(Status.NOT_COVERED.value)).when(
        failed | ~any_eligible).then(pl.lit(Status.DENIED.value)).when(missing).then(
        pl.lit(Status.NEEDS_EVIDENCE.value)).when(all_capped | ~any_given).then(
        pl.lit(Status.DENIED.value)).otherwise(pl.lit(Status.APPROVED.value))
    approved = status == Status.APPROVED.value
    remedies = tuple((g, k, p, r, pl.when(approved).then(a).otherwise(None),
                      pl.when(approved).then(lines).otherwise(None))
                     for g, k, p, r, a, lines in granted)
    to_row = doubt
    if plan.add_ons:  # an add-on may follow an approval: the row engine checks it
        to_row = to_row | approved
    if any(compiled.id in group for group, _ in plan.exclusive):
        to_row = to_row | (pl.col("n_history") > 0)
    return KindPlan(status, pl.lit(f"{gid}.") + reason, remedies, to_row)
