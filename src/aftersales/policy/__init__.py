"""Policies: a versioned set of guarantees with its settings and stacking, versions in force,
and the statutory floor a policy may not go below."""

from .policy import ExclusiveGroup, Policy, Stacking
from .versions import AnyPolicy, PolicyVersions

__all__ = ["AnyPolicy", "ExclusiveGroup", "Policy", "PolicyVersions", "Stacking"]
