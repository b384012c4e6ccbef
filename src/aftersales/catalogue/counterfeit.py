"""假一赔N — counterfeit goods: a refund plus damages of a multiple of the price paid."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.decision import Payer
from ..model.fields import PolicyAmount, PositivePolicyAmount
from ..model.kinds import ClaimKind
from ..rules.amounts import ClaimedFraction, Multiple
from ..rules.conditions import NotGrantedBefore
from ..rules.guarantee import Guarantee
from ..rules.remedies import Compensation, Refund

__all__ = ["counterfeit"]


def counterfeit(
    *,
    multiplier: PositivePolicyAmount | str = "3",
    minimum: PolicyAmount | str = "500.00",
    evidence: Sequence[str] = ("appraisal_report",),
    payer: Payer = Payer.MERCHANT,
    guarantee_id: str = "counterfeit",
) -> Guarantee:
    """A counterfeit claim with an appraisal report, once per line: refund of the claimed
    fraction against the return (the merchant bears the return leg), plus compensation of
    `multiplier` × that amount, at least `minimum` (the consumer-protection law's 3×, at
    least 500.00; platforms raise the multiplier, e.g. 4 or 10)."""
    return Guarantee(
        id=guarantee_id,
        title="Counterfeit compensation (假一赔N)",
        claim_kinds=(ClaimKind.COUNTERFEIT,),
        conditions=(NotGrantedBefore(per="line"),),
        evidence=tuple(evidence),
        remedies=(
            Refund(amount=ClaimedFraction(), payer=payer, return_required=True,
                   return_shipping_payer=payer),
            Compensation(amount=Multiple(base="claimed_amount", multiplier=multiplier,
                                         minimum=minimum), payer=payer),
        ),
    )
