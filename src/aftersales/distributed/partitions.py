"""The partitions of a data set: files named one by one, a directory of them, or a glob."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from .errors import Failure, PartitionError

__all__ = ["SUFFIXES", "Partitions", "partition_paths"]

SUFFIXES = (".parquet", ".jsonl")
"""What a partition is: a Parquet file or a JSON Lines file of cases."""

Partitions = str | Path | Iterable[str | Path]
"""A partition's path, a directory, a glob (`cases/*.parquet`), or a sequence of these."""

_GLOB = frozenset("*?[")


def partition_paths(partitions: Partitions) -> tuple[str, ...]:
    """The partitions' paths, in order: each path as given, a directory's Parquet and JSON
    Lines files by name, a glob's matches by name. Raises `PartitionError` listing every
    directory or glob that holds no partition, and every path that is not a Parquet or JSON
    Lines file; whether a named file exists is the worker's to find out (it may see another
    file system than this process)."""
    items = [partitions] if isinstance(partitions, str | Path) else list(partitions)
    paths: list[str] = []
    failures: list[Failure] = []
    for item in items:
        text = str(item)
        if _GLOB & set(text):
            found = sorted(match for match in glob.glob(text)
                           if Path(match).suffix in SUFFIXES and Path(match).is_file())
            if not found:
                failures.append(Failure(text, "the glob matches no .parquet or .jsonl file"))
            paths.extend(found)
        elif Path(text).is_dir():
            found = sorted(str(path) for path in Path(text).iterdir()
                           if path.suffix in SUFFIXES and path.is_file())
            if not found:
                failures.append(Failure(text, "the directory holds no .parquet or .jsonl "
                                              "file"))
            paths.extend(found)
        elif Path(text).suffix not in SUFFIXES:
            failures.append(Failure(text, "a partition is a .parquet or a .jsonl file"))
        else:
            paths.append(text)
    if failures:
        raise PartitionError(failures)
    if not paths:
        raise PartitionError([Failure("(none)", "no partitions were given")])
    return tuple(paths)
