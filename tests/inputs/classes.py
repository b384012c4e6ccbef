"""Classes of bad (and odd but valid) input, one entry each: what is given, and what the
library must do with it: refuse it with the listed problems (path and code), or decide it.

`tests/unit/test_input_classes.py` runs every entry; the table is the record of the
adversarial pass over outside input (issue 10): add a class here, not a test."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from tests.builders import claim_case

Refused = tuple[tuple[str, str], ...]
"""(path, code) of every problem, in order."""


@dataclass(frozen=True)
class CaseClass:
    """A case given to `evaluate` (a dict, Python objects, JSON text or bytes)."""

    name: str
    given: Callable[[], Any]
    refused: Refused = ()
    decided: str | None = None
    """The status it is decided with, when it is valid."""


@dataclass(frozen=True)
class PolicyClass:
    """A policy document given to `read_policy` (text, in a format)."""

    name: str
    text: str
    format: str = "yaml"
    refused: Refused = ()


def _set(path: str, value: Any, base: Callable[[], dict[str, Any]] | None = None
         ) -> Callable[[], dict[str, Any]]:
    """The spoilage case with the value at `path` (`order.lines[0].quantity`) replaced."""
    def build() -> dict[str, Any]:
        data = (base or (lambda: claim_case("spoilage")))()
        parts: list[Any] = []
        for part in path.replace("]", "").replace("[", ".").split("."):
            parts.append(int(part) if part.isdigit() else part)
        target: Any = data
        for part in parts[:-1]:
            target = target[part]
        target[parts[-1]] = value
        return data
    return build


def _text(edit: Callable[[str], str]) -> Callable[[], str]:
    return lambda: edit(json.dumps(claim_case("spoilage")))


def _bytes(edit: Callable[[bytes], bytes]) -> Callable[[], bytes]:
    return lambda: edit(json.dumps(claim_case("spoilage")).encode())


PAID = "order.lines[0].paid_amount"
QTY = "order.lines[0].quantity"
CAT = "order.lines[0].category"
NEW_YORK = ZoneInfo("America/New_York")

CASES: tuple[CaseClass, ...] = (
    # JSON text
    CaseClass("text that is not JSON", lambda: "not json", (("", "json_invalid"),)),
    CaseClass("JSON cut short", _text(lambda t: t[:80]), (("", "json_invalid"),)),
    CaseClass("empty text", lambda: "", (("", "json_invalid"),)),
    CaseClass("a byte-order mark before the JSON", _text(lambda t: "\ufeff" + t),
              decided="approved"),
    CaseClass("a NaN literal in an amount", _text(lambda t: t.replace('"79.80"', "NaN")),
              ((PAID, "amount_not_finite"),)),
    CaseClass("an Infinity literal in an amount",
              _text(lambda t: t.replace('"79.80"', "Infinity")), ((PAID, "amount_not_finite"),)),
    CaseClass("a -Infinity literal in an amount",
              _text(lambda t: t.replace('"79.80"', "-Infinity")), ((PAID, "amount_not_finite"),)),
    CaseClass("a key written twice, last one smaller",
              _text(lambda t: t.replace('"paid_amount": "79.80"',
                                        '"paid_amount": "79.80", "paid_amount": "1.00"')),
              ((PAID, "duplicate_key"),)),
    CaseClass("a top-level key written twice",
              _text(lambda t: t.replace('"as_of"', '"as_of": "x", "as_of"', 1)),
              (("as_of", "duplicate_key"),)),
    CaseClass("100,000 nested lists", lambda: "[" * 100_000 + "]" * 100_000,
              (("", "json_too_deep"),)),
    CaseClass("JSON text over a megabyte", _text(lambda t: t.replace('"o-1"', '"' + "o" * 1_000_001 + '"')),
              (("", "case_too_large"),)),
    CaseClass("bytes that are not UTF-8", _bytes(lambda b: b.replace(b"apple", b"appl\xff")),
              (("", "not_utf8"),)),
    CaseClass("UTF-16 bytes", _bytes(lambda b: b.decode().encode("utf-16")),
              (("", "not_utf8"),)),
    CaseClass("a JSON list instead of a case", lambda: "[]", (("", "model_type"),)),
    CaseClass("JSON null instead of a case", lambda: "null", (("", "model_type"),)),
    CaseClass("money as JSON numbers", _text(lambda t: t.replace('"79.80"', "79.80")),
              decided="approved"),
    CaseClass("an amount as a JSON number with an exponent",
              _text(lambda t: t.replace('"79.80"', "7.98e1")), decided="approved"),
    CaseClass("an astronomical JSON number", _text(lambda t: t.replace('"79.80"', "1e5000000")),
              ((PAID, "amount_too_large"),)),
    CaseClass("an integer of 5,000 digits", _text(lambda t: t.replace('"79.80"', "9" * 5000)),
              ((PAID, "amount_too_large"),)),
    # amounts
    CaseClass("a Python float amount", _set(PAID, 79.8), ((PAID, "float_money"),)),
    CaseClass("an amount with underscores", _set(PAID, "79_80"), ((PAID, "amount_parsing"),)),
    CaseClass("an amount in full-width digits", _set(PAID, "\uff17\uff19.\uff18\uff10"),
              ((PAID, "amount_parsing"),)),
    CaseClass("an amount in exponent text", _set(PAID, "1e5000000"), ((PAID, "amount_parsing"),)),
    CaseClass("an amount with a leading space", _set(PAID, " 79.80"), ((PAID, "amount_parsing"),)),
    CaseClass("an amount with a plus sign", _set(PAID, "+79.80"), ((PAID, "amount_parsing"),)),
    CaseClass("NaN as amount text", _set(PAID, "NaN"), ((PAID, "amount_not_finite"),)),
    CaseClass("a negative amount", _set(PAID, "-1.00"), ((PAID, "amount_negative"),)),
    CaseClass("an amount of 10^15", _set(PAID, "1000000000000000"), ((PAID, "amount_too_large"),)),
    CaseClass("a fraction of a fen", _set(PAID, "79.805"), ((PAID, "amount_precision"),)),
    CaseClass("a boolean amount", _set(PAID, True), ((PAID, "amount_type"),)),
    CaseClass("a Decimal NaN amount", _set(PAID, Decimal("NaN")), ((PAID, "amount_not_finite"),)),
    CaseClass("a Decimal amount of 1e30", _set(PAID, Decimal("1e30")), ((PAID, "amount_too_large"),)),
    CaseClass("a Python int beyond a float's range", _set(PAID, 10**400),
              ((PAID, "amount_too_large"),)),
    CaseClass("a Python int of 5,000 digits", _set(PAID, 7**5916), ((PAID, "amount_too_large"),)),
    # instants
    CaseClass("a naive instant", _set("as_of", "2025-09-01T12:00:00"), (("as_of", "timezone_aware"),)),
    CaseClass("a naive datetime object", _set("as_of", datetime(2025, 9, 1, 12)),
              (("as_of", "timezone_aware"),)),
    CaseClass("an instant as a number", _set("as_of", 1756699200), (("as_of", "instant_type"),)),
    CaseClass("an instant as numeric text", _set("as_of", "1756699200"), (("as_of", "instant_type"),)),
    CaseClass("an instant with a space for T", _set("as_of", "2025-09-01 12:00:00+08:00"),
              (("as_of", "instant_parsing"),)),
    CaseClass("an instant without seconds", _set("as_of", "2025-09-01T12:00+08:00"),
              (("as_of", "instant_parsing"),)),
    CaseClass("an offset without a colon", _set("as_of", "2025-09-01T12:00:00+0800"),
              (("as_of", "instant_parsing"),)),
    CaseClass("nanoseconds", _set("as_of", "2025-09-01T12:00:00.123456789+08:00"),
              (("as_of", "instant_parsing"),)),
    CaseClass("30 February", _set("as_of", "2025-02-30T12:00:00+08:00"),
              (("as_of", "instant_parsing"),)),
    CaseClass("a leap second", _set("as_of", "2025-06-30T23:59:60Z"), (("as_of", "instant_parsing"),)),
    CaseClass("the year 1 at +14:00", _set("order.promised_ship_by", "0001-01-01T00:00:00+14:00"),
              (("order.promised_ship_by", "instant_out_of_range"),)),
    CaseClass("9999-12-31 as a promise", _set("order.promised_ship_by", "9999-12-31T00:00:00+08:00"),
              (("order.promised_ship_by", "instant_out_of_range"),)),
    CaseClass("before 1970", _set("order.paid_at", "1969-12-31T23:00:00Z"),
              (("order.paid_at", "instant_out_of_range"),)),
    CaseClass("an instant in UTC with Z", _set("as_of", "2025-09-01T04:00:00Z"), decided="approved"),
    CaseClass("datetimes with a ZoneInfo across a DST change", _set(
        "order.delivered_at", datetime(2025, 8, 24, 3, tzinfo=NEW_YORK)), decided="approved"),
    CaseClass("a fixed-offset datetime object", _set(
        "as_of", datetime(2025, 9, 1, 12, tzinfo=timezone(timedelta(hours=8)))),
        decided="approved"),
    # quantities, booleans, text
    CaseClass("a quantity as text", _set(QTY, "2"), ((QTY, "int_type"),)),
    CaseClass("a quantity as a float", _set(QTY, 2.0), ((QTY, "int_type"),)),
    CaseClass("a quantity as a boolean", _set(QTY, True), ((QTY, "int_type"),)),
    CaseClass("a quantity of 0", _set(QTY, 0), ((QTY, "greater_than_equal"),)),
    CaseClass("a quantity of ten million", _set(QTY, 10_000_000), ((QTY, "less_than_equal"),)),
    CaseClass("a quantity of a million digits", _set(QTY, 10**1_000_000), ((QTY, "less_than_equal"),)),
    CaseClass("insured as yes", _set("order.insured", "yes"), (("order.insured", "bool_type"),)),
    CaseClass("insured as 1", _set("order.insured", 1), (("order.insured", "bool_type"),)),
    CaseClass("an id as a number", _set("order.id", 12), (("order.id", "string_type"),)),
    CaseClass("an empty id", _set("order.id", ""), (("order.id", "string_too_short"),)),
    CaseClass("an id of 201 characters", _set("order.id", "o" * 201),
              (("order.id", "string_too_long"),)),
    CaseClass("an id with a newline and an escape", _set("id", "c-1\n\x1b[31m"), decided="approved"),
    CaseClass("an unknown field", _set("order.colour", "red"), (("order.colour", "extra_forbidden"),)),
    CaseClass("an unknown claim kind", _set("claim.kind", "spoiled"), (("claim.kind", "enum"),)),
    # categories and regions
    CaseClass("a hyphenated category", _set(CAT, "fresh.fruit-veg"), decided="approved"),
    CaseClass("a Chinese category", _set(CAT, "生鲜.水果"), decided="not_covered"),
    CaseClass("an upper-case category", _set(CAT, "Fresh.Produce"), decided="approved"),
    CaseClass("an empty category segment", _set(CAT, "fresh..produce"),
              ((CAT, "string_pattern_mismatch"),)),
    CaseClass("a category with a space", _set(CAT, "fresh produce"),
              ((CAT, "string_pattern_mismatch"),)),
    CaseClass("a category with a zero-width space", _set(CAT, "fresh\u200b.produce"),
              ((CAT, "string_pattern_mismatch"),)),
    CaseClass("a lower-case region", _set("order.region", "cn-xj"), decided="approved"),
    CaseClass("a numeric region", _set("order.region", "CN-65"), decided="approved"),
    CaseClass("a region name", _set("order.region", "Xinjiang"), (("order.region", "region_invalid"),)),
    # structure and size
    CaseClass("no lines", _set("order.lines", []), (
        ("order.lines", "lines_empty"), ("claim.lines[0].line_id", "line_unknown"))),
    CaseClass("a hundred thousand lines", _set("order.lines", [
        {"id": f"l{i}", "sku": "s", "category": "fresh", "quantity": 1, "paid_amount": "1.00"}
        for i in range(100_000)]), (("order.lines", "too_long"),)),
    CaseClass("two lines with one id", _set("order.lines", [
        {"id": "l1", "sku": "s", "category": "fresh", "quantity": 2, "paid_amount": "1.00"}] * 2),
        (("order.lines[1].id", "line_id_duplicate"),)),
    CaseClass("a claimed line not in the order", _set("claim.lines[0].line_id", "l9"),
              (("claim.lines[0].line_id", "line_unknown"),)),
    CaseClass("more claimed than bought", _set("claim.lines[0].quantity", 3),
              (("claim.lines[0].quantity", "quantity_exceeds_bought"),)),
    CaseClass("an unknown currency", _set("order.currency", "XXX"),
              (("order.currency", "currency_unknown"),)),
    CaseClass("a currency not the policy's", _set("order.currency", "USD"),
              (("order.currency", "currency_mismatch"),)),
    # the timeline
    CaseClass("promised before paid", _set("order.promised_ship_by", "2025-08-19T10:00:00+08:00"),
              (("order.promised_ship_by", "promise_before_payment"),)),
    CaseClass("delivered but not shipped", _set("order.shipped_at", None),
              (("order.shipped_at", "delivered_not_shipped"),)),
    CaseClass("filed after as_of", _set("claim.filed_at", "2025-09-02T00:00:00+08:00"),
              (("claim.filed_at", "filed_after_as_of"),)),
    CaseClass("filed before payment", _set("claim.filed_at", "2025-08-19T00:00:00+08:00"),
              (("claim.filed_at", "filed_before_paid"),)),
    # history
    CaseClass("a history decided after as_of", _set("history", [
        {"guarantee": "late_shipment", "kind": "coupon", "amount": "3.00",
         "decided_at": "2025-09-02T00:00:00+08:00"}]), (("history[0].decided_at", "after_as_of"),)),
    CaseClass("a history refund above the order", _set("history", [
        {"guarantee": "price_match", "kind": "refund", "amount": "5000.00"}]),
        (("history[0].amount", "refund_above_paid"),)),
    CaseClass("history refunds that together exceed the order", _set("history", [
        {"guarantee": "price_match", "kind": "refund", "amount": "50.00"},
        {"guarantee": "spoilage", "kind": "refund", "amount": "50.00"}]),
        (("history[1].amount", "refunds_above_paid"),)),
    CaseClass("a history money remedy without an amount", _set("history", [
        {"guarantee": "spoilage", "kind": "refund"}]), (("history[0].amount", "amount_missing"),)),
    CaseClass("a history of two thousand entries", _set("history", [
        {"guarantee": "late_shipment", "kind": "coupon", "amount": "3.00", "order_id": f"o{i}"}
        for i in range(2000)]), (("history", "too_long"),)),
)

POLICIES: tuple[PolicyClass, ...] = (
    PolicyClass("a window of 3,000,000 days", 'extends: standard\nid: a\nversion: "1"\n'
                "overrides:\n  allergy: {window_days: 3000000}\n",
                refused=(("overrides.allergy.window_days", "less_than_equal"),)),
    PolicyClass("a window of true days", 'extends: standard\nid: a\nversion: "1"\n'
                "overrides:\n  allergy: {window_days: true}\n",
                refused=(("overrides.allergy.window_days", "int_type"),)),
    PolicyClass("a window of 0 days", 'extends: standard\nid: a\nversion: "1"\n'
                "overrides:\n  allergy: {window_days: 0}\n",
                refused=(("overrides.allergy.window_days", "greater_than"),)),
    PolicyClass("an octal version", "extends: standard\nid: a\nversion: 012\n",
                refused=(("version", "number_form"),)),
    PolicyClass("a base-60 number", 'extends: standard\nid: a\nversion: "1"\n'
                "overrides:\n  spoilage: {window_hours: 1:30}\n",
                refused=(("overrides.spoilage.window_hours", "number_form"),)),
    PolicyClass("a time zone that is a file", 'extends: standard\nid: a\nversion: "1"\n'
                "time_zone: /etc/passwd\n", refused=(("time_zone", "time_zone_unknown"),)),
    PolicyClass("a time zone that climbs out", 'extends: standard\nid: a\nversion: "1"\n'
                "time_zone: ../x\n", refused=(("time_zone", "time_zone_unknown"),)),
    PolicyClass("an astronomical amount", 'extends: standard\nid: a\nversion: "1"\n'
                "overrides:\n  late_shipment: {flat_amount: 1.0e+5000000}\n",
                refused=(("overrides.late_shipment.flat_amount", "amount_too_large"),)),
    PolicyClass("an amount with seven fractional digits", 'extends: standard\nid: a\n'
                'version: "1"\noverrides:\n  counterfeit: {multiplier: "3.0000001"}\n',
                refused=(("overrides.counterfeit.multiplier", "amount_precision"),)),
    PolicyClass("a python tag", 'extends: standard\nid: a\nversion: "1"\n'
                "title: !!python/object/apply:os.system [echo]\n",
                refused=(("", "yaml_tag_refused"),)),
    PolicyClass("an alias bomb", 'extends: standard\nid: a\nversion: "1"\n' + "\n".join(
        ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
        + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]) + "\n",
        refused=(("", "document_too_large"),)),
    PolicyClass("5,000 nested lists", 'extends: standard\nid: a\nversion: "1"\ntitle: '
                + "[" * 5000 + "]" * 5000 + "\n", refused=(("", "document_too_deep"),)),
    PolicyClass("a key written twice", 'extends: standard\nid: a\nid: b\nversion: "1"\n',
                refused=(("id", "duplicate_key"),)),
    PolicyClass("a byte-order mark in JSON",
                '\ufeff{"extends": "standard", "id": "a", "version": "1"}', format="json"),
    PolicyClass("a byte-order mark in TOML",
                '\ufeffextends = "standard"\nid = "a"\nversion = "1"\n', format="toml"),
    PolicyClass("a byte-order mark in YAML", '\ufeffextends: standard\nid: a\nversion: "1"\n'),
)
