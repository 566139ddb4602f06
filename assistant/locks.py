"""Cross-process locks on files in the data dir: the archive's writers, watch matching and
webhook delivery each hold their own."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["held"]


@contextmanager
def held(data_dir: Path, name: str, wait: bool = True) -> Iterator[bool]:
    """Hold the lock file `name` in the data dir (True), or yield False if `wait` is off and
    someone else holds it. The lock dies with its process, so a crash never leaves it held.
    Not re-entrant: a second hold in the same process waits for the first."""
    with (data_dir / name).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
