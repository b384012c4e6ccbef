"""Every bound the loader enforces is in the schema too: for each bounded override parameter
and policy field, a value at the bound meets both the loader and the schema, and a value just
outside it meets neither. The bounds are the library's constants, never retyped numbers."""

from __future__ import annotations

import copy
import inspect
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from aftersales import Policy
from aftersales.catalogue import spoilage
from aftersales.catalogue.standard import STANDARD_GUARANTEES, standard_policy
from aftersales.documents import policy_schema, read_policy
from aftersales.model.categories import MAX_CATEGORY_LENGTH
from aftersales.model.errors import InvalidPolicyError
from aftersales.model.fields import MAX_AMOUNT, MAX_COUNT, MAX_DAYS, MAX_HOURS
from aftersales.rules.statute import LEGAL_RETURN_DAYS

TOO_LARGE = str(int(MAX_AMOUNT))  # "1000000000000000"
LARGEST = f"{int(MAX_AMOUNT) - 1}.999999"
FINEST = "0.000001"  # MAX_POLICY_FRACTION_DIGITS fractional digits
TOO_FINE = "0.0000001"


@dataclass(frozen=True)
class Bound:
    """One side of a bound: `inside` is at it, `outside` just past it."""

    where: str
    inside: Any
    outside: Any


def _override(where: str, value: Any) -> dict[str, Any]:
    gid, name = where.split(".")
    return {"extends": "standard", "id": "acme", "version": "1",
            "overrides": {gid: {name: value}}}


OVERRIDE_BOUNDS = [
    *(bound for where in ("allergy.window_days", "price_match.window_days",
                          "price_match.buyer_window_days", "no_reason_return.refund_due_days")
      for bound in (Bound(where, 1, 0), Bound(where, MAX_DAYS, MAX_DAYS + 1))),
    Bound("no_reason_return.window_days", LEGAL_RETURN_DAYS, LEGAL_RETURN_DAYS - 1),
    Bound("no_reason_return.window_days", MAX_DAYS, MAX_DAYS + 1),
    *(bound for where in ("spoilage.window_hours", "damage_reship.window_hours")
      for bound in (Bound(where, 1, 0), Bound(where, MAX_HOURS, MAX_HOURS + 1))),
    Bound("late_shipment.grace_hours", 0, -1),
    Bound("late_shipment.grace_hours", MAX_HOURS, MAX_HOURS + 1),
    Bound("proactive_refund.days_after_promise", 0, -1),
    Bound("proactive_refund.days_after_promise", MAX_DAYS, MAX_DAYS + 1),
    Bound("price_match.max_claims_per_buyer", 1, 0),
    Bound("price_match.max_claims_per_buyer", MAX_COUNT, MAX_COUNT + 1),
    *(bound for where in ("late_shipment.minimum", "late_shipment.flat_amount",
                          "late_shipment.rate_percent", "late_shipment.cap",
                          "intercept_refund.limit", "instant_refund_on_return.limit",
                          "counterfeit.minimum", "unsafe_food.minimum")
      for bound in (Bound(where, "0", "-0.000001"), Bound(where, 0, -1))),
    *(bound for where in ("price_match.multiplier", "counterfeit.multiplier",
                          "unsafe_food.multiplier")
      for bound in (Bound(where, FINEST, "0"), Bound(where, FINEST, "0.000000"),
                    Bound(where, 1, 0))),
    # late_shipment.percent_from's lower bound is the late_shipment.minimum below it (the
    # tiers ascend): a rule between two fields, the library's alone.
    *(bound for where in ("late_shipment.minimum", "late_shipment.percent_from",
                          "late_shipment.cap", "counterfeit.multiplier", "unsafe_food.minimum",
                          "intercept_refund.limit")
      for bound in (Bound(where, LARGEST, TOO_LARGE), Bound(where, FINEST, TOO_FINE),
                    Bound(where, int(MAX_AMOUNT) - 1, int(MAX_AMOUNT)))),
    Bound("remote_area_shipping.regions", ["CN-XJ"], []),
    Bound("remote_area_shipping.regions", ["CN-XJ"], ["XJ"]),
    Bound("no_reason_return.claim_kinds", ["no_reason_return"], []),
    *(bound for where in ("allergy.categories", "spoilage.categories",
                          "large_item_pickup.categories", "unsafe_food.categories",
                          "unsafe_food.excluded_categories")
      for bound in (Bound(where, ["a" * MAX_CATEGORY_LENGTH], ["a" * (MAX_CATEGORY_LENGTH + 1)]),
                    Bound(where, ["beauty.skincare"], ["beauty..skincare"]))),
]


UNBOUNDED = {"Payer", "Sequence[str]"}
"""Parameter types the loader takes any value of (any payer, any evidence or flag text)."""


