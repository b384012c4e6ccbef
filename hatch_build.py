"""The build hook of the mypyc accelerator (docs/accelerator.md).

A wheel built for installing (`pip install .`) has the engine's hot modules, listed under
`[tool.hatch.build.targets.wheel.hooks.custom]` in pyproject.toml, compiled to C extensions by
mypyc through hatch-mypyc; their Python sources stay in the wheel beside them. The wheel is the
pure-Python one instead:
- for an editable install (`pip install -e .`), so that the code a developer edits is the code
  that runs (a compiled module would shadow its edited source);
- with `AFTERSALES_PURE_PYTHON=1` in the environment;
- where compiling fails (no C compiler, no Python headers): the build says why in a warning and
  goes on without the accelerator, unless `AFTERSALES_REQUIRE_COMPILED=1` makes that an error.

mypyc compiles in place, next to the sources; those files are removed again once the wheel is
written, so a checkout never holds a compiled module that could shadow its source.
"""

from __future__ import annotations

import os
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes"}


def get_build_hook() -> type[BuildHookInterface]:
    from hatch_mypyc.plugin import MypycBuildHook

    class AcceleratorHook(MypycBuildHook):
        PLUGIN_NAME = "custom"

        def initialize(self, version: str, build_data: dict[str, Any]) -> None:
            if self.target_name != "wheel" or version == "editable" \
                    or _flag("AFTERSALES_PURE_PYTHON"):
                return
            try:
                super().initialize(version, build_data)
            except Exception as error:
                self.clean([version])
                if _flag("AFTERSALES_REQUIRE_COMPILED"):
                    raise
                self.app.display_warning(
                    "aftersales: the mypyc accelerator could not be compiled, so this wheel "
                    "is pure Python (same decisions, slower); it needs a C compiler and the "
                    f"Python headers (docs/accelerator.md). Why:\n{error}")

        def finalize(self, version: str, build_data: dict[str, Any],
                     artifact_path: str) -> None:
            self.clean([version])

    return AcceleratorHook
