"""The word index on disk: per audience, a base file and a delta file beside it.

The base (`lexical.pickle`, `lexical-open.pickle`) is written when the index is built or its
delta merged, the delta (`lexical-delta.pickle`, `lexical-open-delta.pickle`: what changed
since, a few MB at most) after every other update. Each is written to a temporary file and
renamed over the old one, so a crash leaves the previous file whole; a delta names the base it
belongs to and is ignored beside any other, so every pair on disk is an index of some
generation, which the next reader brings up to date from the catalog's log.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from pathlib import Path

from assistant.lexical import LexicalIndex
from assistant.lexical_base import LexicalDelta

__all__ = ["FILES", "load", "save"]

log = logging.getLogger(__name__)

# (base, delta) per audience: with closed items (True), open items only (False)
FILES = {
    True: ("lexical.pickle", "lexical-delta.pickle"),
    False: ("lexical-open.pickle", "lexical-open-delta.pickle"),
}


def load(folder: Path, include_closed: bool) -> LexicalIndex | None:
    """The saved index of that audience (None if there is none, or not of this version)."""
    base_name, delta_name = FILES[include_closed]
    index = _read(folder / base_name)
    if not isinstance(index, LexicalIndex) or getattr(index, "format", None) != index.FORMAT:
        return None
    if index.include_closed != include_closed:
        return None
    delta = _read(folder / delta_name)
    if isinstance(delta, LexicalDelta):
        return index.with_delta(delta) or index
    return index


def save(index: LexicalIndex, folder: Path) -> None:
    """Save the index for the next process: its delta only, when its base is on disk."""
    base_name, delta_name = FILES[index.include_closed]
    # failing to save only costs the next process a rebuild, or a longer catch-up
    try:
        if index.base_saved():
            _write(folder / delta_name, index.delta())
        elif not index.has_delta():
            _write(folder / base_name, index)
            index.mark_base_saved()
            (folder / delta_name).unlink(missing_ok=True)  # it belonged to the old base
    except OSError:
        log.warning("could not save the word index; the next process rebuilds or updates it")


def _read(path: Path) -> object:
    if not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:
        log.info("word index file %s unreadable; rebuilding", path.name)
        return None


def _write(path: Path, value: object) -> None:
    # a temp file of its own: two processes may save at once; the last rename wins and
    # both files are whole
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="lexical-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
