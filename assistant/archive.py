"""The archive: catalog + vector index + embedder behind one object.

Write order makes a crash harmless: new chunk ids are journaled, their vectors added, then the
catalog swaps the document in one transaction, then the old vectors go. Whatever the vector
index holds that the catalog does not is removed the next time the archive opens.

Writers hold an exclusive lock on `write.lock` in the data dir for the whole write, across
processes; recovery runs only when it can take that lock, so a second process opening the
archive never mistakes a write in progress for the remains of a crash.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from assistant.catalog import Catalog, ChunkFacts, DocumentRecord, StoredItem
from assistant.chunking import chunk_meetings
from assistant.embedder import Embedder, Vectors, load_embedder
from assistant.embedding_cache import CachedEmbedder
from assistant.errors import EmbedderMismatchError, NotFoundError
from assistant.lexical import LexicalHit, LexicalIndex
from assistant.model import Chunk, Citation, Filters, Meeting
from assistant.settings import Settings
from assistant.timeline import Stage, case_timeline
from assistant.tokens import tokenize
from assistant.vector_store import ChromaVectorStore, VectorHit

__all__ = ["Archive", "ParsedDocument", "Snapshot", "StoreResult"]

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

    def document_version(self, data: bytes, shaped_by: str) -> str:
        """The version to store a source under: its bytes, this archive's chunking, `shaped_by`."""
        # how text is cut is part of the version, so changing it re-stores every file;
        # `shaped_by` is the caller's part (what it filled in or changed before storing)
        settings = self.settings
        digest = hashlib.sha256(data)
        digest.update(
            f"\x00{settings.chunk_words}\x00{settings.chunk_overlap_words}"
            f"\x00{settings.embed_all}\x00{shaped_by}".encode()
        )
        return digest.hexdigest()

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

    # -- reading: what the API, the CLI and answering ask of the archive ---------------------

    @property
    def embedder_name(self) -> str:
        return self.embedder.name

    def snapshot(self) -> Snapshot:
        """What one request reads: the word index as of now (a rebuild in another thread may
        swap the archive's index mid-request; the request keeps this one), the catalog and
        the vectors."""
        return Snapshot(self.lexical(), self.catalog, self.vectors, self.embedder)

    def item(self, item_id: str, include_closed: bool = False) -> StoredItem | None:
        """An agenda item with its meeting; a closed one is None unless the caller may see it."""
        stored = self.catalog.item(item_id)
        if stored is None or (stored.item.closed and not include_closed):
            return None
        return stored

    def meetings(
        self,
        body: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = 50,
        offset: int = 0,
        include_closed: bool = False,
    ) -> tuple[int, list[tuple[str, Meeting, int]]]:
        """(total, page of (meeting id, meeting, visible item count)), newest first."""
        return self.catalog.meetings(
            body,
            date_from.isoformat() if date_from else None,
            date_to.isoformat() if date_to else None,
            limit,
            offset,
            include_closed,
        )

    def meeting(
        self, meeting_id: str, include_closed: bool = False
    ) -> tuple[Meeting, list[StoredItem]] | None:
        """A meeting and the items of it the caller may see."""
        found = self.catalog.meeting(meeting_id)
        if found is None:
            return None
        meeting, items = found
        return meeting, _visible(items, include_closed)

    def case(self, case_number: str, include_closed: bool = False) -> list[Stage]:
        """Every stage of a case the caller may see, oldest first (NotFoundError if none)."""
        return case_timeline(self.catalog, case_number, include_closed)

    def has_case(self, case_number: str) -> bool:
        """Does any stored item (open or closed) carry this case number?"""
        return bool(self.catalog.items_of_case(case_number))

    def holds_quote(self, citation: Citation) -> bool:
        """Is the citation's quote verbatim in the item it names?"""
        stored = self.catalog.item(citation.ref.item_id)
        return (
            stored is not None
            and bool(citation.quote)
            and (citation.quote in stored.item.full_text())
        )


def _visible(items: list[StoredItem], include_closed: bool) -> list[StoredItem]:
    """The items a caller may see: closed ones only with the closed scope."""
    return [s for s in items if include_closed or not s.item.closed]


@dataclass(frozen=True)
class Snapshot:
    """The archive as one request reads it: one word index throughout (see Archive.snapshot).

    Search and answering read the archive only through this: they never reach into its parts.
    """

    lexical: LexicalIndex
    _catalog: Catalog
    _vectors: ChromaVectorStore
    _embedder: CachedEmbedder

    def embed_question(self, text: str) -> Vectors:
        return self._embedder.query(text)

    def nearest(self, vector: Vectors, n: int, flt: Filters | None = None) -> list[VectorHit]:
        """The `n` chunks nearest the vector (Chroma's filtered search when `flt` is given)."""
        return self._vectors.query(vector, n, flt)

    def similarities(self, vector: Vectors, chunk_ids: list[str], n: int) -> list[VectorHit]:
        """The `n` of the given chunks most similar to the vector, compared exactly."""
        return self._vectors.similarities(vector, chunk_ids, n)

    def word_hits(
        self, words: Sequence[str], n: int, flt: Filters, include_closed: bool
    ) -> list[LexicalHit]:
        return self.lexical.search(list(words), n, flt, include_closed)

    def idf(self, word: str) -> float:
        return self.lexical.idf(word)

    def known(self, word: str) -> bool:
        return self.lexical.known(word)

    def facts(self, chunk_ids: list[str]) -> dict[str, ChunkFacts]:
        return self._catalog.chunk_facts(chunk_ids)

    def chunks(self, chunk_ids: list[str]) -> dict[str, Chunk]:
        return self._catalog.chunks_by_ids(chunk_ids)

    def item(self, item_id: str) -> StoredItem | None:
        return self._catalog.item(item_id)

    def item_word_sequences(self, item_id: str) -> list[list[str]]:
        """The indexed words of each chunk of an item, in order."""
        return self._catalog.item_tokens(item_id)

    def case(self, case_number: str, include_closed: bool) -> list[Stage]:
        return case_timeline(self._catalog, case_number, include_closed)

    def bodies(self) -> list[str]:
        return self._catalog.bodies()

    def meetings_of(
        self, body: str, date_from: dt.date, date_to: dt.date, include_closed: bool, limit: int
    ) -> list[tuple[Meeting, list[StoredItem]]]:
        """A body's meetings in a period, oldest first, each with the items the caller may see."""
        _, page = self._catalog.meetings(
            body, date_from.isoformat(), date_to.isoformat(), limit, 0, include_closed
        )
        found: list[tuple[Meeting, list[StoredItem]]] = []
        for meeting_id, _meeting, _count in reversed(page):
            whole = self._catalog.meeting(meeting_id)
            if whole is not None:
                meeting, items = whole
                found.append((meeting, _visible(items, include_closed)))
        return found
