"""Every public function that takes a policy reads it as `evaluate` does: None is the standard
policy, a name is the policy shipped under it, a `Policy` or `PolicyVersions` is itself, and
anything else is a `TypeError` saying what goes there (an unknown name: `InvalidPolicyError`).
The engine's `policy_of` is the one place that reads it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import aftersales
from aftersales.documents import dump_policy, load_policy, write_policy
from aftersales.engine import policy_of
from aftersales.model.errors import InvalidPolicyError

SAMPLES = Path(aftersales.__file__).parent / "data" / "sample-cases.jsonl"
CASES = SAMPLES.read_text(encoding="utf-8").splitlines()[:6]

TAKERS: dict[str, Callable[[Any], object]] = {
    "evaluate": lambda policy: aftersales.evaluate(CASES[0], policy).to_dict(),
    "evaluate_many": lambda policy: [d.to_dict() for d in aftersales.evaluate_many(
        CASES, policy) if isinstance(d, aftersales.Decision)],
    "explain": lambda policy: aftersales.explain(CASES[0], policy),
    "what_if": lambda policy: aftersales.what_if(CASES[0], policy),
    "preview": lambda policy: aftersales.preview(policy, CASES).summary,
    "diff (old)": lambda policy: aftersales.diff(policy, None, CASES).to_dict(),
    "diff (new)": lambda policy: aftersales.diff(None, policy, CASES).to_dict(),
    "lint": lambda policy: aftersales.lint(policy),
    "export_ucp": lambda policy: aftersales.export_ucp(policy),
    "dump_policy": lambda policy: dump_policy(policy, "json"),
}


def test_policy_of_reads_none_as_the_standard_policy_and_a_name_as_the_shipped_one() -> None:
    assert policy_of(None) == aftersales.standard_policy()
    assert policy_of("douyin") == load_policy("douyin")
    standard = aftersales.standard_policy()
    assert policy_of(standard) is standard


@pytest.mark.parametrize("taker", TAKERS, ids=str)
def test_a_shipped_policys_name_is_read_as_that_policy(taker: str) -> None:
    take = TAKERS[taker]
    assert take("douyin") == take(load_policy("douyin"))


@pytest.mark.parametrize("taker", TAKERS, ids=str)
def test_none_is_read_as_the_standard_policy(taker: str) -> None:
    take = TAKERS[taker]
    assert take(None) == take(aftersales.standard_policy())


@pytest.mark.parametrize("taker", TAKERS, ids=str)
@pytest.mark.parametrize(("given", "said"), [
    (5, "not int$"),
    ({"id": "mine"}, r"not dict \(a policy document as a dict: Policy\.parse"),
    (CASES, r"not list \(cases where the policy goes\? preview and diff take the policy "
            r"first\)"),
])
def test_a_policy_of_another_type_is_a_type_error_saying_what_goes_there(
        taker: str, given: object, said: str) -> None:
    expected = (r"the policy is a Policy, PolicyVersions, a shipped policy's name or None "
                r"\(the standard policy\), " + said)
    with pytest.raises(TypeError, match=expected):
        TAKERS[taker](given)


@pytest.mark.parametrize("taker", TAKERS, ids=str)
def test_an_unknown_name_is_an_invalid_policy_listing_the_known_ones(taker: str) -> None:
    with pytest.raises(InvalidPolicyError, match="no policy is shipped as `nope`"):
        TAKERS[taker]("nope")


def test_write_policy_writes_a_shipped_policy_by_its_name(tmp_path: Path) -> None:
    path = tmp_path / "tmall.json"
    write_policy("tmall", path)
    assert load_policy(path) == load_policy("tmall")
