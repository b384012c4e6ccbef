"""The public surface: `__all__` is exactly what is exported, and every reason code the
standard policy can produce is documented."""

import types
from pathlib import Path

import aftersales
from aftersales.wording.en import MESSAGES

ROOT = Path(__file__).parents[1]
POLICY_CODES = ("policy.claim_kind_not_covered", "policy.no_automatic_guarantee")


def standard_reason_codes() -> list[str]:
    codes = list(aftersales.standard_policy().reason_codes())
    return [*codes, *POLICY_CODES]


def test_everything_in_all_exists() -> None:
    missing = [name for name in aftersales.__all__ if not hasattr(aftersales, name)]
    assert missing == []


def test_every_public_name_is_in_all() -> None:
    public = {name for name, value in vars(aftersales).items()
              if not name.startswith("_") and not isinstance(value, types.ModuleType)}
    assert public - set(aftersales.__all__) == set()


def test_the_package_is_typed() -> None:
    assert (ROOT / "src" / "aftersales" / "py.typed").exists()


def test_every_reason_code_has_a_message() -> None:
    outcomes = {code.split(".", 1)[1] for code in standard_reason_codes()}
    assert outcomes - set(MESSAGES) == set()


def test_every_reason_code_is_documented() -> None:
    documented = (ROOT / "docs" / "reason-codes.md").read_text(encoding="utf-8")
    undocumented = [code for code in standard_reason_codes() if f"`{code}`" not in documented]
    assert undocumented == []
