"""A policy's return promises as UCP return policies (`dev.ucp.shopping.policy.return`).

Read generically from the rule objects' documents (their `kind` tags), never by guarantee id:
a guarantee is a UCP return policy when its remedies are resolutions a buyer picks on a
return, its only conditions are a day window after a known event, category or tag exclusions
and checks every return has anyway (item intact, not granted before), and it needs no
evidence. Anything else is reported in `UcpExport.unexpressed` with a one-line reason.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ...engine import policy_of
from ...policy.policy import Policy
from ...policy.versions import AnyPolicy, PolicyVersions
from ._scopes import category_target, tag_target

__all__ = ["RETURN_TYPE", "UcpExport", "Unexpressed", "export_ucp"]

RETURN_TYPE = "dev.ucp.shopping.policy.return"
CUSTOM_TYPE_PREFIX = "com.aftersales.policy."
"""Custom policy types (the spec lets a business define types in its own domain)."""

ANCHORS = {"delivered_at": "delivered", "paid_at": "purchased", "shipped_at": "shipped"}
"""Our order events that are UCP window anchors."""
RESOLUTIONS = {"refund": "original_payment_method", "reship": "replacement",
               "coupon": "store_credit"}
"""Our remedies that are UCP resolutions, each of what was claimed: a refund, a replacement,
a coupon (store credit)."""
_CHECKED_ON_EVERY_RETURN = {"item_intact", "not_granted_before"}

Unsupported = Literal["report", "custom"]


@dataclass(frozen=True)
class Unexpressed:
    """A guarantee UCP cannot express, and why in one line."""

    guarantee: str
    reason: str

    def __str__(self) -> str:
        return f"{self.guarantee}: {self.reason}"


@dataclass(frozen=True)
class UcpExport:
    """UCP `policies[]` entries (JSON-ready dicts) and the guarantees they leave out."""

    policies: list[dict[str, Any]]
    unexpressed: list[Unexpressed] = field(default_factory=list)


def export_ucp(policy: AnyPolicy | str | None, *,
               unsupported: Unsupported = "report") -> UcpExport:
    """The UCP return policies that `policy`'s return guarantees promise (the standard
    policy for None, a shipped policy by its name). For `PolicyVersions`,
    the latest version (the one in force for new orders once it takes effect): UCP publishes
    the terms of one purchase, not a history. With `unsupported="custom"` each guarantee UCP
    cannot express is also published as a custom type `com.aftersales.policy.<id>` carrying
    its title and reason as its description."""
    current = _latest(policy_of(policy))
    policies: list[dict[str, Any]] = []
    unexpressed: list[Unexpressed] = []
    for guarantee in current.to_dict()["guarantees"]:
        reason = _why_unexpressible(guarantee)
        if reason is None:
            policies += _return_policies(guarantee, current.currency)
            continue
        unexpressed.append(Unexpressed(guarantee["id"], reason))
        if unsupported == "custom":
            policies.append(_custom(guarantee, reason))
    return UcpExport(policies, unexpressed)


def _latest(policy: AnyPolicy) -> Policy:
    if isinstance(policy, PolicyVersions):
        return policy.versions[-1]
    return policy


def _remedies(guarantee: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    for remedy in guarantee["remedies"]:
        if remedy["kind"] == "buyers_choice":
            yield from remedy["options"]
        else:
            yield remedy


def _why_unexpressible(guarantee: Mapping[str, Any]) -> str | None:
    if guarantee.get("is_add_on"):
        return "add-on to another guarantee's approval: UCP terms are unconditional"
    for remedy in _remedies(guarantee):
        if remedy["kind"] not in RESOLUTIONS:
            return f"{remedy['kind']} remedy: not a UCP return resolution"
        amount = remedy.get("amount", {}).get("kind", "claimed_fraction")
        if amount != "claimed_fraction":
            return f"{remedy['kind']} of {amount}: a UCP resolution gives back what was paid"
    if guarantee.get("is_automatic"):
        return "granted without a claim: UCP describes what a buyer may return"
    if guarantee.get("evidence"):
        return (f"needs evidence ({', '.join(guarantee['evidence'])}): UCP return windows "
                "are unconditional")
    for condition in guarantee.get("conditions", ()):
        reason = _why_condition_unexpressible(condition)
        if reason is not None:
            return reason
    return None


def _why_condition_unexpressible(condition: Mapping[str, Any]) -> str | None:
    kind = condition["kind"]
    if kind in _CHECKED_ON_EVERY_RETURN or _excluded_scope(condition) is not None:
        return None
    if kind == "filed_within":
        if condition.get("window_days") is None:
            return (f"window of {condition['window_hours']} hours: UCP windows are whole "
                    "calendar days")
        if condition["after"] not in ANCHORS:
            return f"window after {condition['after']}: not a UCP window anchor"
        return None
    return f"condition {kind}: UCP has no field for it"


def _excluded_scope(condition: Mapping[str, Any]) -> list[str] | None:
    """The `applies_to` targets a `not category_in` / `not has_tag` condition excludes."""
    if condition["kind"] != "not":
        return None
    inner = condition["condition"]
    if inner["kind"] == "category_in":
        return [category_target(category) for category in inner["categories"]]
    if inner["kind"] == "has_tag":
        return [tag_target(tag) for tag in inner["tags"]]
    return None


def _return_policies(guarantee: Mapping[str, Any], currency: str) -> list[dict[str, Any]]:
    """The guarantee's return terms, then one final-sale policy for what it excludes."""
    title = guarantee.get("title") or guarantee["id"]
    body: dict[str, Any] = {"type": RETURN_TYPE, "description": {"plain": title}}
    if guarantee.get("categories") is not None:
        body["applies_to"] = [category_target(category) for category in guarantee["categories"]]
    for condition in guarantee.get("conditions", ()):
        if condition["kind"] == "filed_within":
            body["window"] = {"days": condition["window_days"],
                              "anchor": ANCHORS[condition["after"]]}
    remedies = list(_remedies(guarantee))
    body["supported_resolutions"] = sorted({RESOLUTIONS[remedy["kind"]] for remedy in remedies})
    payers = {remedy.get("return_shipping_payer", "buyer") for remedy in remedies
              if remedy.get("return_required")}
    if payers:
        fee = "free" if payers == {"merchant"} else "customer_responsibility"
        body["methods"] = [{"type": "by_mail", "fee": {"type": fee}}]
    excluded = [target for condition in guarantee.get("conditions", ())
                for target in _excluded_scope(condition) or ()]
    excluded += [category_target(category) for category in guarantee.get("excluded_categories", ())]
    if not excluded:
        return [body]
    final_sale = {"type": RETURN_TYPE, "final_sale": True, "applies_to": excluded,
                  "description": {"plain": f"Final sale: not covered by {title}"}}
    return [body, final_sale]


def _custom(guarantee: Mapping[str, Any], reason: str) -> dict[str, Any]:
    title = guarantee.get("title") or guarantee["id"]
    return {"type": CUSTOM_TYPE_PREFIX + guarantee["id"],
            "description": {"plain": f"{title}. Not a UCP return term ({reason})."}}
