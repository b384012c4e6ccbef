"""Table-driven scenario tests: every `tests/scenarios/*.yaml` is a table of cases.

A table file has a `base` case (the JSON contract) and `scenarios`; each scenario deep-merges
its `case` onto the base (mappings merge recursively, lists and scalars replace, `null` sets a
field to null, `"__delete__"` removes the key), optionally overrides standard guarantees with
`policy: {<guarantee>: {<keyword>: <value>}}`, and states what the decision must be under
`expect`; a case the library must refuse expects `status: invalid` with its `problems`, each
`"<path>: <code>"`. A file may name the policy its cases are decided under with
`policy: <name>`, a shipped policy (`douyin`, `tmall`), or `policy: <path>`, a policy
document in the repository (`examples/peers/jd-price-protection.yaml`); the standard policy
when left out (scenario overrides are for it only). A scenario may expect the `version` in
force that decides it.
A scenario with `xfail: "<why>"` asserts a rule the library does not meet
yet: it is marked `xfail(strict=True)`, so fixing the library turns it into a failure to be
unmarked.

Malformed tables (unknown keys, missing or duplicate ids, unquoted amounts or datetimes) are not
skipped: each becomes a failing test whose message names the file and the scenario.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

import pytest
import yaml

import aftersales
from aftersales import AnyPolicy, Decision, Guarantee, InvalidCaseError, Policy, Status

HERE: Final = Path(__file__).parent
ROOT: Final = HERE.parents[1]
DELETE: Final = "__delete__"

FILE_KEYS: Final = frozenset({"guarantee", "description", "policy", "base", "scenarios"})
REQUIRED_FILE_KEYS: Final = frozenset({"description", "base", "scenarios"})
SCENARIO_KEYS: Final = frozenset({"id", "description", "case", "policy", "expect", "xfail"})
REQUIRED_SCENARIO_KEYS: Final = frozenset({"id", "description", "expect"})
EXPECT_KEYS: Final = frozenset({"status", "codes", "remedies", "missing_evidence", "deadline",
                                "problems", "version"})
REQUIRED_EXPECT_KEYS: Final = frozenset({"status"})
INVALID: Final = "invalid"
REMEDY_KEYS: Final = frozenset(
    {"guarantee", "kind", "amount", "currency", "payer", "return_required", "line_ids",
     "allocation", "return_shipping_payer", "due_by", "advance"})
STATUSES: Final = frozenset({*(status.value for status in Status), INVALID})
ID_PATTERN: Final = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

GUARANTEES: Final[Mapping[str, Callable[..., Guarantee]]] = {
    guarantee.id: getattr(aftersales, guarantee.id)
    for guarantee in aftersales.standard_policy().guarantees
}


class MalformedError(Exception):
    """A table that cannot be run as written."""


@dataclass(frozen=True)
class Scenario:
    file: str
    id: str
    description: str
    case: dict[str, Any]
    policy: dict[str, dict[str, Any]]
    expect: dict[str, Any]
    xfail: str | None
    shipped: str | None = None
    """The shipped policy the file names (`policy: douyin`), if any."""

    @property
    def where(self) -> str:
        return f"{self.file}.yaml, scenario {self.id!r} ({self.description})"


@dataclass(frozen=True)
class Malformed:
    test_id: str
    message: str


# --- loading and validating the tables ----------------------------------------------------


def load_tables(directory: Path = HERE) -> list[Scenario | Malformed]:
    """Every scenario of every table file in `directory`, in file order."""
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        return [Malformed("(no tables)", f"no *.yaml scenario tables in {directory}")]
    entries: list[Scenario | Malformed] = []
    for path in paths:
        entries.extend(load_table(path.stem, path.read_text(encoding="utf-8")))
    return entries


def load_table(stem: str, text: str) -> list[Scenario | Malformed]:
    """The scenarios of one table file (named `stem`), a `Malformed` for each bad one."""
    try:
        data = yaml.safe_load(text)
        base = _check_file(data)
        shipped = data.get("policy")
    except (yaml.YAMLError, MalformedError) as error:
        return [Malformed(f"{stem}/(file)", f"{stem}.yaml is malformed: {error}")]
    entries: list[Scenario | Malformed] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["scenarios"]):
        label = f"#{index + 1}"
        if isinstance(raw, Mapping) and isinstance(raw.get("id"), str) and raw["id"]:
            label = raw["id"]
        test_id = f"{stem}/{label}"
        try:
            if label in seen:
                test_id = f"{stem}/{label}#{index + 1}"
                raise MalformedError(f"duplicate id {label!r} (ids must be unique in a file)")
            seen.add(label)
            entry = _scenario(stem, base, raw)
            if shipped is not None and entry.policy:
                raise MalformedError("policy overrides are for the standard policy; this file "
                                     f"decides under {shipped}")
            entries.append(dataclasses.replace(entry, shipped=shipped))
        except MalformedError as error:
            message = f"{stem}.yaml, scenario {label} (entry {index + 1}) is malformed: {error}"
            entries.append(Malformed(test_id, message))
    return entries


def _check_file(data: object) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise MalformedError("the file must be a mapping with base and scenarios")
    _check_keys("the file", data, FILE_KEYS, REQUIRED_FILE_KEYS)
    for key in ("guarantee", "description", "policy"):
        if key in data and not _is_text(data[key]):
            raise MalformedError(f"{key} must be a non-empty string")
    if "policy" in data and data["policy"] not in aftersales.POLICY_NAMES \
            and not (ROOT / data["policy"]).is_file():
        raise MalformedError(f"policy must be a shipped policy's name "
                             f"({', '.join(aftersales.POLICY_NAMES)}) or a policy document's "
                             f"path from the repository's root, not {data['policy']!r}")
    base = data["base"]
    if not isinstance(base, dict):
        raise MalformedError("base must be a mapping (a full case)")
    _check_quoted("base", base)
    scenarios = data["scenarios"]
    if not isinstance(scenarios, list) or not scenarios:
        raise MalformedError("scenarios must be a non-empty list")
    return base


def _scenario(stem: str, base: dict[str, Any], raw: object) -> Scenario:
    if not isinstance(raw, dict):
        raise MalformedError("a scenario must be a mapping")
    _check_keys("the scenario", raw, SCENARIO_KEYS, REQUIRED_SCENARIO_KEYS)
    scenario_id = raw["id"]
    if not isinstance(scenario_id, str) or not ID_PATTERN.match(scenario_id):
        raise MalformedError(f"id must be lower-case words joined by '-' (got {scenario_id!r})")
    if not _is_sentence(raw["description"]):
        raise MalformedError(
            "description must be one sentence on one line, starting with a capital letter "
            f"and ending with a period (got {raw['description']!r})")
    xfail = raw.get("xfail")
    if xfail is not None and not _is_text(xfail):
        raise MalformedError("xfail must be a non-empty string saying why")
    override = raw.get("case") or {}
    if not isinstance(override, dict):
        raise MalformedError("case must be a mapping (merged onto base)")
    _check_quoted("case", override)
    case = merge(base, override, "case")
    return Scenario(file=stem, id=scenario_id, description=raw["description"], case=case,
                    policy=_check_policy(raw.get("policy")), expect=_check_expect(raw["expect"]),
                    xfail=xfail)


def _check_policy(policy: object) -> dict[str, dict[str, Any]]:
    if policy is None:
        return {}
    if not isinstance(policy, dict):
        raise MalformedError("policy must map guarantee names to keyword overrides")
    for name, keywords in policy.items():
        if name not in GUARANTEES:
            raise MalformedError(
                f"policy names unknown guarantee {name!r} (known: {', '.join(GUARANTEES)})")
        if not isinstance(keywords, dict) or not all(isinstance(k, str) for k in keywords):
            raise MalformedError(f"policy.{name} must map keyword names to values")
        _check_quoted(f"policy.{name}", keywords)
    return policy


def _check_expect(expect: object) -> dict[str, Any]:
    if not isinstance(expect, dict):
        raise MalformedError("expect must be a mapping")
    _check_keys("expect", expect, EXPECT_KEYS, REQUIRED_EXPECT_KEYS)
    _check_quoted("expect", expect)
    if expect["status"] not in STATUSES:
        raise MalformedError(
            f"expect.status must be one of {', '.join(sorted(STATUSES))} "
            f"(got {expect['status']!r})")
    if expect["status"] == INVALID:
        _check_keys("expect (invalid)", expect, frozenset({"status", "problems"}),
                    frozenset({"problems"}))
        if not _is_text_list(expect["problems"]) or not expect["problems"]:
            raise MalformedError("expect.problems must list \"<path>: <code>\" strings")
        return expect
    if "codes" not in expect:
        raise MalformedError("expect lacks codes")
    if "problems" in expect:
        raise MalformedError("expect.problems is for status: invalid")
    for key in ("codes", "missing_evidence"):
        if key in expect and not _is_text_list(expect[key]):
            raise MalformedError(f"expect.{key} must be a list of strings")
    if "remedies" in expect:
        _check_remedies(expect["remedies"])
    if "deadline" in expect and expect["deadline"] is not None:
        _parse_instant("expect.deadline", expect["deadline"])
    return expect


def _check_remedies(remedies: object) -> None:
    if not isinstance(remedies, list):
        raise MalformedError("expect.remedies must be a list")
    for index, remedy in enumerate(remedies):
        where = f"expect.remedies[{index}]"
        if not isinstance(remedy, dict):
            raise MalformedError(f"{where} must be a mapping")
        _check_keys(where, remedy, REMEDY_KEYS, frozenset())
        for key, value in remedy.items():
            if key in ("return_required", "advance"):
                valid = isinstance(value, bool)
            elif key == "line_ids":
                valid = _is_text_list(value)
            elif key == "allocation":
                valid = isinstance(value, dict) and all(
                    _is_text(k) and _is_text(v) for k, v in value.items())
            elif key in ("amount", "return_shipping_payer", "due_by"):
                valid = value is None or _is_text(value)
            else:
                valid = _is_text(value)
            if not valid:
                raise MalformedError(f"{where}.{key} has the wrong type ({value!r})")


def _check_keys(where: str, data: Mapping[str, Any], allowed: frozenset[str],
                required: frozenset[str]) -> None:
    unknown = sorted(str(key) for key in data if key not in allowed)
    if unknown:
        raise MalformedError(
            f"unknown key(s) in {where}: {', '.join(unknown)} "
            f"(allowed: {', '.join(sorted(allowed))})")
    missing = sorted(required - set(data))
    if missing:
        raise MalformedError(f"{where} lacks {', '.join(missing)}")


def _check_quoted(path: str, value: object) -> None:
    """Amounts and instants must be quoted: YAML reads 79.80 as a float and an unquoted
    timestamp as a datetime, which would hide what the table means."""
    if isinstance(value, float):
        raise MalformedError(f"{path} is the float {value!r}: quote amounts, e.g. \"79.80\"")
    if isinstance(value, date | datetime):
        raise MalformedError(
            f"{path} is an unquoted YAML timestamp: quote it, e.g. \"2025-08-24T15:00:00+08:00\"")
    if isinstance(value, dict):
        for key, item in value.items():
            _check_quoted(f"{path}.{key}", item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_quoted(f"{path}[{index}]", item)


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_sentence(value: object) -> bool:
    return (isinstance(value, str) and value == value.strip() and "\n" not in value
            and value[:1].isupper() and value.endswith("."))


def _is_text_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _parse_instant(where: str, text: object) -> datetime:
    if not isinstance(text, str):
        raise MalformedError(f"{where} must be an ISO 8601 string or null (got {text!r})")
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise MalformedError(f"{where} is not an ISO 8601 date-time: {text!r}") from None
    if instant.tzinfo is None:
        raise MalformedError(f"{where} needs a UTC offset: {text!r}")
    return instant


def merge(base: Mapping[str, Any], override: Mapping[str, Any], path: str) -> dict[str, Any]:
    """`override` deep-merged onto a copy of `base` (see the module docstring)."""
    merged = copy.deepcopy(dict(base))
    for key, value in override.items():
        where = f"{path}.{key}"
        if isinstance(value, str) and value == DELETE:
            if key not in merged:
                raise MalformedError(f"{where} is {DELETE!r} but base has no such key")
            del merged[key]
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value, where)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


# --- running a scenario -------------------------------------------------------------------


_POLICIES: dict[str, Policy] = {}


def build_policy(overrides: Mapping[str, Mapping[str, Any]]) -> Policy | None:
    """The standard policy with the named guarantees rebuilt from keyword overrides."""
    if not overrides:
        return None
    key = repr(sorted((name, sorted(kw.items())) for name, kw in overrides.items()))
    policy = _POLICIES.get(key)
    if policy is None:
        policy = aftersales.standard_policy()
        for name, keywords in overrides.items():
            policy = policy.with_guarantee(GUARANTEES[name](**keywords))
        _POLICIES[key] = policy
    return policy


def mismatches(expect: Mapping[str, Any], decision: Decision) -> Iterator[str]:
    """Each way `decision` differs from `expect` (only the keys given are compared)."""
    if decision.status.value != expect["status"]:
        yield f"status: expected {expect['status']}, got {decision.status.value}"
    if list(decision.codes) != expect["codes"]:
        yield f"codes: expected {expect['codes']}, got {list(decision.codes)}"
    if "remedies" in expect:
        yield from _remedy_mismatches(expect["remedies"], decision)
    if "version" in expect and decision.policy.version != expect["version"]:
        yield f"version: expected {expect['version']}, got {decision.policy.version}"
    if "missing_evidence" in expect and list(decision.missing_evidence) != expect[
            "missing_evidence"]:
        yield (f"missing_evidence: expected {expect['missing_evidence']}, "
               f"got {list(decision.missing_evidence)}")
    if "deadline" in expect:
        wanted = expect["deadline"]
        got = decision.deadline
        if wanted is None:
            if got is not None:
                yield f"deadline: expected none, got {got.isoformat()}"
        elif got is None or got != _parse_instant("expect.deadline", wanted):
            shown = "none" if got is None else got.isoformat()
            yield f"deadline: expected {wanted}, got {shown}"


def _remedy_mismatches(expected: Sequence[Mapping[str, Any]],
                       decision: Decision) -> Iterator[str]:
    # Compare the JSON form: amounts as the strings the decision serializes them to.
    remedies = decision.to_dict()["remedies"]
    if len(remedies) != len(expected):
        yield f"remedies: expected {len(expected)}, got {len(remedies)}: {remedies}"
        return
    for index, (wanted, got) in enumerate(zip(expected, remedies, strict=True)):
        for key, value in wanted.items():
            if got[key] != value:
                yield f"remedies[{index}].{key}: expected {value!r}, got {got[key]!r}"


def _decide(entry: Scenario) -> Decision | InvalidCaseError:
    """The decision on the scenario's case, or the error refusing it when the table expects
    that; a bad policy override or an unexpectedly invalid case is a bug in the table,
    reported as such (not as a denial)."""
    try:
        policy: AnyPolicy | None = (_policy_named(entry.shipped) if entry.shipped
                                    else build_policy(entry.policy))
    except (TypeError, ValueError) as error:
        problem = f"cannot build the policy {entry.policy}: {error}"
    else:
        try:
            return aftersales.evaluate(entry.case, policy)
        except InvalidCaseError as error:
            if entry.expect["status"] == INVALID:
                return error
            problem = f"the case is invalid (a bug in the table, not a denial)\n{error}"
    pytest.fail(f"{entry.where}: {problem}", pytrace=False)


def _policy_named(written: str) -> AnyPolicy:
    """A shipped policy by name, or a policy document by its path from the root."""
    if written in aftersales.POLICY_NAMES:
        return aftersales.load_policy(written)
    return aftersales.load_policy(ROOT / written)


def _param(entry: Scenario | Malformed) -> Any:
    if isinstance(entry, Malformed):
        return pytest.param(entry, id=entry.test_id)
    marks = [pytest.mark.xfail(reason=entry.xfail, strict=True)] if entry.xfail else []
    return pytest.param(entry, id=f"{entry.file}/{entry.id}", marks=marks)


@pytest.mark.parametrize("entry", [_param(entry) for entry in load_tables()])
def test_scenario(entry: Scenario | Malformed) -> None:
    if isinstance(entry, Malformed):
        pytest.fail(entry.message, pytrace=False)
    decision = _decide(entry)
    if isinstance(decision, InvalidCaseError):
        refused = [f"{problem.path}: {problem.code}" for problem in decision.problems]
        if refused != entry.expect["problems"]:
            pytest.fail(f"{entry.where}\n  - problems: expected {entry.expect['problems']}, "
                        f"got {refused}\n{decision}", pytrace=False)
        return
    if entry.expect["status"] == INVALID:
        pytest.fail(f"{entry.where}\n  - expected the case to be refused, but it was decided"
                    f"\n\n{decision.explain()}", pytrace=False)
    problems = list(mismatches(entry.expect, decision))
    if problems:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        pytest.fail(f"{entry.where}\n{listed}\n\n{decision.explain()}", pytrace=False)


# --- the runner's own checks: malformed tables fail loudly --------------------------------

_GOOD_BASE = """
description: a table
base: {as_of: "2025-09-01T12:00:00+08:00", order: {id: o1}}
scenarios:
"""


@pytest.mark.parametrize(("table", "test_id", "message"), [
    pytest.param("description: x\nbase: {}\n", "t/(file)", "lacks scenarios", id="no-scenarios"),
    pytest.param("base: {}\nscenarios: [{id: a}]\nextra: 1\n", "t/(file)",
                 "unknown key(s) in the file: extra", id="unknown-file-key"),
    pytest.param(_GOOD_BASE + "  - {description: D., expect: {status: denied, codes: []}}\n",
                 "t/#1", "scenario #1 (entry 1) is malformed: the scenario lacks id",
                 id="missing-id"),
    pytest.param(_GOOD_BASE + "  - {id: a, description: D., expect: {status: denied, codes: []}}\n"
                 "  - {id: a, description: E., expect: {status: denied, codes: []}}\n",
                 "t/a#2", "duplicate id 'a'", id="duplicate-id"),
    pytest.param(_GOOD_BASE + "  - {id: a, description: D., expect: {status: denied, codes: [],"
                 " reasons: []}}\n", "t/a", "unknown key(s) in expect: reasons",
                 id="unknown-expect-key"),
    pytest.param(_GOOD_BASE + "  - {id: a, description: D., expect: {status: approved, codes: [],"
                 " remedies: [{amount: 3.00}]}}\n", "t/a",
                 "expect.remedies[0].amount is the float 3.0", id="unquoted-amount"),
    pytest.param(_GOOD_BASE + "  - {id: a, description: D., case: {as_of: 2025-09-01T12:00:00Z},"
                 " expect: {status: denied, codes: []}}\n", "t/a",
                 "case.as_of is an unquoted YAML timestamp", id="unquoted-instant"),
    pytest.param(_GOOD_BASE + "  - {id: a, description: D., case: {claim: __delete__},"
                 " expect: {status: denied, codes: []}}\n", "t/a",
                 "case.claim is '__delete__' but base has no such key", id="delete-unknown-key"),
    pytest.param(_GOOD_BASE + "  - {id: a, description: D., policy: {returns: {days: 7}},"
                 " expect: {status: denied, codes: []}}\n", "t/a",
                 "unknown guarantee 'returns'", id="unknown-guarantee"),
    pytest.param(_GOOD_BASE + "  - {id: a, description: D., expect: {status: refused,"
                 " codes: []}}\n", "t/a", "expect.status must be one of", id="unknown-status"),
    pytest.param(_GOOD_BASE + "  - {id: a, description: no capital, expect: {status: denied,"
                 " codes: []}}\n", "t/a", "description must be one sentence", id="not-a-sentence"),
])
def test_malformed_tables_fail_naming_file_and_scenario(table: str, test_id: str,
                                                        message: str) -> None:
    entries = load_table("t", table)
    malformed = [entry for entry in entries if isinstance(entry, Malformed)]
    assert len(malformed) == 1, entries
    assert malformed[0].test_id == test_id
    assert "t.yaml" in malformed[0].message
    assert message in malformed[0].message, malformed[0].message


def test_merge_replaces_lists_nulls_and_deletes() -> None:
    base = {"order": {"id": "o1", "lines": [1, 2], "shipped_at": "x"}, "claim": {"kind": "k"}}
    merged = merge(base, {"order": {"lines": [3], "shipped_at": None}, "claim": DELETE}, "case")
    assert merged == {"order": {"id": "o1", "lines": [3], "shipped_at": None}}
    assert base["order"] == {"id": "o1", "lines": [1, 2], "shipped_at": "x"}
