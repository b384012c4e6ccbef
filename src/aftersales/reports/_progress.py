"""A progress bar on stderr for long report runs, only where someone watches: a terminal,
many cases, and rich installed. Anywhere else it does nothing.

Cases streamed from a file are not counted first: the bar then counts the cases decided, and
appears only once more than `MANY_CASES` steps are made, so a short run shows none."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["MANY_CASES", "progress_bar"]

MANY_CASES = 200


@contextmanager
def progress_bar(description: str, steps: int | None, *, cases: int | None
                 ) -> Iterator[Callable[[], None] | None]:
    """A callback advancing a bar of `steps` steps (None: not known), or None when no bar is
    shown. `cases` None (not known) shows the bar from step `MANY_CASES` + 1 on."""
    if ((cases is not None and cases <= MANY_CASES) or not sys.stderr.isatty()
            or importlib.util.find_spec("rich") is None):
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    progress: Any = None
    task: Any = None
    made = 0

    def advance() -> None:
        nonlocal progress, task, made
        made += 1
        if progress is not None:
            progress.advance(task)
        elif cases is not None or made > MANY_CASES:
            progress = Progress(console=Console(stderr=True), transient=True)
            progress.start()
            task = progress.add_task(description, total=steps, completed=made)

    try:
        yield advance
    finally:
        if progress is not None:
            progress.stop()
