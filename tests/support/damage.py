"""Ways a data dir gets damaged, done to a real archive (for the tests and bench/damage_matrix).

Overwrites use seeded random bytes, so every run damages a file the same way.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import numpy as np

from assistant.catalog import Catalog
from assistant.vector_store import ChromaVectorStore

PAGE = 4096


def overwrite(path: Path, offset: int = 0, length: int | None = None, seed: int = 14) -> None:
    """Write random bytes over part of a file (to its end when `length` is None)."""
    size = path.stat().st_size
    length = size - offset if length is None else min(length, size - offset)
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(random.Random(seed).randbytes(length))


def empty(path: Path) -> None:
    path.write_bytes(b"")


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()


def corrupt_catalog(data_dir: Path) -> None:
    """Random bytes over catalog pages past the first: SQLite opens it, its tables are gone."""
    overwrite(data_dir / "catalog.sqlite", offset=3 * PAGE, length=4 * PAGE)


def graph_dir(data_dir: Path) -> Path:
    """The folder of Chroma's HNSW graph files for the archive's collection."""
    return next(p.parent for p in (data_dir / "chroma").glob("*/header.bin"))


def _store(data_dir: Path) -> tuple[ChromaVectorStore, Catalog]:
    catalog = Catalog(data_dir / "catalog.sqlite")
    store = ChromaVectorStore(data_dir, catalog.get_meta("embedder") or "")
    return store, catalog


def pad_vectors(data_dir: Path, n: int = 1100) -> None:
    """Add `n` vectors no passage claims: past 1,000 Chroma writes its graph to disk, which is
    what a damaged graph file needs to matter (a small archive's graph lives in its log)."""
    store, catalog = _store(data_dir)
    try:
        real = next(iter(catalog.chunks_by_ids(catalog.dense_ids()[:1]).values()))
        pads = [real.model_copy(update={"id": f"pad-{i}"}) for i in range(n)]
        vectors = np.random.default_rng(14).standard_normal((n, 384)).astype(np.float32)
        store.add(pads, vectors / np.linalg.norm(vectors, axis=1, keepdims=True))
    finally:
        store.close()
        catalog.close()


def drop_vectors(data_dir: Path, k: int) -> list[str]:
    """Remove the vectors of `k` stored passages; returns their chunk ids."""
    store, catalog = _store(data_dir)
    try:
        gone = sorted(catalog.dense_ids())[:k]
        store.delete(gone)
        return gone
    finally:
        store.close()
        catalog.close()
