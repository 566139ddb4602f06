"""The catalog's log of added and removed chunks, from which the word index catches up.

Every write to the catalog records, in its own transaction, which chunks it added and which it
removed (with the removed chunks' words: the index must take them out of its word counts, and
the catalog no longer holds them). A word index at generation g catches up with the catalog by
reading what changed after g, instead of reading every chunk again. The log keeps the last
KEEP_GENERATIONS writes; an index older than that is rebuilt whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["KEEP_GENERATIONS", "LexicalChanges", "changes", "record", "rows"]

# How many writes back an index can catch up from (~1,000 documents stored or deleted):
# saved indexes are updated after every ingest, so this only matters for one left behind.
KEEP_GENERATIONS = 1000

# created by the first write that logs (a reader, `referat check` above all, changes nothing)
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS lexical_log (generation INTEGER NOT NULL,"
    " removed INTEGER NOT NULL, chunk_id TEXT NOT NULL, closed INTEGER NOT NULL, tokens TEXT)",
    "CREATE INDEX IF NOT EXISTS lexical_log_generation ON lexical_log(generation)",
)
# the generation after which every change is in the log (set by the first write that logs)
SINCE_KEY = "lexical_log_since"

# what the index reads of a chunk: (chunk id, tokens, body, municipality, case number, date,
# closed, dense), as FilterIndex takes it
_ROWS = (
    "SELECT c.id, c.tokens, m.body, m.municipality, i.case_number, m.date, i.closed, c.dense"
    " FROM chunks c JOIN items i ON i.id = c.item_id JOIN meetings m ON m.id = i.meeting_id"
)
_OF_SOURCE = " FROM chunks c JOIN items i ON i.id = c.item_id WHERE c.source = ?"


def record(db: sqlite3.Connection, generation: int, source: str, removed: bool) -> None:
    """Log a source's chunks as removed (before they go) or added (once they are in), as part
    of the write of `generation` (the caller's transaction)."""
    for statement in SCHEMA:
        db.execute(statement)
    db.execute("INSERT OR IGNORE INTO meta VALUES (?, ?)", (SINCE_KEY, str(generation - 1)))
    tokens = "c.tokens" if removed else "NULL"
    db.execute(
        "INSERT INTO lexical_log (generation, removed, chunk_id, closed, tokens)"
        f" SELECT ?, ?, c.id, i.closed, {tokens}" + _OF_SOURCE,
        (generation, int(removed), source),
    )
    if generation % 100 == 0:  # trimmed now and then: one delete per write would cost more
        db.execute(
            "DELETE FROM lexical_log WHERE generation <= ?", (generation - KEEP_GENERATIONS,)
        )


@dataclass(frozen=True)
class LexicalChanges:
    """What changed in the catalog after an index's generation, for that index's audience."""

    generation: int  # the catalog's, now
    chunks: int  # how many chunks the catalog holds
    added: list[tuple[Any, ...]]  # rows of chunks added since and still held, in stored order
    removed: list[tuple[str, str]]  # (chunk id, its tokens) of chunks removed since, each once
    closed_added: int  # closed chunks added since, each time one was (to count hidden ones)
    closed_removed: int


def _held(db: sqlite3.Connection) -> int:
    """How many chunks the catalog holds (per document: a count of the chunks table took
    ~0.1 s at a million chunks, as long as the update it checks)."""
    return int(db.execute("SELECT COALESCE(SUM(chunks), 0) FROM documents").fetchone()[0])


def changes(db: sqlite3.Connection, since: int, include_closed: bool) -> LexicalChanges | None:
    """The changes after generation `since` (the caller holds a read transaction); None when
    the log does not reach back that far."""
    meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('generation', ?)",
                           (SINCE_KEY,)).fetchall())  # fmt: skip
    generation = int(meta.get("generation") or 0)
    first = meta.get(SINCE_KEY)
    if first is None or since < int(first) or since < generation - KEEP_GENERATIONS:
        return None
    if since > generation:
        return None  # an index of another catalog (this one was replaced)
    events = db.execute(
        "SELECT removed, chunk_id, closed, tokens FROM lexical_log WHERE generation > ?"
        " ORDER BY generation, removed DESC",
        (since,),
    ).fetchall()
    removed: dict[str, str] = {}
    for was_removed, chunk_id, _closed, tokens in events:
        if was_removed:
            removed.setdefault(chunk_id, tokens)  # the first removal: of the version held then
    visible = "" if include_closed else " AND i.closed = 0"
    added = db.execute(
        _ROWS + " WHERE c.id IN (SELECT chunk_id FROM lexical_log WHERE generation > ?"
        f" AND removed = 0){visible} ORDER BY c.rowid",
        (since,),
    ).fetchall()
    return LexicalChanges(
        generation=generation,
        chunks=_held(db),
        added=added,
        removed=list(removed.items()),
        closed_added=sum(1 for e in events if e[2] and not e[0]),
        closed_removed=sum(1 for e in events if e[2] and e[0]),
    )


def rows(
    db: sqlite3.Connection, include_closed: bool, batch: int = 50_000
) -> tuple[int, int, Iterator[list[tuple[Any, ...]]]]:
    """(generation, chunks held, the rows of every chunk the audience may see in stored order,
    a batch at a time); the caller holds a read transaction until it has read them all."""
    generation = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    chunks = _held(db)
    visible = "" if include_closed else " WHERE i.closed = 0"
    cursor = db.execute(_ROWS + visible + " ORDER BY c.rowid")

    def batches() -> Iterator[list[tuple[Any, ...]]]:
        while part := cursor.fetchmany(batch):
            yield part

    return int(generation[0]) if generation else 0, chunks, batches()
