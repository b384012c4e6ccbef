"""The three document formats: read exactly (never through float), told apart by suffix, and
written back so that reading gives the same policy."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from aftersales import Policy, standard_policy
from aftersales.documents import (
    STANDARD_DOCUMENT,
    Format,
    dump_policy,
    load_policy,
    read_policy,
    write_policy,
)
from aftersales.documents._formats import format_of, parse_document
from aftersales.policy.versions import AnyPolicy, PolicyVersions
from aftersales.rules.amounts import PercentOf, TieredAmount
from aftersales.rules.remedies import Coupon

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FORMATS: tuple[Format, ...] = ("yaml", "json", "toml")


def _late_shipment_rate(policy: Policy) -> Decimal:
    """The `rate_percent` of the late-ship coupon's percent tier."""
    coupon = policy.guarantee("late_shipment").remedies[0]
    assert isinstance(coupon, Coupon)
    assert isinstance(coupon.amount, TieredAmount)
    percent = coupon.amount.tiers[1].amount
    assert isinstance(percent, PercentOf)
    return percent.rate_percent


@pytest.mark.parametrize(("text", "format"), [
    ("rate_percent: 1.5\n", "yaml"),
    ('{"rate_percent": 1.5}', "json"),
    ("rate_percent = 1.5\n", "toml"),
])
def test_a_decimal_number_is_read_exactly_in_every_format(text: str, format: Format) -> None:
    data, _ = parse_document(text, format)
    assert data["rate_percent"] == Decimal("1.5")
    assert isinstance(data["rate_percent"], Decimal)


@pytest.mark.parametrize(("text", "format"), [
    ("rate_percent: 0.1\n", "yaml"),
    ('{"rate_percent": 0.1}', "json"),
    ("rate_percent = 0.1\n", "toml"),
])
def test_a_number_that_binary_floats_cannot_hold_stays_exact(text: str, format: Format) -> None:
    data, _ = parse_document(text, format)
    assert data["rate_percent"] == Decimal("0.1")
    assert str(data["rate_percent"]) == "0.1"


@pytest.mark.parametrize("format", FORMATS)
def test_a_rate_written_as_a_number_reaches_the_policy_as_that_decimal(format: Format) -> None:
    document = dump_policy(standard_policy(), format)
    written = {"yaml": "rate_percent: '1'", "json": '"rate_percent": "1"',
               "toml": 'rate_percent = "1"'}[format]
    number = written.replace("'1'", "1.5").replace('"1"', "1.5")
    assert document.count(written) == 1
    policy = read_policy(document.replace(written, number), format)
    assert isinstance(policy, Policy)
    assert _late_shipment_rate(policy) == Decimal("1.5")
    assert str(_late_shipment_rate(policy)) == "1.5"


@pytest.mark.parametrize(("written", "read"), [
    ("2026.10", "2026.10"),  # a float would say 2026.1
    ("2026.1", "2026.1"),
    ("3", "3"),
    ('"2026.10"', "2026.10"),
])
def test_an_unquoted_version_is_read_as_the_text_written(written: str, read: str) -> None:
    policy = read_policy(f"extends: standard\nid: acme\nversion: {written}\n")
    assert isinstance(policy, Policy)
    assert policy.version == read


def test_an_unquoted_version_in_toml_is_read_as_the_text_written() -> None:
    policy = read_policy('extends = "standard"\nid = "acme"\nversion = 2026.10\n', "toml")
    assert isinstance(policy, Policy)
    assert policy.version == "2026.10"


def test_a_date_in_yaml_stays_the_text_written_until_the_policy_reads_it() -> None:
    data, _ = parse_document("effective_from: 2026-03-01\ntitle: 2026-03-01\n", "yaml")
    assert data == {"effective_from": "2026-03-01", "title": "2026-03-01"}
    policy = read_policy("extends: standard\nid: acme\nversion: '1'\n"
                         "effective_from: 2026-03-01\ntitle: 2026-03-01\n")
    assert isinstance(policy, Policy)
    assert policy.effective_from == date(2026, 3, 1)
    assert policy.title == "2026-03-01"


