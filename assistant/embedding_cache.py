"""Embeddings cached by (embedder, text hash), so re-ingesting unchanged text costs ~nothing;
recent questions' vectors kept in memory, so a repeated question skips the embedder."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import sqlite3
import threading
from pathlib import Path

import numpy as np

from assistant.embedder import Embedder, Vectors

__all__ = ["CachedEmbedder"]


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
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS embeddings ("
            " embedder TEXT, text_hash TEXT, vector BLOB, PRIMARY KEY (embedder, text_hash))"
        )
        self._db.commit()

    def _lookup(self, keys: list[str]) -> dict[str, Vectors]:
        found: dict[str, Vectors] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ",".join("?" * len(part))
            rows = self._db.execute(
                "SELECT text_hash, vector FROM embeddings"
                f" WHERE embedder=? AND text_hash IN ({marks})",
                [self.name, *part],
            )
            for text_hash, blob in rows:
                found[text_hash] = np.frombuffer(blob, dtype=np.float32)
        return found

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
                rows = [
                    (self.name, key, vector.astype(np.float32).tobytes())
                    for (key, _), vector in zip(batch, vectors, strict=True)
                ]
                self._db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)", rows)
                self._db.commit()
            for (key, _), vector in zip(batch, vectors, strict=True):
                found[key] = vector
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([found[key] for key in keys]).astype(np.float32)

    def _embed_query(self, text: str) -> Vectors:
        with self._query_lock:
            vector = self.inner.query(text)
        vector.setflags(write=False)  # shared between callers through the cache
        return vector

    def query(self, text: str) -> Vectors:
        return self._recent(text)

    def close(self) -> None:
        self._db.close()
