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
import hashlib
import logging
import threading
from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from assistant.catalog import Catalog, ChunkFacts, DocumentRecord, StoredItem
from assistant.chunking import chunk_meetings
from assistant.embedder import Embedder, Vectors, load_embedder
from assistant.embedding_cache import CachedEmbedder
from assistant.errors import (
    ArchiveEmptyError,
    ArchiveMissingError,
    CatalogDamagedError,
    EmbedderMismatchError,
    IndexDamagedError,
    NotFoundError,
    ReferatError,
)
from assistant.lexical import LexicalHit, LexicalIndex
from assistant.locks import held
from assistant.model import Chunk, Citation, Filters, Meeting
from assistant.sentences import sentences
from assistant.settings import Settings
from assistant.timeline import Stage, case_timeline
from assistant.tokens import tokenize
from assistant.vector_store import ChromaVectorStore, VectorHit

__all__ = ["Access", "Archive", "ParsedDocument", "Snapshot", "StoreResult", "write_lock"]

log = logging.getLogger(__name__)

MIN_SENTENCE_CHARS = 20


@dataclass(frozen=True)
class ParsedDocument:
    """A source file as its reader understood it, ready to store."""

    source: str
    sha256: str  # the stored version: content and the settings that shaped it
    meetings: list[Meeting]
    reader: str | None = None


Access = Literal["read", "serve", "write", "repair"]


def write_lock(data_dir: Path, wait: bool = True) -> AbstractContextManager[bool]:
    """Hold the data dir's write lock (True), or get False if `wait` is off and another
    writer has it (see locks.held)."""
    return held(data_dir, "write.lock", wait)


def _require_archive(data_dir: Path, access: Access) -> None:
    """Refuse, before anything is created, a data dir that holds no archive to read."""
    if not data_dir.is_dir():
        raise ArchiveMissingError(data_dir)
    catalog = data_dir / "catalog.sqlite"
    if catalog.exists() and catalog.stat().st_size:
        return
    if (data_dir / "chroma").exists() or any(data_dir.glob("lexical*.pickle")):
        state = "is empty (0 bytes)" if catalog.exists() else "is missing"
        raise CatalogDamagedError(catalog, f"{state}, but the indexes built from it are there")
    if access == "read":
        raise ArchiveEmptyError(data_dir)
    # "serve": an empty folder is a new archive, to be filled by uploads


@dataclass(frozen=True)
class StoreResult:
    source: str
    meetings: int
    items: int
    chunks: int
    replaced: bool


