"""Human messages for outcome codes, rendered from the facts a check compared, in English
(`MESSAGES`) or Chinese (`messages_zh.MESSAGES_ZH`).

Codes are public and stable; messages may be reworded at any time (tests assert codes).
Facts are machine text (`fact_text`: ISO 8601 instants, `delivered_at`, `7 calendar days`) and
stay so in `Step.facts` and JSON; only a message words them as people write them (`value_en`:
`2025-08-26 15:00`, `delivery`, `7-calendar-day`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any, Final, Literal, get_args

from ._wording import calendar_days, instant_words, reword_instants
from .messages_zh import render_zh

__all__ = ["LANGS", "MESSAGES", "Lang", "check_lang", "fact_from_en", "fact_text", "instant_en",
           "render", "value_en"]

Lang = Literal["en", "zh"]
LANGS: Final[tuple[Lang, ...]] = get_args(Lang)

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
    "claim_kind_not_covered": "no guarantee in policy {policy} covers {claim_kind} claims",
    "no_automatic_guarantee": "policy {policy} has no guarantee granted without a claim",
    # shipped_late
    "shipped_late": "shipped {shipped_at}, {late_by} after the promise {promised_ship_by}",
    "shipped_on_time": "shipped {shipped_at}, not after the promise {promised_ship_by}",
    "unshipped_past_promise": "not shipped by {as_of}, past the promise {promised_ship_by}",
    "not_yet_late": "not shipped yet, but the promise {promised_ship_by} has not passed "
    "at {as_of}",
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
    "category_excluded": "excluded by category ({categories}): only {lines} may be returned",
    "tag_excluded": "excluded by tag ({tags}): only {lines} may be returned",
    # claim facts
    "item_intact": "the goods are intact",
    "item_not_intact": "the goods are not intact (seal broken, tags removed, used or damaged)",
    "item_condition_unknown": "the claim does not say whether the goods are intact",
    "return_tracked": "return parcel tracked as {return_tracking_no}",
    "return_tracking_missing": "the claim gives no tracking number for the return parcel",
    # history
    "within_buyer_limit": "{claims} {guarantee} claims granted since {since}, below the "
    "limit of {max_claims} in {window}",
    "buyer_limit_reached": "{claims} {guarantee} claims granted since {since}: the limit is "
    "{max_claims} in {window}",
    "return_approved": "a return was approved on {lines} ({source})",
    "no_return_approved": "no return approved on every line (only on {lines}; {source})",
    # combinators
    "all_held": "all conditions hold",
    "any_held": "at least one condition holds on every line",
    "negation_held": "the negated condition ({negated}) does not hold",
}


OPTIONAL_FACTS: Final = frozenset({"excluded"})
"""Facts a message words only when present (a scope's exclusions)."""
_EVENTS: Final = {"delivered_at": "delivery", "shipped_at": "shipment", "paid_at": "payment"}
_WORDS: Final[dict[str, Mapping[str, str]]] = {
    "event": _EVENTS,
    "event_at": {"none": "none yet"},  # `filed ..., before delivery (none yet)`
}
_FACTS_OF_WORDS: Final = {key: {word: fact for fact, word in words.items()}
                          for key, words in _WORDS.items()}
_WORDED_INSTANT: Final = re.compile(
    r"(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(:\d{2}(?:\.\d{6})?)?(?: UTC([+-]\d{2}:\d{2}))?")
_WORDED_WINDOW: Final = re.compile(r"(\d+)-calendar-day")


class _Worded(dict[str, str]):
    """The facts as an English sentence words them, looked up as a template needs them."""

    def __missing__(self, key: str) -> str:
        return "" if key in OPTIONAL_FACTS else "?"

    def __getitem__(self, key: str) -> str:
        if key not in self:
            return self.__missing__(key)
        return value_en(key, super().__getitem__(key))


def check_lang(lang: str) -> Lang:
    """`lang` if it is one of `LANGS`; `ValueError` otherwise."""
    for known in LANGS:
        if lang == known:
            return known
    raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")


def render(code: str, facts: Mapping[str, str], lang: str = "en") -> str:
    """The message for `code` (an outcome code, or a reason code's last part) in `lang`."""
    if check_lang(lang) == "zh":
        return render_zh(code, facts)
    template = MESSAGES.get(code)
    if template is None:
        if code.startswith("not_"):
            return f"does not hold: {code[4:].replace('_', ' ')}"
        return code.replace("_", " ")
    return template.format_map(_Worded(facts))


@lru_cache(maxsize=4096)  # the same instants recur across a decision's messages
def value_en(key: str, text: str) -> str:
    """A fact's text as an English sentence words it (`key` says what the fact is): instants
    as `2025-08-26 15:00` (`24:00` for the end of a day), events as nouns (`delivery`), day
    windows as adjectives (`7-calendar-day`); anything else as it is."""
    words = _WORDS.get(key)
    if words is not None and text in words:
        return words[text]
    if key == "excluded":  # the categories a scope leaves out
        return f" (except {text})"
    days = calendar_days(text) if key == "window" else None
    if days is not None:
        return f"{days}-calendar-day"
    return reword_instants(text, instant_en)


def instant_en(instant: datetime) -> str:
    """`2025-08-26 15:00`: seconds only when not zero, the offset only when it is not Beijing
    time's +08:00 (`2025-08-26 15:00 UTC+09:00`); the end of a day (`23:59:59.999999`) reads
    as `24:00` of that day."""
    return instant_words(instant, midnight=True, offset=" UTC{}")


def fact_from_en(key: str, text: str) -> str:
    """The fact text that `value_en` words as `text`: a fact read back out of an English
    message. (An instant at `.999999` of a second, other than a day's end, is worded without
    its fraction and so reads back without it, as the Chinese wording shows it.)"""
    facts = _FACTS_OF_WORDS.get(key)
    if facts is not None and text in facts:
        return facts[text]
    window = _WORDED_WINDOW.fullmatch(text) if key == "window" else None
    if window is not None:
        return f"{window[1]} calendar days"
    return _WORDED_INSTANT.sub(_instant_fact, text)


def _instant_fact(match: re.Match[str]) -> str:
    day, clock, seconds, offset = match.groups()
    wall = "23:59:59.999999" if clock == "24:00" else clock + (seconds or ":00")
    return datetime.fromisoformat(f"{day}T{wall}{offset or '+08:00'}").isoformat()


def fact_text(value: object) -> str:
    """Stable text for a fact: ISO instants, exact decimals, `3 h 5 min` durations."""
    format_fact = _FACT_FORMATS.get(type(value))
    if format_fact is not None:
        return format_fact(value)
    if isinstance(value, str):  # str subclasses such as enums
        return str(value.value) if isinstance(value, Enum) else str(value)
    return str(value)


def _sequence_text(items: Any) -> str:
    return ", ".join([fact_text(item) for item in items]) or "none"


def _duration_text(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{days} d" if days else "", f"{hours} h" if hours else "",
             f"{minutes} min" if minutes else "", f"{seconds} s" if seconds else ""]
    return " ".join(part for part in parts if part) or f"{delta.microseconds} µs"


_FACT_FORMATS: Final[dict[type, Callable[[Any], str]]] = {
    str: str,
    # Never cached: aware datetimes that are one instant in two offsets are equal and hash
    # alike, so a cache would show one case's offset in another case's trace.
    datetime: datetime.isoformat,
    Decimal: str,
    int: str,
    bool: lambda flag: "true" if flag else "false",
    timedelta: _duration_text,
    tuple: _sequence_text,
    list: _sequence_text,
    type(None): lambda _: "none",
}
