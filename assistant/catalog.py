"""The catalog: meetings, items, sections and chunks in SQLite — the archive's source of truth.

A document is written in one transaction, so it is in the catalog whole or not at all. The
vector index (Chroma) and the lexical index only ever serve chunks the catalog holds.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from assistant.chunking import item_id, meeting_id
from assistant.model import AgendaItem, Chunk, Meeting, Section, SectionKind

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


class Catalog:
    """SQLite catalog in the data dir; safe to share between threads (one lock)."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

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
        return None if row is None else DocumentRecord(*row)

    def documents(self) -> list[DocumentRecord]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM documents ORDER BY source").fetchall()
        return [DocumentRecord(*row) for row in rows]

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
            self._delete_rows(db, source)
            db.executemany("INSERT OR IGNORE INTO vector_journal VALUES (?)", _rows(old))
            n_items = 0
            for m, meeting in enumerate(meetings):
                mid = meeting_id(source, m)
                db.execute(
                    "INSERT INTO meetings VALUES (?,?,?,?,?,?,?,?,?)",
                    (
                        mid,
                        source,
                        m,
                        meeting.municipality,
                        meeting.body,
                        meeting.date.isoformat() if meeting.date else None,
                        meeting.place,
                        json.dumps(meeting.participants, ensure_ascii=False),
                        meeting.url,
                    ),
                )
                for i, item in enumerate(meeting.items):
                    n_items += 1
                    sections = [s.model_dump(mode="json") for s in item.sections]
                    db.execute(
                        "INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        (
                            item_id(mid, i),
                            mid,
                            source,
                            i,
                            item.number,
                            item.title,
                            item.case_number,
                            int(item.closed),
                            item.page_start,
                            item.page_end,
                            json.dumps(sections, ensure_ascii=False),
                        ),
                    )
            db.executemany(
                "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    (
                        c.id,
                        c.item_id,
                        source,
                        c.section_kind.value,
                        c.section_heading,
                        c.page,
                        int(c.dense),
                        c.text,
                        tokens,
                    )
                    for c, tokens in zip(chunks, chunk_tokens, strict=True)
                ),
            )
            db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?)",
                (source, sha256, reader, now, len(meetings), n_items, len(chunks)),
            )
            self._bump_generation(db)
            # the new chunks are in the catalog now: no longer pending
            db.executemany(
                "DELETE FROM vector_journal WHERE chunk_id=?", _rows(c.id for c in chunks)
            )
        return old

    def delete_document(self, source: str) -> list[str]:
        """Remove a document's rows; returns its chunk ids, journaled for vector removal."""
        with self.transaction() as db:
            old = [r[0] for r in db.execute("SELECT id FROM chunks WHERE source=?", (source,))]
            self._delete_rows(db, source)
            db.executemany("INSERT OR IGNORE INTO vector_journal VALUES (?)", _rows(old))
            self._bump_generation(db)
        return old

    @staticmethod
    def _bump_generation(db: sqlite3.Connection) -> None:
        # every change to what the archive holds gets a new number: derived indexes compare it
        db.execute(
            "INSERT INTO meta VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE"
            " SET value = CAST(value AS INTEGER) + 1"
        )

    def generation(self) -> int:
        return int(self.get_meta("generation") or 0)

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

    def _rows_by_chunk_ids(self, select: str, ids: list[str]) -> list[tuple[Any, ...]]:
        """Rows of `select` (which names the chunks table `c`) for the given chunk ids, in
        batches that stay under SQLite's limit on query parameters."""
        rows: list[tuple[Any, ...]] = []
        with self._lock:
            for start in range(0, len(ids), 500):
                part = ids[start : start + 500]
                marks = ",".join("?" * len(part))
                rows += self._db.execute(f"{select} WHERE c.id IN ({marks})", part).fetchall()
        return rows

    def chunks_by_ids(self, ids: list[str]) -> dict[str, Chunk]:
        """Chunks with their item's identity, for the ids the catalog holds (others dropped)."""
        chunks = (_chunk_from_row(row) for row in self._rows_by_chunk_ids(_CHUNK_SELECT, ids))
        return {chunk.id: chunk for chunk in chunks}

    def chunk_facts(self, ids: list[str]) -> dict[str, ChunkFacts]:
        """What ranking needs of each candidate chunk, as plain tuples: a question weighs
        hundreds of candidates, and building full chunks for them was half a search."""
        return {
            row[0]: ChunkFacts(row[1], row[2], bool(row[3]), row[4], row[5], row[6] or None)
            for row in self._rows_by_chunk_ids(_FACTS_SELECT, ids)
        }

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
                f" m.url, {count}"
                f" FROM meetings m WHERE {condition} ORDER BY m.date DESC, m.id LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ).fetchall()
        page = [(row[0], _meeting_from_row(row[1:8]), int(row[8])) for row in rows]
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

    def item_tokens(self, item_id: str) -> set[str]:
        """Every indexed word of an item (for judging whether it covers a question)."""
        with self._lock:
            rows = self._db.execute("SELECT tokens FROM chunks WHERE item_id=?", (item_id,))
            return {token for (tokens,) in rows for token in tokens.split()}

    def items_of_case(self, case_number: str) -> list[StoredItem]:
        """Every stage of a case, oldest first."""
        return self._items("i.case_number=? ORDER BY m.date, m.id, i.idx", case_number)


