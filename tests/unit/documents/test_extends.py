"""`extends: standard`: a policy that starts from the standard one and overrides parameters
only. Every parameter of every standard guarantee's factory reaches the policy."""

from __future__ import annotations

import inspect
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from aftersales import InvalidPolicyError, Policy, allergy, standard_policy
from aftersales.catalogue.standard import STANDARD_GUARANTEES
from aftersales.documents import load_policy, read_policy
from aftersales.model.money import RoundingMode

ROOT = Path(__file__).resolve().parents[3]

# A value other than the default for every parameter of every standard guarantee, as an
# author would write it in YAML.
OVERRIDES: dict[str, dict[str, Any]] = {
    "late_shipment": {"minimum": "5.00", "flat_amount": "4.00", "percent_from": "200.00",
                      "rate_percent": "2", "cap": "40.00", "grace_hours": 6,
                      "payer": "merchant"},
    "spoilage": {"window_hours": 72, "categories": ["fresh"], "evidence": ["photo", "video"],
                 "payer": "platform"},
    "allergy": {"window_days": 7, "categories": ["beauty.skincare"], "evidence": ["photo"],
                "payer": "platform"},
    "price_match": {"window_days": 15, "evidence": ["price_screenshot", "order_screenshot"],
                    "multiplier": "2", "max_claims_per_buyer": 3, "buyer_window_days": 60,
                    "payer": "merchant"},
    "no_reason_return": {"window_days": 15, "excluded_categories": ["fresh"],
                         "excluded_tags": ["custom_made"], "refund_due_days": 5,
                         "return_shipping_payer": "merchant",
                         "claim_kinds": ["no_reason_return"]},
    "return_shipping_insurance": {"payer": "platform"},
    "large_item_pickup": {"categories": ["home.furniture"], "payer": "merchant"},
    "intercept_refund": {"limit": "1000.00", "abuse_flags": ["refund_abuse", "chargeback"],
                         "payer": "platform", "intercept_fee_payer": "platform"},
    "instant_refund_on_return": {"limit": "500.00", "abuse_flags": [], "payer": "merchant"},
    "pre_shipment_refund": {"payer": "platform"},
    "proactive_refund": {"days_after_promise": 2, "flags": ["fake_shipment"],
                         "payer": "platform"},
    "counterfeit": {"multiplier": "4", "minimum": "1000.00",
                    "evidence": ["appraisal_report", "photo"], "payer": "platform"},
    "unsafe_food": {"multiplier": "3", "minimum": "500.00", "categories": ["food"],
                    "excluded_categories": ["food.pet"], "evidence": ["photo"],
                    "payer": "platform"},
    "remote_area_shipping": {"regions": ["CN-XJ"], "payer": "merchant"},
    "damage_reship": {"window_hours": 72, "evidence": ["photo", "video"], "payer": "platform"},
}

NEEDS: dict[tuple[str, str], dict[str, Any]] = {
    # The buyer's window only counts claims when there is a limit on them.
    ("price_match", "buyer_window_days"): {"max_claims_per_buyer": 3},
}


def extends(overrides: dict[str, Any] | None = None, **settings: Any) -> str:
    document: dict[str, Any] = {"extends": "standard", "id": "acme", "version": "2", **settings}
    if overrides is not None:
        document["overrides"] = overrides
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def read(text: str) -> Policy:
    policy = read_policy(text)
    assert isinstance(policy, Policy)
    return policy


def renamed(policy: Policy, **fields: Any) -> Policy:
    return policy.model_copy(update={"id": "acme", "version": "2", **fields})


def test_the_table_of_overrides_names_every_parameter_of_every_standard_guarantee() -> None:
    assert set(OVERRIDES) == set(STANDARD_GUARANTEES)
    for gid, factory in STANDARD_GUARANTEES.items():
        parameters = set(inspect.signature(factory).parameters) - {"guarantee_id"}
        assert set(OVERRIDES[gid]) == parameters, gid


@pytest.mark.parametrize(("gid", "parameter", "value"), [
    (gid, parameter, value) for gid, given in OVERRIDES.items()
    for parameter, value in given.items()])
def test_every_override_parameter_reaches_the_policy(gid: str, parameter: str,
                                                     value: Any) -> None:
    factory = STANDARD_GUARANTEES[gid]
    companions = NEEDS.get((gid, parameter), {})
    expected = factory(**companions, **{parameter: value})
    assert expected != factory(**companions), "the value should change the guarantee"
    policy = read(extends({gid: {**companions, parameter: value}}))
    assert policy.guarantee(gid) == expected
    assert policy == renamed(standard_policy().with_guarantee(expected))


def test_several_parameters_of_several_guarantees_apply_together() -> None:
    policy = read(extends({gid: OVERRIDES[gid] for gid in ("spoilage", "price_match")}))
    assert policy.guarantee("spoilage") == STANDARD_GUARANTEES["spoilage"](**OVERRIDES["spoilage"])
    assert policy.guarantee("price_match") == \
        STANDARD_GUARANTEES["price_match"](**OVERRIDES["price_match"])
    assert policy.guarantee("allergy") == standard_policy().guarantee("allergy")


def test_an_allergy_window_override_gives_that_window() -> None:
    policy = read(extends({"allergy": {"window_days": 7}}))
    (condition,) = policy.guarantee("allergy").conditions
    assert condition.window_days == 7  # type: ignore[union-attr]
    assert policy == renamed(standard_policy().with_guarantee(allergy(window_days=7)))


