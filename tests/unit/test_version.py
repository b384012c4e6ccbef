"""The version a user sees is the one the package was installed as, everywhere."""

from __future__ import annotations

import importlib.metadata

import pytest

import aftersales
from aftersales.cli import main


def test_the_package_version_is_the_installed_distributions() -> None:
    assert aftersales.__version__ == importlib.metadata.version("aftersales")


def test_the_command_line_reports_the_installed_version(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith(
        f"aftersales {importlib.metadata.version('aftersales')} (")


def test_the_command_line_says_whether_the_engine_runs_compiled(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    compiled = len(aftersales.compiled_modules())
    build = f"compiled: {compiled} of 12 engine modules" if compiled else "pure Python"
    assert capsys.readouterr().out.endswith(f" ({build})\n")