class ChunkFacts(NamedTuple):
    """A chunk's item and the item facts that ranking weighs (see search.py)."""

    item_id: str
    section_kind: str
    closed: bool
    item_title: str
    case_number: str | None
    meeting_date: str | None  # ISO date, as stored


_CHUNK_SELECT = (
    "SELECT c.id, c.item_id, i.meeting_id, c.source, m.municipality, m.body, m.date, i.number,"
    " i.title, i.case_number, c.section_kind, c.section_heading, c.page, i.closed, c.dense, c.text"
    " FROM chunks c JOIN items i ON i.id = c.item_id JOIN meetings m ON m.id = i.meeting_id"
)
_FACTS_SELECT = (
    "SELECT c.id, c.item_id, c.section_kind, i.closed, i.title, i.case_number, m.date"
    " FROM chunks c JOIN items i ON i.id = c.item_id JOIN meetings m ON m.id = i.meeting_id"
)
_ITEM_SELECT = (
    "SELECT i.id, i.meeting_id, m.source, m.municipality, m.body, m.date, m.place, m.participants,"
    " m.url, i.number, i.title, i.case_number, i.closed, i.page_start, i.page_end, i.sections"
    " FROM items i JOIN meetings m ON m.id = i.meeting_id"
)


def _rows(ids: Iterable[str]) -> Iterator[tuple[str]]:
    return ((i,) for i in ids)


def _chunk_from_row(row: tuple[Any, ...]) -> Chunk:
    (
        cid,
        iid,
        mid,
        source,
        municipality,
        body,
        date,
        number,
        title,
        case,
        kind,
        heading,
        page,
        closed,
        dense,
        text,
    ) = row
    return Chunk(
        id=str(cid),
        item_id=str(iid),
        meeting_id=str(mid),
        source=str(source),
        municipality=municipality,
        body=body,
        meeting_date=dt.date.fromisoformat(str(date)) if date else None,
        item_number=number,
        item_title=str(title),
        case_number=case,
        section_kind=SectionKind(str(kind)),
        section_heading=str(heading),
        page=page,
        closed=bool(closed),
        dense=bool(dense),
        text=str(text),
    )


def _meeting_from_row(row: tuple[Any, ...]) -> Meeting:
    source, municipality, body, date, place, participants, url = row
    return Meeting(
        municipality=municipality,
        body=body,
        date=dt.date.fromisoformat(str(date)) if date else None,
        place=place,
        participants=json.loads(str(participants)),
        source=str(source),
        url=url,
    )


def _stored_item(row: tuple[Any, ...]) -> StoredItem:
    (
        iid,
        mid,
        source,
        municipality,
        body,
        date,
        place,
        participants,
        url,
        number,
        title,
        case,
        closed,
        page_start,
        page_end,
        sections,
    ) = row
    meeting = _meeting_from_row((source, municipality, body, date, place, participants, url))
    item = AgendaItem(
        number=number,
        title=str(title),
        case_number=case,
        closed=bool(closed),
        page_start=page_start,
        page_end=page_end,
        sections=[Section.model_validate(s) for s in json.loads(str(sections))],
    )
    return StoredItem(id=str(iid), meeting_id=str(mid), meeting=meeting, item=item)
