"""A decision's trace: a sequence of steps, built from the engine's entries only when read,
equal to a tuple of the same steps, and to pydantic a tuple of steps."""

from __future__ import annotations

from typing import Any

import pytest

from aftersales import Decision, Step, evaluate
from aftersales.model import trace as trace_module
from aftersales.model.trace import Trace, TraceEntry
from tests.builders import claim_case

ENTRIES: list[TraceEntry] = [
    ("spoilage", "filed_within", True, "filed_in_time",
     {"filed_at": "2025-08-25T09:00:00+08:00"}),
    ("spoilage", "evidence", False, "evidence_missing", {"missing": ("photo",)}),
    ("late_shipment", "shipped_late", False, "shipped_on_time", {}),
]


def lazy() -> Trace:
    return Trace(entries=list(ENTRIES))


def steps() -> list[Step]:
    return [Step(guarantee=guarantee, check=check, passed=passed, code=code, facts=dict(facts))
            for guarantee, check, passed, code, facts in ENTRIES]


def test_a_trace_built_from_entries_builds_no_step_until_one_is_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    step = trace_module._step

    def counted(*entry: Any) -> Step:
        built.append(entry[3])
        return step(*entry)

    monkeypatch.setattr(trace_module, "_step", counted)
    trace = lazy()
    assert (len(trace), bool(trace)) == (3, True)
    assert built == []
    assert trace[1].code == "evidence_missing"
    assert built == ["filed_in_time", "evidence_missing", "shipped_on_time"]
    assert list(trace) == steps()
    assert len(built) == 3


def test_a_trace_is_a_sequence_of_its_steps() -> None:
    trace, expected = lazy(), steps()
    assert len(trace) == 3
    assert trace[0] == expected[0]
    assert trace[-1] == expected[-1]
    assert trace[1:] == tuple(expected[1:])
    assert trace[::-1] == tuple(reversed(expected))
    assert list(iter(trace)) == expected
    assert expected[2] in trace
    assert trace.index(expected[2]) == 2
    with pytest.raises(IndexError):
        trace[3]


def test_a_trace_equals_a_tuple_a_list_and_another_trace_of_the_same_steps() -> None:
    trace = lazy()
    assert trace == tuple(steps())
    assert trace == steps()
    assert trace == Trace(steps())
    assert trace == lazy()
    assert trace != Trace(steps()[:2])
    assert trace != tuple(reversed(steps()))
    assert trace != "steps"


def test_an_empty_trace_is_falsy_and_equals_the_empty_tuple() -> None:
    assert not Trace()
    assert not Trace(entries=[])
    assert Trace() == ()
    assert Trace(entries=[]) == Trace()


def test_a_trace_holds_dicts_of_facts_and_is_not_hashable() -> None:
    with pytest.raises(TypeError):
        hash(Trace())


@pytest.mark.parametrize("read_first", [False, True], ids=["entries", "steps"])
def test_to_dicts_is_each_steps_to_dict(read_first: bool) -> None:
    trace = lazy()
    if read_first:
        trace[0]
    assert trace.to_dicts() == [step.to_dict() for step in steps()]
    assert trace.to_dicts() == [step.to_dict() for step in trace]


def test_a_decisions_trace_reads_as_steps_written_by_the_engine() -> None:
    trace = evaluate(claim_case("spoilage")).trace
    assert isinstance(trace, Trace)
    assert trace.to_dicts() == [step.to_dict() for step in trace]
    assert trace == tuple(trace)


def test_pydantic_reads_a_decisions_trace_given_as_a_list_of_step_dicts() -> None:
    decided = evaluate(claim_case("spoilage"))
    data = decided.to_dict()
    assert all(type(step) is dict for step in data["trace"])
    decision = Decision.model_validate(data)
    assert isinstance(decision.trace, Trace)
    assert decision.trace == decided.trace
    assert decision == decided


def test_pydantic_writes_and_describes_a_trace_as_an_array_of_steps() -> None:
    decision = evaluate(claim_case("spoilage"))
    assert decision.model_dump()["trace"] == tuple(step.model_dump() for step in decision.trace)
    assert decision.model_dump(mode="json")["trace"] == decision.trace.to_dicts()
    schema = Decision.model_json_schema()
    assert schema["properties"]["trace"]["type"] == "array"
    assert schema["properties"]["trace"]["items"] == {"$ref": "#/$defs/Step"}
