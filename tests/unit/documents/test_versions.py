"""Versions in force: the version that decides a case is the one in force when its order was
paid (or at its `as_of`); an `effective_from` date is its first instant in the policy's time
zone; the decision names the version; bad versions documents list every problem."""

from __future__ import annotations

import textwrap
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import aftersales
from aftersales import InvalidCaseError, InvalidPolicyError, Policy, standard_policy
from aftersales.documents import dump_policy, load_policy, read_policy
from aftersales.model.decision import Decision
from aftersales.policy.versions import PolicyVersions
from tests.builders import claim_case

ROOT = Path(__file__).resolve().parents[3]
ALLERGY_VERSIONS = ROOT / "examples/allergy-versions.yaml"
UTC = UTC


def versions(text: str | None = None) -> PolicyVersions:
    loaded = read_policy(text) if text is not None else load_policy(ALLERGY_VERSIONS)
    assert isinstance(loaded, PolicyVersions)
    return loaded


def allergy_case(paid_at: str, *, days_after_delivery: int = 10) -> dict[str, Any]:
    """An allergy claim on a serum, filed `days_after_delivery` days after delivery: in time
    under the 90-day version, too late under the 7-day one."""
    paid = datetime.fromisoformat(paid_at)
    delivered = paid + timedelta(days=3)
    filed = delivered + timedelta(days=days_after_delivery)
    return claim_case("allergy", as_of=(filed + timedelta(hours=1)).isoformat(),
                      order={"paid_at": paid.isoformat(),
                             "promised_ship_by": (paid + timedelta(days=2)).isoformat(),
                             "shipped_at": (paid + timedelta(days=1)).isoformat(),
                             "delivered_at": delivered.isoformat()},
                      claim={"filed_at": filed.isoformat()})


def decided(case: dict[str, Any], policy: PolicyVersions) -> Decision:
    return aftersales.evaluate(case, policy)


def test_the_example_holds_two_versions_of_one_policy() -> None:
    loaded = versions()
    assert (loaded.id, loaded.in_force_by) == ("acme-beauty", "paid_at")
    assert [(v.id, v.version, v.effective_from) for v in loaded.versions] == [
        ("acme-beauty", "2025.11", date(2025, 11, 1)),
        ("acme-beauty", "2026.03", date(2026, 3, 1))]


