"""Policies are data: frozen, validated, and round-trip through JSON exactly."""

import pickle
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

import aftersales
from aftersales import InvalidPolicyError, Policy, RoundingMode, standard_policy
from aftersales.engine import resolve
from tests.builders import claim_case

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_the_standard_policy_holds_the_whole_catalogue() -> None:
    policy = standard_policy()
    assert {g.id for g in policy.guarantees} == {
        "late_shipment", "spoilage", "allergy", "price_match", "no_reason_return",
        "return_shipping_insurance", "large_item_pickup", "intercept_refund",
        "instant_refund_on_return", "pre_shipment_refund", "proactive_refund", "counterfeit",
        "unsafe_food", "remote_area_shipping", "damage_reship"}
    assert (policy.time_zone, policy.currency, policy.rounding) == (
        "Asia/Shanghai", "CNY", RoundingMode.HALF_UP)


def test_a_policy_round_trips_through_json_exactly() -> None:
    policy = standard_policy()
    assert Policy.model_validate_json(policy.model_dump_json()) == policy
    assert Policy.parse(policy.to_dict()) == policy


def test_a_policy_that_has_decided_pickles_without_its_engine_and_decides_the_same() -> None:
    policy = standard_policy()
    case = aftersales.parse_case(claim_case("spoilage"))
    decided = aftersales.evaluate(case, policy)  # compiles and keeps the engine
    copied = pickle.loads(pickle.dumps(policy))
    assert copied == policy
    assert copied._engine is None
    assert aftersales.evaluate(case, copied) == decided


def test_versions_that_have_decided_pickle_too() -> None:
    versions = aftersales.load_policy(EXAMPLES / "allergy-versions.yaml")
    assert resolve(versions) is versions._engine  # compiled and kept
    copied = pickle.loads(pickle.dumps(versions))
    assert copied == versions
    assert copied._engine is None


def test_parameters_survive_the_round_trip() -> None:
    policy = standard_policy().with_guarantee(aftersales.late_shipment(cap="50.00"))
    restored = Policy.parse(policy.model_dump_json())
    coupon = restored.guarantee("late_shipment").remedies[0]
    assert isinstance(coupon, aftersales.Coupon)
    tiers = coupon.amount
    assert isinstance(tiers, aftersales.TieredAmount)
    percent = tiers.tiers[1].amount
    assert isinstance(percent, aftersales.PercentOf)
    assert percent.cap == Decimal("50.00")


def test_policies_are_frozen() -> None:
    with pytest.raises(ValidationError):
        standard_policy().id = "mine"


def test_with_guarantee_replaces_by_id_or_appends() -> None:
    policy = standard_policy()
    longer = policy.with_guarantee(aftersales.allergy(window_days=120))
    assert [g.id for g in longer.guarantees] == [g.id for g in policy.guarantees]
    added = policy.with_guarantee(aftersales.spoilage(guarantee_id="flowers"))
    assert added.guarantees[-1].id == "flowers"
    assert added.engine is not policy.engine


def test_guarantee_ids_must_be_unique() -> None:
    with pytest.raises(InvalidPolicyError, match="unique: spoilage"):
        Policy.parse({"id": "p", "version": "1", "guarantees": [
            aftersales.spoilage().model_dump(mode="json")] * 2})


def test_a_bad_policy_lists_every_problem_with_its_path() -> None:
    data = standard_policy().to_dict()
    data["time_zone"] = "Asia/Shanghai"
    data["guarantees"][1]["conditions"][0]["window_hours"] = 0
    data["guarantees"][2]["remedies"][0]["payer"] = "buyer"
    with pytest.raises(InvalidPolicyError) as caught:
        Policy.parse(data)
    paths = caught.value.paths
    assert "guarantees[1].conditions[0].window_hours" in paths
    assert "guarantees[2].remedies[0].payer" in paths


def test_an_unknown_time_zone_or_currency_is_refused() -> None:
    with pytest.raises(InvalidPolicyError, match="unknown time zone"):
        Policy.parse({"id": "p", "version": "1", "time_zone": "Nowhere/Land", "guarantees": []})
    with pytest.raises(InvalidPolicyError, match="unknown currency"):
        Policy.parse({"id": "p", "version": "1", "currency": "XYZ", "guarantees": []})


def test_a_guarantee_must_be_reachable() -> None:
    with pytest.raises(ValidationError, match="claim_kinds, is_automatic=true or is_add_on"):
        aftersales.Guarantee(id="g",
                             remedies=(aftersales.Refund(amount=aftersales.ClaimedFraction()),))


def test_tiers_must_ascend() -> None:
    with pytest.raises(ValidationError, match="strictly ascending"):
        aftersales.TieredAmount(tiers=(
            aftersales.Tier(at_least="300", amount=aftersales.FixedAmount(amount="3")),
            aftersales.Tier(at_least="0", amount=aftersales.FixedAmount(amount="1")),
        ))


def test_a_compiled_policy_still_equals_its_uncompiled_twin() -> None:
    policy = standard_policy()
    _ = policy.engine
    twin = Policy.model_validate_json(policy.model_dump_json())
    assert twin == policy
    assert hash(twin) == hash(policy)


def test_a_copy_with_changes_compiles_its_own_engine() -> None:
    policy = standard_policy()
    _ = policy.engine
    copied = policy.model_copy(update={"guarantees": policy.guarantees[:1]})
    assert copied.engine is not policy.engine
    assert copied.engine.policy is copied


def test_a_policy_text_nested_too_deeply_is_an_invalid_policy_not_a_recursion_error() -> None:
    with pytest.raises(InvalidPolicyError) as refused:
        Policy.parse('{"a":' * 50_000 + "1" + "}" * 50_000)
    assert [problem.code for problem in refused.value.problems] == ["document_too_deep"]