@pytest.mark.parametrize(("name", "format"), [
    ("policy.yaml", "yaml"), ("policy.yml", "yaml"), ("POLICY.YAML", "yaml"),
    ("policy.json", "json"), ("policy.toml", "toml"), ("dir.d/policy.Toml", "toml"),
    ("policy", "yaml"), ("policy.txt", "yaml"),
])
def test_the_format_is_named_by_the_suffix(name: str, format: Format) -> None:
    assert format_of(name) == format
    assert format_of(Path(name)) == format


def test_the_yaml_lines_of_each_path_are_recorded() -> None:
    _, lines = parse_document("id: acme\nversion: '1'\noverrides:\n  allergy:\n"
                              "    window_days: 7\n", "yaml")
    assert lines == {"id": 1, "version": 2, "overrides": 3, "overrides.allergy": 4,
                     "overrides.allergy.window_days": 5}


def _with_settings() -> list[Policy]:
    standard = standard_policy()
    fields = {name: getattr(standard, name) for name in Policy.model_fields}
    return [
        Policy(**{**fields, "id": "no-cap", "refund_cap": None,
                  "effective_from": date(2026, 3, 1)}),
        Policy(**{**fields, "id": "instant", "time_zone": "Europe/Berlin",
                  "effective_from": datetime(2026, 3, 1, 9, 30, 0, 250,
                                             tzinfo=timezone(timedelta(hours=1)))}),
    ]


def _policies() -> list[tuple[str, AnyPolicy]]:
    named: list[tuple[str, AnyPolicy]] = [("standard", standard_policy())]
    named += [(path.name, load_policy(path)) for path in EXAMPLES]
    named += [(policy.id, policy) for policy in _with_settings()]
    return named


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize(("name", "policy"), _policies(), ids=[n for n, _ in _policies()])
def test_a_dumped_policy_reads_back_equal(name: str, policy: AnyPolicy, format: Format) -> None:
    assert read_policy(dump_policy(policy, format), format) == policy


def test_no_cap_is_written_as_none_and_read_back_as_none() -> None:
    policy = _with_settings()[0]
    assert policy.to_dict()["refund_cap"] == "none"
    assert 'refund_cap = "none"' in dump_policy(policy, "toml")
    read = read_policy(dump_policy(policy, "toml"), "toml")
    assert isinstance(read, Policy)
    assert read.refund_cap is None


def test_an_instant_keeps_its_offset_and_microseconds() -> None:
    policy = _with_settings()[1]
    assert policy.to_dict()["effective_from"] == "2026-03-01T09:30:00.000250+01:00"
    read = read_policy(dump_policy(policy, "json"), "json")
    assert isinstance(read, Policy)
    assert read.starts_at() == datetime(2026, 3, 1, 8, 30, 0, 250, tzinfo=UTC)


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".toml"])
def test_a_policy_written_to_a_file_reads_back_equal(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"policy{suffix}"
    for policy in (standard_policy(), load_policy(ROOT / "examples/allergy-versions.yaml")):
        write_policy(policy, path)
        assert load_policy(path) == policy
        assert path.read_text(encoding="utf-8") == dump_policy(policy, format_of(path))


def test_policy_and_versions_have_their_own_file_methods(tmp_path: Path) -> None:
    standard_policy().to_file(tmp_path / "standard.toml")
    assert Policy.from_file(tmp_path / "standard.toml") == standard_policy()
    versions = PolicyVersions.from_file(ROOT / "examples/allergy-versions.yaml")
    versions.to_file(tmp_path / "versions.json")
    assert PolicyVersions.from_file(tmp_path / "versions.json") == versions


def test_the_smallest_document_leaves_defaults_out_but_keeps_kinds() -> None:
    document = standard_policy().to_dict()
    assert document["kind"] == "policy"
    assert {"time_zone", "currency", "rounding", "refund_cap", "effective_from"}.isdisjoint(
        document)
    assert all(guarantee["kind"] == "guarantee" for guarantee in document["guarantees"])
    assert document["guarantees"][0]["conditions"][0] == {"kind": "shipped_late"}
    assert Policy.parse(document) == standard_policy()


def test_the_packaged_document_is_yaml_read_like_any_other() -> None:
    assert read_policy(STANDARD_DOCUMENT.read_text(encoding="utf-8")) == standard_policy()
