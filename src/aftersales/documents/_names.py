"""Policies shipped by name, and the one rule that tells a name from a file.

Shipped: `standard`, the library's own policy, and the platform presets (`douyin`, `tmall`:
the rules each platform publishes, as versions in force, in `data/presets/`). Each is also a
base a document may `extends`.

A name is a bare word of lower-case letters, digits, `-` and `_` (`standard`). Anything else
(a `/`, a `.`, an upper-case letter) is a file's path, so `./standard` names a file called
`standard`. The rule is the same for `load_policy` and for every command's `--policy`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, partial
from importlib.resources import files
from pathlib import Path
from typing import Final

from ..catalogue.standard import standard_policy
from ..model.errors import InvalidPolicyError, Problem
from ..model.problems import did_you_mean
from ..policy.versions import AnyPolicy
from ._extends import BASES
from ._formats import parse_document
from ._read import build_policy

__all__ = ["POLICY_NAMES", "is_policy_name", "named_policy"]

_NAME = re.compile(r"[a-z][a-z0-9_-]*\Z")

PRESETS: Final = files("aftersales") / "data" / "presets"
"""The platform presets' documents, one `<name>.yaml` each."""


def _preset(name: str) -> AnyPolicy:
    data, lines = parse_document((PRESETS / f"{name}.yaml").read_text("utf-8"), "yaml")
    return build_policy(data, lines)


_SHIPPED: Final[dict[str, Callable[[], AnyPolicy]]] = {
    "standard": cache(standard_policy),
    "douyin": cache(partial(_preset, "douyin")),
    "tmall": cache(partial(_preset, "tmall")),
}
BASES.update(_SHIPPED)

POLICY_NAMES: Final[tuple[str, ...]] = tuple(_SHIPPED)
"""The names of the policies shipped with the package."""


def is_policy_name(text: str) -> bool:
    """Whether `text` is written as a policy's name (`standard`) rather than a file's path
    (`./standard`, `policy.yaml`)."""
    return _NAME.match(text) is not None


def named_policy(name: str) -> AnyPolicy:
    """The policy shipped as `name`; `InvalidPolicyError` (code `unknown_policy_name`) with the
    known names, and the way to name a file of that name if one exists here."""
    shipped = _SHIPPED.get(name)
    if shipped is not None:
        return shipped()
    message = f"no policy is shipped as `{name}`{did_you_mean(name, POLICY_NAMES)}"
    if Path(name).exists():
        message += f"; to read the file `{name}`, write its path: ./{name}"
    else:
        message += "; a policy file is named by its path, e.g. ./my-policy.yaml"
    raise InvalidPolicyError([Problem("", "unknown_policy_name", message)])
