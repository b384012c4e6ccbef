"""Policy documents round-trip exactly: for generated policies (with generated settings) and
their versions, writing a document in any format and reading it back gives the same policy."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from aftersales import Policy
from aftersales.documents import Format, dump_policy, read_policy
from aftersales.model.money import RoundingMode
from aftersales.policy.versions import PolicyVersions
from aftersales.testing.strategies import policies

FORMATS: tuple[Format, ...] = ("yaml", "json", "toml")
FAST = settings(max_examples=50, deadline=None)

_offsets = st.sampled_from([UTC, timezone(timedelta(hours=8)),
                            timezone(timedelta(hours=-3, minutes=-30))])
_instants = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                         timezones=_offsets)
_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
# Titles as authors write them (any language, punctuation, YAML-looking text), but no control
# characters, which no title holds.
_titles = st.one_of(
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),
    st.sampled_from(["", "2026.10", "yes", "null", "~", "- x", "a: b", "#1", "'quoted'",
                     "坏了包退 & 过敏包退", "2026-03-01"]))


@st.composite
def settled_policies(draw: st.DrawFn) -> Policy:
    """Generated policies with every setting drawn too."""
    policy = draw(policies())
    fields: dict[str, Any] = {name: getattr(policy, name) for name in Policy.model_fields}
    fields.update(
        id=draw(st.sampled_from(["generated", "acme-fresh", "shop_42", "2026"])),
        version=draw(st.sampled_from(["1", "2026.10", "2026.1", "v3-beta"])),
        title=draw(_titles),
        effective_from=draw(st.one_of(st.none(), _dates, _instants)),
        time_zone=draw(st.sampled_from(["Asia/Shanghai", "UTC", "Asia/Urumqi",
                                        "America/Sao_Paulo"])),
        currency=draw(st.sampled_from(["CNY", "HKD", "USD"])),
        rounding=draw(st.sampled_from(list(RoundingMode))),
        refund_cap=draw(st.sampled_from(["order_total", None])),
    )
    return Policy(**fields)


@FAST
@given(settled_policies(), st.sampled_from(FORMATS))
def test_a_written_policy_reads_back_equal(policy: Policy, format: Format) -> None:
    assert read_policy(dump_policy(policy, format), format) == policy


@FAST
@given(settled_policies())
def test_a_policy_parses_back_from_its_dict(policy: Policy) -> None:
    assert Policy.parse(policy.to_dict()) == policy


@st.composite
def versions(draw: st.DrawFn) -> PolicyVersions:
    """One to three generated versions of one policy, in force one after another."""
    count = draw(st.integers(1, 3))
    starts = sorted(draw(st.lists(_instants, min_size=count, max_size=count,
                                  unique_by=lambda instant: instant.astimezone(UTC))),
                    key=lambda instant: instant.astimezone(UTC))
    drawn = [draw(settled_policies()) for _ in range(count)]
    chosen = [Policy(**{**{name: getattr(policy, name) for name in Policy.model_fields},
                        "id": "acme", "version": str(index), "effective_from": start})
              for index, (policy, start) in enumerate(zip(drawn, starts, strict=True))]
    return PolicyVersions(id="acme", in_force_by=draw(st.sampled_from(["paid_at", "as_of"])),
                          title=draw(_titles), versions=tuple(chosen))


@FAST
@given(versions(), st.sampled_from(FORMATS))
def test_written_versions_read_back_equal(loaded: PolicyVersions, format: Format) -> None:
    assert read_policy(dump_policy(loaded, format), format) == loaded
    assert PolicyVersions.parse(loaded.to_dict()) == loaded
