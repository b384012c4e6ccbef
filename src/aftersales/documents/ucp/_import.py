"""UCP return policies read into an aftersales policy document (the dict `load_policy` reads).

What each UCP field becomes (docs/ucp.md): a return policy with terms becomes a guarantee
`ucp_return` (then `ucp_return_2`, ...) for `no_reason_return` claims, its window a
`filed_within` condition, its resolutions remedies, its by-mail fee who pays the return leg;
a `final_sale` policy (or a 0-day window) scoped to categories or tags becomes exclusions on
every return guarantee. Policies of other types (warranty, custom) are not return terms and
are skipped. What no aftersales rule holds (descriptions, URLs, fixed fees, restocking fees,
the `exchange` and `gift_card` resolutions, item targets such as `$.line_items[2]`) is
dropped. Bad input raises `InvalidPolicyError` with every problem and its path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...model.errors import InvalidPolicyError, Problem
from .._names import named_policy
from .._read import build_policy
from ._export import RETURN_TYPE
from ._scopes import scope_of_target

__all__ = ["import_ucp"]

EVENTS = {"delivered": "delivered_at", "purchased": "paid_at", "shipped": "shipped_at",
          "fulfilled": "delivered_at"}
"""UCP anchors as our order events; `fulfilled` (handed over, shipped or picked up) is read
as delivery, the moment the buyer has the goods."""
STATUTORY_RETURN = "no_reason_return"
"""The standard policy's guarantee that the law's 7-day return is."""
_REVERSE_DNS = re.compile(r"^[a-z][a-z0-9]*(?:\.[a-z](?:[a-z0-9_-]*[a-z0-9_])?)+$")
_DESCRIPTION_FORMATS = ("plain", "markdown", "html")


def import_ucp(data: Any) -> dict[str, Any]:
    """The policy document of the UCP policies `data`: a `policies[]` array, or an object
    (a cart, checkout, order or catalog response) holding one under `policies`."""
    prefix = ""
    if isinstance(data, Mapping) and "policies" in data:
        data, prefix = data["policies"], "policies"
    if not isinstance(data, list):
        raise InvalidPolicyError([Problem(prefix, "not_a_list",
                                          "UCP policies are a JSON array of policy objects")])
    problems: list[Problem] = []
    for index, entry in enumerate(data):
        problems += _problems(entry, f"{prefix}[{index}]")
    if problems:
        raise InvalidPolicyError(problems)
    returns = [entry for entry in data if entry["type"] == RETURN_TYPE]
    excluded = [entry for entry in returns if _is_final_sale(entry)]
    terms = [entry for entry in returns if not _is_final_sale(entry)]
    # An entry aimed only at items our scopes cannot name ($.line_items[2]) overrides the
    # terms for those items: left out when broader terms remain.
    broad = [entry for entry in terms if not _only_items(entry)]
    terms = broad or terms
    exclusions = _exclusions(excluded)
    guarantees = [_guarantee(entry, index, exclusions) for index, entry in enumerate(terms)]
    if not guarantees:
        raise InvalidPolicyError([Problem(prefix, "no_return_terms",
                                          "has no return policy that lets anything be "
                                          f"returned (a {RETURN_TYPE} that is not final sale)")])
    document = {"kind": "policy", "id": "ucp", "version": "imported",
                "title": "Imported from UCP return policies", "guarantees": guarantees}
    return _with_legal_floor(document)


def _with_legal_floor(document: dict[str, Any]) -> dict[str, Any]:
    """`document`, with the statutory 7-day return added when its terms fall short of it (a
    policy may extend the law, never restrict it; docs/legal-floor.md)."""
    try:
        build_policy(document, {})
    except InvalidPolicyError as error:
        if not any(problem.code == "below_legal_floor" for problem in error.problems):
            raise
        statutory = next(guarantee for guarantee in named_policy("standard").to_dict()["guarantees"]
                         if guarantee["id"] == STATUTORY_RETURN)
        document["guarantees"].append(statutory)
    return document


def _only_items(entry: Mapping[str, Any]) -> bool:
    targets = entry.get("applies_to", [])
    return bool(targets) and all(scope_of_target(target) is None for target in targets)


def _is_final_sale(entry: Mapping[str, Any]) -> bool:
    return bool(entry.get("final_sale")) or entry.get("window", {}).get("days") == 0


def _exclusions(final_sales: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    categories: list[str] = []
    tags: list[str] = []
    for entry in final_sales:
        for target in entry.get("applies_to", ()):
            scope = scope_of_target(target)
            if scope is not None:
                (categories if scope[0] == "category" else tags).append(scope[1])
    conditions: list[dict[str, Any]] = []
    if categories:
        conditions.append({"kind": "not", "code": "category_excluded",
                           "condition": {"kind": "category_in", "categories": categories}})
    if tags:
        conditions.append({"kind": "not", "code": "tag_excluded",
                           "condition": {"kind": "has_tag", "tags": tags}})
    return conditions


def _guarantee(entry: Mapping[str, Any], index: int,
               exclusions: list[dict[str, Any]]) -> dict[str, Any]:
    guarantee: dict[str, Any] = {
        "kind": "guarantee", "id": "ucp_return" if index == 0 else f"ucp_return_{index + 1}",
        "title": _title(entry["description"]), "claim_kinds": ["no_reason_return"]}
    categories = [scope[1] for scope in map(scope_of_target, entry.get("applies_to", ()))
                  if scope is not None and scope[0] == "category"]
    if categories:
        guarantee["categories"] = categories
    conditions: list[dict[str, Any]] = []
    if "window" in entry:
        window = entry["window"]
        conditions.append({"kind": "filed_within", "after": EVENTS[window["anchor"]],
                           "window_days": window["days"]})
    guarantee["conditions"] = [*conditions, *exclusions]
    guarantee["remedies"] = _remedies(entry)
    return guarantee


def _title(description: Mapping[str, str]) -> str:
    return next(description[name] for name in _DESCRIPTION_FORMATS if name in description)


def _remedies(entry: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each resolution we have a remedy for; a refund when none is stated (the law's default)."""
    resolutions = entry.get("supported_resolutions") or ["original_payment_method"]
    fees = {method.get("fee", {}).get("type") for method in entry.get("methods", ())}
    payer = "merchant" if fees == {"free"} else "buyer"
    claimed = {"kind": "claimed_fraction"}
    options: list[dict[str, Any]] = []
    if "original_payment_method" in resolutions:
        options.append({"kind": "refund", "amount": claimed, "return_required": True,
                        "return_shipping_payer": payer})
    if "replacement" in resolutions:
        options.append({"kind": "reship"})
    if "store_credit" in resolutions:
        options.append({"kind": "coupon", "amount": claimed, "payer": "merchant"})
    if not options:  # only exchange or gift card, which no remedy of ours is
        options.append({"kind": "refund", "amount": claimed, "return_required": True,
                        "return_shipping_payer": payer})
    return options if len(options) == 1 else [{"kind": "buyers_choice", "options": options}]


