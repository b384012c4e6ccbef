"""What to install for an optional part: aftersales is installed from its checkout, so the
extra is named as pip takes it there (`.[cli]`), with the one package as the alternative."""

from __future__ import annotations

__all__ = ["install_hint"]


def install_hint(what: str, package: str, extra: str) -> str:
    """`reading YAML needs PyYAML: in the aftersales checkout, pip install -e '.[cli]' (or
    pip install PyYAML)`."""
    return (f"{what} needs {package}: in the aftersales checkout, pip install -e '.[{extra}]' "
            f"(or pip install {package})")
