"""Run the `referat` CLI and SIGKILL it at one chosen point of a write (for crash tests).

    python -m tests.support.crash_point POINT N referat-args...

POINT is where the N-th write dies:
  before-commit  the document's vectors are added, its catalog transaction never runs
  after-commit   the catalog change is committed, the stale vectors are never removed

The process kills itself with SIGKILL: no finally blocks, no atexit, no flushing — a real crash
at the most delicate moment of `Archive.store` / `Archive.delete`, reproducible every time.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from api.cli import cli
from assistant.catalog import Catalog
from assistant.vector_store import ChromaVectorStore

POINTS = ("before-commit", "after-commit")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    point, nth, args = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    if point not in POINTS:
        raise SystemExit(f"POINT must be one of {POINTS}, not {point!r}")
    calls = 0

    if point == "before-commit":
        replace = Catalog.replace_document

        def replace_then_die(self: Catalog, *a: Any, **kw: Any) -> list[str]:
            nonlocal calls
            calls += 1
            if calls == nth:
                _die()
            return replace(self, *a, **kw)

        Catalog.replace_document = replace_then_die  # type: ignore[method-assign]
    else:
        delete = ChromaVectorStore.delete

        def die_before_delete(self: ChromaVectorStore, ids: list[str]) -> None:
            # the first vector delete of a write follows its catalog commit (store, delete)
            nonlocal calls
            calls += 1
            if calls == nth:
                _die()
            delete(self, ids)

        ChromaVectorStore.delete = die_before_delete  # type: ignore[method-assign]

    cli.main(args=args, prog_name="referat")


if __name__ == "__main__":
    main()