def _bounded_parameters() -> set[str]:
    """Every override parameter whose type, as the factory writes it, bounds it: a number, an
    amount, a list of categories, regions or claim kinds (and a bare `int` would be one too)."""
    return {f"{gid}.{name}"
            for gid, factory in STANDARD_GUARANTEES.items()
            for name, parameter in inspect.signature(factory).parameters.items()
            if name != "guarantee_id" and parameter.annotation not in UNBOUNDED}


def test_every_bounded_override_parameter_has_its_bounds_in_the_table() -> None:
    missing = _bounded_parameters() - {bound.where for bound in OVERRIDE_BOUNDS}
    # Its categories are the law's exclusions (the legal floor), checked in the next table.
    assert missing == {"no_reason_return.excluded_categories"}


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(policy_schema())


def _schema_errors(document: dict[str, Any]) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in _validator().iter_errors(document)]


def _loader_problems(document: dict[str, Any]) -> list[str]:
    try:
        read_policy(json.dumps(document), "json")
    except InvalidPolicyError as error:
        return [f"{problem.path}: {problem.code}" for problem in error.problems]
    return []


@pytest.mark.parametrize("bound", OVERRIDE_BOUNDS,
                         ids=lambda b: f"{b.where}={json.dumps(b.inside)[:20]}")
def test_an_override_at_its_bound_meets_both_the_loader_and_the_schema(bound: Bound) -> None:
    document = _override(bound.where, bound.inside)
    assert _loader_problems(document) == []
    assert _schema_errors(document) == []


@pytest.mark.parametrize("bound", OVERRIDE_BOUNDS,
                         ids=lambda b: f"{b.where}={json.dumps(b.outside)[:20]}")
def test_an_override_just_past_its_bound_meets_neither(bound: Bound) -> None:
    document = _override(bound.where, bound.outside)
    gid, name = bound.where.split(".")
    assert _loader_problems(document)
    assert _schema_errors(document)
    assert all(error.startswith(f"$.overrides.{gid}.{name}")
               for error in _schema_errors(document))


def test_the_legal_floor_of_the_override_holds_only_while_it_answers_no_reason_returns() -> None:
    document = _override("no_reason_return.window_days", LEGAL_RETURN_DAYS - 1)
    document["overrides"]["no_reason_return"]["claim_kinds"] = ["allergy"]
    assert _loader_problems(document) == []
    assert _schema_errors(document) == []


def test_what_only_the_library_checks_meets_the_schema() -> None:
    """Rules between fields or over the whole policy: the loader refuses these documents,
    the schema cannot say why (docs/policy-files.md says so)."""
    tiers_not_ascending = _override("late_shipment.percent_from", "0")
    beyond_the_law = _override("no_reason_return.excluded_categories", ["beauty"])
    unknown_zone = {**_override("allergy.window_days", 7), "time_zone": "Mars/Olympus"}
    for document in (tiers_not_ascending, beyond_the_law, unknown_zone):
        assert _loader_problems(document)
        assert _schema_errors(document) == []


# A full policy: the bounds of the rule models' fields.


def _standard() -> dict[str, Any]:
    return standard_policy().to_dict()


def _first(document: dict[str, Any], gid: str, kind: str) -> dict[str, Any]:
    """The first part of kind `kind` in guarantee `gid` (conditions, remedies and amounts)."""
    (guarantee,) = (g for g in document["guarantees"] if g["id"] == gid)
    stack: list[Any] = [guarantee]
    while stack:
        part = stack.pop(0)
        if isinstance(part, dict):
            if part.get("kind") == kind:
                return part
            stack.extend(part.values())
        elif isinstance(part, list):
            stack.extend(part)
    raise LookupError(f"no {kind} in {gid}")


@dataclass(frozen=True)
class FieldBound:
    gid: str
    kind: str
    field: str
    inside: Any
    outside: Any


