"""`diff(old, new, cases)`: the standard policy against a 7-day allergy window, on cases with
hand-checked decisions (see tests/unit/reports/cases.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import aftersales
from aftersales import Diff, DiffRow, diff
from aftersales.policy.versions import PolicyVersions
from aftersales.reports import CHANGE_KINDS, Delta
from tests.builders import claim_case
from tests.unit.reports.cases import good_cases, invalid_case, seven_day_allergy

D = Decimal


@pytest.fixture(scope="module")
def report() -> Diff:
    return diff(aftersales.standard_policy(), seven_day_allergy(), good_cases())


def test_only_the_changed_decisions_are_listed(report: Diff) -> None:
    assert [row.case_id for row in report.changed] == ["c-allergy-late", "c-allergy-early"]
    assert report.summary.cases == 6
    assert report.summary.changed == 2


def test_a_claim_outside_the_shorter_window_goes_from_approved_to_denied(report: Diff) -> None:
    row = report.changed[0]
    assert isinstance(row, DiffRow)
    assert row.transition == "approved → denied"
    assert row.changes == ("status", "amount_down", "deadline")
    assert (row.old.total, row.new.total, row.delta) == (D("79.80"), D("0.00"), D("-79.80"))
    assert row.old.reason_code == "allergy.approved"
    assert row.new.reason_code == "allergy.filed_too_late"
    assert row.new.policy_version == "2026.12"


def test_a_claim_inside_both_windows_only_changes_its_deadline(report: Diff) -> None:
    row = report.changed[1]
    assert row.transition is None
    assert row.changes == ("deadline",)
    assert row.delta == 0


def test_the_summary_counts_transitions_and_kinds_of_change(report: Diff) -> None:
    summary = report.summary
    assert dict(summary.transitions) == {"approved → denied": 1}
    assert dict(summary.changes) == {"status": 1, "amount_down": 1, "deadline": 2}
    assert summary.invalid == 0


def test_the_payout_delta_is_new_minus_old_by_guarantee_payer_and_kind(report: Diff) -> None:
    summary = report.summary
    assert summary.total == Delta(D("212.30"), D("132.50"))
    assert summary.total.change == D("-79.80")
    assert summary.by_guarantee["allergy"] == Delta(D("159.60"), D("79.80"))
    assert summary.by_guarantee["spoilage"].change == 0
    assert next(iter(summary.by_guarantee)) == "allergy"  # the largest change first
    assert summary.by_payer["merchant"] == Delta(D("199.50"), D("119.70"))
    assert summary.by_payer["platform"].change == 0
    assert summary.by_kind["refund"].change == D("-79.80")


def test_changed_cases_carry_both_explanations_with_their_trace(report: Diff) -> None:
    row = report.changed[0]
    assert row.old_explanation is not None
    assert row.new_explanation is not None
    assert "APPROVED" in row.old_explanation
    assert "DENIED" in row.new_explanation
    assert "filed_within" in row.new_explanation  # a step of the trace
    assert row.old.decision is not None
    assert row.old.decision.trace == ()


def test_first_limits_the_explained_cases_but_not_the_counts() -> None:
    report = diff(None, seven_day_allergy(), good_cases(), first=1)
    assert len(report.changed) == 2
    assert report.shown == report.changed[:1]
    assert report.changed[0].old_explanation is not None
    assert report.changed[1].old_explanation is None
    nothing_explained = diff(None, seven_day_allergy(), good_cases(), first=0)
    assert nothing_explained.shown == ()
    assert nothing_explained.summary.changed == 2


def test_first_below_zero_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 0"):
        diff(None, None, [], first=-1)


def test_status_changes_come_first_then_the_rest_in_input_order() -> None:
    cases = list(reversed(good_cases()))  # the deadline-only change now comes first
    report = diff(None, seven_day_allergy(), cases, first=1)
    assert [row.case_id for row in report.changed] == ["c-allergy-late", "c-allergy-early"]
    assert report.shown[0].case_id == "c-allergy-late"


def test_the_same_policy_changes_nothing() -> None:
    report = diff(None, None, good_cases())
    assert report.changed == ()
    assert report.summary.total.change == 0
    assert dict(report.summary.transitions) == {}


def test_a_case_invalid_under_both_policies_is_not_a_change() -> None:
    report = diff(None, seven_day_allergy(), [invalid_case()])
    assert report.changed == ()
    assert report.summary.invalid == 1


def test_a_case_only_one_policy_can_decide_is_a_change_to_or_from_invalid() -> None:
    later = PolicyVersions(id="standard", versions=(
        aftersales.standard_policy().model_copy(update={"effective_from": date(2026, 1, 1)}),))
    report = diff(None, later, [claim_case("spoilage")])
    (row,) = report.changed
    assert row.transition == "approved → invalid"
    assert row.changes == ("status",)
    assert row.delta == D("-39.90")
    assert "invalid under this policy" in (row.new_explanation or "")
    assert report.summary.invalid == 1


def test_every_change_kind_is_listed_in_order() -> None:
    assert CHANGE_KINDS == ("status", "amount_up", "amount_down", "remedies", "evidence",
                            "deadline", "reasons")


def test_more_evidence_required_is_an_evidence_change() -> None:
    stricter = aftersales.standard_policy().with_guarantee(
        aftersales.spoilage(evidence=("photo", "video")))
    (row,) = diff(None, stricter, [claim_case("spoilage")]).changed
    assert row.transition == "approved → needs_evidence"
    assert "evidence" in row.changes


def test_a_different_payer_for_the_same_amount_is_a_remedies_change() -> None:
    platform_pays = aftersales.standard_policy().with_guarantee(
        aftersales.spoilage(payer=aftersales.Payer.PLATFORM))
    report = diff(None, platform_pays, [claim_case("spoilage")])
    (row,) = report.changed
    assert row.changes == ("remedies",)
    assert report.summary.by_payer["merchant"] == Delta(D("39.90"), D("0.00"))
    assert report.summary.by_payer["platform"] == Delta(D("0.00"), D("39.90"))


def test_the_data_is_plain_dicts_with_exact_decimals(report: Diff) -> None:
    data = report.to_dict()
    assert data["summary"]["total"] == {"old": D("212.30"), "new": D("132.50"),
                                        "change": D("-79.80")}
    assert data["changed"][0]["transition"] == "approved → denied"
    assert data["changed"][0]["old"]["total"] == D("79.80")
    assert data["changed"][1]["old_explanation"] is not None


def test_progress_is_reported_once_per_decision() -> None:
    calls: list[None] = []
    diff(None, seven_day_allergy(), good_cases(), progress=lambda: calls.append(None))
    assert len(calls) == 12
