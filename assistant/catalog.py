"""The catalog: meetings, items, sections and chunks in SQLite — the archive's source of truth.

A document is written in one transaction, so it is in the catalog whole or not at all. The
vector index (Chroma) and the lexical index only ever serve chunks the catalog holds.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal, NamedTuple

from assistant import lexical_log
from assistant.chunking import item_id, meeting_id
from assistant.errors import CatalogDamagedError
from assistant.file_checks import is_damage, sqlite_problem
from assistant.lexical_log import LexicalChanges
from assistant.model import AgendaItem, Chunk, ItemRef, Meeting, Section, SectionKind
from assistant.transactions import immediate

__all__ = ["Catalog", "ChunkFacts", "DocumentRecord", "StoredItem"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    source TEXT PRIMARY KEY, sha256 TEXT NOT NULL, reader TEXT, ingested_at TEXT NOT NULL,
    meetings INTEGER NOT NULL, items INTEGER NOT NULL, chunks INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meetings (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, idx INTEGER NOT NULL, municipality TEXT,
    body TEXT, date TEXT, place TEXT, participants TEXT NOT NULL, url TEXT);
CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL, source TEXT NOT NULL, idx INTEGER NOT NULL,
    number TEXT, title TEXT NOT NULL, case_number TEXT, closed INTEGER NOT NULL,
    page_start INTEGER, page_end INTEGER, sections TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, item_id TEXT NOT NULL, source TEXT NOT NULL, section_kind TEXT NOT NULL,
    section_heading TEXT NOT NULL, page INTEGER, dense INTEGER NOT NULL, text TEXT NOT NULL,
    tokens TEXT NOT NULL);
-- chunk ids that may exist in the vector index without being (or staying) in the catalog:
-- written before vectors are added or removed, cleared after; replayed after a crash.
CREATE TABLE IF NOT EXISTS vector_journal (chunk_id TEXT PRIMARY KEY);
CREATE INDEX IF NOT EXISTS meetings_source ON meetings(source);
CREATE INDEX IF NOT EXISTS meetings_body_date ON meetings(body, date);
CREATE INDEX IF NOT EXISTS items_meeting ON items(meeting_id);
CREATE INDEX IF NOT EXISTS items_case ON items(case_number);
CREATE INDEX IF NOT EXISTS chunks_item ON chunks(item_id);
CREATE INDEX IF NOT EXISTS chunks_source ON chunks(source);
"""


@dataclass(frozen=True)
class DocumentRecord:
    source: str
    sha256: str
    reader: str | None
    ingested_at: str
    meetings: int
    items: int
    chunks: int


@dataclass(frozen=True)
class StoredItem:
    """An agenda item as stored, with its meeting: what a citation is traced to."""

    id: str
    meeting_id: str
    meeting: Meeting  # without items
    item: AgendaItem

    @property
    def ref(self) -> ItemRef:
        return ItemRef.of(self.id, self.meeting_id, self.meeting, self.item)


# A whole-file check on open costs ~0.2 s per 100 MB: done while that is small next to the rest
# of opening an archive; a bigger catalog is checked whole by `referat check`.
QUICK_CHECK_BYTES = 256 * 1024 * 1024