FIELD_BOUNDS = [
    FieldBound("allergy", "filed_within", "window_days", 1, 0),
    FieldBound("allergy", "filed_within", "window_days", MAX_DAYS, MAX_DAYS + 1),
    FieldBound("spoilage", "filed_within", "window_hours", 1, 0),
    FieldBound("spoilage", "filed_within", "window_hours", MAX_HOURS, MAX_HOURS + 1),
    FieldBound("late_shipment", "shipped_late", "grace_hours", 0, -1),
    FieldBound("late_shipment", "shipped_late", "grace_hours", MAX_HOURS, MAX_HOURS + 1),
    FieldBound("proactive_refund", "not_shipped_within", "hours_after_promise", 0, -1),
    FieldBound("proactive_refund", "not_shipped_within", "hours_after_promise", MAX_HOURS,
               MAX_HOURS + 1),
    FieldBound("no_reason_return", "refund", "due_days_after_return", 1, 0),
    FieldBound("no_reason_return", "refund", "due_days_after_return", MAX_DAYS, MAX_DAYS + 1),
    FieldBound("late_shipment", "order_total_above", "amount", "0", "-1"),
    FieldBound("late_shipment", "order_total_above", "amount", LARGEST, TOO_LARGE),
    FieldBound("late_shipment", "fixed", "amount", FINEST, TOO_FINE),
    FieldBound("late_shipment", "percent_of", "cap", LARGEST, TOO_LARGE),
    FieldBound("late_shipment", "percent_of", "rate_percent", 0, -1),
    FieldBound("intercept_refund", "order_total_at_most", "amount", int(MAX_AMOUNT) - 1,
               int(MAX_AMOUNT)),
    FieldBound("counterfeit", "multiple", "multiplier", FINEST, "0"),
    FieldBound("counterfeit", "multiple", "minimum", "0", "-0.5"),
    FieldBound("price_match", "unit_price_difference", "multiplier", FINEST, "0.0"),
    FieldBound("remote_area_shipping", "region_in", "regions", ["CN-XJ"], []),
    FieldBound("intercept_refund", "flagged_with", "flags", ["refund_abuse"], []),
    FieldBound("no_reason_return", "category_in", "categories", ["fresh"], []),
    FieldBound("proactive_refund", "any_of", "conditions", [{"kind": "not_shipped_within"}], []),
    FieldBound("damage_reship", "buyers_choice", "options",
               [{"kind": "reship"}, {"kind": "refund", "amount": {"kind": "claimed_fraction"}}],
               [{"kind": "reship"}]),
]


@pytest.mark.parametrize("bound", FIELD_BOUNDS,
                         ids=lambda b: f"{b.kind}.{b.field}={json.dumps(b.inside)[:20]}")
def test_a_field_at_its_bound_meets_both_the_loader_and_the_schema(bound: FieldBound) -> None:
    document = _standard()
    _first(document, bound.gid, bound.kind)[bound.field] = bound.inside
    assert _loader_problems(document) == []
    assert _schema_errors(document) == []


@pytest.mark.parametrize("bound", FIELD_BOUNDS,
                         ids=lambda b: f"{b.kind}.{b.field}={json.dumps(b.outside)[:20]}")
def test_a_field_just_past_its_bound_meets_neither(bound: FieldBound) -> None:
    document = _standard()
    _first(document, bound.gid, bound.kind)[bound.field] = bound.outside
    assert _loader_problems(document)
    errors = _schema_errors(document)
    assert errors
    assert all(f".{bound.field}" in error.split(":")[0] for error in errors), errors


def _small_policy() -> dict[str, Any]:
    return Policy(id="acme", version="1", guarantees=(spoilage(),)).to_dict()


def test_a_guarantee_without_remedies_meets_neither() -> None:
    document = _small_policy()
    assert _loader_problems(document) == []
    document["guarantees"][0]["remedies"] = []
    assert _loader_problems(document)
    assert _schema_errors(document) == ["$.guarantees[0].remedies: [] should be non-empty"]


@pytest.mark.parametrize(("field", "inside", "outside"), [
    ("id", "a", ""),
    ("version", "1", ""),
    ("currency", "JPY", "XXX"),
    ("guarantees.id", "a" * 64, "a" * 65),
    ("guarantees.id", "spoilage_2", "Spoilage"),
])
def test_a_policy_setting_at_its_bound_meets_both_and_past_it_neither(
        field: str, inside: str, outside: str) -> None:
    for value, meets in ((inside, True), (outside, False)):
        document = _small_policy()
        if field == "guarantees.id":
            document["guarantees"][0]["id"] = value
        else:
            document[field] = value
        assert (_loader_problems(document) == []) is meets, value
        assert (_schema_errors(document) == []) is meets, value


def test_the_schema_states_each_bound_as_the_constant_the_loader_uses() -> None:
    definitions = policy_schema()["$defs"]
    window = definitions["allergy_parameters"]["properties"]["window_days"]
    assert (window["minimum"], window["maximum"]) == (1, MAX_DAYS)
    hours = definitions["FiledWithin"]["properties"]["window_hours"]
    assert (hours["minimum"], hours["maximum"]) == (1, MAX_HOURS)
    cap = definitions["late_shipment_parameters"]["properties"]["cap"]["then"]  # if not null
    (text, number) = cap["anyOf"]
    assert number["exclusiveMaximum"] == MAX_AMOUNT
    assert text["pattern"] == "^0*[0-9]{1,15}(\\.[0-9]{1,6})?$"


def test_a_versions_document_checks_its_versions_bounds() -> None:
    document = {"id": "acme", "versions": [
        {k: v for k, v in _override("allergy.window_days", 0).items() if k != "id"}]}
    assert _loader_problems(copy.deepcopy(document))
    assert _schema_errors(document) == [
        "$.versions[0].overrides.allergy.window_days: 0 is less than the minimum of 1"]