class Archive:
    """One data dir's archive. Create with `Archive.open(settings)`.

    `access` says what the caller will do with it. "write" (ingest) creates what is missing and
    goes on past vectors a damaged index lost, with a warning (re-ingesting restores them).
    "read" creates nothing and refuses a missing, empty or damaged archive with a message
    naming the fix. "serve" is "read" that starts a new archive in an existing empty folder
    (for uploads). "repair" is "write" without the warning: it is about to mend what it finds.
    """

    def __init__(self, settings: Settings, embedder: Embedder, access: Access = "write") -> None:
        data_dir = settings.data_dir
        if access in ("read", "serve"):
            _require_archive(data_dir, access)
        else:
            settings.ensure_data_dir()
        self.settings = settings
        self.catalog = Catalog(data_dir / "catalog.sqlite")
        try:
            built_by = self.catalog.get_meta("embedder")
            if built_by and built_by != embedder.name:
                raise EmbedderMismatchError(built_by, embedder.name)
            self.embedder = CachedEmbedder(
                embedder, settings.cache_path(), settings.embed_batch_size,
                settings.recent_queries,
            )  # fmt: skip
            self.vectors = self._open_vectors(embedder.name, strict=access in ("read", "serve"))
            if not built_by:
                self.catalog.set_meta("embedder", embedder.name)
            self._lexical: list[LexicalIndex] = []  # at most one per audience (open, all)
            self._lexical_lock = threading.Lock()
            self._vectors_whole: bool | None = None  # known once a re-ingest asks
            self.recover()
            self._verify(strict=access in ("read", "serve"), warn=access == "write")
        except BaseException:
            self.catalog.close()
            if hasattr(self, "vectors"):
                self.vectors.close()
            raise

    @classmethod
    def open(
        cls, settings: Settings, embedder: Embedder | None = None, access: Access = "write"
    ) -> Archive:
        if access in ("read", "serve"):
            _require_archive(settings.data_dir, access)  # before the embedder loads
        embedder = embedder or load_embedder(settings.embedder, settings.embed_threads)
        return cls(settings, embedder, access)

    def _open_vectors(self, embedder_name: str, strict: bool) -> ChromaVectorStore:
        """The vector index, its files checked before Chroma reads them and its graph loaded."""
        settings = self.settings
        folder = settings.data_dir / "chroma"
        if strict and not settings.chroma_url and not folder.exists():
            dense = self.catalog.dense_count()
            if dense:  # never create an empty index in its place: that hides the loss
                raise IndexDamagedError(
                    f"the vector index {folder}", f"is missing ({dense} passage vectors)"
                )

        def opened() -> ChromaVectorStore:
            store = ChromaVectorStore(
                settings.data_dir, embedder_name, settings.chroma_url, settings.chroma_collection
            )
            try:
                store.probe()
            except BaseException:
                store.close()
                raise
            return store

        try:
            return opened()
        except IndexDamagedError:
            # a writer may be saving the graph this very moment: look again once it is done
            with self._writing():
                return opened()

    def _verify(self, strict: bool, warn: bool) -> None:
        """Do the catalog and the vectors agree, by their counts? (`referat check` compares
        them id by id.) Strict: refuse if not; otherwise go on (warning if `warn`)."""
        with self._writing(wait=False) as mine:
            if not mine:
                return  # a writer is at work: the counts move under it
            documents = self.catalog.counts()["documents"]
            dense = self.catalog.dense_count()
            stored = self.vectors.count()
        error: ReferatError | None = None
        if documents == 0 and stored:
            error = CatalogDamagedError(
                self.catalog.path,
                f"holds no documents, but the vector index built from it holds {stored} "
                "passages (the catalog was emptied or replaced)",
            )
        elif stored < dense:
            error = IndexDamagedError(
                f"the vector index {self.vectors.where}",
                f"lacks {dense - stored} of {dense} passage vectors (they would be found by "
                "their words only)",
            )
        if error is not None and strict:
            raise error
        if error is not None:
            if warn:
                log.warning("%s", error)
            self._vectors_whole = False

    def is_empty(self) -> bool:
        """Does the archive hold no documents?"""
        return self.catalog.counts()["documents"] == 0

    def restore_vectors(self, source: str) -> int:
        """Put back the vectors of a stored document that the vector index lost (a re-ingest of
        an unchanged file); returns how many."""
        if self._vectors_whole is None:
            with self._writing():
                self._vectors_whole = self.vectors.count() >= self.catalog.dense_count()
        if self._vectors_whole:
            return 0  # counted whole: the common case costs no look-up per file
        return self.restore_missing(self.catalog.dense_ids(source))

    def restore_missing(self, chunk_ids: list[str]) -> int:
        """Add the vectors of these (dense) chunks that the index lacks, from the embedding
        cache or the embedder; returns how many."""
        with self._writing():
            missing = sorted(set(chunk_ids) - self.vectors.present(chunk_ids))
            for start in range(0, len(missing), 500):
                chunks = list(self.catalog.chunks_by_ids(missing[start : start + 500]).values())
                vectors = self.embedder.passages([c.embedding_text() for c in chunks])
                self.vectors.add(chunks, vectors)
        return len(missing)

    def close(self) -> None:
        self.catalog.close()
        self.embedder.close()
        self.vectors.close()

    def _writing(self, wait: bool = True) -> AbstractContextManager[bool]:
        return write_lock(self.settings.data_dir, wait)

    def drop_orphans(self) -> int:
        """Remove vectors of chunks the catalog does not hold; returns how many."""
        with self._writing():
            orphans = sorted(self.vectors.all_ids() - set(self.catalog.dense_ids()))
            self.vectors.delete(orphans)
            self.catalog.clear_journal()  # whatever it named is gone now
        return len(orphans)

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

    def lexical(self, include_closed: bool = False) -> LexicalIndex:
        """The BM25 index for what the catalog holds now and the caller may see (open items
        only, without `include_closed`), brought up to date after any change (from the
        catalog's log of changes: milliseconds, where a rebuild took 44 s at a million chunks).

        While one thread updates it, the others go on with the previous index instead of
        waiting (seconds when it has to be loaded or rebuilt): for that moment new chunks are
        not found by their words, and removed ones are dropped when search checks every hit
        against the catalog. A previous index only ever serves its own audience, and the
        first one is waited for.
        """
        generation = self.catalog.generation()
        mine = [i for i in self._lexical if i.fits(i.generation, include_closed)]
        current = next((i for i in mine if i.generation == generation), None)
        if current is not None:
            return current
        previous = mine[0] if mine else None
        if not self._lexical_lock.acquire(blocking=previous is None):
            assert previous is not None
            return previous  # another thread is rebuilding
        try:
            generation = self.catalog.generation()
            fresh = [i for i in self._lexical if i.fits(generation, include_closed)]
            if fresh:
                return fresh[0]
            mine = [i for i in self._lexical if i.fits(i.generation, include_closed)]
            previous = max(mine, key=lambda i: i.generation, default=None)
            built = LexicalIndex.load_or_build(
                self.catalog, self.settings.data_dir, include_closed, previous
            )
            # one index per audience: the other one is kept to be brought up to date in turn
            kept = [i for i in self._lexical if i.include_closed != built.include_closed]
            self._lexical = [built, *kept][:2]
            return built
        finally:
            self._lexical_lock.release()

    def stats(self) -> dict[str, int]:
        return self.catalog.counts()

    # -- reading: what the API, the CLI and answering ask of the archive ---------------------

    @property
    def embedder_name(self) -> str:
        return self.embedder.name

    def snapshot(self, include_closed: bool = False) -> Snapshot:
        """The archive as one request's caller may see it: the word index as of now (a rebuild
        in another thread may swap the archive's index mid-request; the request keeps this
        one), the catalog and the vectors, closed items only with `include_closed`."""
        return Snapshot(
            self.lexical(include_closed), self.catalog, self.vectors, self.embedder, include_closed
        )

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

    def holds_document(self, source: str, include_closed: bool = False) -> bool:
        """Is the source stored with an item the caller may see (a closed one only with
        `include_closed`)? A document of closed items only is not there for other callers."""
        return bool(_visible(self.catalog.items_of_source(source), include_closed))

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
    """The archive as one request reads it: one word index throughout, and only what the
    caller may see (see Archive.snapshot).

    Search and answering read the archive only through this: they never reach into its parts.
    """

    lexical: LexicalIndex
    _catalog: Catalog
    _vectors: ChromaVectorStore
    _embedder: CachedEmbedder
    include_closed: bool
    # a word's rarity and whether it is known, once per request: each looks through the
    # vocabulary for compounds, and answering asks again for every passage it scores
    _rarity: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    _known: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    _sentences: dict[tuple[str, str], tuple[float, str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def embed_question(self, text: str) -> Vectors:
        return self._embedder.query(text)

    def nearest(self, vector: Vectors, n: int, flt: Filters | None = None) -> list[VectorHit]:
        """The `n` chunks nearest the vector, of all (closed ones included) without `flt`;
        with it, Chroma's filtered search over what the caller may see."""
        return self._vectors.query(vector, n, flt, self.include_closed)

    def similarities(self, vector: Vectors, chunk_ids: list[str], n: int) -> list[VectorHit]:
        """The `n` of the given chunks most similar to the vector, compared exactly."""
        return self._vectors.similarities(vector, chunk_ids, n)

    def word_hits(
        self, words: Sequence[str], n: int, flt: Filters, split: Collection[str] = ()
    ) -> list[LexicalHit]:
        return self.lexical.search(list(words), n, flt, self.include_closed, split)

    def idf(self, word: str) -> float:
        found = self._rarity.get(word)
        if found is None:
            found = self._rarity[word] = self.lexical.idf(word)
        return found

    def known(self, word: str) -> bool:
        found = self._known.get(word)
        if found is None:
            found = self._known[word] = self.lexical.known(word)
        return found

    def slip_of_a_word(self, word: str) -> bool:
        return self.lexical.slip_of_a_word(word)

    def facts(self, chunk_ids: list[str]) -> dict[str, ChunkFacts]:
        return self._catalog.chunk_facts(chunk_ids)

    def chunks(self, chunk_ids: list[str]) -> dict[str, Chunk]:
        return self._catalog.chunks_by_ids(chunk_ids)

    def item(self, item_id: str) -> StoredItem | None:
        """The item, None if it is gone or closed to this caller."""
        stored = self._catalog.item(item_id)
        return stored if stored and _visible([stored], self.include_closed) else None

    def nearest_sentence(self, text: str, item_id: str) -> tuple[float, str]:
        """The sentence of the item nearest the question in meaning, within the item's chunk
        nearest it, and its e5 similarity ((0.0, "") when it has none). A chunk's vector blurs
        its sentences together; one sentence saying what the question asks in other words
        stands out ("pizzaæsker i papcontaineren" → "om pizzabakker kan klassificeres som
        papemballage"). One chunk's sentences: a few passages to embed, ~0.1 s, so it is
        asked only of an item the words alone did not pass, and kept for the request."""
        key = (text, item_id)
        found = self._sentences.get(key)
        if found is None:
            found = self._sentences[key] = self._nearest_sentence(text, item_id)
        return found

    def _nearest_sentence(self, text: str, item_id: str) -> tuple[float, str]:
        vector = self.embed_question(text)
        nearest = self.similarities(vector, self._catalog.item_chunk_ids(item_id), 1)
        chunk = self.chunks([nearest[0].chunk_id]).get(nearest[0].chunk_id) if nearest else None
        # a sentence of a few words ("Godkendt.") says too little to be compared
        said = [s for s in sentences(chunk.text) if len(s) > MIN_SENTENCE_CHARS] if chunk else []
        if not said:
            return 0.0, ""
        similarity = self._embedder.passages_uncached(said) @ vector
        best = int(np.argmax(similarity))
        return float(similarity[best]), said[best]

    def item_word_sequences(self, item_id: str) -> list[list[str]]:
        """The indexed words of each chunk of an item, in order."""
        return self._catalog.item_tokens(item_id)

    def case(self, case_number: str) -> list[Stage]:
        """The case's stages the caller may see; none when it vanished (deleted meanwhile)."""
        try:
            return case_timeline(self._catalog, case_number, self.include_closed)
        except NotFoundError:
            return []

    def bodies(self) -> list[str]:
        return self._catalog.bodies(self.include_closed)

    def municipalities(self) -> list[str]:
        return self._catalog.municipalities(self.include_closed)

    def municipality_words(self) -> frozenset[str]:
        """The words of the municipalities' names as the index holds them ("greve", "århus"):
        a question's town places it, it is no topic and names no thing."""
        return frozenset(t for town in self.municipalities() for t in tokenize(town, frozenset()))

    def municipality_of(self, body: str) -> str | None:
        """The municipality of the body's latest meeting the caller may see (one catalog row,
        no items read)."""
        _, page = self._catalog.meetings(body, None, None, 1, 0, self.include_closed)
        return next((meeting.municipality for _, meeting, _ in page), None)

    def met(self, body: str, date_from: dt.date, date_to: dt.date) -> bool:
        """Did the body hold a meeting the caller may see in the period (counted in the
        catalog, no meeting or item read)?"""
        total, _ = self._catalog.meetings(
            body, date_from.isoformat(), date_to.isoformat(), 1, 0, self.include_closed
        )
        return total > 0

    def meetings_of(
        self, body: str, date_from: dt.date, date_to: dt.date, limit: int
    ) -> list[tuple[Meeting, list[StoredItem]]]:
        """A body's meetings in a period, oldest first, each with the items the caller may see."""
        include_closed = self.include_closed
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
