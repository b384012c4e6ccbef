"""`changes`: a version written as what it changes in the version before it, and a document
that extends a shipped policy (the platform presets among them) and changes its guarantees."""

from __future__ import annotations

from importlib.resources import files

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml

from aftersales import POLICY_NAMES, InvalidPolicyError, Policy, PolicyVersions, load_policy
from aftersales.documents import policy_schema, read_policy

TWO_VERSIONS = """\
id: acme
versions:
  - version: "1"
    effective_from: 2025-11-01
    extends: standard
  - version: "2"
    effective_from: 2026-03-01
{changes}"""

REFUND = """\
kind: guarantee
id: {gid}
claim_kinds: [refund_request]
remedies: [{{kind: refund, amount: {{kind: {amount}}}}}]"""


def second_version(changes: str) -> Policy:
    versions = read_policy(TWO_VERSIONS.format(changes=changes))
    assert isinstance(versions, PolicyVersions)
    return versions.versions[1]


def problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(InvalidPolicyError) as raised:
        read_policy(text)
    return [(problem.path, problem.code) for problem in raised.value.problems]


def ids(policy: Policy) -> list[str]:
    return [guarantee.id for guarantee in policy.guarantees]


def indented(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line + "\n" for line in text.splitlines())


def test_a_guarantee_set_with_a_known_id_replaces_it_in_its_place() -> None:
    before = ids(load_policy("standard"))  # type: ignore[arg-type]
    second = second_version("    changes:\n      set:\n        - "
                            + indented(REFUND.format(gid="spoilage", amount="claimed_fraction"),
                                       10).lstrip())
    assert ids(second) == before
    assert second.guarantee("spoilage").claim_kinds == ("refund_request",)


def test_a_guarantee_set_with_a_new_id_is_added_last() -> None:
    second = second_version("    changes:\n      set:\n        - "
                            + indented(REFUND.format(gid="goodwill", amount="claimed_fraction"),
                                       10).lstrip())
    assert ids(second)[-1] == "goodwill"


def test_a_withdrawn_guarantee_leaves_the_policy_and_its_stacking() -> None:
    second = second_version("    changes:\n      withdraw: [large_item_pickup]\n")
    assert "large_item_pickup" not in ids(second)
    assert "large_item_pickup" not in second.stacking.priority
    for group in second.stacking.exclusive:
        assert "large_item_pickup" not in group.guarantees
        assert len(group.guarantees) >= 2


def test_the_version_before_keeps_what_a_later_one_withdraws() -> None:
    versions = read_policy(TWO_VERSIONS.format(changes="    changes:\n      withdraw: [allergy]\n"))
    assert isinstance(versions, PolicyVersions)
    assert "allergy" in ids(versions.versions[0])


def test_the_first_version_cannot_be_written_as_changes() -> None:
    assert problems("""\
id: acme
versions:
  - version: "1"
    effective_from: 2025-11-01
    changes: {withdraw: [allergy]}
""") == [("versions[0].changes", "nothing_to_change")]


def test_withdrawing_an_unknown_guarantee_is_an_error_on_its_place() -> None:
    assert problems(TWO_VERSIONS.format(changes="    changes:\n      withdraw: [alergy]\n")) \
        == [("versions[1].changes.withdraw[0]", "guarantee_unknown")]


def test_an_unknown_kind_of_change_is_refused() -> None:
    assert problems(TWO_VERSIONS.format(changes="    changes:\n      remove: [allergy]\n")) \
        == [("versions[1].changes.remove", "extra_forbidden")]


def test_a_mistake_inside_a_guarantee_set_is_reported_inside_it() -> None:
    text = TWO_VERSIONS.format(changes="    changes:\n      set:\n        - " + indented(
        REFUND.format(gid="goodwill", amount="bogus"), 10).lstrip())
    with pytest.raises(InvalidPolicyError) as raised:
        read_policy(text)
    (problem,) = raised.value.problems
    assert problem.path == "versions[1].changes.set[0].remedies[0].amount.kind"
    assert problem.line == 13


def test_a_version_after_a_wrong_one_adds_no_problem_of_its_own() -> None:
    text = """\
id: acme
versions:
  - version: "1"
    effective_from: 2025-11-01
    extends: standard
    overrides: {allergy: {window_days: 0}}
  - version: "2"
    effective_from: 2026-03-01
    changes: {withdraw: [allergy]}
"""
    assert [path for path, _ in problems(text)] == ["versions[0].overrides.allergy.window_days"]


def test_the_presets_are_shipped_by_name() -> None:
    assert POLICY_NAMES == ("standard", "douyin", "tmall")
    for name in ("douyin", "tmall"):
        preset = load_policy(name)
        assert isinstance(preset, PolicyVersions)
        assert preset.id == name


def test_the_presets_documents_meet_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(policy_schema())
    for name in ("douyin", "tmall"):
        text = (files("aftersales") / "data" / "presets" / f"{name}.yaml").read_text("utf-8")
        document = yaml.safe_load(text)
        for version in document["versions"]:  # dates as an editor sees them: text
            version["effective_from"] = str(version["effective_from"])
        assert [error.message for error in validator.iter_errors(document)] == []


def test_a_changes_version_with_a_mistake_fails_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(policy_schema())
    document = {"id": "acme", "versions": [
        {"version": "1", "effective_from": "2025-11-01", "extends": "standard"},
        {"version": "2", "effective_from": "2026-03-01", "changes": {"remove": ["allergy"]}}]}
    assert list(validator.iter_errors(document))


def test_extending_a_preset_starts_from_its_latest_version() -> None:
    douyin = load_policy("douyin")
    assert isinstance(douyin, PolicyVersions)
    mine = read_policy("extends: douyin\nid: mine\nversion: '1'\n")
    assert isinstance(mine, Policy)
    assert mine.guarantees == douyin.versions[-1].guarantees
    assert (mine.id, mine.version, mine.effective_from) == ("mine", "1", None)


def test_extending_a_named_version_of_a_preset_starts_from_it() -> None:
    douyin = load_policy("douyin")
    assert isinstance(douyin, PolicyVersions)
    first = douyin.versions[0]
    mine = read_policy(f"extends: douyin@{first.version}\nid: mine\nversion: '1'\n")
    assert isinstance(mine, Policy)
    assert mine.guarantees == first.guarantees


def test_an_unknown_version_of_a_preset_is_refused_with_the_known_ones() -> None:
    with pytest.raises(InvalidPolicyError) as raised:
        read_policy("extends: douyin@2019-01-01\nid: mine\nversion: '1'\n")
    (problem,) = raised.value.problems
    assert (problem.path, problem.code) == ("extends", "unknown_version")
    assert "2022-11-24" in problem.message


def test_overrides_are_for_the_standard_policy_only() -> None:
    assert problems("extends: douyin\nid: mine\nversion: '1'\n"
                    "overrides: {allergy: {window_days: 9}}\n") == [
        ("overrides", "overrides_need_standard")]


def test_an_extends_document_may_change_the_standard_policys_guarantees() -> None:
    mine = read_policy("extends: standard\nid: mine\nversion: '1'\n"
                       "changes: {withdraw: [price_match]}\n")
    assert isinstance(mine, Policy)
    assert "price_match" not in ids(mine)
