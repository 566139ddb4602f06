"""Tasks for tests of ingest/isolation.py: the worker imports them by name, so they live in a
module that imports little (a worker that first loads the whole test suite is slow to start)."""

from __future__ import annotations

import os
import time

from assistant.errors import ScannedPdfError
from ingest.source import SourceFile


def sleeps_on_slow(source: SourceFile) -> str:
    """Stuck on "slow.txt" (as a parser stuck in C code looks from outside), quick otherwise."""
    if source.name == "slow.txt":
        time.sleep(600)
    return f"read {source.name} in {os.getpid()}"


def recurses(source: SourceFile) -> str:
    def down(n: int) -> int:
        return down(n + 1)

    return str(down(0))


def dies(source: SourceFile) -> str:
    os._exit(9)  # a crash in C code (or the system stopping it) ends the process unasked


def refuses(source: SourceFile) -> str:
    raise ScannedPdfError(source.name, 3)
