"""Fuzzing every reader of outside input, for a bounded time in CI: raw bytes and mutations of
valid documents into `parse_case`, `evaluate`, the policy documents (YAML, JSON, TOML), and
the command line's case-file reader. Only the library's documented errors may come out
(`InvalidCaseError`, `InvalidPolicyError`); never a crash, a hang or another exception. What
is read must read back the same."""

from __future__ import annotations

import contextlib
import json
import os
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aftersales
from aftersales import InvalidCaseError, InvalidPolicyError, standard_policy
from aftersales.documents import dump_policy, read_policy
from aftersales.reports import parse_cases
from tests.builders import case_dict, claim_case

# CI runs a fixed, derandomized search; AFTERSALES_FUZZ_EXAMPLES=20000 runs a longer, random
# one (every failure hypothesis finds is printed with its minimal input).
EXAMPLES = int(os.environ.get("AFTERSALES_FUZZ_EXAMPLES", "1000"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                derandomize="AFTERSALES_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=list(HealthCheck))

SEEDS = [json.dumps(case).encode() for case in (
    case_dict(), claim_case("spoilage"), claim_case("allergy"), claim_case("price_match"),
    claim_case("spoilage", history=[{"guarantee": "price_match", "kind": "refund",
                                     "amount": "4.90", "line_ids": ["l1"]}]),
)]
POLICY_TEXTS = {format: dump_policy(standard_policy(), format)
                for format in ("yaml", "json", "toml")}
EXTENDS = 'extends: standard\nid: acme\nversion: "1"\noverrides:\n  allergy: {window_days: 30}\n'
TOKENS = [b"{", b"}", b"[", b"]", b'"', b":", b",", b"null", b"true", b"NaN", b"1e999",
          b"-0", b"\xff", b"\xef\xbb\xbf", b"\\u0000", b"\n", b"9" * 30, b'"x":1',
          b"2025-13-40T25:61:61+99:99", b"\x1b[31m"]


def mutated(seed: bytes, rng: random.Random, edits: int) -> bytes:
    """`seed` with `edits` random byte-level edits: insert, delete, replace, or splice a
    token that JSON readers find interesting."""
    data = bytearray(seed)
    for _ in range(edits):
        at = rng.randrange(len(data) + 1)
        action = rng.randrange(4)
        if action == 0 and data:
            del data[at:at + rng.randint(1, 8)]
        elif action == 1:
            data[at:at] = rng.choice(TOKENS)
        elif action == 2 and at < len(data):
            data[at] = rng.randrange(256)
        else:
            data[at:at] = bytes([rng.randrange(256)])
    return bytes(data)


def decided_or_refused(data: bytes | str | dict[str, Any]) -> None:
    """Decide `data`; only `InvalidCaseError` may be raised, and a case that parses reads
    back to itself from its own JSON."""
    try:
        case = aftersales.parse_case(data)
    except InvalidCaseError:
        return
    assert aftersales.parse_case(case.model_dump_json()) == case
    try:
        decision = aftersales.evaluate(case)
    except InvalidCaseError:
        return
    assert aftersales.Decision.model_validate_json(decision.to_json()) == decision


@FUZZ
@given(st.binary(max_size=2000))
def test_raw_bytes_are_decided_or_refused(data: bytes) -> None:
    decided_or_refused(data)


@FUZZ
@given(st.sampled_from(SEEDS), st.randoms(use_true_random=False), st.integers(1, 6))
def test_mutated_case_json_is_decided_or_refused(seed: bytes, rng: random.Random,
                                                 edits: int) -> None:
    decided_or_refused(mutated(seed, rng, edits))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.text(max_size=12)
    | st.sampled_from(["", "79.80", "-1", "NaN", "2025-08-24T15:00:00+08:00", "fresh", "l1",
                       "spoilage", "refund", "CN-XJ", "1e5", "x" * 300]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "kind", "lines", "quantity", "paid_amount", "x"]), children,
        max_size=3),
    max_leaves=6)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


@FUZZ
@given(st.sampled_from(SEEDS), st.data())
def test_a_case_with_any_json_value_anywhere_is_decided_or_refused(seed: bytes,
                                                                   data: st.DataObject) -> None:
    case = json.loads(seed)
    path = data.draw(st.sampled_from(_paths(case)[1:]))
    value = data.draw(JSON_VALUES)
    target = case
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    decided_or_refused(case)
    decided_or_refused(json.dumps(case).encode())


@FUZZ
@given(st.sampled_from(sorted(POLICY_TEXTS)), st.randoms(use_true_random=False),
       st.integers(1, 6))
def test_mutated_policy_documents_are_read_or_refused(format: str, rng: random.Random,
                                                      edits: int) -> None:
    for seed in (POLICY_TEXTS[format], EXTENDS):
        text = mutated(seed.encode(), rng, edits).decode("utf-8", errors="replace")
        try:
            policy = read_policy(text, format)  # type: ignore[arg-type]
        except InvalidPolicyError:
            continue
        assert read_policy(dump_policy(policy, format), format) == policy  # type: ignore[arg-type]


@FUZZ
@given(st.text(max_size=500), st.sampled_from(["yaml", "json", "toml"]))
def test_any_text_is_read_as_a_policy_or_refused(text: str, format: str) -> None:
    with contextlib.suppress(InvalidPolicyError):
        read_policy(text, format)  # type: ignore[arg-type]


@FUZZ
@given(st.lists(st.sampled_from(SEEDS) | st.binary(max_size=200), max_size=5),
       st.randoms(use_true_random=False), st.sampled_from(["jsonl", "csv", None]))
def test_the_case_file_reader_reads_any_bytes_line_by_line(parts: list[bytes],
                                                           rng: random.Random,
                                                           format: str | None) -> None:
    data = b"\n".join(mutated(part, rng, rng.randint(0, 2)) for part in parts)
    try:
        sourced = parse_cases(data, format=format)  # type: ignore[arg-type]
    except InvalidCaseError:
        assert format != "jsonl"  # only a CSV header may be refused as a whole
        return
    for each in sourced:
        assert (each.case is None) != (each.error is None)