def test_the_allergy_example_is_the_standard_policy_with_a_7_day_window() -> None:
    policy = Policy.from_file(ROOT / "examples/allergy-7-days.yaml")
    assert policy == standard_policy().with_guarantee(allergy(window_days=7)).model_copy(update={
        "id": "allergy-7-days", "version": "2025.11",
        "title": "Standard policy with a 7-day allergy window"})


def test_amounts_written_as_numbers_are_exact_decimals() -> None:
    policy = read(extends({"late_shipment": {"cap": 50.5}}))
    assert policy.guarantee("late_shipment") == STANDARD_GUARANTEES["late_shipment"](cap="50.5")


def test_no_overrides_is_the_standard_policy_renamed() -> None:
    assert read(extends()) == renamed(standard_policy())
    assert read(extends({})) == renamed(standard_policy())
    assert read(extends() + "overrides:\n") == renamed(standard_policy())
    assert read(extends({"allergy": None})) == renamed(standard_policy())


def test_an_empty_override_keeps_the_guarantee_as_it_is() -> None:
    assert read(extends({"allergy": {}})) == renamed(standard_policy())


@pytest.mark.parametrize(("settings", "fields"), [
    ({"title": "Acme terms 条款"}, {"title": "Acme terms 条款"}),
    ({"time_zone": "Asia/Urumqi"}, {"time_zone": "Asia/Urumqi"}),
    ({"effective_from": date(2026, 3, 1)}, {"effective_from": date(2026, 3, 1)}),
    ({"refund_cap": "none"}, {"refund_cap": None}),
    ({"refund_cap": "order_total"}, {}),
    ({"rounding": "down"}, {"rounding": RoundingMode.DOWN}),
    ({"kind": "policy"}, {}),
])
def test_a_setting_applies_to_the_policy(settings: dict[str, Any],
                                         fields: dict[str, Any]) -> None:
    assert read(extends(**settings)) == renamed(standard_policy(), **fields)


def test_an_effective_from_instant_applies_to_the_policy() -> None:
    policy = read(extends() + "effective_from: 2026-03-01T08:00:00+08:00\n")
    assert policy.starts_at() is not None
    assert policy.starts_at().isoformat() == "2026-03-01T08:00:00+08:00"  # type: ignore[union-attr]


@pytest.mark.parametrize("field", ["id", "version"])
def test_id_and_version_are_required(field: str) -> None:
    text = "\n".join(line for line in extends().splitlines()
                     if not line.startswith(f"{field}:")) + "\n"
    with pytest.raises(InvalidPolicyError) as raised:
        read_policy(text)
    assert [(p.path, p.code) for p in raised.value.problems] == [(field, "missing")]


def test_an_empty_id_is_refused() -> None:
    with pytest.raises(InvalidPolicyError) as raised:
        read_policy(extends().replace("id: acme", "id: ''"))
    assert [(p.path, p.code, p.line) for p in raised.value.problems] == [
        ("id", "string_too_short", 2)]


def test_extending_another_policy_is_refused_with_the_known_names() -> None:
    with pytest.raises(InvalidPolicyError) as raised:
        read_policy(extends().replace("extends: standard", "extends: strict"))
    (problem,) = raised.value.problems
    assert (problem.path, problem.code, problem.line) == ("extends", "unknown_policy_name", 1)
    assert problem.message == ("no policy is shipped as `strict` "
                               "(known: standard, douyin, tmall)")


def test_guarantees_cannot_be_added_in_an_extends_document() -> None:
    with pytest.raises(InvalidPolicyError) as raised:
        read_policy(extends() + "guarantees: []\n")
    assert [(p.path, p.code) for p in raised.value.problems] == [
        ("guarantees", "extra_forbidden")]


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")),
                         ids=lambda path: path.name)
def test_every_example_file_is_a_valid_policy(path: Path) -> None:
    load_policy(path)


def test_the_overrides_example_changes_what_its_comments_say() -> None:
    policy = Policy.from_file(ROOT / "examples/standard-with-overrides.yaml")
    standard = standard_policy()
    changed = {g.id for g in policy.guarantees if g != standard.guarantee(g.id)}
    assert changed == {"spoilage", "damage_reship", "no_reason_return", "price_match",
                       "counterfeit"}
    assert policy.guarantee("counterfeit") == STANDARD_GUARANTEES["counterfeit"](multiplier="4")
    assert policy.effective_from == date(2026, 12, 1)
    assert policy.stacking == standard.stacking


def test_each_bad_parameter_is_refused_on_itself_and_hides_no_other() -> None:
    document = ("extends: standard\nid: acme\nversion: '1'\noverrides:\n"
                "  price_match: {multiplier: '0', max_claims_per_buyer: 0, buyer_window_days: 0}\n"
                "  proactive_refund: {days_after_promise: -1}\n")
    with pytest.raises(InvalidPolicyError) as raised:
        read_policy(document)
    assert [(problem.path, problem.code) for problem in raised.value.problems] == [
        ("overrides.price_match.multiplier", "greater_than"),
        ("overrides.price_match.max_claims_per_buyer", "greater_than_equal"),
        ("overrides.price_match.buyer_window_days", "greater_than"),
        # in days, as written (the guarantee's condition counts 24 hours for each)
        ("overrides.proactive_refund.days_after_promise", "greater_than_equal"),
    ]
    assert "(got -1)" in raised.value.problems[-1].message
