"""Policies as UCP return policies (`dev.ucp.shopping.policy.return`), and back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from referencing import Registry, Resource

from aftersales import load_policy, standard_policy
from aftersales.documents import export_ucp, import_ucp, read_policy, ucp_schemas
from aftersales.model.errors import InvalidPolicyError
from aftersales.policy.versions import PolicyVersions

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "tests/data/ucp").glob("*.json"))
RETURN_EXAMPLES = [path for path in EXAMPLES
                   if any(entry["type"] == "dev.ucp.shopping.policy.return"
                          for entry in json.loads(path.read_text(encoding="utf-8")))]
WARRANTY_EXAMPLES = [path for path in EXAMPLES if path not in RETURN_EXAMPLES]
POLICY_FILES = sorted((ROOT / "examples").glob("*.yaml"))
RETURN_ENTRY = "https://ucp.dev/schemas/shopping/policy_return.json#/$defs/policies_item"


def validate(policies: list[dict[str, Any]]) -> None:
    registry: Registry[Any] = Registry().with_resources(
        (uri, Resource.from_contents(schema)) for uri, schema in ucp_schemas().items())
    validator = jsonschema.Draft202012Validator({"type": "array", "items": {"$ref": RETURN_ENTRY}},
                                                registry=registry)
    validator.validate(policies)


def example(path: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


# What our rules hold of a UCP return policy: "equivalent" means equal in these.
KEPT_RESOLUTIONS = {"original_payment_method", "replacement", "store_credit"}


def terms(entry: dict[str, Any]) -> tuple[Any, ...]:
    """A return policy's terms that an aftersales policy holds: window, final sale, the
    category and tag targets, the resolutions we have a remedy for (a refund when none is
    stated or kept), and whether the return leg is free."""
    targets = frozenset(target for target in entry.get("applies_to", ())
                        if target.startswith("$.line_items[?match(") or "@.tags" in target)
    resolutions = frozenset(set(entry.get("supported_resolutions", ())) & KEPT_RESOLUTIONS
                            or {"original_payment_method"})
    window = entry.get("window")
    is_final_sale = bool(entry.get("final_sale")) or (window or {}).get("days") == 0
    fees = {method.get("fee", {}).get("type") for method in entry.get("methods", ())}
    if is_final_sale:
        return (True, targets)
    return (False, targets, json.dumps(window), resolutions, fees == {"free"})


def kept(policies: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    """The return policies import reads: final-sale ones with a category or tag target, and
    the others, leaving out overrides aimed only at items when broader terms exist."""
    returns = [entry for entry in policies if entry["type"] == "dev.ucp.shopping.policy.return"]
    read = {terms(entry) for entry in returns}
    final = {term for term in read if term[0] and term[1]}
    others = {term for term in read if not term[0]}
    broad = {term for term in others if term[1] or not _only_items(returns, term)}
    return final | (broad or others)


def _only_items(returns: list[dict[str, Any]], term: tuple[Any, ...]) -> bool:
    return any(terms(entry) == term and entry.get("applies_to") for entry in returns)


def statutory_terms() -> set[tuple[Any, ...]]:
    return {terms(entry) for entry in export_ucp(standard_policy()).policies}


def test_the_standard_policys_export_is_valid_ucp() -> None:
    validate(export_ucp(standard_policy()).policies)


def test_the_standard_policys_export_with_custom_types_is_valid_ucp() -> None:
    validate(export_ucp(standard_policy(), unsupported="custom").policies)


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda path: path.name)
def test_every_example_policys_export_is_valid_ucp(path: Path) -> None:
    validate(export_ucp(load_policy(path)).policies)


def test_the_standard_policy_exports_its_7_day_return_and_what_it_excludes() -> None:
    return_terms, final_sale = export_ucp(standard_policy()).policies
    assert return_terms["window"] == {"days": 7, "anchor": "delivered"}
    assert return_terms["supported_resolutions"] == ["original_payment_method"]
    assert return_terms["methods"] == [{"type": "by_mail",
                                        "fee": {"type": "customer_responsibility"}}]
    assert final_sale["final_sale"] is True
    assert "$.line_items[?@.tags[?@ == 'custom_made']]" in final_sale["applies_to"]


def test_what_export_loses_for_the_standard_policy_is_exactly_this() -> None:
    lost = [(item.guarantee, item.reason) for item in export_ucp(standard_policy()).unexpressed]
    assert lost == [
        ("late_shipment", "coupon of tiered: a UCP resolution gives back what was paid"),
        ("spoilage", "needs evidence (photo): UCP return windows are unconditional"),
        ("allergy", "needs evidence (photo, medical_record): UCP return windows are "
                    "unconditional"),
        ("price_match", "refund of unit_price_difference: a UCP resolution gives back what "
                        "was paid"),
        ("return_shipping_insurance", "add-on to another guarantee's approval: UCP terms are "
                                      "unconditional"),
        ("large_item_pickup", "add-on to another guarantee's approval: UCP terms are "
                              "unconditional"),
        ("intercept_refund", "intercept remedy: not a UCP return resolution"),
        ("instant_refund_on_return", "refund of approved_return_refund: a UCP resolution "
                                     "gives back what was paid"),
        ("pre_shipment_refund", "condition filed_before: UCP has no field for it"),
        ("proactive_refund", "granted without a claim: UCP describes what a buyer may return"),
        ("counterfeit", "compensation remedy: not a UCP return resolution"),
        ("unsafe_food", "compensation remedy: not a UCP return resolution"),
        ("remote_area_shipping", "shipping_subsidy remedy: not a UCP return resolution"),
        ("damage_reship", "needs evidence (photo): UCP return windows are unconditional"),
    ]


def test_custom_publishes_each_unexpressed_guarantee_as_its_own_type() -> None:
    exported = export_ucp(standard_policy(), unsupported="custom")
    custom = [entry["type"] for entry in exported.policies
              if not entry["type"].startswith("dev.ucp.")]
    assert custom == [f"com.aftersales.policy.{item.guarantee}" for item in exported.unexpressed]


def test_versions_export_the_latest_version() -> None:
    versions = load_policy(ROOT / "examples/allergy-versions.yaml")
    assert isinstance(versions, PolicyVersions)
    assert export_ucp(versions) == export_ucp(versions.versions[-1])


@pytest.mark.parametrize("path", RETURN_EXAMPLES, ids=lambda path: path.name)
def test_every_ucp_return_example_imports_as_a_valid_policy(path: Path) -> None:
    document = import_ucp(example(path))
    read_policy(json.dumps(document), "json")


@pytest.mark.parametrize("path", RETURN_EXAMPLES, ids=lambda path: path.name)
def test_every_ucp_return_example_exports_back_to_equivalent_terms(path: Path) -> None:
    policy = read_policy(json.dumps(import_ucp(example(path))), "json")
    back = {terms(entry) for entry in export_ucp(policy).policies}
    assert kept(example(path)) <= back
    assert back - kept(example(path)) <= statutory_terms()  # only the law's floor is added


def test_terms_stricter_than_the_law_come_back_with_the_statutory_return() -> None:
    document = import_ucp(example(ROOT / "tests/data/ucp/return_03.json"))
    assert [guarantee["id"] for guarantee in document["guarantees"]] == ["ucp_return",
                                                                          "no_reason_return"]


def test_the_standard_policys_export_imports_back_to_the_same_terms() -> None:
    exported = export_ucp(standard_policy()).policies
    policy = read_policy(json.dumps(import_ucp(exported)), "json")
    assert export_ucp(policy).policies[1:] == exported[1:]
    assert terms(export_ucp(policy).policies[0]) == terms(exported[0])


def test_a_response_holding_policies_imports_too() -> None:
    policies = example(ROOT / "tests/data/ucp/return_01.json")
    assert import_ucp({"line_items": [], "policies": policies}) == import_ucp(policies)


@pytest.mark.parametrize("path", WARRANTY_EXAMPLES, ids=lambda path: path.name)
def test_warranties_alone_are_no_return_terms(path: Path) -> None:
    with pytest.raises(InvalidPolicyError) as raised:
        import_ucp(example(path))
    assert [problem.code for problem in raised.value.problems] == ["no_return_terms"]


def problems_of(data: Any) -> list[tuple[str, str]]:
    with pytest.raises(InvalidPolicyError) as raised:
        import_ucp(data)
    return [(problem.path, problem.code) for problem in raised.value.problems]


RETURN = "dev.ucp.shopping.policy.return"
PLAIN = {"plain": "Returns"}


@pytest.mark.parametrize(("entry", "expected"), [
    ("not a policy", ("[0]", "not_an_object")),
    ({"description": PLAIN}, ("[0].type", "invalid_type")),
    ({"type": "Not DNS", "description": PLAIN}, ("[0].type", "invalid_type")),
    ({"type": RETURN}, ("[0].description", "invalid_description")),
    ({"type": RETURN, "description": {}}, ("[0].description", "invalid_description")),
    ({"type": RETURN, "description": PLAIN, "applies_to": "$"},
     ("[0].applies_to", "invalid_applies_to")),
    ({"type": RETURN, "description": PLAIN, "final_sale": "yes"},
     ("[0].final_sale", "not_a_boolean")),
    ({"type": RETURN, "description": PLAIN, "window": 30}, ("[0].window", "not_an_object")),
    ({"type": RETURN, "description": PLAIN, "window": {"anchor": "delivered"}},
     ("[0].window.days", "not_a_whole_number")),
    ({"type": RETURN, "description": PLAIN, "window": {"days": 1.5, "anchor": "delivered"}},
     ("[0].window.days", "not_a_whole_number")),
    ({"type": RETURN, "description": PLAIN, "window": {"days": 30}},
     ("[0].window.anchor", "unknown_anchor")),
    ({"type": RETURN, "description": PLAIN, "window": {"days": 30, "anchor": "opened"}},
     ("[0].window.anchor", "unknown_anchor")),
    ({"type": RETURN, "description": PLAIN, "supported_resolutions": "exchange"},
     ("[0].supported_resolutions", "invalid_resolutions")),
    ({"type": RETURN, "description": PLAIN, "methods": {}}, ("[0].methods", "not_a_list")),
    ({"type": RETURN, "description": PLAIN, "methods": [{}]},
     ("[0].methods[0].type", "invalid_method_type")),
    ({"type": RETURN, "description": PLAIN, "methods": [{"type": "by_mail", "fee": {}}]},
     ("[0].methods[0].fee.type", "invalid_fee_type")),
    ({"type": RETURN, "description": PLAIN,
      "methods": [{"type": "by_mail", "fee": {"type": "fixed_fee", "amount": -5}}]},
     ("[0].methods[0].fee.amount", "not_a_whole_number")),
    ({"type": RETURN, "description": PLAIN, "restocking_fee": {"percentage_bps": 15000}},
     ("[0].restocking_fee.percentage_bps", "invalid_basis_points")),
    ({"type": RETURN, "description": PLAIN, "restocking_fee": {"amount": "5.00"}},
     ("[0].restocking_fee.amount", "not_a_whole_number")),
])
def test_each_kind_of_bad_ucp_input_is_reported_at_its_path(entry: Any,
                                                              expected: tuple[str, str]) -> None:
    assert problems_of([entry]) == [expected]


def test_every_problem_of_every_policy_is_reported_at_once() -> None:
    assert problems_of([{"type": RETURN}, {"description": PLAIN}]) == [
        ("[0].description", "invalid_description"), ("[1].type", "invalid_type")]


def test_input_that_is_not_an_array_of_policies_is_refused() -> None:
    assert problems_of({"type": RETURN}) == [("", "not_a_list")]
    assert problems_of({"policies": 3}) == [("policies", "not_a_list")]


def test_a_response_reports_paths_under_policies() -> None:
    assert problems_of({"policies": [{"type": RETURN}]}) == [
        ("policies[0].description", "invalid_description")]
