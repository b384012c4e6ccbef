"""A claim kind is planned columnar only when every part of every guarantee answering it gives
a columnar form through the rule protocol."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

pytest.importorskip("polars")

import aftersales
from aftersales.columnar.plan import ColumnarPlan
from aftersales.engine import resolve
from aftersales.rules.columnar import ColumnarBuild


def plan_of(policy: aftersales.Policy) -> ColumnarPlan:
    engine = resolve(policy)
    assert isinstance(engine, aftersales.Engine)
    return ColumnarPlan(engine.plan)


def test_the_four_headline_guarantees_are_all_planned() -> None:
    policy = aftersales.Policy(id="p", version="1", guarantees=(
        aftersales.late_shipment(), aftersales.spoilage(), aftersales.allergy(),
        aftersales.price_match()))
    assert set(plan_of(policy).covered_kinds) >= {
        None, "late_shipment", "spoilage", "allergy", "price_match", "counterfeit"}


def test_a_kind_several_guarantees_answer_is_planned_when_each_has_a_columnar_form() -> None:
    covered = plan_of(aftersales.standard_policy()).covered_kinds
    assert {"allergy", "no_reason_return", "spoilage"} <= set(covered)  # allergy: two answer


def test_a_guarantee_with_a_part_lacking_a_columnar_form_is_left_to_the_row_engine() -> None:
    counterfeit = aftersales.counterfeit()
    tracked = counterfeit.model_copy(update={
        "conditions": (*counterfeit.conditions, aftersales.ReturnTracked())})
    assert "counterfeit" in plan_of(aftersales.Policy(
        id="p", version="1", guarantees=(counterfeit,))).covered_kinds
    assert "counterfeit" not in plan_of(aftersales.Policy(
        id="p", version="1", guarantees=(tracked,))).covered_kinds
    covered = plan_of(aftersales.standard_policy()).covered_kinds
    assert "return_shipped" not in covered  # an advance
    assert "damaged_in_transit" not in covered  # the buyer's choice of remedy


def test_a_rule_kind_without_a_columnar_form_says_none() -> None:
    build = ColumnarBuild(zone=ZoneInfo("Asia/Shanghai"), unit_scale=100, guarantee="g")
    assert aftersales.ReturnTracked().columnar(build) is None
    assert aftersales.ShippedLate().columnar(build) is not None


def test_a_return_approved_in_this_decision_has_a_form_only_where_the_plan_gives_the_returns(
        ) -> None:
    import polars as pl

    bare = ColumnarBuild(zone=ZoneInfo("Asia/Shanghai"), unit_scale=100, guarantee="g")
    returns = tuple(pl.lit(slot == 0) for slot in range(4))
    add_on = ColumnarBuild(zone=ZoneInfo("Asia/Shanghai"), unit_scale=100, guarantee="g",
                           approved_returns=returns, buyer_paid_returns=returns)
    assert aftersales.ReturnApproved().columnar(bare) is None
    assert aftersales.ReturnApproved(source="history").columnar(add_on) is None
    form = aftersales.ReturnApproved(leg_paid_by_buyer=True).columnar(add_on)
    assert form is not None
    assert pl.select(a=form.holds(0), b=form.holds(1)).row(0) == (True, False)
