"""The modules 0.4.0 moved still import from their 0.3.0 paths, with a `DeprecationWarning`
naming the new path, and give the very objects of the new modules."""

from __future__ import annotations

import importlib
import re
import sys
import types
from collections.abc import Iterator
from decimal import Decimal

import pytest

import aftersales
from aftersales._moved import MOVED, new_path
from aftersales.wording import render
from tests.builders import claim_case


@pytest.fixture(autouse=True)
def restored() -> Iterator[None]:
    """Put back what importing an old path changes: its entry in `sys.modules`, and the name
    the import binds on the package."""
    package, modules = dict(vars(aftersales)), set(sys.modules)
    yield
    for name in set(vars(aftersales)) - set(package):
        delattr(aftersales, name)
    for name, value in package.items():
        if vars(aftersales).get(name) is not value:
            setattr(aftersales, name, value)
    for name in set(sys.modules) - modules:
        if new_path(name) is not None:
            del sys.modules[name]


def forget(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make the next import of `name` load it again (and warn again)."""
    monkeypatch.delitem(sys.modules, name, raising=False)


def imported(monkeypatch: pytest.MonkeyPatch, old: str) -> types.ModuleType:
    """The module at the 0.3.0 path `old`, imported anew (its warning checked)."""
    forget(monkeypatch, old)
    with pytest.warns(DeprecationWarning, match=f"^{re.escape(old)} moved to "):
        return importlib.import_module(old)


def public(module: types.ModuleType) -> list[str]:
    return list(getattr(module, "__all__", [n for n in vars(module) if not n.startswith("_")]))


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_an_old_path_imports_with_a_warning_naming_the_new_one(
        old: str, new: str, monkeypatch: pytest.MonkeyPatch) -> None:
    forget(monkeypatch, old)
    with pytest.warns(DeprecationWarning, match=re.escape(f"{old} moved to {new} ")):
        importlib.import_module(old)


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_an_old_path_gives_the_new_modules_own_objects(
        old: str, new: str, monkeypatch: pytest.MonkeyPatch) -> None:
    module = imported(monkeypatch, old)
    target = importlib.import_module(new)
    assert public(target)
    assert [name for name in public(target) if getattr(module, name) is not getattr(
        target, name)] == []


def test_from_the_old_decision_module_import_decision_is_aftersales_decision(
        monkeypatch: pytest.MonkeyPatch) -> None:
    forget(monkeypatch, "aftersales.decision")
    with pytest.warns(DeprecationWarning, match="aftersales.model.decision"):
        from aftersales.decision import Decision  # type: ignore[import-not-found]
    assert Decision is aftersales.Decision


def test_a_submodule_of_a_moved_package_imports_from_its_old_path(
        monkeypatch: pytest.MonkeyPatch) -> None:
    imported(monkeypatch, "aftersales.guarantees")
    forget(monkeypatch, "aftersales.guarantees.spoilage")
    with pytest.warns(DeprecationWarning, match="moved to aftersales.catalogue.spoilage "):
        from aftersales.guarantees.spoilage import spoilage  # type: ignore[import-not-found]
    assert spoilage is aftersales.spoilage


def test_importing_the_old_what_if_module_leaves_aftersales_what_if_a_function(
        monkeypatch: pytest.MonkeyPatch) -> None:
    late = claim_case("spoilage", claim={"filed_at": "2025-08-26T18:00:00+08:00"})
    changes = aftersales.what_if(late)
    imported(monkeypatch, "aftersales.what_if")
    assert aftersales.what_if(late) == changes


def test_the_warning_points_at_the_line_that_imports_the_old_path(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Python shows a `DeprecationWarning` by default only when it is attributed to code in
    `__main__`: one attributed elsewhere is never seen by a script's author."""
    forget(monkeypatch, "aftersales.case")
    with pytest.warns(DeprecationWarning, match="moved to aftersales.model.case ") as warned:
        import aftersales.case  # type: ignore[import-not-found]  # noqa: F401
    assert [w.filename for w in warned] == [__file__]


def test_the_0_3_0_render_of_the_messages_module_still_renders(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The 0.3.0 changelog documents `messages.render(code, facts, lang="zh")`."""
    messages = imported(monkeypatch, "aftersales.messages")
    facts = {"order_total": Decimal("1.00"), "minimum": Decimal("3.00")}
    assert messages.render("below_minimum", facts, lang="zh") == render("below_minimum", facts,
                                                                         "zh")
