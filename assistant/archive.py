"""The archive: catalog + vector index + embedder behind one object.

Write order makes a crash harmless: new chunk ids are journaled, their vectors added, then the
catalog swaps the document in one transaction, then the old vectors go. Whatever the vector
index holds that the catalog does not is removed the next time the archive opens.

Writers hold an exclusive lock on `write.lock` in the data dir for the whole write, across
processes; recovery runs only when it can take that lock, so a second process opening the
archive never mistakes a write in progress for the remains of a crash.
"""

from __future__ import annotations

import fcntl
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from assistant.catalog import Catalog, DocumentRecord
from assistant.chunking import chunk_meetings
from assistant.embedder import Embedder, load_embedder
from assistant.embedding_cache import CachedEmbedder
from assistant.errors import EmbedderMismatchError, NotFoundError
from assistant.lexical import LexicalIndex
from assistant.model import Meeting
from assistant.settings import Settings
from assistant.tokens import tokenize
from assistant.vector_store import ChromaVectorStore

__all__ = ["Archive", "ParsedDocument", "StoreResult"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ParsedDocument:
    """A source file as its reader understood it, ready to store."""

    source: str
    sha256: str  # the stored version: content and the settings that shaped it
    meetings: list[Meeting]
    reader: str | None = None


@dataclass(frozen=True)
class StoreResult:
    source: str
    meetings: int
    items: int
    chunks: int
    replaced: bool


class Archive:
    """One data dir's archive. Create with `Archive.open(settings)`."""

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        data_dir = settings.ensure_data_dir()
        self.settings = settings
        self.catalog = Catalog(data_dir / "catalog.sqlite")
        built_by = self.catalog.get_meta("embedder")
        if built_by and built_by != embedder.name:
            raise EmbedderMismatchError(built_by, embedder.name)
        self.embedder = CachedEmbedder(
            embedder, settings.cache_path(), settings.embed_batch_size, settings.recent_queries
        )
        self.vectors = ChromaVectorStore(
            data_dir, embedder.name, settings.chroma_url, settings.chroma_collection
        )
        if not built_by:
            self.catalog.set_meta("embedder", embedder.name)
        self._write_lock_path = data_dir / "write.lock"
        self._lexical: LexicalIndex | None = None
        self._lexical_lock = threading.Lock()
        self.recover()

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | None = None) -> Archive:
        return cls(settings, embedder or load_embedder(settings.embedder, settings.embed_threads))

    def close(self) -> None:
        self.catalog.close()
        self.embedder.close()

    @contextmanager
    def _writing(self, wait: bool = True) -> Iterator[bool]:
        """Hold the data dir's write lock (True), or yield False if `wait` is off and another
        writer has it. The lock dies with its process, so a crash never leaves it held."""
        with self._write_lock_path.open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def recover(self) -> int:
        """Remove vectors an interrupted write left behind; returns how many."""
        with self._writing(wait=False) as mine:
            if not mine:
                return 0  # a writer is at work: its journal is not debris
            pending = self.catalog.journal_pending()
            if pending:
                log.warning("removing %d vectors left by an interrupted ingest", len(pending))
                self.vectors.delete(pending)
            self.catalog.clear_journal()
            return len(pending)

    def document(self, source: str) -> DocumentRecord | None:
        return self.catalog.document(source)

    def store(
        self, source: str, sha256: str, meetings: list[Meeting], reader: str | None = None
    ) -> StoreResult:
        """Store a parsed document whole, replacing any earlier version of the same source."""
        return self.store_many([ParsedDocument(source, sha256, meetings, reader)])[0]

    def store_many(self, documents: list[ParsedDocument]) -> list[StoreResult]:
        """Store parsed documents in order, each whole and in its own write.

        Their new texts are embedded first, all together: the embedder is fastest on full
        batches of like-sized texts, and one document's few decisions rarely fill one.
        """
        settings = self.settings
        chunked = [
            chunk_meetings(
                d.meetings, d.sha256, settings.chunk_words, settings.chunk_overlap_words,
                settings.embed_all,
            )
            for d in documents
        ]  # fmt: skip
        dense = [[c for c in chunks if c.dense] for chunks in chunked]
        vectors = self.embedder.passages([c.embedding_text() for own in dense for c in own])
        results: list[StoreResult] = []
        start = 0
        for document, chunks, own in zip(documents, chunked, dense, strict=True):
            mine = vectors[start : start + len(own)]
            start += len(own)
            tokens = [" ".join(tokenize(c.lexical_text())) for c in chunks]
            with self._writing():
                self.catalog.journal(c.id for c in own)
                self.vectors.add(own, mine)
                old = self.catalog.replace_document(
                    document.source, document.sha256, document.reader, document.meetings,
                    chunks, tokens,
                )  # fmt: skip
                stale = sorted(set(old) - {c.id for c in chunks})
                self.vectors.delete(stale)
                self.catalog.clear_journal(old)
            results.append(
                StoreResult(
                    source=document.source,
                    meetings=len(document.meetings),
                    items=sum(len(m.items) for m in document.meetings),
                    chunks=len(chunks),
                    replaced=bool(old),
                )
            )
        return results

    def delete(self, source: str) -> int:
        """Remove one source document everywhere; returns its chunk count."""
        if self.catalog.document(source) is None:
            raise NotFoundError(
                f"no document named {source!r} in the archive: `referat stats --json` and "
                "`GET /v1/meetings` list what is there"
            )
        with self._writing():
            old = self.catalog.delete_document(source)
            self.vectors.delete(old)
            self.catalog.clear_journal(old)
        return len(old)

    def lexical(self) -> LexicalIndex:
        """The BM25 index for what the catalog holds now, rebuilt after any change.

        While one thread rebuilds it, the others go on with the previous index instead of
        waiting (seconds on a big archive): for that moment new chunks are not found by their
        words, and removed ones are dropped when search checks every hit against the catalog,
        which also decides who may see closed items. The first index is always waited for.
        """
        current = self._lexical
        if current is not None and current.generation == self.catalog.generation():
            return current
        if not self._lexical_lock.acquire(blocking=current is None):
            assert current is not None
            return current  # another thread is rebuilding
        try:
            generation = self.catalog.generation()
            if self._lexical is None or self._lexical.generation != generation:
                self._lexical = LexicalIndex.load_or_build(self.catalog, self.settings.data_dir)
            return self._lexical
        finally:
            self._lexical_lock.release()

    def stats(self) -> dict[str, int]:
        return self.catalog.counts()
