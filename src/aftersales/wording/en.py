"""English: one message template for every outcome code, and how an English sentence words
each typed fact (instants as `2025-08-26 15:00`, events as nouns, day windows as adjectives).

Codes are public and stable; messages may be reworded at any time (tests assert codes). The
reasons' English messages are part of the JSON contract, so they are rendered here from the
facts and kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from ..model.facts import Phrase, Window, fact_text, joined
from .instants import instant_words
from .variants import variant

__all__ = ["MESSAGES", "OPTIONAL_FACTS", "PHRASES", "VARIANTS", "instant_en", "phrase_en",
           "render_en", "word_en"]

MESSAGES: Final[dict[str, str]] = {
    # coverage, evidence, amounts, the refund cap
    "covered": "covers the {claim_kind} claim on {lines}",
    "category_not_covered": "no claimed line is in {categories}{excluded} (claimed: {claimed})",
    "evidence_present": "evidence {required} present",
    "evidence_missing": "missing evidence: {missing} (submit by {deadline})",
    "approved": "{granted}",
    "no_line_eligible": "no covered line meets every condition at once",
    "zero_amount": "the remedy would be {amount} {currency}, and no remedy is of amount zero",
    "amount_computed": "{remedy}: {formula}: {exact}, rounded to {amount} {currency}",
    "remedy_chosen": "the buyer preferred {preferred}; granting {chosen}",
    "refund_capped": "reduced to {amount} {currency}: only that is left of the order's total "
    "{order_total} after refunds of {refunded}",
    "nothing_left_to_refund": "nothing left to refund: refunds of {refunded} already reach the "
    "order's total {order_total}",
    "within_refund_cap": "{amount} {currency} fits within what is left to refund ({left})",
    # an amount's second reason (Douyin preset, issue 11: requested_amount)
    "requested_capped": "the amount asked, {requested} {currency}, is above the cap of "
    "{capped_at}: {amount} {currency} is granted",
    "claim_kind_not_covered": "no guarantee in policy {policy} covers {claim_kind} claims",
    "no_automatic_guarantee": "policy {policy} has no guarantee granted without a claim",
    # shipped_late
    "shipped_late": "shipped {shipped_at}, {late_by} after the promise {promised_ship_by}",
    "shipped_on_time": "shipped {shipped_at}, not after the promise {promised_ship_by}",
    "unshipped_past_promise": "not shipped by {as_of}, past the promise {promised_ship_by}",
    "not_yet_late": "not shipped yet, but the promise {promised_ship_by} has not passed "
    "at {as_of}",
    # shipped_late_on_clock (the ship-by clock: rules.clock)
    "shipped_past_ship_by": "shipped {shipped_at}, {late_by} after the ship-by time {ship_by} "
    "({ship_by_source}), more than {more_than} late",
    "unshipped_past_ship_by": "not shipped by {as_of}, more than {more_than} past the ship-by "
    "time {ship_by} ({ship_by_source})",
    "shipped_by_limit": "shipped {shipped_at}, not more than {more_than} after the ship-by "
    "time {ship_by} ({ship_by_source})",
    "unshipped_within_limit": "not shipped yet, but at {as_of} not more than {more_than} past "
    "the ship-by time {ship_by} ({ship_by_source})",
    # not_picked_up_within
    "picked_up_late": "picked up by the carrier {picked_up_at}, after {limit} (the tracking "
    "number was uploaded {tracking_uploaded_at})",
    "not_picked_up": "no pickup by the carrier at {as_of}, past {limit} (the tracking number "
    "was uploaded {tracking_uploaded_at})",
    "picked_up_in_time": "picked up by the carrier {picked_up_at}, by {limit}",
    "pickup_not_yet_due": "not picked up yet, but {limit} has not passed at {as_of}",
    "no_tracking_number": "no tracking number was uploaded",
    # delivered_late
    "delivered_after_appointment": "delivered {delivered_at}, {late_by} after the "
    "appointment {deliver_by}",
    "undelivered_past_appointment": "not delivered by {as_of}, past the appointment "
    "{deliver_by}",
    "delivered_by_appointment": "delivered {delivered_at}, by the appointment {deliver_by}",
    "appointment_not_yet_due": "not delivered yet, but the appointment {deliver_by} has not "
    "passed at {as_of}",
    "no_delivery_appointment": "the order has no delivery appointment",
    # filed_within
    "filed_in_time": "filed {filed_at}, within the {window} window after {event} that closes "
    "at {deadline}",
    "filed_too_late": "filed {filed_at}, {late_by} after the {window} window after {event} "
    "closed at {deadline}",
    "filed_too_early": "filed {filed_at}, before {event} ({event_at}): the window opens then",
    "not_delivered": "not delivered: the {window} window opens at delivery",
    "not_shipped": "not shipped: the {window} window opens at shipment",
    "not_paid": "not paid: the {window} window opens at payment",
    "no_claim": "no claim filed; the {window} window after {event} closes at {deadline}",
    # lines
    "category_in": "{lines} in {categories}",
    "category_not_in": "only {lines} in {categories}",
    "has_tag": "{lines} tagged {tags}",
    "lacks_tag": "only {lines} tagged {tags}",
    "price_lower": "reference price {reference_price} is below the unit price paid "
    "({unit_prices})",
    "price_not_lower": "reference price {reference_price} is not below the unit price paid "
    "({unit_prices})",
    "reference_price_missing": "the claim gives no reference price",
    # history
    "not_granted_before": "no {guarantee} remedy granted before on this {per}",
    "already_granted": "a {guarantee} remedy was already granted on this {per} "
    "({granted_before} before)",
    # totals
    "above_minimum": "order total {order_total} is above the minimum {minimum}",
    "below_minimum": "order total {order_total} is not above the minimum {minimum}",
    # stacking
    "excluded": "not paid on {lines}: {by} pays there instead ({why})",
    # not_shipped_within
    "unshipped_past_grace": "still not shipped at {as_of}, past {limit} (the promise "
    "{promised_ship_by} plus the grace)",
    "shipped": "shipped {shipped_at}",
    "within_grace": "not shipped yet, but {limit} (the promise {promised_ship_by} plus the "
    "grace) has not passed at {as_of}",
    # filed_before / filed_after
    "filed_before_payment": "filed {filed_at}, before payment",
    "filed_before_shipment": "filed {filed_at}, before shipment ({event_at})",
    "filed_before_delivery": "filed {filed_at}, before delivery ({event_at})",
    "filed_after_payment": "filed {filed_at}, after payment ({event_at})",
    "filed_after_shipment": "filed {filed_at}, after shipment ({event_at})",
    "filed_after_delivery": "filed {filed_at}, after delivery ({event_at})",
    # order facts
    "flagged": "{on} flagged {found}",
    "not_flagged": "{on} not flagged with any of {flags}",
    "insured": "the order carries return-shipping insurance",
    "not_insured": "the order carries no return-shipping insurance",
    "region_in": "ships to {region}, one of {regions}",
    "region_not_in": "ships to {region}, not one of {regions}",
    "fee_charged": "{fee} of {amount} charged",
    "no_fee": "no {fee} charged",
    "within_limit": "order total {order_total} is within the limit {limit}",
    "above_limit": "order total {order_total} is above the limit {limit}",
    "buyer_flagged": "the buyer is flagged ({found}): no fast refund",
    "category_excluded": "excluded by category ({categories}): {lines} cannot be returned",
    "tag_excluded": "excluded by tag ({tags}): {lines} cannot be returned",
    # claim facts
    "item_intact": "the goods are intact",
    "item_not_intact": "the goods are not intact (seal broken, tags removed, used or damaged)",
    "item_condition_unknown": "the claim does not say whether the goods are intact",
    "return_tracked": "return parcel tracked as {return_tracking_no}",
    "return_tracking_missing": "the claim gives no tracking number for the return parcel",
    # claims after delivery: problem type, evidence by order total, goods left
    "problem_listed": "the claimed problem {problem} is one of {problems}",
    "problem_not_listed": "the claimed problem {problem} is not one of {problems}",
    "problem_missing": "the claim names no problem (one of {problems} is needed)",
    "evidence_for_total_present": "evidence {required} present, as an order total of "
    "{order_total} (the tier from {tier_from}) needs",
    "evidence_for_total_missing": "missing evidence: {missing}; an order total of "
    "{order_total} (the tier from {tier_from}) needs {required}",
    "filed_in_time_for_problem": "filed {filed_at}, within the window for {problem} on {lines} "
    "that closes at {deadline} ({event} {event_at})",
    "filed_too_late_for_problem": "filed {filed_at}, after the window for {problem} on {lines} "
    "closed at {deadline} ({event} {event_at})",
    "no_window_for_problem": "no window covers {problem} on {lines}",
    "ripening_period_missing": "the window for {problem} runs from the ripening period, which "
    "{lines} does not give",
    "remaining_enough": "at least {percent} % of the goods is left on {lines}",
    "remaining_too_little": "less than {percent} % of the goods is left on {lines}",
    "remaining_unknown": "the claim does not say how much of {lines} was used (or the line "
    "does not say what a unit holds)",
    # history
    "within_buyer_limit": "{claims} {guarantee} claims granted since {since}, below the "
    "limit of {max_claims} in {window}",
    "buyer_limit_reached": "{claims} {guarantee} claims granted since {since}: the limit is "
    "{max_claims} in {window}",
    "return_approved": "a return was approved on {lines} ({source})",
    "no_return_approved": "no return approved on every line (only on {lines}; {source})",
    # Tmall preset (issue 11): filed_within_receipt, problem_in, not_granted_for_item_before,
    # remedy_overdue
    "filed_in_receipt_window": "filed {filed_at}, within the {window} window after {event} "
    "that closes at {deadline} (signed for {event_at}, {signed_for_by})",
    "filed_before_receipt_confirmed": "filed {filed_at}, after the goods were signed for "
    "({event_at}, {signed_for_by}) and before receipt was confirmed: the {window} window "
    "after {event} has not started",
    "filed_before_signed_for": "filed {filed_at}, before the goods were signed for "
    "({event_at}, {signed_for_by}): the window opens then",
    "filed_after_receipt_window": "filed {filed_at}, {late_by} after the {window} window after "
    "{event} closed at {deadline}",
    "not_signed_for": "not signed for: the {window} window after {event} follows the signing",
    "receipt_not_claimed": "no claim filed; the {window} window runs after {event}",
    "problem_in": "the problem established with {lines} is one of {problems}",
    "problem_not_in": "only {lines} have a problem established among {problems}",
    "item_not_granted_before": "{lines}: no {guarantee} remedy granted before for the item "
    "(granted for: {skus_granted})",
    "item_already_granted": "only {lines} are items with no {guarantee} remedy granted before "
    "(granted for: {skus_granted})",
    "remedy_overdue": "the {remedy} granted by {guarantee} at {granted_at} was not carried out "
    "by {due_by} (checked at {checked_at})",
    "remedy_carried_out_in_time": "the {remedy} granted by {guarantee} at {granted_at} was "
    "carried out at {fulfilled_at}, by {due_by}",
    "remedy_not_yet_due": "the {remedy} granted by {guarantee} at {granted_at} is due by "
    "{due_by}, not yet passed at {checked_at}",
    "remedy_not_granted": "no {remedy} was granted by {guarantee} on this order",
    # combinators
    "all_held": "all conditions hold",
    "any_held": "at least one condition holds on every line",
    "negation_held": "the negated condition ({negated}) does not hold",
    "negation_failed": "the negated condition ({negated}) holds",
}


PHRASES: Final[dict[str, str]] = {
    # the tree
    "case": "case {case_id}",
    "no_case_id": "case",
    "headline": "{subject} (order {order_id}): {status} under policy {policy} version "
    "{version}",
    "approved": "APPROVED",
    "denied": "DENIED",
    "needs_evidence": "NEEDS EVIDENCE",
    "not_covered": "NOT COVERED",
    "why": "why: {message} [{code}]",
    "missing_evidence": "missing evidence: {missing}",
    "deadline": "deadline: {deadline}",
    "guarantee": "{guarantee}: {verdict}",
    "titled": "{guarantee} ({title})",
    "codes": "{verdict} [{codes}]",
    "verdict_approved": "approved",
    "verdict_denied": "denied",
    "verdict_needs_evidence": "needs evidence",
    "verdict_not_covered": "does not cover the claimed lines",
    "verdict_excluded": "excluded",
    "verdict_add_on": "add-on, not applied",
    "reason": "{code}: {message}",
    "not_for_claim": "not for {claim_kind} claims: {guarantees}",
    "not_without_claim": "not checked without a claim: {guarantees}",
    "add_ons_not_checked": "add-ons, checked only after an approval: {guarantees}",
    "what_would_pass": "what would have made it pass",
    "what_would_change": "what would change the outcome",
    "nothing_would_pass": "nothing nearby would have made it pass",
    "nothing_would_change": "nothing nearby changes the outcome",
    # a remedy
    "remedy": "{kind}{money} paid by {payer}{lines} ({notes})",
    "on_lines": " on {lines}",
    "return_required": "return required",
    "return_leg": "return leg paid by {payer}",
    "due_by": "due by {due_by}",
    "advance": "advance",
    "list": ", ",
    # what would change the outcome
    "file_by": "filed by {deadline} ({earlier} earlier)",
    "file_before": "filed before {event_at} ({earlier} earlier)",
    "file_from": "filed at {event_at} ({later} later)",
    "add_evidence": "with {missing} added",
    "total_more": "with an order total of {target} ({difference} more: {line} paid "
    "{paid}{note})",
    "total_less": "with an order total of {target} ({difference} less: {line} paid "
    "{paid}{note})",
    "tier_start": ", where the next tier starts",
    "tier_first": "; the next tier starts at {start} and first pays more here",
    "reference_price_below": "with a reference price of {price} (just below the unit "
    "price {unit_price})",
    "item_intact": "with the goods intact",
    "add_return_tracking": "with the return parcel's tracking number",
    "ship_by": "shipped by {by} ({earlier} earlier)",
    "ship_by_unshipped": "shipped by {by} (unshipped)",
    "pick_up_by": "picked up by {by}",
    "deliver_by": "delivered by {by}",
    "claim": "claim",
    "guarantee_noun": "guarantee",
    "would_approve": "{what}, the {guarantee} {noun} would be approved: {remedies}",
    "would_not_pay": "{what}, the {guarantee} {noun} would not pay",
    "would_need_evidence": "{what}, the {guarantee} {noun} would need evidence: {reason}",
    "would_deny": "{what}, the {guarantee} {noun} would be denied: {reason}",
    "remedies": "; ",
    "nothing": "",
}
"""The words around the messages: the explanation tree's labels, the what-if changes, a
remedy."""

VARIANTS: Final[dict[str, str]] = {
    "category_not_in.none": "no line in {categories}",
    "lacks_tag.none": "no line tagged {tags}",
    "no_return_approved.none": "no return approved ({source})",
    "filed_too_late.at_close": "filed {filed_at}, just after the {window} window after "
    "{event} closed at {deadline}",
    "filed_after_receipt_window.at_close": "filed {filed_at}, just after the {window} window "
    "after {event} closed at {deadline}",
    "problem_not_in.none": "no line has a problem established among {problems}",
    "item_already_granted.none": "every line is an item {guarantee} was granted for before "
    "(granted for: {skus_granted})",
}
"""Messages of a code at the edges of its facts (`wording.variants`)."""

OPTIONAL_FACTS: Final = frozenset({"excluded"})
"""Facts a message words only when present (a scope's exclusions)."""

_WORDS: Final[dict[str, Mapping[str, str]]] = {
    "event": {"delivered_at": "delivery", "shipped_at": "shipment", "paid_at": "payment",
              "signed_for": "signing for the goods",
              "receipt_confirmed": "confirmed receipt"},
    "signed_for_by": {"carrier_record": "by the carrier's record",
                      "presumed_after_shipment": "presumed some days after shipment"},
    "event_at": {"none": "not yet"},  # `filed ..., before delivery (not yet)`
    "ship_by_source": {"promised_ship_by": "as promised", "same_day": "same-day promise",
                       "next_day": "next-day promise", "within_48h": "48-hour promise"},
}


def word_en(key: str, value: object) -> str:
    """A fact as an English sentence words it (`key` says what the fact is): instants as
    `2025-08-26 15:00` (`24:00` for the end of a day), events as nouns (`delivery`), day
    windows as adjectives (`7-calendar-day`), nested phrases in words; anything else as its
    machine text."""
    if isinstance(value, datetime):
        return instant_en(value)
    if isinstance(value, Phrase):
        return phrase_en(value.key, value.facts)
    if key == "excluded":  # the categories a scope leaves out
        return f" (except {fact_text(value)})"
    if isinstance(value, tuple):
        return joined(value, [word_en(key, item) for item in value])
    if isinstance(value, Window) and value.days is not None:
        return f"{value.days}-calendar-day"
    text = fact_text(value)
    words = _WORDS.get(key)
    if words is not None:
        return words.get(text, text)
    return text


class _Worded(dict[str, Any]):
    """The facts as an English sentence words them, looked up as a template needs them."""

    def __getitem__(self, key: str) -> str:
        if key not in self:
            return "" if key in OPTIONAL_FACTS else "?"
        return word_en(key, dict.__getitem__(self, key))


def render_en(code: str, facts: Mapping[str, object]) -> str:
    """The English message for `code` (an outcome code, or a reason code's last part)."""
    key = variant(code, facts)
    template = MESSAGES.get(code) if key is None else VARIANTS[key]
    if template is None:  # a policy's own code
        if code.startswith("not_"):
            return f"does not hold: {code[4:].replace('_', ' ')}"
        return code.replace("_", " ")
    return template.format_map(_Worded(facts))


def instant_en(instant: datetime) -> str:
    """`2025-08-26 15:00`: seconds only when not zero, the offset only when it is not Beijing
    time's +08:00 (`2025-08-26 15:00 UTC+09:00`); the end of a day (`23:59:59.999999`) reads
    as `24:00` of that day."""
    return instant_words(instant, midnight=True, offset=" UTC{}")


def phrase_en(key: str, facts: Mapping[str, object] | None = None) -> str:
    """The phrase `key` (English), its facts worded as the messages word them (a fact may be a
    phrase of its own)."""
    return PHRASES[key].format_map(
        {name: word_en(name, value) for name, value in (facts or {}).items()})
