"""Imports point down the layers, lazy imports included: a module of `aftersales` imports
from its own layer or a lower one only, whether at the top of the module, inside a function
or under `if TYPE_CHECKING:` (a type-only import still makes the lower layer's annotations
name the higher one's types, so it counts too). The façade (`aftersales/__init__.py`,
`__main__.py`, `_moved.py`) may import anything, and sits above every layer."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

import aftersales

LAYERS = ("model", "wording", "rules", "policy", "catalogue", "engine", "columnar", "explanation",
          "documents", "reports", "distributed", "testing", "lint", "cli")
"""Lowest first."""

FACADE = frozenset({"aftersales", "aftersales.__main__", "aftersales._moved"})
PACKAGE = Path(aftersales.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


class Import(NamedTuple):
    module: str
    target: str
    where: str
    statement: str


def imported(module: str, is_package: bool, node: ast.Import | ast.ImportFrom
             ) -> Iterator[str]:
    """The modules `node`, in `module`, imports: `from x import y` imports `x.y` when that is a
    module, else `x`; relative imports are resolved against `module`'s package."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    origin = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        base = package[:len(package) - node.level + 1]
        origin = ".".join([*base, node.module] if node.module else base)
    for alias in node.names:
        submodule = f"{origin}.{alias.name}"
        yield submodule if submodule in MODULES else origin


def imports() -> Iterator[Import]:
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                where = f"{path.relative_to(PACKAGE.parents[1])}:{node.lineno}"
                for target in imported(module, path.name == "__init__.py", node):
                    yield Import(module, target, where, ast.unparse(node))


IMPORTS = tuple(imports())


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "the façade"


def rank(module: str) -> int:
    name = layer(module)
    return LAYERS.index(name) if name in LAYERS else len(LAYERS)


def is_ours(module: str) -> bool:
    return module == "aftersales" or module.startswith("aftersales.")


def test_the_layers_are_the_subpackages_of_aftersales() -> None:
    subpackages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert subpackages == set(LAYERS)


def test_every_module_is_in_a_layer_or_in_the_facade() -> None:
    assert [module for module in MODULES if module not in FACADE
            and layer(module) not in LAYERS] == []


SNIPPETS = [
    ("aftersales.rules.protocol", False, "from ..model import case", "aftersales.model.case"),
    ("aftersales.rules.protocol", False, "from ..model.case import Case",
     "aftersales.model.case"),
    ("aftersales.rules.protocol", False, "from .conditions.combinators import AllOf",
     "aftersales.rules.conditions.combinators"),
    ("aftersales.rules.conditions", True, "from . import filed_after",
     "aftersales.rules.conditions.filed_after"),
    ("aftersales.rules.conditions", True, "from ..protocol import Condition",
     "aftersales.rules.protocol"),
    ("aftersales.reports.html", False, "from .. import __version__", "aftersales"),
    ("aftersales.model.case", False, "import aftersales.cli._common",
     "aftersales.cli._common"),
    ("aftersales.model.case", False, "from aftersales.engine import plan",
     "aftersales.engine.plan"),
]


@pytest.mark.parametrize(("module", "is_package", "statement", "target"), SNIPPETS,
                         ids=[statement for _, _, statement, _ in SNIPPETS])
def test_an_import_is_resolved_to_the_module_it_names(module: str, is_package: bool,
                                                      statement: str, target: str) -> None:
    node = ast.parse(statement).body[0]
    assert isinstance(node, ast.Import | ast.ImportFrom)
    assert list(imported(module, is_package, node)) == [target]


def test_the_scan_sees_imports_inside_functions_and_under_type_checking() -> None:
    seen = {(found.module, found.target) for found in IMPORTS}
    assert ("aftersales.rules.protocol", "aftersales.rules.conditions.combinators") in seen
    assert ("aftersales.rules.protocol", "aftersales.model.decision") in seen


def violations() -> Iterator[str]:
    for found in IMPORTS:
        if found.module in FACADE or not is_ours(found.target):
            continue
        if rank(found.target) > rank(found.module):
            yield (f"{found.where}: {found.module} -> {found.target} ({layer(found.target)} "
                   f"above {layer(found.module)}): {found.statement}")


def test_every_import_points_to_its_own_layer_or_below() -> None:
    upward = list(violations())
    assert not upward, "imports pointing up the layers:\n" + "\n".join(upward)


LEAVES = frozenset({"aftersales.wording.en", "aftersales.wording.instants",
                    "aftersales.wording.variants"})
"""The English catalogue, and what it shares with the Chinese one (how instants read, which
message a code takes at the edges of its facts): the words of every other module, so below
all of them but the model."""


@pytest.mark.parametrize("leaf", sorted(LEAVES))
def test_the_english_catalogue_imports_only_the_model_what_it_shares_and_the_stdlib(
        leaf: str) -> None:
    beyond = [f"{found.where}: {found.statement}" for found in IMPORTS
              if found.module == leaf and found.target not in LEAVES
              and not (is_ours(found.target) and layer(found.target) == "model")
              and found.target.partition(".")[0] not in sys.stdlib_module_names]
    assert not beyond, f"{leaf} imports:\n" + "\n".join(beyond)
