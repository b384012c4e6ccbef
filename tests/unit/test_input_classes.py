"""Every class of bad input in `tests/inputs/classes.py` is refused with exactly its problems
(path and code), or decided as listed: never a crash, never a silently different answer."""

from __future__ import annotations

import pytest

import aftersales
from aftersales import InvalidCaseError, InvalidPolicyError
from aftersales.documents import read_policy
from tests.inputs.classes import CASES, POLICIES, CaseClass, PolicyClass


@pytest.mark.parametrize("entry", CASES, ids=lambda entry: entry.name)
def test_a_case_of_the_class_is_refused_with_its_problems_or_decided(entry: CaseClass) -> None:
    given = entry.given()
    if not entry.refused:
        assert aftersales.evaluate(given).status == entry.decided
        return
    with pytest.raises(InvalidCaseError) as refused:
        aftersales.evaluate(given)
    assert tuple((p.path, p.code) for p in refused.value.problems) == entry.refused


@pytest.mark.parametrize("entry", POLICIES, ids=lambda entry: entry.name)
def test_a_policy_of_the_class_is_refused_with_its_problems_or_read(entry: PolicyClass) -> None:
    if not entry.refused:
        read_policy(entry.text, entry.format)  # type: ignore[arg-type]
        return
    with pytest.raises(InvalidPolicyError) as refused:
        read_policy(entry.text, entry.format)  # type: ignore[arg-type]
    assert tuple((p.path, p.code) for p in refused.value.problems) == entry.refused


def test_every_class_has_a_name_of_its_own() -> None:
    names = [entry.name for entry in CASES] + [entry.name for entry in POLICIES]
    assert len(names) == len(set(names))
