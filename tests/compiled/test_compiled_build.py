"""The mypyc accelerator, built as `pip install .` builds it: the wheel has a compiled module for
each accelerated one, and the whole test suite passes on it, as it passes on pure Python (the
rest of this run). Where compiling fails, or is turned off, the wheel is pure Python.

Slow (the suite runs twice): leave it out with `pytest -m "not compiled"`. The wheels are
built from a copy of the checkout, without build isolation (the dev install has hatchling,
hatch-mypyc and mypy, at their locked versions), so the checkout never holds a compiled
module that would shadow its source."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Mapping
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from aftersales.engine.accelerator import ACCELERATED

pytestmark = pytest.mark.compiled

ROOT = Path(__file__).resolve().parents[2]
OUTPUT_SHOWN = 80
"""Lines of a failed build's or run's output the failure shows (its end)."""


def _checkout_copy(into: Path) -> Path:
    source = into / "source"
    shutil.copytree(ROOT / "src", source / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"))
    for name in ("pyproject.toml", "hatch_build.py", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    return source


def _run(command: list[str], *, cwd: Path, env: Mapping[str, str]) -> str:
    done = subprocess.run(command, cwd=cwd, env={**os.environ, **env}, capture_output=True,
                          text=True, check=False)
    output = done.stdout + done.stderr
    tail = "\n".join(output.splitlines()[-OUTPUT_SHOWN:])
    assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}:\n{tail}"
    return output


def _wheel(into: Path, **env: str) -> tuple[Path, Path, str]:
    """A wheel built from a copy of the checkout with `env` set; the copy, and the build's
    output."""
    source = _checkout_copy(into)
    output = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                   "--verbose", "--wheel-dir", str(into / "dist"), str(source)],
                  cwd=into, env=env)
    (wheel,) = (into / "dist").glob("aftersales-*.whl")
    return wheel, source, output


def _compiled(names: list[str]) -> set[str]:
    """The modules of the wheel's file `names` that are C extensions."""
    modules = set()
    for name in names:
        for suffix in EXTENSION_SUFFIXES:
            if name.endswith(suffix):
                modules.add(name.removesuffix(suffix).replace("/", "."))
    return modules


@pytest.fixture(scope="module")
def compiled_wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The accelerated wheel (a failure to compile is an error here), and the checkout copy it
    was built from."""
    wheel, source, _ = _wheel(tmp_path_factory.mktemp("compiled"),
                              AFTERSALES_REQUIRE_COMPILED="1")
    return wheel, source


def test_the_wheel_has_each_accelerated_module_compiled_beside_its_source(
        compiled_wheel: tuple[Path, Path]) -> None:
    wheel, _ = compiled_wheel
    names = zipfile.ZipFile(wheel).namelist()
    assert _compiled(names) >= set(ACCELERATED)
    assert {f"{name.replace('.', '/')}.py" for name in ACCELERATED} <= set(names)
    assert not wheel.name.endswith("-py3-none-any.whl")  # built for this interpreter


def test_building_leaves_no_compiled_module_beside_the_sources(
        compiled_wheel: tuple[Path, Path]) -> None:
    _, source = compiled_wheel
    left = [path for suffix in EXTENSION_SUFFIXES for path in source.rglob(f"*{suffix}")]
    assert left == []


def test_the_whole_suite_passes_on_the_compiled_modules(
        compiled_wheel: tuple[Path, Path], tmp_path: Path) -> None:
    wheel, _ = compiled_wheel
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # tests/unit/test_accelerator.py checks, under AFTERSALES_EXPECT_COMPILED, that every
    # accelerated module is imported compiled from here.
    _run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not compiled"],
         cwd=ROOT, env={"PYTHONPATH": str(site), "AFTERSALES_EXPECT_COMPILED": "1"})


def test_a_machine_that_cannot_compile_gets_the_pure_python_wheel_and_says_why(
        tmp_path: Path) -> None:
    wheel, _, output = _wheel(tmp_path, CC="false")
    assert wheel.name.endswith("-py3-none-any.whl")
    assert _compiled(zipfile.ZipFile(wheel).namelist()) == set()
    assert "the mypyc accelerator could not be compiled" in output


def test_the_accelerator_can_be_turned_off_for_a_build(tmp_path: Path) -> None:
    wheel, _, output = _wheel(tmp_path, AFTERSALES_PURE_PYTHON="1")
    assert wheel.name.endswith("-py3-none-any.whl")
    assert "could not be compiled" not in output