class _Guard:
    """The catalog's lock, which also turns SQLite's "this file is damaged" into a message:
    every read and write holds it, so none of them can surface a raw sqlite3 error."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.RLock()

    def __enter__(self) -> None:
        self._lock.acquire()

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        self._lock.release()
        if error is not None and is_damage(error):
            raise CatalogDamagedError(self._path, f"is damaged ({error})") from error


class Catalog:
    """SQLite catalog in the data dir; safe to share between threads (one lock)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        problem = sqlite_problem(path) if path.exists() else None
        if problem:
            raise CatalogDamagedError(path, problem)
        self._lock = _Guard(path)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        try:
            with self._lock:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.executescript(_SCHEMA)
            if path.stat().st_size <= QUICK_CHECK_BYTES:
                problem = self.integrity(quick=True)
                if problem:
                    raise CatalogDamagedError(path, f"is damaged ({problem})")
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        self._db.close()

    def integrity(self, quick: bool = False) -> str | None:
        """SQLite's own check of every page and index (None: whole); `quick` skips the
        indexes' contents."""
        pragma = "quick_check" if quick else "integrity_check"
        with self._lock:
            rows = [str(r[0]) for r in self._db.execute(f"PRAGMA {pragma}(3)").fetchall()]
        if rows == ["ok"]:
            return None
        # one line for a person: SQLite's findings without its banner lines
        lines = [line for row in rows for line in row.splitlines() if not line.startswith("***")]
        return "; ".join(lines[:2])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock, immediate(self._db) as db:
            yield db

    # -- meta ---------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- documents ----------------------------------------------------------------------
    def document(self, source: str) -> DocumentRecord | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM documents WHERE source=?", (source,)).fetchone()
        return None if row is None else DocumentRecord(**row)

    def documents(self) -> list[DocumentRecord]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM documents ORDER BY source").fetchall()
        return [DocumentRecord(**row) for row in rows]

    def document_closed(self, source: str) -> bool:
        """Whether a stored document is closed as a whole: it has items, and all are closed."""
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(*), COALESCE(SUM(closed), 0) FROM items WHERE source=?", (source,)
            ).fetchone()
        return bool(row[0]) and bool(row[0] == row[1])

    def dense_count(self) -> int:
        """How many chunks the vector index should hold."""
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM chunks WHERE dense=1").fetchone()[0])

    def dense_ids(self, source: str | None = None) -> list[str]:
        """The ids of the chunks that have vectors: of one document, or of all."""
        where, args = ("dense=1 AND source=?", (source,)) if source else ("dense=1", ())
        with self._lock:
            rows = self._db.execute(f"SELECT id FROM chunks WHERE {where}", args).fetchall()
        return [row[0] for row in rows]

    def chunk_ids_of(self, source: str) -> list[str]:
        with self._lock:
            rows = self._db.execute("SELECT id FROM chunks WHERE source=?", (source,)).fetchall()
        return [row[0] for row in rows]

    def journal(self, chunk_ids: Iterable[str]) -> None:
        """Record ids whose vectors are about to change (see vector_journal in the schema)."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO vector_journal VALUES (?)", ((i,) for i in chunk_ids)
            )

    def journal_pending(self) -> list[str]:
        """Journaled ids the catalog does not hold: their vectors must go."""
        with self._lock:
            rows = self._db.execute(
                "SELECT chunk_id FROM vector_journal WHERE chunk_id NOT IN (SELECT id FROM chunks)"
            ).fetchall()
        return [row[0] for row in rows]

    def clear_journal(self, chunk_ids: Iterable[str] | None = None) -> None:
        with self.transaction() as db:
            if chunk_ids is None:
                db.execute("DELETE FROM vector_journal")
            else:
                db.executemany(
                    "DELETE FROM vector_journal WHERE chunk_id=?", ((i,) for i in chunk_ids)
                )

    def replace_document(
        self,
        source: str,
        sha256: str,
        reader: str | None,
        meetings: list[Meeting],
        chunks: list[Chunk],
        chunk_tokens: list[str],
    ) -> list[str]:
        """Store a document's meetings, items and chunks in place of its old version, atomically.

        Returns the chunk ids of the old version, now journaled for removal from the vectors.
        """
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.transaction() as db:
            old = [r[0] for r in db.execute("SELECT id FROM chunks WHERE source=?", (source,))]
            generation = self._bump_generation(db)
            lexical_log.record(db, generation, source, removed=True)
            self._delete_rows(db, source)
            db.executemany("INSERT OR IGNORE INTO vector_journal VALUES (?)", _rows(old))
            n_items = 0
            for m, meeting in enumerate(meetings):
                mid = meeting_id(source, m)
                db.execute(
                    "INSERT INTO meetings (id, source, idx, municipality, body, date, place,"
                    " participants, url) VALUES (:id, :source, :idx, :municipality, :body, :date,"
                    " :place, :participants, :url)",
                    {
                        "id": mid,
                        "source": source,
                        "idx": m,
                        "municipality": meeting.municipality,
                        "body": meeting.body,
                        "date": meeting.date.isoformat() if meeting.date else None,
                        "place": meeting.place,
                        "participants": json.dumps(meeting.participants, ensure_ascii=False),
                        "url": meeting.url,
                    },
                )
                for i, item in enumerate(meeting.items):
                    n_items += 1
                    sections = [s.model_dump(mode="json") for s in item.sections]
                    db.execute(
                        "INSERT INTO items (id, meeting_id, source, idx, number, title,"
                        " case_number, closed, page_start, page_end, sections) VALUES (:id,"
                        " :meeting_id,"
                        " :source, :idx, :number, :title, :case_number, :closed, :page_start,"
                        " :page_end, :sections)",
                        {
                            "id": item_id(mid, i),
                            "meeting_id": mid,
                            "source": source,
                            "idx": i,
                            "number": item.number,
                            "title": item.title,
                            "case_number": item.case_number,
                            "closed": int(item.closed),
                            "page_start": item.page_start,
                            "page_end": item.page_end,
                            "sections": json.dumps(sections, ensure_ascii=False),
                        },
                    )
            db.executemany(
                "INSERT INTO chunks (id, item_id, source, section_kind, section_heading, page,"
                " dense, text, tokens) VALUES (:id, :item_id, :source, :section_kind,"
                " :section_heading, :page, :dense, :text, :tokens)",
                (
                    {
                        "id": c.id,
                        "item_id": c.ref.item_id,
                        "source": source,
                        "section_kind": c.section_kind.value,
                        "section_heading": c.section_heading,
                        "page": c.page,
                        "dense": int(c.dense),
                        "text": c.text,
                        "tokens": tokens,
                    }
                    for c, tokens in zip(chunks, chunk_tokens, strict=True)
                ),
            )
            db.execute(
                "INSERT INTO documents (source, sha256, reader, ingested_at, meetings, items,"
                " chunks) VALUES (:source, :sha256, :reader, :at, :meetings, :items, :chunks)",
                {
                    "source": source,
                    "sha256": sha256,
                    "reader": reader,
                    "at": now,
                    "meetings": len(meetings),
                    "items": n_items,
                    "chunks": len(chunks),
                },
            )
            lexical_log.record(db, generation, source, removed=False)
            # the new chunks are in the catalog now: no longer pending
            db.executemany(
                "DELETE FROM vector_journal WHERE chunk_id=?", _rows(c.id for c in chunks)
            )
        return old

    def delete_document(self, source: str) -> list[str]:
        """Remove a document's rows; returns its chunk ids, journaled for vector removal."""
        with self.transaction() as db:
            old = [r[0] for r in db.execute("SELECT id FROM chunks WHERE source=?", (source,))]
            generation = self._bump_generation(db)
            lexical_log.record(db, generation, source, removed=True)
            self._delete_rows(db, source)
            db.executemany("INSERT OR IGNORE INTO vector_journal VALUES (?)", _rows(old))
        return old

    @staticmethod
    def _bump_generation(db: sqlite3.Connection) -> int:
        # every change to what the archive holds gets a new number: derived indexes compare it
        db.execute(
            "INSERT INTO meta VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE"
            " SET value = CAST(value AS INTEGER) + 1"
        )
        return int(db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    def generation(self) -> int:
        return int(self.get_meta("generation") or 0)

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A connection of its own, reading one unchanging state of the catalog throughout: a
        long read (the word index's) holds no lock that other threads wait on."""
        guard = _Guard(self.path)  # turns "damaged" into CatalogDamagedError, as ours does
        with guard:
            db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            try:
                db.execute("BEGIN")  # WAL: this transaction sees one snapshot
                yield db
            finally:
                db.close()

    def lexical_changes(self, since: int, include_closed: bool) -> LexicalChanges | None:
        """What changed after generation `since` for an index of that audience (see
        lexical_log); None when the log does not reach back that far."""
        with self.reading() as db:
            return lexical_log.changes(db, since, include_closed)

    def lexical_rows(self) -> list[tuple[Any, ...]]:
        """(chunk id, tokens, body, municipality, case number, date, closed, dense) for every
        chunk."""
        with self._lock:
            return self._db.execute(
                "SELECT c.id, c.tokens, m.body, m.municipality, i.case_number, m.date, i.closed,"
                " c.dense"
                " FROM chunks c JOIN items i ON i.id = c.item_id"
                " JOIN meetings m ON m.id = i.meeting_id ORDER BY c.rowid"
            ).fetchall()

    @staticmethod
    def _delete_rows(db: sqlite3.Connection, source: str) -> None:
        for table in ("chunks", "items", "meetings", "documents"):
            db.execute(f"DELETE FROM {table} WHERE source=?", (source,))

    # -- reading ------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self._lock:
            return {
                table: int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
                for table in ("documents", "meetings", "items", "chunks")
            }

    def _rows_by_chunk_ids(self, select: str, ids: list[str], plain: bool = False) -> list[Any]:
        """Rows of `select` (which names the chunks table `c`) for the given chunk ids, in
        batches that stay under SQLite's limit on query parameters; `plain`: as tuples."""
        rows: list[Any] = []
        with self._lock:
            cursor = self._db.cursor()
            if plain:
                cursor.row_factory = None
            for start in range(0, len(ids), 500):
                part = ids[start : start + 500]
                marks = ",".join("?" * len(part))
                rows += cursor.execute(f"{select} WHERE c.id IN ({marks})", part).fetchall()
        return rows

    def chunks_by_ids(self, ids: list[str]) -> dict[str, Chunk]:
        """Chunks with their item's identity, for the ids the catalog holds (others dropped)."""
        chunks = (_chunk_from_row(row) for row in self._rows_by_chunk_ids(_CHUNK_SELECT, ids))
        return {chunk.id: chunk for chunk in chunks}

    def chunk_facts(self, ids: list[str]) -> dict[str, ChunkFacts]:
        """What ranking needs of each candidate chunk: its item (one ItemRef per item, shared by
        its chunks) and its section kind, without the text — a question weighs hundreds of
        candidates, and building full chunks for them was half a search."""
        refs: dict[str, ItemRef] = {}
        facts: dict[str, ChunkFacts] = {}
        # plain tuples: this runs for every candidate
        for row in self._rows_by_chunk_ids(_FACTS_SELECT, ids, plain=True):
            ref = refs.get(row[1]) or refs.setdefault(row[1], _ref(row))
            facts[row[0]] = ChunkFacts(ref, row[_AFTER_REF])
        return facts

    def iter_chunks(self, batch: int = 2000) -> Iterator[Chunk]:
        """Every chunk, in a stable order (for building the lexical index)."""
        with self._lock:
            rows = self._db.execute(_CHUNK_SELECT + " ORDER BY c.rowid").fetchall()
        for row in rows:
            yield _chunk_from_row(row)

    def item(self, item_id: str) -> StoredItem | None:
        with self._lock:
            row = self._db.execute(_ITEM_SELECT + " WHERE i.id=?", (item_id,)).fetchone()
        return None if row is None else _stored_item(row)

    def _items(self, condition: str, value: str) -> list[StoredItem]:
        with self._lock:
            rows = self._db.execute(f"{_ITEM_SELECT} WHERE {condition}", (value,)).fetchall()
        return [_stored_item(row) for row in rows]

    def items_of_source(self, source: str) -> list[StoredItem]:
        return self._items("i.source=? ORDER BY m.idx, i.idx", source)

    def meetings(
        self,
        body: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 50,
        offset: int = 0,
        include_closed: bool = False,
    ) -> tuple[int, list[tuple[str, Meeting, int]]]:
        """(total, page of (meeting id, meeting without items, item count)), newest first.

        Without `include_closed`, closed items are not counted, and a meeting whose items are
        all closed is not listed: its existence is not for everyone either.
        """
        visible = "" if include_closed else " AND i.closed = 0"
        count = f"(SELECT COUNT(*) FROM items i WHERE i.meeting_id = m.id{visible})"
        where, args = [f"{count} > 0"], []
        for clause, value in (("m.body = ?", body), ("m.date >= ?", date_from),
                              ("m.date <= ?", date_to)):  # fmt: skip
            if value:
                where.append(clause)
                args.append(value)
        condition = " AND ".join(where)
        with self._lock:
            total = self._db.execute(
                f"SELECT COUNT(*) FROM meetings m WHERE {condition}", args
            ).fetchone()[0]
            rows = self._db.execute(
                "SELECT m.id, m.source, m.municipality, m.body, m.date, m.place, m.participants,"
                f" m.url, {count} AS items"
                f" FROM meetings m WHERE {condition} ORDER BY m.date DESC, m.id LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ).fetchall()
        page = [(row["id"], _meeting_from_row(row), int(row["items"])) for row in rows]
        return int(total), page

    def meeting(self, meeting_id: str) -> tuple[Meeting, list[StoredItem]] | None:
        """A meeting and all its stored items (closed ones included: callers filter)."""
        with self._lock:
            row = self._db.execute(
                "SELECT source, municipality, body, date, place, participants, url"
                " FROM meetings WHERE id=?",
                (meeting_id,),
            ).fetchone()
            if row is None:
                return None
            items = self._db.execute(
                _ITEM_SELECT + " WHERE i.meeting_id=? ORDER BY i.idx", (meeting_id,)
            ).fetchall()
        return _meeting_from_row(row), [_stored_item(item) for item in items]

    def item_chunk_ids(self, item_id: str) -> list[str]:
        with self._lock:
            rows = self._db.execute("SELECT id FROM chunks WHERE item_id=?", (item_id,))
            return [str(chunk_id) for (chunk_id,) in rows]

    def item_tokens(self, item_id: str) -> list[list[str]]:
        """The indexed words of each chunk of an item, in order (for judging whether it
        covers a question)."""
        with self._lock:
            rows = self._db.execute("SELECT tokens FROM chunks WHERE item_id=?", (item_id,))
            return [str(tokens).split() for (tokens,) in rows]

    def bodies(self, include_closed: bool) -> list[str]:
        """Every body the archive holds meetings of (with an open item, without
        `include_closed`)."""
        return self._meeting_names("body", include_closed)

    def municipalities(self, include_closed: bool) -> list[str]:
        """Every municipality the archive holds meetings of (as `bodies`)."""
        return self._meeting_names("municipality", include_closed)

    def _meeting_names(
        self, column: Literal["body", "municipality"], include_closed: bool
    ) -> list[str]:
        visible = "" if include_closed else " AND i.closed = 0"
        with self._lock:
            rows = self._db.execute(
                f"SELECT DISTINCT m.{column} FROM meetings m JOIN items i ON i.meeting_id = m.id"
                f" WHERE m.{column} IS NOT NULL{visible} ORDER BY m.{column}"
            ).fetchall()
        return [str(row[0]) for row in rows]

    def items_of_case(self, case_number: str) -> list[StoredItem]:
        """Every stage of a case, oldest first."""
        return self._items("i.case_number=? ORDER BY m.date, m.id, i.idx", case_number)


class ChunkFacts(NamedTuple):
    """A chunk's item and section kind: what ranking weighs (see search.py)."""

    ref: ItemRef
    section_kind: str


# an item's identity (ItemRef) as columns named like its fields
_REF_COLUMNS = (
    "i.id AS item_id, i.meeting_id, m.source, m.municipality, m.body, m.date AS meeting_date,"
    " i.number AS item_number, i.title AS item_title, i.case_number, i.closed, m.url"
)
_AFTER_REF = 1 + len(fields(ItemRef))  # the selects put c.id first, then the ref's columns
_DATE_AT = [f.name for f in fields(ItemRef)].index("meeting_date")
_CLOSED_AT = [f.name for f in fields(ItemRef)].index("closed")
# _ref reads _REF_COLUMNS by position: they must stay in the order of ItemRef's fields
assert [c.rsplit(" ", 1)[-1].split(".")[-1] for c in _REF_COLUMNS.split(",")] == [
    f.name for f in fields(ItemRef)
], "_REF_COLUMNS must list ItemRef's fields in order"
_JOIN = " FROM chunks c JOIN items i ON i.id = c.item_id JOIN meetings m ON m.id = i.meeting_id"
_CHUNK_SELECT = (
    f"SELECT c.id, {_REF_COLUMNS}, c.section_kind, c.section_heading, c.page, c.dense, c.text"
    + _JOIN
)
_FACTS_SELECT = f"SELECT c.id, {_REF_COLUMNS}, c.section_kind" + _JOIN
_ITEM_SELECT = (
    "SELECT i.id, i.meeting_id, m.source, m.municipality, m.body, m.date, m.place, m.participants,"
    " m.url, i.number, i.title, i.case_number, i.closed, i.page_start, i.page_end, i.sections"
    " FROM items i JOIN meetings m ON m.id = i.meeting_id"
)


def _rows(ids: Iterable[str]) -> Iterator[tuple[str]]:
    return ((i,) for i in ids)


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def _ref(row: Sequence[Any]) -> ItemRef:
    """The ItemRef of a row of _CHUNK_SELECT or _FACTS_SELECT (c.id, then _REF_COLUMNS)."""
    values = list(row[1:_AFTER_REF])
    values[_DATE_AT] = _date(values[_DATE_AT])
    values[_CLOSED_AT] = bool(values[_CLOSED_AT])
    return ItemRef(*values)


def _chunk_from_row(row: sqlite3.Row) -> Chunk:
    return Chunk(
        id=str(row["id"]),
        ref=_ref(row),
        section_kind=SectionKind(str(row["section_kind"])),
        section_heading=str(row["section_heading"]),
        page=row["page"],
        dense=bool(row["dense"]),
        text=str(row["text"]),
    )


def _meeting_from_row(row: sqlite3.Row) -> Meeting:
    return Meeting(
        municipality=row["municipality"],
        body=row["body"],
        date=_date(row["date"]),
        place=row["place"],
        participants=json.loads(str(row["participants"])),
        source=str(row["source"]),
        url=row["url"],
    )


def _stored_item(row: sqlite3.Row) -> StoredItem:
    item = AgendaItem(
        number=row["number"],
        title=str(row["title"]),
        case_number=row["case_number"],
        closed=bool(row["closed"]),
        page_start=row["page_start"],
        page_end=row["page_end"],
        sections=[Section.model_validate(s) for s in json.loads(str(row["sections"]))],
    )
    return StoredItem(
        id=str(row["id"]), meeting_id=str(row["meeting_id"]), meeting=_meeting_from_row(row),
        item=item,
    )  # fmt: skip