def _problems(entry: Any, path: str) -> list[Problem]:
    if not isinstance(entry, Mapping):
        return [Problem(path, "not_an_object", "each UCP policy is a JSON object")]
    problems: list[Problem] = []
    kind = entry.get("type")
    if not isinstance(kind, str) or not _REVERSE_DNS.match(kind):
        problems.append(Problem(f"{path}.type", "invalid_type",
                                "is required: a reverse-DNS policy type such as "
                                f"{RETURN_TYPE}, got {kind!r}"))
    description = entry.get("description")
    if not (isinstance(description, Mapping) and description
            and all(name in _DESCRIPTION_FORMATS and isinstance(text, str)
                    for name, text in description.items())):
        problems.append(Problem(f"{path}.description", "invalid_description",
                                "is required: an object with at least one of plain, markdown, "
                                "html, each a string"))
    targets = entry.get("applies_to", [])
    if not (isinstance(targets, list) and all(isinstance(t, str) for t in targets)):
        problems.append(Problem(f"{path}.applies_to", "invalid_applies_to",
                                "must be an array of JSONPath strings"))
    if kind == RETURN_TYPE:
        problems += _return_problems(entry, path)
    return problems


def _return_problems(entry: Mapping[str, Any], path: str) -> list[Problem]:
    problems: list[Problem] = []
    if "final_sale" in entry and not isinstance(entry["final_sale"], bool):
        problems.append(Problem(f"{path}.final_sale", "not_a_boolean", "must be true or false"))
    if "window" in entry:
        problems += _window_problems(entry["window"], f"{path}.window")
    resolutions = entry.get("supported_resolutions", [])
    if not (isinstance(resolutions, list) and all(isinstance(r, str) for r in resolutions)):
        problems.append(Problem(f"{path}.supported_resolutions", "invalid_resolutions",
                                "must be an array of strings"))
    methods = entry.get("methods", [])
    if not isinstance(methods, list):
        problems.append(Problem(f"{path}.methods", "not_a_list", "must be an array of methods"))
    else:
        for index, method in enumerate(methods):
            problems += _method_problems(method, f"{path}.methods[{index}]")
    if "restocking_fee" in entry:
        problems += _restocking_problems(entry["restocking_fee"], f"{path}.restocking_fee")
    return problems


def _window_problems(window: Any, path: str) -> list[Problem]:
    if not isinstance(window, Mapping):
        return [Problem(path, "not_an_object", "must be an object with days and anchor")]
    problems = _minor_units_problems(window, "days", path, required=True)
    anchor = window.get("anchor")
    if anchor not in EVENTS:
        problems.append(Problem(f"{path}.anchor", "unknown_anchor",
                                f"must be one of {', '.join(EVENTS)} (UCP assumes no default "
                                f"anchor), got {anchor!r}"))
    return problems


def _method_problems(method: Any, path: str) -> list[Problem]:
    if not isinstance(method, Mapping):
        return [Problem(path, "not_an_object", "each return method is an object")]
    problems: list[Problem] = []
    if not isinstance(method.get("type"), str):
        problems.append(Problem(f"{path}.type", "invalid_method_type",
                                "is required: a string such as by_mail or in_store"))
    if "fee" in method:
        fee = method["fee"]
        if not isinstance(fee, Mapping) or not isinstance(fee.get("type"), str):
            problems.append(Problem(f"{path}.fee.type", "invalid_fee_type",
                                    "is required: free, fixed_fee or customer_responsibility"))
        else:
            problems += _minor_units_problems(fee, "amount", f"{path}.fee")
    return problems


def _restocking_problems(fee: Any, path: str) -> list[Problem]:
    if not isinstance(fee, Mapping):
        return [Problem(path, "not_an_object", "must be an object")]
    problems = _minor_units_problems(fee, "amount", path)
    bps = fee.get("percentage_bps", 0)
    if not (type(bps) is int and 0 <= bps <= 10000):
        problems.append(Problem(f"{path}.percentage_bps", "invalid_basis_points",
                                f"must be a whole number from 0 to 10000, got {bps!r}"))
    return problems


def _minor_units_problems(data: Mapping[str, Any], key: str, path: str, *,
                          required: bool = False) -> list[Problem]:
    if key not in data and not required:
        return []
    value = data.get(key)
    if type(value) is int and value >= 0:
        return []
    return [Problem(f"{path}.{key}", "not_a_whole_number",
                    f"must be a whole number, 0 or more, got {value!r}")]
