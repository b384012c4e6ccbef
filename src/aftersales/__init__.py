"""aftersales — e-commerce after-sales policies as composable rule objects, one engine.

    >>> import aftersales
    >>> decision = aftersales.evaluate(case)        # the standard policy
    >>> decision.status, decision.remedies, decision.explain()
"""

from . import wording as _wording  # noqa: F401 - installs the renderer messages use
from ._moved import install_moved_modules as _install_moved_modules
from .catalogue import (
    allergy,
    counterfeit,
    damage_reship,
    instant_refund_on_return,
    intercept_refund,
    large_item_pickup,
    late_shipment,
    no_reason_return,
    pre_shipment_refund,
    price_match,
    proactive_refund,
    remote_area_shipping,
    return_shipping_insurance,
    spoilage,
    standard_policy,
    unsafe_food,
)
from .columnar import TableResult, evaluate_table
from .documents import POLICY_NAMES, UcpExport, export_ucp, import_ucp, load_policy
from .engine import Engine, evaluate, evaluate_many
from .explanation import Change, explain, what_if
from .lint import Finding, LintReport, lint
from .model.case import (
    ACTIONS,
    Case,
    Claim,
    ClaimKind,
    ClaimLine,
    GrantedRemedy,
    ItemCondition,
    Line,
    Order,
    RemedyKind,
    parse_case,
)
from .model.decision import Decision, Payer, PolicyRef, Reason, Remedy, Status, Step
from .model.errors import (
    AftersalesError,
    CurrencyMismatchError,
    InvalidCaseError,
    InvalidInputError,
    InvalidPolicyError,
    Problem,
)
from .model.money import Money, RoundingMode, allocate
from .policy.policy import ExclusiveGroup, Policy, Stacking
from .policy.versions import AnyPolicy, PolicyVersions
from .reports import Diff, DiffRow, Preview, PreviewRow, SourcedCase, diff, preview, read_cases
from .rules.amounts import (
    AnyAmount,
    ApprovedReturnRefund,
    ClaimedFraction,
    FixedAmount,
    Multiple,
    OrderFeeAmount,
    PercentOf,
    Tier,
    TieredAmount,
    UnitPriceDifference,
)
from .rules.conditions import (
    AllOf,
    AnyCondition,
    AnyOf,
    BuyerLimit,
    CategoryIn,
    Condition,
    FeeCharged,
    FiledAfter,
    FiledBefore,
    FiledWithin,
    FlaggedWith,
    HasTag,
    Insured,
    ItemIntact,
    Not,
    NotGrantedBefore,
    NotShippedWithin,
    OrderTotalAbove,
    OrderTotalAtMost,
    ReferencePriceBelowUnitPrice,
    RegionIn,
    ReturnApproved,
    ReturnTracked,
    ShippedLate,
)
from .rules.guarantee import Guarantee
from .rules.remedies import (
    AnyRemedy,
    BuyersChoice,
    Compensation,
    Coupon,
    Intercept,
    Pickup,
    Refund,
    Reship,
    ReturnShipping,
    ShippingSubsidy,
)

_install_moved_modules()

__version__ = "0.4.0"

__all__ = [
    "ACTIONS",
    "POLICY_NAMES",
    "AftersalesError",
    "AllOf",
    "AnyAmount",
    "AnyCondition",
    "AnyOf",
    "AnyPolicy",
    "AnyRemedy",
    "ApprovedReturnRefund",
    "BuyerLimit",
    "BuyersChoice",
    "Case",
    "CategoryIn",
    "Change",
    "Claim",
    "ClaimKind",
    "ClaimLine",
    "ClaimedFraction",
    "Compensation",
    "Condition",
    "Coupon",
    "CurrencyMismatchError",
    "Decision",
    "Diff",
    "DiffRow",
    "Engine",
    "ExclusiveGroup",
    "FeeCharged",
    "FiledAfter",
    "FiledBefore",
    "FiledWithin",
    "Finding",
    "FixedAmount",
    "FlaggedWith",
    "GrantedRemedy",
    "Guarantee",
    "HasTag",
    "Insured",
    "Intercept",
    "InvalidCaseError",
    "InvalidInputError",
    "InvalidPolicyError",
    "ItemCondition",
    "ItemIntact",
    "Line",
    "LintReport",
    "Money",
    "Multiple",
    "Not",
    "NotGrantedBefore",
    "NotShippedWithin",
    "Order",
    "OrderFeeAmount",
    "OrderTotalAbove",
    "OrderTotalAtMost",
    "Payer",
    "PercentOf",
    "Pickup",
    "Policy",
    "PolicyRef",
    "PolicyVersions",
    "Preview",
    "PreviewRow",
    "Problem",
    "Reason",
    "ReferencePriceBelowUnitPrice",
    "Refund",
    "RegionIn",
    "Remedy",
    "RemedyKind",
    "Reship",
    "ReturnApproved",
    "ReturnShipping",
    "ReturnTracked",
    "RoundingMode",
    "ShippedLate",
    "ShippingSubsidy",
    "SourcedCase",
    "Stacking",
    "Status",
    "Step",
    "TableResult",
    "Tier",
    "TieredAmount",
    "UcpExport",
    "UnitPriceDifference",
    "__version__",
    "allergy",
    "allocate",
    "counterfeit",
    "damage_reship",
    "diff",
    "evaluate",
    "evaluate_many",
    "evaluate_table",
    "explain",
    "export_ucp",
    "import_ucp",
    "instant_refund_on_return",
    "intercept_refund",
    "large_item_pickup",
    "late_shipment",
    "lint",
    "load_policy",
    "no_reason_return",
    "parse_case",
    "pre_shipment_refund",
    "preview",
    "price_match",
    "proactive_refund",
    "read_cases",
    "remote_area_shipping",
    "return_shipping_insurance",
    "spoilage",
    "standard_policy",
    "unsafe_food",
    "what_if",
]


def __getattr__(name: str) -> object:
    """`aftersales.case` and the other 0.3.0 modules, as attributes, through their aliases."""
    import importlib

    from ._moved import new_path

    if new_path(f"{__name__}.{name}") is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return importlib.import_module(f"{__name__}.{name}")
