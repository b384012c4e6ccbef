"""The modules 0.4.0 moved, still importable from their 0.3.0 paths for one minor version.

`from aftersales.case import Case` keeps working, with a `DeprecationWarning` naming the new
path; the objects are the same ones (`aftersales.case.Case is aftersales.model.case.Case`).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
import warnings
from collections.abc import Sequence
from typing import Any, Final

__all__ = ["KEPT_NAMES", "MOVED", "install_moved_modules", "new_path"]

MOVED: Final[dict[str, str]] = {
    "aftersales.amounts": "aftersales.rules.amounts",
    "aftersales.case": "aftersales.model.case",
    "aftersales.categories": "aftersales.model.categories",
    "aftersales.conditions": "aftersales.rules.conditions",
    "aftersales.decision": "aftersales.model.decision",
    "aftersales.errors": "aftersales.model.errors",
    "aftersales.guarantee": "aftersales.rules.guarantee",
    "aftersales.guarantees": "aftersales.catalogue",
    "aftersales.legal_floor": "aftersales.policy.legal_floor",
    "aftersales.messages": "aftersales.wording.en",
    "aftersales.messages_zh": "aftersales.wording.zh",
    "aftersales.money": "aftersales.model.money",
    "aftersales.regions": "aftersales.model.regions",
    "aftersales.remedies": "aftersales.rules.remedies",
    "aftersales.timeline": "aftersales.model.time",
    "aftersales.versions": "aftersales.policy.versions",
    "aftersales.what_if": "aftersales.explanation.what_if",
}
"""0.3.0 module → where it lives now (a package's submodules moved with it)."""

KEPT_NAMES: Final[dict[str, dict[str, str]]] = {
    "aftersales.messages": {
        "render": "aftersales.wording:render",
        "LANGS": "aftersales.wording.langs:LANGS",
        "Lang": "aftersales.wording.langs:Lang",
        "check_lang": "aftersales.wording.langs:check_lang",
        "fact_text": "aftersales.model.facts:fact_text",
    },
}
"""Public names of a 0.3.0 module that now live outside the module replacing it."""


def new_path(old: str) -> str | None:
    """Where the 0.3.0 module `old` lives now; None if it did not move."""
    for before, after in MOVED.items():
        if old == before or old.startswith(before + "."):
            return after + old[len(before):]
    return None


class _Alias(types.ModuleType):
    """A 0.3.0 module name standing for the module that replaced it."""

    def __init__(self, name: str, target: types.ModuleType) -> None:
        super().__init__(name, target.__doc__)
        self._target = target

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__") and attribute.endswith("__"):
            raise AttributeError(attribute)  # the alias's own spec and path, not the target's
        kept = KEPT_NAMES.get(self.__name__, {}).get(attribute)
        if kept is not None:
            module, _, name = kept.partition(":")
            return getattr(importlib.import_module(module), name)
        return getattr(self._target, attribute)

    def __dir__(self) -> list[str]:
        return sorted({*dir(self._target), *KEPT_NAMES.get(self.__name__, {})})


class _CallableAlias(_Alias):
    """An alias whose name is also a function of the package (`aftersales.what_if`).

    Importing a submodule binds it on its package, replacing the function of that name; this
    alias calls the function, so `aftersales.what_if(case)` keeps working after
    `import aftersales.what_if`.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(self._target, self.__name__.rpartition(".")[2])(*args, **kwargs)


def _alias(name: str, target: types.ModuleType) -> _Alias:
    package, _, short = name.rpartition(".")
    shadowed = vars(sys.modules[package]).get(short) if package in sys.modules else None
    if callable(shadowed):  # a function, or the callable alias an earlier import bound
        return _CallableAlias(name, target)
    return _Alias(name, target)


class _Loader(importlib.abc.Loader):
    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        warnings.warn(f"{spec.name} moved to {self.target} in aftersales 0.4.0; import it "
                      "from there (the old path goes in 0.5.0)", DeprecationWarning,
                      stacklevel=2)
        return _alias(spec.name, importlib.import_module(self.target))

    def exec_module(self, module: types.ModuleType) -> None:
        return None


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: types.ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith("aftersales."):
            return None
        moved = new_path(fullname)
        if moved is None:
            return None
        spec = importlib.machinery.ModuleSpec(fullname, _Loader(moved))
        if fullname in MOVED:  # a package: its submodules are found by this finder too
            spec.submodule_search_locations = []
        return spec


def install_moved_modules() -> None:
    """Let the 0.3.0 paths be imported (once per interpreter)."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())  # before the path finder, which would load a copy
