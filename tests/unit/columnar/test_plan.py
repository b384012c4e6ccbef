"""A claim kind is planned columnar only when every part of every guarantee answering it gives
a columnar form through the rule protocol."""

from __future__ import annotations

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
    policy = aftersales.Policy(id="p", version="1", guarantees=(aftersales.counterfeit(),))
    assert "counterfeit" not in plan_of(policy).covered_kinds
    covered = plan_of(aftersales.standard_policy()).covered_kinds
    assert "return_shipped" not in covered  # an advance
    assert "damaged_in_transit" not in covered  # the buyer's choice of remedy


def test_a_rule_kind_without_a_columnar_form_says_none() -> None:
    from zoneinfo import ZoneInfo

    build = ColumnarBuild(zone=ZoneInfo("Asia/Shanghai"), unit_scale=100, guarantee="g")
    assert aftersales.ReturnApproved().columnar(build) is None
    assert aftersales.ShippedLate().columnar(build) is not None
