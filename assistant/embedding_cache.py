"""Embeddings cached by (embedder, text hash), so re-ingesting unchanged text costs ~nothing;
recent questions' vectors kept in memory, so a repeated question skips the embedder.

The cache is derived data: a damaged cache file is moved aside and a new one started (with a
warning), never a reason to stop; `referat repair` refills it from the stored vectors.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np

from assistant.embedder import Embedder, Vectors
from assistant.file_checks import is_damage, set_aside, sqlite_problem

__all__ = ["CachedEmbedder"]

log = logging.getLogger(__name__)
T = TypeVar("T")


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CachedEmbedder:
    """Wraps an embedder; passages already seen by the same embedder come from disk."""

    def __init__(
        self, embedder: Embedder, path: Path, batch_size: int = 32, recent_queries: int = 1024
    ) -> None:
        self.inner = embedder
        self.name = embedder.name
        self.dim = embedder.dim
        self.batch_size = batch_size
        self.path = path
        self.misses = 0
        self.hits = 0
        # one caller at a time: the native embedder and the SQLite handle are not re-entrant
        self._lock = threading.RLock()
        # questions run in parallel when the embedder allows it; ingest batches hold _lock
        self._query_lock: contextlib.AbstractContextManager[object] = (
            contextlib.nullcontext() if getattr(embedder, "reentrant", False) else self._lock
        )
        # the same question comes back (the widget's search and answer, popular topics, the
        # evaluation): its vector is kept, bounded, least recently used first out
        self._recent = functools.lru_cache(maxsize=recent_queries)(self._embed_query)
        # opened on first use: answering questions never needs the file, so a reader neither
        # creates it nor stops at a damaged one
        self._db: sqlite3.Connection | None = None

    def _open(self) -> sqlite3.Connection:
        problem = sqlite_problem(self.path) if self.path.exists() else None
        if problem:
            self._start_over(problem)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise
            self._start_over(f"is damaged ({error})")
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS embeddings ("
                " embedder TEXT, text_hash TEXT, vector BLOB, PRIMARY KEY (embedder, text_hash))"
            )
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def _start_over(self, problem: str) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        aside = set_aside(self.path)
        log.warning(
            "the embedding cache %s %s: moved it to %s and started a new one "
            "(`referat repair` refills it from the stored vectors)",
            self.path, problem, aside.name,
        )  # fmt: skip

    def _using(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` on the cache file (caller holds _lock); a damaged file is replaced by a
        new one and `work` runs again there."""
        if self._db is None:
            self._db = self._open()
        try:
            return work(self._db)
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise
            self._start_over(f"is damaged ({error})")
            self._db = self._open()
            return work(self._db)

    def _lookup(self, keys: list[str]) -> dict[str, Vectors]:
        def read(db: sqlite3.Connection) -> dict[str, Vectors]:
            found: dict[str, Vectors] = {}
            for start in range(0, len(keys), 500):
                part = keys[start : start + 500]
                marks = ",".join("?" * len(part))
                rows = db.execute(
                    "SELECT text_hash, vector FROM embeddings"
                    f" WHERE embedder=? AND text_hash IN ({marks})",
                    [self.name, *part],
                )
                for text_hash, blob in rows:
                    found[text_hash] = np.frombuffer(blob, dtype=np.float32)
            return found

        return self._using(read)

    def _store(self, keys: list[str], vectors: Vectors) -> None:
        rows = [
            (self.name, key, np.asarray(vector, dtype=np.float32).tobytes())
            for key, vector in zip(keys, vectors, strict=True)
        ]

        def write(db: sqlite3.Connection) -> None:
            db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)", rows)
            db.commit()

        self._using(write)

    def cached(self, texts: list[str]) -> list[bool]:
        """Which of these passages the cache holds a vector for."""
        keys = [_key(text) for text in texts]
        with self._lock:
            found = self._lookup(sorted(set(keys)))
        return [key in found for key in keys]

    def remember(self, texts: list[str], vectors: Vectors) -> None:
        """Put passages' vectors (from the vector index) into the cache."""
        with self._lock:
            self._store([_key(text) for text in texts], vectors)

    def passages(self, texts: list[str]) -> Vectors:
        keys = [_key(text) for text in texts]
        with self._lock:
            found = self._lookup(sorted(set(keys)))
        # similar lengths per batch: the embedder pads every text to the batch's longest
        unique = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        missing = sorted(unique.items(), key=lambda kt: len(kt[1]))
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        for start in range(0, len(missing), self.batch_size):
            batch = missing[start : start + self.batch_size]
            # locked per batch, not per document: a question waits for one batch at most
            with self._lock:
                vectors = self.inner.passages([text for _, text in batch])
                self._store([key for key, _ in batch], vectors)
            for (key, _), vector in zip(batch, vectors, strict=True):
                found[key] = vector
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([found[key] for key in keys]).astype(np.float32)

    def passages_uncached(self, texts: list[str]) -> Vectors:
        """Passages embedded for one question (an item's sentences), not kept: answering never
        writes the cache, and these would only crowd it."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._query_lock:
            return np.asarray(self.inner.passages(texts), dtype=np.float32)

    def _embed_query(self, text: str) -> Vectors:
        with self._query_lock:
            vector = self.inner.query(text)
        vector.setflags(write=False)  # shared between callers through the cache
        return vector

    def query(self, text: str) -> Vectors:
        return self._recent(text)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
