"""`preview(policy, cases)`: one row per case and a summary, checked against hand-computed
totals (see tests/unit/reports/cases.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

import aftersales
from aftersales import CurrencyMismatchError, Preview, PreviewRow, preview
from aftersales.policy.versions import PolicyVersions
from aftersales.reports import CaseItem, parse_cases
from tests.builders import case_dict, claim_case
from tests.unit.reports.cases import good_cases, invalid_case, seven_day_allergy

D = Decimal


@pytest.fixture(scope="module")
def report() -> Preview:
    return preview(aftersales.standard_policy(), [*good_cases(), invalid_case()])


def test_there_is_one_row_per_case_in_order(report: Preview) -> None:
    assert [row.case_id for row in report.rows] == [
        "c-spoilage", "c-allergy-late", "c-allergy-early", "c-price", "c-late", "c-on-time",
        "c-bad"]
    assert [row.status for row in report.rows] == [
        "approved", "approved", "approved", "approved", "approved", "denied", "invalid"]
    assert report.policy == "standard 2026.11"


def test_a_row_carries_its_remedies_total_main_reason_and_decision(report: Preview) -> None:
    row = report.rows[0]
    assert isinstance(row, PreviewRow)
    assert row.where == "case 1"
    assert row.order_id == "o-1"
    assert row.total == D("39.90")
    assert [(r.kind, r.amount, r.payer, r.guarantee) for r in row.remedies] == [
        ("refund", D("39.90"), "merchant", "spoilage")]
    assert row.reason_code == "spoilage.approved"
    assert row.decision is not None
    assert row.error is None
    assert row.reason_message == row.decision.reasons[0].message
    assert row.policy_version == "2026.11"


def test_a_denied_case_pays_nothing_and_names_its_main_reason(report: Preview) -> None:
    denied = report.rows[5]
    assert denied.total == 0
    assert str(denied.total) == "0.00"
    assert denied.remedies == ()
    assert denied.reason_code == "late_shipment.shipped_on_time"


def test_an_invalid_case_is_a_row_with_every_problem_and_the_others_are_decided(
        report: Preview) -> None:
    bad = report.rows[6]
    assert bad.decision is None
    assert bad.error is not None
    assert set(bad.error.paths) == {"as_of", "order.lines[0].paid_amount"}
    assert bad.reason_code == "timezone_aware"
    assert "as_of: needs a UTC offset" in (bad.reason_message or "")
    assert "order.lines[0].paid_amount" in (bad.reason_message or "")
    assert bad.policy_version is None
    assert report.invalid == (bad,)


def test_the_summary_counts_statuses_and_invalid_cases(report: Preview) -> None:
    summary = report.summary
    assert (summary.cases, summary.decided, summary.invalid) == (7, 6, 1)
    assert dict(summary.by_status) == {"approved": 5, "denied": 1, "needs_evidence": 0,
                                       "not_covered": 0}
    assert dict(summary.by_policy_version) == {"2026.11": 6}


def test_the_summary_adds_up_the_payouts_by_guarantee_kind_and_payer(report: Preview) -> None:
    summary = report.summary
    assert summary.currency == "CNY"
    assert summary.total_paid == D("212.30")
    assert dict(summary.paid_by_guarantee) == {"allergy": D("159.60"), "spoilage": D("39.90"),
                                               "price_match": D("9.80"),
                                               "late_shipment": D("3.00")}
    assert dict(summary.approvals_by_guarantee) == {"allergy": 2, "spoilage": 1,
                                                    "price_match": 1, "late_shipment": 1}
    assert dict(summary.paid_by_kind) == {"refund": D("209.30"), "coupon": D("3.00")}
    assert dict(summary.paid_by_payer) == {"merchant": D("199.50"), "platform": D("12.80")}


def test_the_data_is_plain_dicts_with_exact_decimals(report: Preview) -> None:
    data = report.to_dict()
    assert data["summary"]["total_paid"] == D("212.30")
    assert data["rows"][0]["remedies"][0]["amount"] == D("39.90")
    assert data["rows"][6]["problems"][0]["path"] == "as_of"

    def values(value: object) -> Iterator[object]:
        if isinstance(value, dict):
            for child in value.values():
                yield from values(child)
        elif isinstance(value, list):
            for child in value:
                yield from values(child)
        else:
            yield value

    assert not any(isinstance(value, float) for value in values(data))


def test_cases_may_be_dicts_json_text_parsed_cases_or_sourced_cases() -> None:
    spoilage = claim_case("spoilage")
    sourced = parse_cases(json.dumps(spoilage))
    items: list[CaseItem] = [spoilage, json.dumps(spoilage), aftersales.parse_case(spoilage),
                             *sourced]
    report = preview(aftersales.standard_policy(), items)
    assert [row.total for row in report.rows] == [D("39.90")] * 4
    assert [row.where for row in report.rows] == ["case 1", "case 2", "case 3", "line 1"]


def test_no_policy_means_the_standard_policy() -> None:
    assert preview(None, [claim_case("spoilage")]).policy == "standard 2026.11"


def test_each_case_is_decided_by_the_version_in_force_and_the_row_names_it() -> None:
    standard = aftersales.standard_policy()
    versions = PolicyVersions(id="standard", versions=(
        seven_day_allergy().model_copy(update={"version": "2025.1",
                                               "effective_from": date(2020, 1, 1)}),
        standard.model_copy(update={"version": "2025.2", "effective_from": date(2025, 8, 21)}),
    ))
    paid_before = claim_case("allergy", id="before")
    paid_after = claim_case("allergy", id="after", order={"paid_at": "2025-08-21T10:00:00+08:00"})
    report = preview(versions, [paid_before, paid_after])
    assert report.policy == "standard (2025.1, 2025.2)"
    assert [(row.policy_version, row.status) for row in report.rows] == [
        ("2025.1", "denied"), ("2025.2", "approved")]
    assert dict(report.summary.by_policy_version) == {"2025.1": 1, "2025.2": 1}


def test_a_case_no_version_was_in_force_for_is_an_invalid_row() -> None:
    versions = PolicyVersions(id="standard", versions=(
        aftersales.standard_policy().model_copy(update={"effective_from": date(2026, 1, 1)}),))
    (row,) = preview(versions, [claim_case("spoilage")]).rows
    assert row.status == "invalid"
    assert row.reason_code == "no_version_in_force"


def test_a_case_in_another_currency_is_an_invalid_row() -> None:
    (row,) = preview(aftersales.standard_policy(),
                     [case_dict(order={"currency": "USD"})]).rows
    assert row.error is not None
    assert row.error.paths == ["order.currency"]


def test_versions_paying_in_two_currencies_cannot_be_summed() -> None:
    usd = aftersales.standard_policy().model_copy(
        update={"currency": "USD", "version": "usd", "effective_from": date(2025, 8, 21)})
    cny = aftersales.standard_policy().model_copy(update={"effective_from": date(2020, 1, 1)})
    versions = PolicyVersions(id="standard", versions=(cny, usd))
    cases = [claim_case("spoilage"),
             claim_case("spoilage", order={"currency": "USD",
                                           "paid_at": "2025-08-21T10:00:00+08:00"})]
    with pytest.raises(CurrencyMismatchError):
        preview(versions, cases)


def test_trace_is_kept_only_when_asked_for() -> None:
    fast = preview(None, [claim_case("spoilage")]).rows[0].decision
    traced = preview(None, [claim_case("spoilage")], trace=True).rows[0].decision
    assert fast is not None
    assert traced is not None
    assert fast.trace == ()
    assert traced.trace != ()


def test_progress_is_reported_once_per_case() -> None:
    calls: list[None] = []
    preview(None, [*good_cases(), invalid_case()], progress=lambda: calls.append(None))
    assert len(calls) == 7


def test_an_empty_set_of_cases_has_an_empty_summary() -> None:
    report = preview(None, [])
    assert report.rows == ()
    assert (report.summary.cases, report.summary.total_paid) == (0, D("0.00"))
    assert dict(report.summary.paid_by_guarantee) == {}
