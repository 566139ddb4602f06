"""The Chroma adapter: the only module that imports chromadb.

Embedded `PersistentClient` in the data dir, or a Chroma server when `REFERAT_CHROMA_URL` is set.
Chroma never embeds anything itself (its default embedding function downloads a model): vectors
always come from our embedder, and the collection records which one.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from assistant.embedder import Vectors
from assistant.errors import (
    ConfigurationError,
    EmbedderMismatchError,
    IndexDamagedError,
    ReferatError,
)
from assistant.file_checks import hnsw_problem, sqlite_problem
from assistant.model import Chunk, Filters

__all__ = ["ChromaVectorStore", "VectorHit"]

# Search breadth of the HNSW graph. At Chroma's default (100) a query for 300 neighbours
# returned a different set in every process, so answers changed from run to run; at 800 the
# set is stable and the cost stays in single-digit milliseconds (BENCHMARKS.md).
EF_SEARCH = 800
# Chroma persists the HNSW graph every `sync_threshold` writes and, on opening, inserts the
# writes since into the graph again, in no fixed order: the nearest lists then differed from
# one process start to the next (the same question, another answer). Persisting after every
# write leaves nothing to insert again; Chroma writes only what changed, so it cost 12 % more
# store time at 20k chunks, and the store is a small part of an ingest (BENCHMARKS.md).
# A count of 100 or 1,000 still left the last writes of an ingest to be inserted again.
PERSIST_EVERY = 1
# (the exact in-memory buffer before the graph holds at least two)
_TUNED: Any = {"ef_search": EF_SEARCH, "batch_size": 2, "sync_threshold": PERSIST_EVERY}
logging.getLogger("chromadb").setLevel(logging.ERROR)


def _where(flt: Filters, include_closed: bool) -> dict[str, Any] | None:
    terms: list[dict[str, Any]] = [] if include_closed else [{"closed": False}]
    for key in ("body", "municipality", "case_number"):
        value = getattr(flt, key)
        if value:
            terms.append({key: value})
    if flt.date_from:
        terms.append({"date": {"$gte": _date_int(flt.date_from)}})
    if flt.date_to:
        terms.append({"date": {"$lte": _date_int(flt.date_to)}})
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else {"$and": terms}


@dataclass(frozen=True)
class VectorHit:
    chunk_id: str
    similarity: float


def _date_int(date: dt.date) -> int:
    return date.year * 10000 + date.month * 100 + date.day


def _metadata(chunk: Chunk) -> dict[str, str | int | bool]:
    # the item's whole identity, so a filtered search can narrow by any of it; the date as
    # YYYYMMDD because Chroma compares numbers only. Chroma rejects None: unknowns are absent.
    meta: dict[str, str | int | bool | None] = {
        **{k: v for k, v in chunk.ref.fields().items() if k != "meeting_date"},
        "date": _date_int(chunk.ref.meeting_date) if chunk.ref.meeting_date else None,
        "section_kind": chunk.section_kind.value,
        "section_heading": chunk.section_heading,
        "page": chunk.page,
    }
    return {key: value for key, value in meta.items() if value is not None}


class ChromaVectorStore:
    """Chunk vectors with their item's identity as metadata."""

    def __init__(
        self,
        data_dir: Path,
        embedder_name: str,
        chroma_url: str | None = None,
        collection: str = "referat-chunks",
    ) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        self.path = data_dir / "chroma"
        self._url = chroma_url
        url = urlparse(chroma_url or "")
        if chroma_url and not url.hostname:
            raise ConfigurationError(
                f"REFERAT_CHROMA_URL={chroma_url!r} is not a URL: use http://host:port"
            )
        if not chroma_url:
            # Chroma's native graph code trusts its files: check them before it reads them
            meta = self.path / "chroma.sqlite3"
            damaged = sqlite_problem(meta) if meta.exists() else None
            problem = f"has a chroma.sqlite3 that {damaged}" if damaged else None
            problem = problem or hnsw_problem(self.path)
            if problem:
                raise IndexDamagedError(f"the vector index {self.path}", problem)
        try:
            if chroma_url:
                self._client: Any = chromadb.HttpClient(
                    host=url.hostname or "",
                    port=url.port or 8000,
                    ssl=url.scheme == "https",
                    settings=chroma_settings,
                )
            else:
                self._client = chromadb.PersistentClient(
                    path=str(self.path), settings=chroma_settings
                )
            self._collection = self._client.get_or_create_collection(
                collection,
                embedding_function=None,
                metadata={"embedder": embedder_name},
                configuration={"hnsw": {"space": "cosine", "ef_construction": 200, **_TUNED}},
            )
            hnsw = (self._collection.configuration or {}).get("hnsw") or {}
            if int(hnsw.get("ef_search") or 0) < EF_SEARCH or (
                hnsw.get("sync_threshold") != PERSIST_EVERY
            ):  # a collection made before: its next writes persist as a new one's do
                self._collection.modify(configuration={"hnsw": _TUNED})
        except Exception as error:
            self.close()
            if isinstance(error, ReferatError):
                raise
            raise self._failure(error) from error
        built_by = (self._collection.metadata or {}).get("embedder")
        if built_by and built_by != embedder_name:
            self.close()
            raise EmbedderMismatchError(str(built_by), embedder_name)

    def close(self) -> None:
        """Let go of Chroma's shared client for this folder (it stops with its last user)."""
        client = getattr(self, "_client", None)
        if client is not None and hasattr(client, "close"):
            client.close()

    def _failure(self, error: Exception) -> ReferatError:
        """What a Chroma error means for a person: a server away, or damaged files."""
        detail = " ".join(str(error).split())[:200] or type(error).__name__
        if self._url:
            return ConfigurationError(
                f"the Chroma server at {self._url} failed ({detail}): start it "
                "(`chroma run --path DIR --port PORT`) or unset REFERAT_CHROMA_URL"
            )
        return IndexDamagedError(f"the vector index {self.path}", f"cannot be read ({detail})")

    def probe(self) -> None:
        """Load the graph the way a search does, so damage shows on open, not mid-question."""
        try:
            sample = self._collection.get(limit=1, include=["embeddings"])
            if len(sample["ids"]):
                vector = np.asarray(sample["embeddings"], dtype=np.float32)[:1]
                self._collection.query(query_embeddings=vector, n_results=1, include=[])
        except Exception as error:
            raise self._failure(error) from error

    def vectors_of(self, ids: list[str]) -> dict[str, Vectors]:
        """The stored vectors of these chunks (those the index holds)."""
        found: dict[str, Vectors] = {}
        for start in range(0, len(ids), 2000):
            stored = self._collection.get(ids=ids[start : start + 2000], include=["embeddings"])
            vectors = np.asarray(stored["embeddings"], dtype=np.float32)
            found.update(zip(stored["ids"], vectors, strict=True))
        return found

    def add(self, chunks: list[Chunk], vectors: Vectors) -> None:
        # Chroma caps batch sizes; stay well below
        for start in range(0, len(chunks), 2000):
            part = chunks[start : start + 2000]
            self._collection.upsert(
                ids=[c.id for c in part],
                embeddings=np.asarray(vectors[start : start + 2000], dtype=np.float32),
                metadatas=[_metadata(c) for c in part],
            )

    def delete(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 2000):
            part = ids[start : start + 2000]
            if part:
                self._collection.delete(ids=part)

    def count(self) -> int:
        return int(self._collection.count())

    @property
    def where(self) -> str:
        """Where the vectors live, for messages."""
        return f"{self._url} ({self._collection.name})" if self._url else str(self.path)

    def present(self, ids: list[str]) -> set[str]:
        """Which of these chunk ids the index holds vectors for."""
        found: set[str] = set()
        for start in range(0, len(ids), 2000):
            found.update(self._collection.get(ids=ids[start : start + 2000], include=[])["ids"])
        return found

    def all_ids(self) -> set[str]:
        ids: set[str] = set()
        offset = 0
        while True:
            page = self._collection.get(include=[], limit=5000, offset=offset)
            if not page["ids"]:
                return ids
            ids.update(page["ids"])
            offset += len(page["ids"])

    def query(
        self, vector: Vectors, n: int, flt: Filters | None = None, include_closed: bool = False
    ) -> list[VectorHit]:
        """Nearest chunks, most similar first (similarity = 1 - cosine distance).

        Without `flt` nothing is filtered, closed chunks included: callers check every hit
        against the catalog's view of who may see what. With it, closed chunks only with
        `include_closed`. Chroma's filtered search is slow on big collections (at a million
        chunks 0.2–0.5 s against 10 ms unfiltered); search uses it only as a last resort.
        """
        if n <= 0:
            return []
        where = _where(flt, include_closed) if flt is not None else None
        result = self._collection.query(
            query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, -1),
            n_results=n,
            where=where,
            include=["distances"],
        )
        ids = result["ids"][0]
        distances = (result.get("distances") or [[]])[0]
        return [VectorHit(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def similarities(self, vector: Vectors, ids: list[str], n: int) -> list[VectorHit]:
        """The `n` most similar of the given chunks, exactly (their vectors read back)."""
        if not ids:
            return []
        stored = self._collection.get(ids=ids, include=["embeddings"])
        matrix = np.asarray(stored["embeddings"], dtype=np.float32)
        if not len(matrix):
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        norms = np.linalg.norm(matrix, axis=1) * (np.linalg.norm(query) or 1.0)
        similarity = matrix @ query / np.where(norms > 0, norms, 1.0)
        order = np.argsort(-similarity, kind="stable")[:n]
        return [VectorHit(stored["ids"][i], float(similarity[i])) for i in order]