def test_a_date_means_its_first_instant_in_the_policy_time_zone() -> None:
    new = versions().versions[1]
    assert new.starts_at() == datetime(2026, 2, 28, 16, 0, tzinfo=UTC)  # Asia/Shanghai
    in_utc = new.model_copy(update={"time_zone": "UTC"})
    assert in_utc.starts_at() == datetime(2026, 3, 1, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(("paid_at", "version"), [
    ("2026-02-28T15:59:59.999999+00:00", "2025.11"),
    ("2026-02-28T23:59:59.999999+08:00", "2025.11"),
    ("2026-02-28T16:00:00+00:00", "2026.03"),
    ("2026-03-01T00:00:00+08:00", "2026.03"),
    ("2025-11-01T00:00:00+08:00", "2025.11"),
    ("2030-01-01T00:00:00+08:00", "2026.03"),
])
def test_the_version_in_force_at_payment_decides(paid_at: str, version: str) -> None:
    loaded = versions()
    case = allergy_case(paid_at)
    assert loaded.version_for(case).version == version
    decision = decided(case, loaded)
    assert (decision.policy.id, decision.policy.version) == ("acme-beauty", version)
    expected = "approved" if version == "2026.03" else "denied"
    assert decision.status == expected
    assert ("allergy.filed_too_late" in decision.codes) == (version == "2025.11")


def test_in_force_picks_by_instant_on_both_sides_of_the_start() -> None:
    loaded = versions()
    start = datetime(2026, 2, 28, 16, 0, tzinfo=UTC)
    assert loaded.in_force(start - timedelta(microseconds=1)).version == "2025.11"
    assert loaded.in_force(start).version == "2026.03"


def test_a_case_paid_before_the_first_version_cannot_be_decided() -> None:
    case = allergy_case("2025-10-31T23:59:59.999999+08:00")
    with pytest.raises(InvalidCaseError) as raised:
        decided(case, versions())
    (problem,) = raised.value.problems
    assert (problem.path, problem.code) == ("order.paid_at", "no_version_in_force")
    assert problem.message == "no version of policy acme-beauty was in force at " \
        "2025-10-31T23:59:59.999999+08:00: the first is effective from 2025-11-01T00:00:00+08:00"
    assert isinstance(decided(allergy_case("2025-11-01T00:00:00+08:00"), versions()), Decision)


def test_in_force_by_as_of_picks_the_version_in_force_when_the_case_is_decided() -> None:
    by_as_of = versions(ALLERGY_VERSIONS.read_text(encoding="utf-8").replace(
        "in_force_by: paid_at", "in_force_by: as_of"))
    assert by_as_of.in_force_by == "as_of"
    # Paid under the 7-day terms, decided after the 90-day terms came into force.
    case = allergy_case("2026-02-20T10:00:00+08:00")
    assert datetime.fromisoformat(case["as_of"]) >= datetime(2026, 2, 28, 16, tzinfo=UTC)
    assert decided(case, versions()).policy.version == "2025.11"
    decision = decided(case, by_as_of)
    assert (decision.policy.version, decision.status) == ("2026.03", "approved")


def test_in_force_by_as_of_names_as_of_when_no_version_was_in_force() -> None:
    by_as_of = versions(ALLERGY_VERSIONS.read_text(encoding="utf-8").replace(
        "in_force_by: paid_at", "in_force_by: as_of"))
    case = allergy_case("2025-10-01T10:00:00+08:00", days_after_delivery=1)
    with pytest.raises(InvalidCaseError) as raised:
        decided(case, by_as_of)
    assert [(p.path, p.code) for p in raised.value.problems] == [("as_of", "no_version_in_force")]


def test_evaluate_many_reports_a_case_before_the_first_version_in_place() -> None:
    cases = [allergy_case("2026-02-01T10:00:00+08:00"), allergy_case("2025-01-01T10:00:00+08:00"),
             allergy_case("2026-03-05T10:00:00+08:00")]
    for results in (aftersales.evaluate_many(cases, versions()),
                    versions().evaluate_many(cases)):
        first, bad, last = results
        assert isinstance(first, Decision)
        assert first.policy.version == "2025.11"
        assert isinstance(bad, InvalidCaseError)
        assert bad.paths == ["order.paid_at"]
        assert isinstance(last, Decision)
        assert last.policy.version == "2026.03"


def test_the_decision_names_the_version_as_it_does_for_a_single_policy() -> None:
    case = allergy_case("2026-03-05T10:00:00+08:00")
    assert decided(case, versions()) == aftersales.evaluate(case, versions().versions[1])


def test_policy_from_file_refuses_a_versions_file() -> None:
    with pytest.raises(InvalidPolicyError) as raised:
        Policy.from_file(ALLERGY_VERSIONS)
    (problem,) = raised.value.problems
    assert (problem.path, problem.code) == ("versions", "holds_versions")
    assert "PolicyVersions.from_file" in problem.message


def test_versions_from_a_single_policy_file_hold_that_one_version() -> None:
    single = PolicyVersions.from_file(ROOT / "examples/allergy-7-days.yaml")
    assert (single.id, single.title) == ("allergy-7-days",
                                         "Standard policy with a 7-day allergy window")
    (version,) = single.versions
    assert version == Policy.from_file(ROOT / "examples/allergy-7-days.yaml")
    # With no effective_from, the one version is in force for every case.
    assert decided(allergy_case("2001-01-01T00:00:00+08:00"), single).policy.version == "2025.11"


def test_a_versions_document_round_trips_through_each_format() -> None:
    loaded = versions()
    for format in ("yaml", "json", "toml"):
        assert read_policy(dump_policy(loaded, format), format) == loaded


def test_versions_may_be_full_policies_as_well_as_extends_documents() -> None:
    first = standard_policy().model_copy(update={"effective_from": date(2026, 11, 1)})
    full = textwrap.indent(dump_policy(first), "    ").replace("    kind:", "  - kind:", 1)
    text = "id: standard\nversions:\n" + full + \
        "  - {extends: standard, version: '2027.01', effective_from: 2027-01-01}\n"
    loaded = versions(text)
    assert loaded.versions[0] == first
    assert loaded.versions[1] == standard_policy().model_copy(update={
        "version": "2027.01", "effective_from": date(2027, 1, 1)})


def _problems(text: str) -> list[tuple[str, str, int | None]]:
    with pytest.raises(InvalidPolicyError) as raised:
        read_policy(textwrap.dedent(text).lstrip("\n"))
    return [(p.path, p.code, p.line) for p in raised.value.problems]


def test_versions_out_of_order_are_refused_on_the_later_one() -> None:
    assert _problems("""
        id: acme
        versions:
          - {version: "2", effective_from: 2026-03-01, extends: standard}
          - {version: "3", effective_from: 2026-03-01, extends: standard}
          - {version: "1", effective_from: 2025-01-01, extends: standard}
        """) == [("versions[1].effective_from", "versions_out_of_order", 4),
                 ("versions[2].effective_from", "versions_out_of_order", 5)]


def test_the_order_message_names_both_instants() -> None:
    with pytest.raises(InvalidPolicyError) as raised:
        read_policy("id: acme\nversions:\n"
                    "  - {version: '2', effective_from: 2026-03-01, extends: standard}\n"
                    "  - {version: '1', effective_from: 2025-01-01, extends: standard}\n")
    assert str(raised.value.problems[0]) == "versions[1].effective_from (line 4): versions are " \
        "listed oldest first: 2025-01-01T00:00:00+08:00 is not after the previous version's " \
        "2026-03-01T00:00:00+08:00"


def test_a_version_written_twice_is_refused() -> None:
    assert _problems("""
        id: acme
        versions:
          - {version: "1", effective_from: 2025-01-01, extends: standard}
          - {version: "1", effective_from: 2026-01-01, extends: standard}
        """) == [("versions[1].version", "version_duplicate", 4)]


def test_a_version_of_another_policy_is_refused() -> None:
    assert _problems("""
        id: acme
        versions:
          - version: "1"
            effective_from: 2025-01-01
            extends: standard
          - id: other
            version: "2"
            effective_from: 2026-01-01
            extends: standard
        """) == [("versions[1].id", "version_id_mismatch", 6)]


@pytest.mark.parametrize("written", ["versions: []", "versions:", "versions: {}",
                                     "kind: policy_versions"])
def test_a_versions_document_without_versions_is_refused(written: str) -> None:
    problems = _problems(f"id: acme\n{written}\n")
    assert [(path, code) for path, code, _ in problems] == [("versions", "versions_empty")]


def test_a_versions_document_without_an_id_is_refused_once() -> None:
    assert _problems("""
        versions:
          - {version: "1", effective_from: 2025-01-01, extends: standard}
          - {version: "2", effective_from: 2026-01-01, extends: standard}
        """) == [("id", "missing", None)]


def test_a_version_that_is_not_a_mapping_is_refused() -> None:
    assert _problems("""
        id: acme
        versions:
          - standard
        """) == [("versions[0]", "not_a_mapping", 3)]


def test_every_problem_of_a_versions_document_is_listed_at_once() -> None:
    assert _problems("""
        id: acme
        in_force_by: paid
        versions:
          - version: "1"
            effective_from: 2025-01-01
            extends: standard
            overrides:
              alergy: {window_days: 30}
          - version: "2"
            effective_from: 2026-01-01T00:00:00
            extends: standard
            titl: Acme
        """) == [("in_force_by", "literal_error", 2),
                 ("versions[0].overrides.alergy", "guarantee_unknown", 8),
                 ("versions[1].effective_from", "value_error", 10),
                 ("versions[1].titl", "extra_forbidden", 12)]


def test_an_unknown_field_of_a_versions_document_suggests_the_closest_one() -> None:
    with pytest.raises(InvalidPolicyError) as raised:
        read_policy("id: acme\nin_force: as_of\nversions:\n"
                    "  - {version: '1', extends: standard}\n")
    assert [str(problem) for problem in raised.value.problems] == [
        "in_force (line 2): is not a known field of a versions document; did you mean "
        "`in_force_by`?"]


def test_a_later_version_without_effective_from_is_refused() -> None:
    assert _problems("""
        id: acme
        versions:
          - {version: "1", effective_from: 2025-01-01, extends: standard}
          - {version: "2", extends: standard}
        """) == [("versions[1].effective_from", "missing", 4)]


def _without_cap() -> PolicyVersions:
    loaded = versions()
    return loaded.model_copy(update={"versions": tuple(
        version.model_copy(update={"refund_cap": None}) for version in loaded.versions)})


@pytest.mark.parametrize("format", ["yaml", "json", "toml"])
def test_versions_without_a_refund_cap_round_trip_in_every_format(format: str) -> None:
    loaded = _without_cap()
    text = dump_policy(loaded, format)  # type: ignore[arg-type]
    assert read_policy(text, format) == loaded  # type: ignore[arg-type]
    assert "null" not in text


def test_versions_to_dict_writes_no_cap_as_policy_to_dict_does() -> None:
    loaded = _without_cap()
    assert loaded.to_dict()["versions"][0]["refund_cap"] == "none"
