"""A policy compiled into a columnar plan: for each claim kind, the Polars expressions that
decide its cases, built from the same policy objects as the row engine's plan (each rule part
gives its columnar form through the rule protocol). A claim kind has a columnar plan when at
most one guarantee answers it and every part of that guarantee has a columnar form; a case of
that kind is still sent to the row engine where the plan cannot be sure (`to_row`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..engine.plan import CompiledGuarantee, CompiledRemedy, Plan
from ..model.decision import Status
from ..model.kinds import ACTIONS, ClaimKind
from ..rules.columnar import MAX_HISTORY, MAX_LINES, ColumnarAmount, ColumnarBuild
from .rational import at_half, round_half_up

if TYPE_CHECKING:
    import polars as pl

__all__ = ["ColumnarPlan", "KindPlan"]


@dataclass(frozen=True, slots=True)
class KindPlan:
    """The expressions deciding the cases of one claim kind (None: automatic)."""

    stages: tuple[dict[str, pl.Expr], ...]
    """Intermediate columns, computed stage by stage (each reads the ones before)."""
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
        return KindPlan((), pl.lit(Status.NOT_COVERED.value), pl.lit(code), (),
                        _refunded(plan) > pl.col("total"))
    if len(guarantees) > 1:
        return None
    return _guarantee_plan(plan, guarantees[0], zone)


def _guarantee_plan(plan: Plan, compiled: CompiledGuarantee, zone: ZoneInfo) -> KindPlan | None:
    import polars as pl

    guarantee, gid = compiled.guarantee, compiled.id
    build = ColumnarBuild(zone=zone, unit_scale=100, guarantee=gid)
    slots = range(MAX_LINES)
    col = pl.col
    stages: list[dict[str, pl.Expr]] = []
    # Stage 1: coverage, each check on each slot, evidence.
    covers = guarantee.columnar_covers(build)
    first: dict[str, pl.Expr] = {f"_cov{i}": (build.line(i, "k") > 0) & covers(i).fill_null(False)
                                 for i in slots}
    codes: list[pl.Expr] = []
    for c, condition in enumerate(guarantee.conditions):
        form = condition.columnar(build)
        if form is None:
            return None
        codes.append(form.fails_with if condition.code is None else pl.lit(condition.code))
        first |= {f"_h{c}_{i}": form.holds(i).fill_null(False) for i in slots}
    first["_missing"] = pl.any_horizontal(*(
        ~col("evidence").list.contains(pl.lit(kind)) for kind in guarantee.evidence)) \
        if guarantee.evidence else pl.lit(False)
    second: dict[str, pl.Expr] = {}
    second["_code"] = pl.lit(None, pl.String) if not codes else pl.coalesce(*(
        pl.when(~pl.any_horizontal(*(col(f"_cov{i}") & col(f"_h{c}_{i}") for i in slots)))
        .then(code) for c, code in enumerate(codes)))
    stages.append(first)
    checks = range(len(codes))
    second |= {f"_e{i}": pl.all_horizontal(col(f"_cov{i}"), *(col(f"_h{c}_{i}")
                                                             for c in checks))
               for i in slots}
    stages.append(second)
    eligible = tuple(col(f"_e{i}") for i in slots)
    build = ColumnarBuild(zone=zone, unit_scale=100, guarantee=gid, eligible=eligible)
    any_covered = pl.any_horizontal(*(col(f"_cov{i}") for i in slots))
    any_eligible = pl.any_horizontal(*eligible)
    line_ids = pl.concat_list(*(pl.when(eligible[i]).then(build.line(i, "id"))
                                for i in slots)).list.drop_nulls()
    fractions = pl.sum_horizontal(*(eligible[i] & (build.line(i, "k") != build.line(i, "qty"))
                                    for i in slots))
    refunded = _refunded(plan)
    # Stage 3: each remedy's exact amount; stage 4: rounded, and the half-unit edge.
    # More refunded before than paid: the row engine says the history is wrong.
    exact: dict[str, pl.Expr] = {"_lines": line_ids, "_left": col("total") - refunded,
                                 "_doubt": refunded > col("total")}
    rounded: dict[str, pl.Expr] = {}
    doubt = col("_doubt")
    specs = []
    for r, (remedy, options) in enumerate(zip(guarantee.remedies, compiled.remedies,
                                              strict=True)):
        if len(options) != 1:
            return None
        spec = options[0]
        if spec.terms.due_days_after_return is not None or spec.terms.advance:
            return None
        specs.append(spec)
        if spec.price is None:
            rounded[f"_amt{r}"] = pl.lit(None, dtype=pl.Int64)
            rounded[f"_given{r}"] = pl.lit(True)
            continue
        formula = remedy.offered()[0].amount
        price: ColumnarAmount | None = None if formula is None else formula.columnar(build)
        if price is None:
            return None
        exact |= {f"_num{r}": price.numerator, f"_den{r}": price.denominator}
        numerator, denominator = col(f"_num{r}"), col(f"_den{r}")
        amount = round_half_up(numerator, denominator)
        doubt = doubt | (any_eligible & at_half(numerator, denominator) & (fractions >= 2))
        if spec.kind in ACTIONS:
            rounded[f"_amt{r}"] = pl.when(amount > 0).then(amount).otherwise(None)
            rounded[f"_given{r}"] = pl.lit(True)
        else:
            rounded[f"_amt{r}"] = amount
            rounded[f"_given{r}"] = amount > 0
    if not specs:
        return None
    rounded["_doubt"] = doubt
    stages += [exact, rounded]
    # Stage 5...: the refund cap, taken up remedy by remedy.
    for r, spec in enumerate(specs):
        if not (plan.refund_cap and spec.counts_toward_cap):
            stages.append({f"_kept{r}": col(f"_given{r}")})
            continue
        given, left, amount = col(f"_given{r}"), col("_left"), col(f"_amt{r}")
        capped = pl.when(amount > left).then(left).otherwise(amount)
        kept = given & (left > 0)
        stages.append({f"_kept{r}": kept, f"_amt{r}": capped,
                       "_left": pl.when(kept).then(left - capped).otherwise(left)})
    any_given = pl.any_horizontal(*(col(f"_given{r}") for r in range(len(specs))))
    any_kept = pl.any_horizontal(*(col(f"_kept{r}") for r in range(len(specs))))
    status = pl.when(~any_covered).then(pl.lit(Status.NOT_COVERED.value)).when(
        col("_code").is_not_null() | ~any_eligible).then(pl.lit(Status.DENIED.value)).when(
        col("_missing")).then(pl.lit(Status.NEEDS_EVIDENCE.value)).when(~any_kept).then(
        pl.lit(Status.DENIED.value)).otherwise(pl.lit(Status.APPROVED.value))
    reason = pl.when(~any_covered).then(pl.lit("category_not_covered")).when(
        col("_code").is_not_null()).then(col("_code")).when(~any_eligible).then(
        pl.lit("no_line_eligible")).when(col("_missing")).then(pl.lit("evidence_missing")).when(
        ~any_given).then(pl.lit("zero_amount")).when(~any_kept).then(
        pl.lit("nothing_left_to_refund")).otherwise(pl.lit("approved"))
    stages.append({"_status": status, "_reason": pl.lit(f"{gid}.") + reason})
    approved = col("_status") == Status.APPROVED.value
    remedies = tuple((gid, spec.kind.value, spec.payer.value, spec.terms.return_required,
                      pl.when(approved & col(f"_kept{r}")).then(col(f"_amt{r}")),
                      pl.when(approved & col(f"_kept{r}")).then(col("_lines")))
                     for r, spec in enumerate(specs))
    to_row = col("_doubt")
    if _add_on_may_follow(plan, specs):  # the row engine checks the add-ons
        to_row = to_row | approved
    if any(compiled.id in group for group, _ in plan.exclusive):
        to_row = to_row | (col("n_history") > 0)
    return KindPlan(tuple(stages), col("_status"), col("_reason"), remedies, to_row)


def _add_on_may_follow(plan: Plan, specs: list[CompiledRemedy]) -> bool:
    """Whether an add-on may follow an approval by these remedies. An add-on that needs a
    return approved in this decision cannot follow remedies that approve no return."""
    if any(spec.terms.return_required for spec in specs):
        return bool(plan.add_ons)
    return not all(_needs_return_here(add_on) for add_on in plan.add_ons)


def _needs_return_here(compiled: CompiledGuarantee) -> bool:
    return any(part.lint_facts().return_in_decision is not None
               for condition in compiled.guarantee.conditions
               for _, part in condition.must_hold())


def _refunded(plan: Plan) -> pl.Expr:
    """What the history refunded on the order before (advances aside), in minor units."""
    import polars as pl

    col = pl.col
    return pl.sum_horizontal(*(
        pl.when(col(f"h{j}_on_order") & (col(f"h{j}_kind") == "refund")
                & ~col(f"h{j}_guarantee").is_in(list(plan.advances)))
        .then(col(f"h{j}_amount").fill_null(0)).otherwise(0) for j in range(MAX_HISTORY)))
