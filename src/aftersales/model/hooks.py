"""What the model's and the policy's convenience methods need from the layers above them:
the wording that renders a step's message (`Step.message`), the explanation tree
(`Decision.explain`), the engine that compiles a policy (`Policy.engine`,
`PolicyVersions.evaluate`), and the documents that read and write one (`Policy.from_file`,
`to_file`). Those layers install themselves here when they are imported (`aftersales` imports
them all), so that no layer imports one above it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["engine_for", "explain", "install", "load_document", "render", "write_document"]

_INSTALLED: dict[str, Callable[..., Any]] = {}
_BY: dict[str, str] = {"render": "the wording", "explain": "the explanation",
                       "engine": "the engine", "load": "policy documents",
                       "write": "policy documents"}


def install(**hooks: Callable[..., Any]) -> None:
    """Install `render`, `explain`, `engine`, `load` or `write`."""
    unknown = set(hooks) - set(_BY)
    if unknown:
        raise ValueError(f"unknown hooks: {', '.join(sorted(unknown))}")
    _INSTALLED.update(hooks)


def _hook(name: str) -> Callable[..., Any]:
    hook = _INSTALLED.get(name)
    if hook is None:
        raise RuntimeError(f"{_BY[name]} is not loaded: import aftersales")
    return hook


def render(code: str, facts: Mapping[str, Any], lang: str) -> str:
    text: str = _hook("render")(code, facts, lang)
    return text


def explain(decision: Any, lang: str) -> str:
    text: str = _hook("explain")(decision, lang)
    return text


def engine_for(policy: Any) -> Any:
    return _hook("engine")(policy)


def load_document(path: str | Path) -> Any:
    return _hook("load")(path)


def write_document(policy: Any, path: str | Path) -> None:
    _hook("write")(policy, path)
