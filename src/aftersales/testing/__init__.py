"""Testing kit for policies: hypothesis strategies (`aftersales.testing.strategies`),
ready-made invariants (`aftersales.testing.invariants`) and boundary cases
(`edge_cases`). Strategies and invariants need the `testing` extra (hypothesis)."""

from .edge_cases import EdgeCase, edge_cases

__all__ = ["EdgeCase", "edge_cases"]
