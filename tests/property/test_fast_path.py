"""The fast path (JSON text and dicts decoded by msgspec into records, `model.records`) and
the pydantic `Case` give one answer for every case: the same decision, the same `Case`, or
the same refusal.

What must be equal in a refusal is each problem's path and code, in order: the contract that
`tests/unit/test_input_classes.py` holds every input class to. The messages are compared too,
since the fast path words no problem of its own (whatever it does not accept exactly as
`Case` would, it leaves to `Case`); should it ever word one, only path and code are owed.

The reference is `Case` alone, as `parse_case` falls back to it: JSON text read by
`load_json_text` (numbers exact, a key written twice and `NaN` refused), then
`Case.model_validate`. (`Case.model_validate_json` is not the reference: it keeps the last of
a key written twice.)
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from aftersales import Case, Decision, InvalidCaseError, evaluate, parse_case
from aftersales.model.json_text import JsonTextError, load_json_text
from aftersales.model.problems import problems_from_validation_error
from aftersales.testing.strategies import cases
from tests.builders import case_dict, claim_case
from tests.fuzz.test_fuzz import JSON_VALUES, _paths
from tests.inputs.classes import CASES, CaseClass

FAST = settings(max_examples=300, deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck))

Input = str | bytes | Mapping[str, Any]
Answer = tuple[str, object]


def by_pydantic(given: Input) -> Case:
    """`given` read by the pydantic `Case` alone."""
    try:
        data = load_json_text(given) if isinstance(given, str | bytes) else given
        return Case.model_validate(data)
    except JsonTextError as error:
        raise InvalidCaseError(error.problems) from None
    except ValidationError as error:
        raise InvalidCaseError(problems_from_validation_error(error)) from None


def answer(read: Callable[[], Decision | Case]) -> Answer:
    try:
        result = read()
    except InvalidCaseError as error:
        return "refused", [(p.path, p.code, p.message) for p in error.problems]
    if isinstance(result, Decision):
        return "decided", result.to_dict()
    return "read", result.model_dump(mode="json")


def assert_one_answer(given: Input) -> None:
    """The fast path's answer for `given` is the pydantic `Case`'s, when deciding it and
    when reading it."""
    assert answer(lambda: evaluate(given)) == answer(lambda: evaluate(by_pydantic(given)))
    assert answer(lambda: parse_case(given)) == answer(lambda: by_pydantic(given))


ODD_TEXTS = [
    "", " ", "x" * 200, "x" * 201, "\U0001f600" * 200, "\U0001f600" * 201, "a:b", '"', "\\",
    "\n", "\x00", "\x1b[31m", "\u200b", "\ufeff", "\ud800", "e\u0301", "\u00e9", "\u0130",
    "\u00df", "\u01c5", "\ufb00", "\u216b", "Fresh.Produce", "fresh.produce ", "fresh.",
    "FRESH.PRODUCE", "\u751f\u9c9c.\u6c34\u679c", "beauty-care.skincare", "cn-xj", "Cn-Xj",
    "CN-65", "cn-65", "\uff23\uff2e-XJ", "CN-XJ ", "Xinjiang", "79.8", "079.80", "0", "0.00",
    "-0", "-0.00", ".5", "5.", "1e2", "-1.00", "+1", "\u0661\u0662", "99999999999999.99",
    "999999999999999", "1000000000000000", "79.800000", "2025-08-24T15:00:00Z",
    "2025-08-24t15:00:00z", "2025-08-24T15:00:00.5+08:00", "2025-08-24T15:00:00.000000+08:00",
    "2025-08-24T15:00:00-00:00", "2025-08-24T15:00:00", "2025-08-24T15:00:00+0800",
    "2025-02-30T12:00:00+08:00", "2025-06-30T23:59:60Z", "2025-08-24T24:00:00+08:00",
    "2025-08-24T12:00:00+24:00", "2025-08-24T12:00:00+23:59", "1969-12-31T23:59:59Z",
    "1970-01-01T00:00:00+14:00", "8999-12-31T23:59:59-12:00", "9000-01-01T00:00:00Z", "intact",
    "refund", "reship", "spoilage", "photo", "CNY", "cny", "JPY", "USD",
]
INSTANT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
NUMBERS = [0, 1, -1, 2, 3, 1_000_000, 1_000_001, 10**15, -(10**15), 2**63, 2**64, 10**4001,
           0.5, 2.0, 79.8, -79.8, 1e-7, 1e300, True, False]


def variants(value: Any) -> list[Any]:
    """Values near `value`: of another JSON type, or the same text or number made odd."""
    if isinstance(value, bool):
        return [not value, str(value).lower(), int(value), None]
    if isinstance(value, int):
        return [-value, value + 1, value * 10**15, float(value), str(value), None]
    if isinstance(value, str) and INSTANT.match(value):
        return [value[:19], value.replace("+08:00", "Z"), value.replace("T", "t"),
                value.replace(":00+", ":00.5+"), value[:5] + "02-30" + value[10:],
                value[:11] + "24" + value[13:], value[:17] + "60" + value[19:],
                value[:20] + "24:00", value[:20] + "23:59", f"{value} ", value.lower()]
    if isinstance(value, str):
        return [value.upper(), value.lower(), f" {value}", f"{value} ", f"-{value}",
                f"{value}0", value * 2, f"{value}\ud800", f"{value}\u0301", f"{value}:",
                value.replace(".", ".."), value.replace("-", "\u2011"),
                unicodedata.normalize("NFD", value), unicodedata.normalize("NFKC", value),
                [value], None]
    if isinstance(value, list):
        return [[], value * 2, [*value, None], value[:1], {"items": value}, None]
    if isinstance(value, dict):
        return [{}, [value], {**value, "colour": "red"}, None]
    return [{}, [], "", 0]


BASES = [case_dict(), claim_case("spoilage"), claim_case("allergy"), claim_case("price_match"),
         claim_case("spoilage", history=[{"guarantee": "price_match", "kind": "refund",
                                          "amount": "4.90", "line_ids": ["l1"]}]),
         case_dict(order={"region": "CN-XJ", "insured": True, "shipped_at": None,
                          "delivered_at": None, "flags": ["fake_shipment"]}),
         # claims after delivery: every fact of spoilage, allergy and price claims at once
         claim_case("spoilage", order={
             "payment_channel_discount": "2.00",
             "lines": [{"id": "l1", "sku": "mango", "category": "fresh.produce", "tags": [],
                        "quantity": 2, "paid_amount": "79.80", "ripening_days": 5,
                        "unit_content": "100", "platform_discount": "5.00"}]},
             claim={"problem": "rotten", "affected_percent": "30.5",
                    "lines": [{"line_id": "l1", "quantity": 1, "used_amount": "20"}]}),
         # Tmall preset (issue 11): confirmed receipt, problems, a grant's items and fulfilment
         case_dict(order={"receipt_confirmed_at": "2025-08-25T10:00:00+08:00"},
                   claim={"kind": "not_as_described", "filed_at": "2025-08-26T09:00:00+08:00",
                          "problem": "brand_mismatch",
                          "lines": [{"line_id": "l1", "quantity": 1,
                                     "problem": "material_mismatch"}]},
                   history=[{"guarantee": "g", "kind": "reship", "skus": ["apple-5kg"],
                             "decided_at": "2025-08-25T12:00:00+08:00",
                             "fulfilled_at": "2025-08-26T12:00:00+08:00"}])]
GENERATED = cases().map(lambda case: case.model_dump(mode="json"))


def leaves(case: Any) -> list[tuple[Any, ...]]:
    return [path for path in _paths(case) if not isinstance(at(case, path), dict | list)]


def at(case: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        case = case[key]
    return case


ACTIONS = ["vary"] * 4 + ["replace"] * 2 + ["delete", "add", "nest"]


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """A valid case with one to three of its values varied or replaced (most often a text or
    a number), keys deleted or added, or values nested."""
    case: dict[str, Any] = copy.deepcopy(draw(st.sampled_from(BASES) | GENERATED))
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        path = draw(st.sampled_from(leaves(case)) | st.sampled_from(_paths(case)))
        if not path:
            case["colour"] = "red"
            continue
        parent, key = at(case, path[:-1]), path[-1]
        action = draw(st.sampled_from(ACTIONS))
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(st.sampled_from(ODD_TEXTS) | st.sampled_from(NUMBERS)
                               | JSON_VALUES)
        elif action == "vary":
            parent[key] = draw(st.sampled_from(variants(parent[key])))
        elif action == "add" and isinstance(parent[key], dict):
            parent[key][draw(st.sampled_from(["colour", "Kind", "kind ", "id", "lines"]))] = (
                draw(JSON_VALUES))
        else:
            parent[key] = {"value": parent[key]}
    return case


def written(case: dict[str, Any], ascii_only: bool, indent: int | None, twice: str | None,
            as_bytes: bool) -> str | bytes:
    text = json.dumps(case, ensure_ascii=ascii_only, indent=indent)
    if twice is not None:  # the key written twice, first with another value
        text = text.replace(f'"{twice}": ', f'"{twice}": "x", "{twice}": ', 1)
    return text.encode("utf-8", errors="surrogatepass") if as_bytes else text


@FAST
@example(claim_case("spoilage", as_of="2025-02-30T12:00:00+08:00"), True, None, None, False)
@example(claim_case("spoilage", id="case-\ud800"), False, None, None, False)
@given(mutated(), st.booleans(), st.sampled_from([None, 1]),
       st.none() | st.sampled_from(["id", "paid_amount", "filed_at", "category", "quantity"]),
       st.booleans())
def test_json_text_gets_one_answer_from_the_fast_path_and_from_case(
        case: dict[str, Any], ascii_only: bool, indent: int | None, twice: str | None,
        as_bytes: bool) -> None:
    assert_one_answer(written(case, ascii_only, indent, twice, as_bytes))


@FAST
@example(claim_case("spoilage", id="case-\ud800"))
@given(mutated())
def test_a_dict_gets_one_answer_from_the_fast_path_and_from_case(case: dict[str, Any]) -> None:
    assert_one_answer(case)


def texts_of(entry: CaseClass) -> list[Input]:
    """What an input class gives, and, when it is a dict of JSON values, its JSON text."""
    given = entry.given()
    forms: list[Input] = [given]
    if isinstance(given, dict):
        # Python values (datetimes, Decimals, huge ints) have no JSON text
        with contextlib.suppress(TypeError, ValueError):
            forms.append(json.dumps(given, ensure_ascii=False))
    return forms


@pytest.mark.parametrize("entry", CASES, ids=lambda entry: entry.name)
def test_every_input_class_gets_one_answer_from_the_fast_path_and_from_case(
        entry: CaseClass) -> None:
    for form in texts_of(entry):
        assert_one_answer(form)
