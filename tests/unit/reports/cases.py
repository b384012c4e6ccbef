"""Cases with hand-checked decisions under the standard policy, for the report tests.

| id              | standard policy                          | allergy window 7 days        |
|-----------------|------------------------------------------|------------------------------|
| c-spoilage      | refund 39.90, merchant (1 of 2 boxes)    | same                         |
| c-allergy-late  | refund 79.80, merchant (filed on day 8)  | denied: filed too late       |
| c-allergy-early | refund 79.80, merchant (filed on day 4)  | same, earlier deadline       |
| c-price         | refund 9.80, platform ((39.90−35.00)×2)  | same                         |
| c-late          | coupon 3.00, platform (shipped late)     | same                         |
| c-on-time       | denied (shipped on time)                 | same                         |

Totals paid: 212.30 (merchant 199.50, platform 12.80; refund 209.30, coupon 3.00) under the
standard policy; 132.50 with the 7-day allergy window (merchant 119.70).
"""

from __future__ import annotations

from typing import Any

import aftersales
from aftersales import Policy
from tests.builders import case_dict, claim_case


def good_cases() -> list[dict[str, Any]]:
    return [
        claim_case("spoilage", id="c-spoilage"),
        claim_case("allergy", id="c-allergy-late"),
        claim_case("allergy", id="c-allergy-early",
                   claim={"filed_at": "2025-08-28T09:00:00+08:00"}),
        claim_case("price_match", id="c-price"),
        case_dict(id="c-late", order={"shipped_at": "2025-08-23T10:00:00+08:00"}),
        case_dict(id="c-on-time"),
    ]


def invalid_case() -> dict[str, Any]:
    """A naive `as_of` and a negative paid amount: two problems."""
    return case_dict(id="c-bad", as_of="2025-09-01T12:00:00",
                     order={"lines": [{"id": "l1", "sku": "apple-5kg",
                                       "category": "fresh.produce", "quantity": 2,
                                       "paid_amount": "-1.00"}]})


def seven_day_allergy() -> Policy:
    policy = aftersales.standard_policy().with_guarantee(aftersales.allergy(window_days=7))
    return policy.model_copy(update={"version": "2026.12"})

