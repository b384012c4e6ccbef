"""A progress bar on stderr for long report runs, only where someone watches: a terminal,
many cases, and rich installed. Anywhere else it does nothing."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["MANY_CASES", "progress_bar"]

MANY_CASES = 200


@contextmanager
def progress_bar(description: str, steps: int, *, cases: int
                 ) -> Iterator[Callable[[], None] | None]:
    """A callback advancing a bar of `steps` steps, or None when no bar is shown."""
    if cases <= MANY_CASES or not sys.stderr.isatty() or importlib.util.find_spec("rich") is None:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=steps)

        def advance() -> None:
            progress.advance(task)

        yield advance
