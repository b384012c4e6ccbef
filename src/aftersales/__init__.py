"""aftersales — e-commerce after-sales policies as composable rule objects, one engine.

    >>> import aftersales
    >>> decision = aftersales.evaluate(case)        # the standard policy
    >>> decision.status, decision.remedies, decision.explain()
"""

from .amounts import (
    AnyAmount,
    ClaimedFraction,
    FixedAmount,
    PercentOf,
    Tier,
    TieredAmount,
    UnitPriceDifference,
)
from .case import (
    Case,
    Claim,
    ClaimKind,
    ClaimLine,
    GrantedRemedy,
    Line,
    Order,
    RemedyKind,
    parse_case,
)
from .conditions import (
    AllOf,
    AnyCondition,
    AnyOf,
    CategoryIn,
    Condition,
    FiledWithin,
    HasTag,
    Not,
    NotGrantedBefore,
    OrderTotalAbove,
    ReferencePriceBelowUnitPrice,
    ShippedLate,
)
from .decision import Decision, Payer, PolicyRef, Reason, Remedy, Status, Step
from .engine import Engine, evaluate, evaluate_many
from .errors import (
    AftersalesError,
    CurrencyMismatchError,
    InvalidCaseError,
    InvalidInputError,
    InvalidPolicyError,
    Problem,
)
from .guarantee import Guarantee
from .guarantees import allergy, late_shipment, price_match, spoilage, standard_policy
from .money import Money, RoundingMode
from .policy import Policy
from .remedies import AnyRemedy, Coupon, Refund

__version__ = "0.1.0"

__all__ = [
    "AftersalesError",
    "AllOf",
    "AnyAmount",
    "AnyCondition",
    "AnyOf",
    "AnyRemedy",
    "Case",
    "CategoryIn",
    "Claim",
    "ClaimKind",
    "ClaimLine",
    "ClaimedFraction",
    "Condition",
    "Coupon",
    "CurrencyMismatchError",
    "Decision",
    "Engine",
    "FiledWithin",
    "FixedAmount",
    "GrantedRemedy",
    "Guarantee",
    "HasTag",
    "InvalidCaseError",
    "InvalidInputError",
    "InvalidPolicyError",
    "Line",
    "Money",
    "Not",
    "NotGrantedBefore",
    "Order",
    "OrderTotalAbove",
    "Payer",
    "PercentOf",
    "Policy",
    "PolicyRef",
    "Problem",
    "Reason",
    "ReferencePriceBelowUnitPrice",
    "Refund",
    "Remedy",
    "RemedyKind",
    "RoundingMode",
    "ShippedLate",
    "Status",
    "Step",
    "Tier",
    "TieredAmount",
    "UnitPriceDifference",
    "__version__",
    "allergy",
    "evaluate",
    "evaluate_many",
    "late_shipment",
    "parse_case",
    "price_match",
    "spoilage",
    "standard_policy",
]
