"""Explanations: a decision as a readable tree, and what would have changed it."""

from __future__ import annotations

from .tree import explain, explain_decision
from .what_if import Change, what_if

__all__ = ["Change", "explain", "explain_decision", "what_if"]
