"""Which of the engine's hot modules run compiled: the mypyc accelerator (docs/accelerator.md).

A wheel built for installing has `ACCELERATED` compiled to C extensions, where the machine can
compile them; an editable install, or one built with `AFTERSALES_PURE_PYTHON=1`, runs them as
Python. Both decide every case alike: the test suite runs on each."""

from __future__ import annotations

import importlib
from importlib.machinery import EXTENSION_SUFFIXES

__all__ = ["ACCELERATED", "compiled_modules", "engine_build"]

ACCELERATED: tuple[str, ...] = (
    "aftersales.model.construct",
    "aftersales.model.consistency",
    "aftersales.model.facts",
    "aftersales.model.time",
    "aftersales.wording.en",
    "aftersales.wording.instants",
    "aftersales.rules.view",
    "aftersales.engine.decide",
    "aftersales.engine.inputs",
    "aftersales.engine.output",
    "aftersales.engine.plan",
    "aftersales.engine.stacking",
)
"""The modules the accelerator compiles (pyproject.toml lists their files for the build)."""


def compiled_modules() -> tuple[str, ...]:
    """The modules of `ACCELERATED` that this installation runs compiled: all of them with the
    accelerator, none on pure Python."""
    return tuple(name for name in ACCELERATED
                 if (importlib.import_module(name).__file__ or "").endswith(
                     tuple(EXTENSION_SUFFIXES)))


def engine_build() -> str:
    """`compiled: 12 of 12 engine modules`, or `pure Python`: how this installation runs the
    engine, as `aftersales --version` and the benchmarks say it."""
    compiled = len(compiled_modules())
    return f"compiled: {compiled} of {len(ACCELERATED)} engine modules" if compiled \
        else "pure Python"
