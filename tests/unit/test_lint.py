"""Lint: each check on the policy that triggers it and on the nearest one that does not, with
every finding's exact code and path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import aftersales
from aftersales import (
    Finding,
    LintReport,
    Policy,
    allergy,
    large_item_pickup,
    lint,
    no_reason_return,
    return_shipping_insurance,
    spoilage,
    standard_policy,
)
from aftersales.lint import CODES, Severity
from aftersales.policy.versions import PolicyVersions

ROOT = Path(__file__).parents[2]
COUPON = {"kind": "coupon", "amount": {"kind": "percent_of", "rate_percent": "5",
                                       "cap": "20.00"}}


def guarantee(gid: str = "goodwill", **fields: Any) -> dict[str, Any]:
    """A damaged-in-transit guarantee paying a capped coupon: lints clean as it is."""
    return {"id": gid, "claim_kinds": ["damaged_in_transit"], "remedies": [COUPON], **fields}


def policy(*guarantees: dict[str, Any], **fields: Any) -> Policy:
    return Policy.parse({"id": "p", "version": "1", "guarantees": list(guarantees), **fields})


def found(subject: Policy | PolicyVersions) -> list[tuple[str, str]]:
    return [(f.code, f.path) for f in lint(subject).findings]


def coupon(amount: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"kind": "coupon", "amount": amount}]


def refund(amount: dict[str, Any], **fields: Any) -> list[dict[str, Any]]:
    return [{"kind": "refund", "amount": amount, **fields}]


def tiers(*pairs: tuple[str, dict[str, Any]], base: str = "order_total") -> dict[str, Any]:
    return {"kind": "tiered", "base": base,
            "tiers": [{"at_least": at_least, "amount": amount} for at_least, amount in pairs]}


def fixed(amount: str) -> dict[str, Any]:
    return {"kind": "fixed", "amount": amount}


def percent(rate: str, base: str = "order_total", cap: str | None = None) -> dict[str, Any]:
    return {"kind": "percent_of", "rate_percent": rate, "base": base,
            **({"cap": cap} if cap is not None else {})}


def within(after: str = "delivered_at", **window: int) -> dict[str, Any]:
    return {"kind": "filed_within", "after": after, **(window or {"window_hours": 48})}


def negated(condition: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "not", "condition": condition}


def broken(name: str) -> Policy:
    return Policy.parse((ROOT / "examples" / "broken" / f"{name}.json").read_text())


# --- the shipped policies ---------------------------------------------------------------------

def test_the_standard_policy_has_no_findings() -> None:
    report = lint(standard_policy())
    assert report.findings == ()
    assert report.ok
    assert str(report) == "lint standard 2026.11: no findings"


def test_the_starting_guarantee_of_these_tests_lints_clean() -> None:
    assert found(policy(guarantee())) == []


def test_a_negated_window_that_pays_late_claims_is_an_error() -> None:
    report = lint(broken("later-filing-wins"))
    assert [(f.severity, f.code, f.path, f.guarantee) for f in report.errors] == [
        ("error", "window_inverted", "guarantees[0].conditions[0]", "goodwill")]


def test_a_tier_refunding_more_than_the_order_without_a_refund_cap_is_an_error() -> None:
    report = lint(broken("overpaying-tiers"))
    assert found(broken("overpaying-tiers")) == [
        ("refund_exceeds_order", "guarantees[0].remedies[0].amount.tiers[1].amount")]
    assert not report.ok


@pytest.mark.parametrize("name", ["later-filing-wins", "overpaying-tiers"])
def test_every_broken_example_lints_with_an_error(name: str) -> None:
    assert lint(broken(name)).errors


# --- scope ------------------------------------------------------------------------------------

def test_an_empty_category_list_covers_nothing() -> None:
    assert found(policy(guarantee(categories=[]))) == [("scope_empty", "guarantees[0].categories")]
    assert found(policy(guarantee(categories=["fresh"]))) == []


def test_a_category_condition_outside_the_scope_covers_nothing() -> None:
    beauty = {"kind": "category_in", "categories": ["beauty"]}
    assert found(policy(guarantee(categories=["fresh"], conditions=[beauty]))) == [
        ("scope_empty", "guarantees[0].conditions[0]")]
    produce = {"kind": "category_in", "categories": ["fresh.produce"]}
    assert found(policy(guarantee(categories=["fresh"], conditions=[produce]))) == []


def test_conditions_inside_an_all_of_are_checked_with_their_path() -> None:
    both = {"kind": "all_of", "conditions": [{"kind": "insured"},
                                             {"kind": "category_in", "categories": ["beauty"]}]}
    assert found(policy(guarantee(categories=["fresh"], conditions=[both]))) == [
        ("scope_empty", "guarantees[0].conditions[0].conditions[1]")]


def test_a_category_condition_under_any_of_is_not_judged() -> None:
    either = {"kind": "any_of", "conditions": [{"kind": "insured"},
                                               {"kind": "category_in", "categories": ["beauty"]}]}
    assert found(policy(guarantee(categories=["fresh"], conditions=[either]))) == []


def test_excluding_every_category_in_scope_covers_nothing() -> None:
    not_fresh = negated({"kind": "category_in", "categories": ["fresh"]})
    assert found(policy(guarantee(categories=["fresh.produce"], conditions=[not_fresh]))) == [
        ("scope_empty", "guarantees[0].conditions[0]")]
    assert found(policy(guarantee(categories=["fresh.produce", "beauty"],
                                  conditions=[not_fresh]))) == []


# --- conditions that never hold together ----------------------------------------------------

def test_a_limit_at_or_below_the_minimum_admits_no_order() -> None:
    def limits(at_most: str) -> Policy:
        return policy(guarantee(conditions=[
            {"kind": "order_total_above", "amount": "100.00"},
            {"kind": "order_total_at_most", "amount": at_most}]))

    assert found(limits("100.00")) == [("never_holds", "guarantees[0].conditions[1]")]
    assert found(limits("100.01")) == []


def test_a_flag_and_its_exclusion_never_hold_together() -> None:
    flagged = {"kind": "flagged_with", "flags": ["fake_shipment"]}
    assert found(policy(guarantee(conditions=[flagged, negated(
        {"kind": "flagged_with", "flags": ["fake_shipment", "false_advertising"]})]))) == [
        ("never_holds", "guarantees[0].conditions[1]")]
    assert found(policy(guarantee(conditions=[flagged, negated(
        {"kind": "flagged_with", "flags": ["fake_shipment"], "on": "buyer"})]))) == []


def test_a_condition_and_its_negation_never_hold_together() -> None:
    assert found(policy(guarantee(conditions=[{"kind": "insured"},
                                              negated({"kind": "insured", "code": "x"})]))) == [
        ("never_holds", "guarantees[0].conditions[1]")]


def test_two_region_lists_with_no_region_in_common_never_hold_together() -> None:
    def regions(second: list[str]) -> Policy:
        return policy(guarantee(conditions=[{"kind": "region_in", "regions": ["CN-XJ"]},
                                            {"kind": "region_in", "regions": second}]))

    assert found(regions(["CN-XZ"])) == [("never_holds", "guarantees[0].conditions[1]")]
    assert found(regions(["CN-XZ", "CN-XJ"])) == []


# --- windows ----------------------------------------------------------------------------------

def test_filed_after_delivery_and_before_shipment_is_an_empty_window() -> None:
    after_delivery = {"kind": "filed_after", "event": "delivered_at"}
    assert found(policy(guarantee(conditions=[
        after_delivery, {"kind": "filed_before", "event": "shipped_at"}]))) == [
        ("window_empty", "guarantees[0].conditions[1]")]
    # In transit: after shipment, before delivery (the interception refund).
    assert found(policy(guarantee(conditions=[
        {"kind": "filed_after", "event": "shipped_at"},
        {"kind": "filed_before", "event": "delivered_at"}]))) == []


def test_a_window_from_an_event_and_filed_before_it_is_empty() -> None:
    assert found(policy(guarantee(conditions=[
        within("shipped_at"), {"kind": "filed_before", "event": "shipped_at"}]))) == [
        ("window_empty", "guarantees[0].conditions[1]")]


def test_filed_before_payment_never_holds() -> None:
    assert found(policy(guarantee(conditions=[{"kind": "filed_before", "event": "paid_at"}]))) \
        == [("window_empty", "guarantees[0].conditions[0]")]


def test_not_filed_after_payment_holds_without_a_claim_so_only_claims_make_it_empty() -> None:
    not_after_payment = negated({"kind": "filed_after", "event": "paid_at"})
    assert found(policy(guarantee(conditions=[not_after_payment]))) == [
        ("window_empty", "guarantees[0].conditions[0]")]
    automatic = guarantee(claim_kinds=[], is_automatic=True, conditions=[not_after_payment])
    assert found(policy(automatic)) == []


def test_an_unshipped_order_and_a_claim_after_shipment_never_meet() -> None:
    assert found(policy(guarantee(conditions=[
        {"kind": "not_shipped_within"}, within("shipped_at")]))) == [
        ("window_empty", "guarantees[0].conditions[0]")]
    assert found(policy(guarantee(conditions=[
        {"kind": "not_shipped_within"}, within("paid_at", window_days=30)]))) == []


def test_a_negated_window_as_long_as_the_window_leaves_no_time() -> None:
    def late_opening(hours: int) -> Policy:
        return policy(guarantee(conditions=[within(window_hours=hours),
                                            negated(within(window_days=3))]))

    assert found(late_opening(72)) == [("window_empty", "guarantees[0].conditions[1]")]
    assert found(late_opening(24 * 7)) == []  # opens after 3 days, closes after 7


def test_where_a_day_can_be_23_hours_long_a_3_day_window_may_close_before_72_hours() -> None:
    subject = policy(guarantee(conditions=[within(window_hours=72),
                                           negated(within(window_days=3))]),
                     time_zone="Europe/Berlin")
    assert found(subject) == []


def test_a_negated_window_bounded_by_another_window_is_not_inverted() -> None:
    assert found(policy(guarantee(conditions=[negated(within(window_days=3)),
                                              within("paid_at", window_days=30)]))) == []
    assert found(policy(guarantee(conditions=[negated(within(window_days=3))]))) == [
        ("window_inverted", "guarantees[0].conditions[0]")]


# --- reach ------------------------------------------------------------------------------------

def test_an_add_on_with_nothing_to_follow_is_unreachable() -> None:
    assert found(policy(guarantee(claim_kinds=[], is_add_on=True))) == [
        ("unreachable", "guarantees[0].is_add_on")]


def test_an_add_on_after_a_return_needs_a_guarantee_that_grants_one() -> None:
    insurance = return_shipping_insurance()
    only_spoilage = Policy(id="p", version="1", guarantees=(spoilage(), insurance))
    assert found(only_spoilage) == [("unreachable", "guarantees[1].conditions[1]")]
    # Allergy returns carry the return leg for the buyer: nothing for the insurance to pay.
    with_allergy = Policy(id="p", version="1", guarantees=(allergy(), insurance))
    assert found(with_allergy) == [("unreachable", "guarantees[1].conditions[1]")]
    with_returns = Policy(id="p", version="1", guarantees=(no_reason_return(), insurance))
    assert found(with_returns) == []


def test_an_add_on_whose_categories_no_return_covers_is_unreachable() -> None:
    pickup = large_item_pickup()  # furniture and e-bikes
    assert found(Policy(id="p", version="1", guarantees=(allergy(), pickup))) == [
        ("unreachable", "guarantees[1].conditions[0]")]
    assert found(Policy(id="p", version="1",
                        guarantees=(allergy(categories=("beauty", "home")), pickup))) == []


# --- shadowing --------------------------------------------------------------------------------

def rivals(rival: aftersales.Guarantee) -> Policy:
    return Policy(id="p", version="1", guarantees=(spoilage(), rival),
                  stacking={"priority": [rival.id, "spoilage"],
                            "exclusive": [[rival.id, "spoilage"]]})


def test_an_exclusive_copy_ranked_higher_shadows_a_guarantee_for_certain() -> None:
    report = lint(rivals(spoilage(guarantee_id="fresh_refund")))
    assert [(f.code, f.path, f.guarantee) for f in report.findings] == [
        ("shadowed", "guarantees[0]", "spoilage")]
    assert report.errors[0].severity is Severity.ERROR


def test_a_rival_asking_for_more_evidence_does_not_shadow() -> None:
    assert found(rivals(spoilage(guarantee_id="fresh_refund",
                                 evidence=("photo", "video")))) == []


def test_a_rival_with_a_longer_window_is_likely_to_shadow() -> None:
    report = lint(rivals(spoilage(guarantee_id="fresh_refund", window_hours=72)))
    assert [(f.severity, f.code, f.path) for f in report.findings] == [
        ("warning", "likely_shadowed", "guarantees[0]")]
    assert "fresh_refund" in report.findings[0].message


def test_a_rival_with_a_shorter_window_leaves_the_guarantee_its_late_claims() -> None:
    assert found(rivals(spoilage(guarantee_id="fresh_refund", window_hours=24))) == []


def test_a_rival_on_fewer_categories_does_not_shadow() -> None:
    assert found(rivals(spoilage(guarantee_id="fresh_refund", categories=("fresh",)))) == []


# --- tiers ------------------------------------------------------------------------------------

def test_a_first_tier_above_the_lowest_total_leaves_a_gap() -> None:
    table = tiers(("100.00", fixed("3.00")), ("300.00", percent("1", cap="30.00")))
    assert found(policy(guarantee(remedies=coupon(table)))) == [
        ("tier_gap", "guarantees[0].remedies[0].amount.tiers[0].at_least")]
    minimum = {"kind": "order_total_above", "amount": "99.99"}
    assert found(policy(guarantee(remedies=coupon(table), conditions=[minimum]))) == []


def test_a_tier_above_the_order_limit_is_unreachable() -> None:
    table = tiers(("0", percent("1", cap="3.00")), ("300.00", percent("1", cap="30.00")))

    def limited(limit: str) -> Policy:
        return policy(guarantee(remedies=coupon(table), conditions=[
            {"kind": "order_total_at_most", "amount": limit}]))

    assert found(limited("299.99")) == [
        ("tier_unreachable", "guarantees[0].remedies[0].amount.tiers[1]")]
    assert found(limited("300.00")) == []


def test_a_higher_tier_paying_less_is_an_error() -> None:
    def table(second: str) -> Policy:
        return policy(guarantee(remedies=coupon(tiers(
            ("0", percent("1", cap="30.00")), ("300.00", fixed(second))))))

    # An order of 299.99 gets 3.00; one of 300.00 would get 2.00.
    assert found(table("2.00")) == [
        ("tier_decrease", "guarantees[0].remedies[0].amount.tiers[1]")]
    assert found(table("3.00")) == []


def test_a_refund_tier_paying_less_than_the_claimed_amount_below_it_is_an_error() -> None:
    table = tiers(("0", {"kind": "claimed_fraction"}),
                  ("100.00", percent("50", base="claimed_amount")), base="claimed_amount")
    assert found(policy(guarantee(remedies=refund(table)))) == [
        ("tier_decrease", "guarantees[0].remedies[0].amount.tiers[1]")]


def test_a_fixed_tier_above_its_own_start_pays_more_than_the_base() -> None:
    table = tiers(("0", fixed("5.00")), ("100.00", fixed("10.00")))
    assert found(policy(guarantee(remedies=coupon(table)))) == [
        ("exceeds_base", "guarantees[0].remedies[0].amount.tiers[0].amount")]
    minimum = {"kind": "order_total_above", "amount": "5.00"}
    assert found(policy(guarantee(remedies=coupon(table), conditions=[minimum]))) == []


# --- amounts ----------------------------------------------------------------------------------

def test_a_refund_that_can_exceed_the_order_is_an_error_only_without_a_refund_cap() -> None:
    def overpaying(refund_cap: str) -> Policy:
        return policy(guarantee(remedies=refund(percent("150"))), refund_cap=refund_cap)

    assert found(overpaying("none")) == [
        ("refund_exceeds_order", "guarantees[0].remedies[0].amount")]
    report = lint(overpaying("order_total"))
    assert [(f.severity, f.code, f.path) for f in report.findings] == [
        ("warning", "refund_exceeds_claimed", "guarantees[0].remedies[0].amount")]


def test_an_advance_is_not_counted_toward_the_refund_cap() -> None:
    advance = refund(percent("150"), advance=True)
    assert found(policy(guarantee(remedies=advance))) == [
        ("refund_exceeds_order", "guarantees[0].remedies[0].amount")]


def test_a_refund_of_the_whole_order_on_a_partial_claim_exceeds_the_claimed_goods() -> None:
    assert found(policy(guarantee(remedies=refund(percent("100"))))) == [
        ("refund_exceeds_claimed", "guarantees[0].remedies[0].amount")]
    assert found(policy(guarantee(remedies=refund(percent("100", base="claimed_amount"))))) \
        == []
    assert found(policy(guarantee(remedies=refund({"kind": "claimed_fraction"})))) == []


def test_a_fixed_refund_above_the_lowest_order_total_can_exceed_the_order() -> None:
    assert found(policy(guarantee(remedies=refund(fixed("5.00"))), refund_cap="none")) == [
        ("refund_exceeds_order", "guarantees[0].remedies[0].amount")]
    minimum = {"kind": "order_total_above", "amount": "5.00"}
    assert found(policy(guarantee(remedies=refund(fixed("5.00")), conditions=[minimum]),
                        refund_cap="none")) == [
        ("refund_exceeds_claimed", "guarantees[0].remedies[0].amount")]


def test_a_buyers_choice_option_is_checked_with_its_path() -> None:
    choice = [{"kind": "buyers_choice", "options": [
        {"kind": "reship"}, {"kind": "refund", "amount": percent("150")}]}]
    assert found(policy(guarantee(remedies=choice), refund_cap="none")) == [
        ("refund_exceeds_order", "guarantees[0].remedies[0].options[1].amount")]


def test_a_money_remedy_that_is_always_zero_is_an_error() -> None:
    assert found(policy(guarantee(remedies=coupon(fixed("0"))))) == [
        ("amount_zero", "guarantees[0].remedies[0].amount")]
    assert found(policy(guarantee(remedies=coupon(percent("0"))))) == [
        ("amount_zero", "guarantees[0].remedies[0].amount")]
    zero_tiers = tiers(("0", fixed("0")), ("100.00", percent("5", cap="0")))
    assert found(policy(guarantee(remedies=coupon(zero_tiers)))) == [
        ("amount_zero", "guarantees[0].remedies[0].amount")]


def test_a_percentage_without_a_cap_on_an_unlimited_order_is_uncapped() -> None:
    assert found(policy(guarantee(remedies=coupon(percent("5"))))) == [
        ("uncapped_amount", "guarantees[0].remedies[0].amount")]
    limit = {"kind": "order_total_at_most", "amount": "1000.00"}
    assert found(policy(guarantee(remedies=coupon(percent("5")), conditions=[limit]))) == []


def test_only_the_last_tier_of_a_table_can_be_uncapped() -> None:
    table = tiers(("0", percent("1")), ("300.00", percent("2")))
    assert found(policy(guarantee(remedies=coupon(table)))) == [
        ("uncapped_amount", "guarantees[0].remedies[0].amount.tiers[1].amount")]


def test_statutory_damages_are_uncapped_by_law_other_multiples_are_flagged() -> None:
    def damages(multiplier: str) -> Policy:
        return policy(guarantee(remedies=[{"kind": "compensation", "amount": {
            "kind": "multiple", "multiplier": multiplier, "minimum": "500.00"}}]))

    assert found(damages("3")) == []
    assert found(damages("10")) == []
    assert found(damages("4")) == [("uncapped_amount", "guarantees[0].remedies[0].amount")]
    assert found(damages("12")) == [
        ("out_of_bounds", "guarantees[0].remedies[0].amount.multiplier"),
        ("uncapped_amount", "guarantees[0].remedies[0].amount")]


def test_a_fixed_compensation_above_the_lowest_order_total_exceeds_the_base() -> None:
    compensation = [{"kind": "compensation", "amount": fixed("50.00")}]
    assert found(policy(guarantee(remedies=compensation))) == [
        ("exceeds_base", "guarantees[0].remedies[0].amount")]
    minimum = {"kind": "order_total_above", "amount": "50.00"}
    assert found(policy(guarantee(remedies=compensation, conditions=[minimum]))) == []
    freight = [{"kind": "return_shipping", "amount": fixed("50.00")}]
    assert found(policy(guarantee(remedies=freight))) == []


# --- parameters out of bounds -----------------------------------------------------------------

@pytest.mark.parametrize(("condition", "field", "inside"), [
    (within(window_days=366), "window_days", within(window_days=365)),
    (within(window_hours=721), "window_hours", within(window_hours=720)),
    ({"kind": "buyer_limit", "max_claims": 3, "window_days": 400}, "window_days",
     {"kind": "buyer_limit", "max_claims": 3, "window_days": 365}),
    ({"kind": "shipped_late", "grace_hours": 24}, "grace_hours",
     {"kind": "shipped_late", "grace_hours": 23}),
])
def test_a_condition_parameter_beyond_its_bound_is_flagged(
        condition: dict[str, Any], field: str, inside: dict[str, Any]) -> None:
    assert found(policy(guarantee(conditions=[condition]))) == [
        ("out_of_bounds", f"guarantees[0].conditions[0].{field}")]
    assert found(policy(guarantee(conditions=[inside]))) == []


def test_a_parameter_under_any_of_is_checked_with_its_path() -> None:
    either = {"kind": "any_of", "conditions": [
        {"kind": "not_shipped_within", "hours_after_promise": 800},
        {"kind": "flagged_with", "flags": ["fake_shipment"]}]}
    assert found(policy(guarantee(conditions=[either]))) == [
        ("out_of_bounds", "guarantees[0].conditions[0].conditions[0].hours_after_promise")]


def test_a_rate_over_a_hundred_percent_is_out_of_bounds() -> None:
    assert found(policy(guarantee(remedies=coupon(percent("150", cap="20.00"))))) == [
        ("out_of_bounds", "guarantees[0].remedies[0].amount.rate_percent")]
    assert found(policy(guarantee(remedies=coupon(percent("100", cap="20.00"))))) == []


def test_a_refund_due_more_than_thirty_days_after_the_return_is_out_of_bounds() -> None:
    def due(days: int) -> Policy:
        return policy(guarantee(remedies=refund({"kind": "claimed_fraction"},
                                                due_days_after_return=days)))

    assert found(due(31)) == [("out_of_bounds", "guarantees[0].remedies[0].due_days_after_return")]
    assert found(due(30)) == []


# --- evidence and priority --------------------------------------------------------------------

def test_evidence_named_twice_is_flagged_at_the_repeat() -> None:
    assert found(policy(guarantee(evidence=["photo", "video", "photo"]))) == [
        ("evidence_duplicate", "guarantees[0].evidence[2]")]
    assert found(policy(guarantee(evidence=["photo", "video"]))) == []


def test_a_refunding_guarantee_left_out_of_the_priority_is_unranked() -> None:
    refunding = guarantee("refunder", remedies=refund({"kind": "claimed_fraction"}))
    report = lint(policy(guarantee(), refunding, stacking={"priority": ["goodwill"]}))
    assert [(f.code, f.path, f.guarantee) for f in report.findings] == [
        ("unranked", "stacking.priority", "refunder")]
    # A coupon outside any exclusive group: its rank decides nothing.
    assert found(policy(guarantee(), guarantee("other"),
                        stacking={"priority": ["goodwill"]})) == []
    # No priority at all: every guarantee ranks by id, as documented.
    assert found(policy(guarantee(), refunding)) == []


# --- the report -------------------------------------------------------------------------------

def test_versions_are_linted_each_with_its_index_in_the_path() -> None:
    first = {"id": "p", "version": "1", "effective_from": "2025-01-01",
             "guarantees": [guarantee()]}
    second = {"id": "p", "version": "2", "effective_from": "2026-03-01",
              "guarantees": [guarantee(categories=[])]}
    versions = PolicyVersions.parse({"kind": "policy_versions", "id": "p",
                                     "versions": [first, second]})
    report = lint(versions)
    assert found(versions) == [("scope_empty", "versions[1].guarantees[0].categories")]
    assert report.policy == "p (2 versions)"


def test_the_report_lists_errors_and_warnings_as_data_and_text() -> None:
    subject = policy(guarantee(categories=[], evidence=["photo", "photo"]))
    report = lint(subject)
    assert isinstance(report, LintReport)
    assert all(isinstance(f, Finding) for f in report.findings)
    assert [f.code for f in report.errors] == ["scope_empty"]
    assert [f.code for f in report.warnings] == ["evidence_duplicate"]
    assert report.codes == ("scope_empty", "evidence_duplicate")
    assert not report.ok
    data = report.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert (data["policy"], data["errors"], data["warnings"]) == ("p 1", 1, 1)
    assert data["findings"][0] == {
        "severity": "error", "code": "scope_empty", "path": "guarantees[0].categories",
        "guarantee": "goodwill", "message": report.errors[0].message}
    lines = str(report).splitlines()
    assert lines[0] == "lint p 1: 1 error, 1 warning"
    assert lines[1] == "  error   scope_empty at guarantees[0].categories (goodwill)"
    assert lines[2].startswith(" " * 10 + "categories is an empty list")
    assert "  warning evidence_duplicate at guarantees[0].evidence[1] (goodwill)" in lines
    assert all(len(line) <= 100 for line in lines)
    assert str(report.warnings[0]).startswith(
        "warning evidence_duplicate at guarantees[0].evidence[1] (goodwill): evidence names")


def test_warnings_alone_leave_the_report_ok() -> None:
    report = lint(policy(guarantee(evidence=["photo", "photo"])))
    assert report.ok
    assert report.warnings
    assert not report.errors


def test_every_code_has_one_severity_and_is_documented() -> None:
    page = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    assert {severity for severity, _ in CODES.values()} == {Severity.ERROR, Severity.WARNING}
    assert [code for code in CODES if f"`{code}`" not in page] == []
