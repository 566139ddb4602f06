"""Watches: saved queries, and what new or changed items matched them, in `watches.sqlite`.

A watch belongs to the API key that made it (`key:NAME`) or to the data dir's owner
(`local`, the CLI). It sees closed items only if its owner could when it was made, and
only while the owner still can (`audience`). Its feed token is stored hashed, like an API
key: shown once. Its webhook secret is kept as is: it signs every delivery.

Which documents and items were already matched is kept here too, so a match after an
interrupted ingest picks up what it missed, and an item stored again unchanged (or moved
from an agenda to the minutes of the same meeting unchanged) is not news. Every change is
one SQLite transaction: the file is never half-written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import NotFoundError, WatchesDamagedError
from assistant.file_checks import is_damage, sqlite_problem
from assistant.keys import Caller, KeyRecord
from assistant.model import Citation, Filters, ItemRef
from assistant.transactions import immediate

__all__ = [
    "LOCAL",
    "RecordedHit",
    "Watch",
    "WatchHit",
    "WatchStore",
    "audience",
    "key_owner",
    "new_secret",
]

LOCAL = "local"
FILE = "watches.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS watches (
    id TEXT PRIMARY KEY, owner TEXT NOT NULL, query TEXT NOT NULL, filters TEXT NOT NULL,
    closed INTEGER NOT NULL, created TEXT NOT NULL, feed_digest TEXT NOT NULL,
    webhook_url TEXT, webhook_secret TEXT);
CREATE TABLE IF NOT EXISTS hits (
    watch_id TEXT NOT NULL, entry TEXT NOT NULL, item_id TEXT NOT NULL, recorded TEXT NOT NULL,
    closed INTEGER NOT NULL, citation TEXT NOT NULL,
    delivered INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (watch_id, entry));
CREATE TABLE IF NOT EXISTS documents_seen (source TEXT PRIMARY KEY, sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items_seen (item_key TEXT PRIMARY KEY, digest TEXT NOT NULL);
-- each watch query's vector, so a process that matches once (an ingest) does not embed them all
CREATE TABLE IF NOT EXISTS query_vectors (
    embedder TEXT NOT NULL, text_key TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (embedder, text_key));
CREATE INDEX IF NOT EXISTS watches_owner ON watches(owner);
CREATE INDEX IF NOT EXISTS hits_pending ON hits(delivered, watch_id);
"""


def key_owner(name: str) -> str:
    """The owner of watches made with the API key `name`."""
    return f"key:{name}"


def new_secret(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Watch:
    """A saved query and where its news goes."""

    id: str
    owner: str  # "local" or "key:NAME"
    query: str
    filters: Filters
    closed: bool  # may see closed items (its owner could when it was made)
    created: str  # ISO 8601, UTC
    webhook_url: str | None = None
    webhook_secret: str | None = None  # signs deliveries; never shown after creation

    @property
    def key_name(self) -> str | None:
        """The API key that owns it (None for the CLI's own)."""
        return self.owner.removeprefix("key:") if self.owner.startswith("key:") else None


def audience(watch: Watch, keys: Sequence[KeyRecord]) -> bool | None:
    """May the watch see closed items now? Its own say, narrowed to what its key may do
    today; None when its key was revoked or may no longer read (it then sees nothing)."""
    name = watch.key_name
    if name is None:
        return watch.closed
    record = next((k for k in keys if k.name == name), None)
    if record is None:
        return None
    owner = Caller(name, frozenset(record.scopes))
    if not owner.may("read"):
        return None
    return watch.closed and owner.sees_closed


@dataclass(frozen=True)
class WatchHit:
    """A new or changed item that matched a watch, as recorded then."""

    watch_id: str
    entry: str  # stable id of this version of the item (feed entry id, webhook dedupe key)
    recorded: dt.datetime
    citation: Citation
    delivered: bool = False


@dataclass(frozen=True)
class RecordedHit:
    """What matching found, before it is stored."""

    watch_id: str
    entry: str
    citation: Citation


def _citation_json(citation: Citation) -> str:
    ref = citation.ref.fields()
    ref["meeting_date"] = (
        citation.ref.meeting_date.isoformat() if citation.ref.meeting_date else None
    )
    body = {"ref": ref, "section": citation.section, "page": citation.page, "quote": citation.quote}
    return json.dumps(body, ensure_ascii=False)


def _hit(row: sqlite3.Row) -> WatchHit:
    return WatchHit(
        watch_id=row["watch_id"],
        entry=row["entry"],
        recorded=dt.datetime.fromisoformat(row["recorded"]),
        citation=_citation(row["citation"]),
        delivered=bool(row["delivered"]),
    )


def _citation(text: str) -> Citation:
    body = json.loads(text)
    ref = dict(body["ref"])
    date = ref.get("meeting_date")
    ref["meeting_date"] = dt.date.fromisoformat(date) if date else None
    return Citation(
        ref=ItemRef(**ref), section=body["section"], page=body["page"], quote=body["quote"]
    )


def _watch(row: sqlite3.Row) -> Watch:
    return Watch(
        id=row["id"],
        owner=row["owner"],
        query=row["query"],
        filters=Filters.model_validate_json(row["filters"]),
        closed=bool(row["closed"]),
        created=row["created"],
        webhook_url=row["webhook_url"],
        webhook_secret=row["webhook_secret"],
    )


class WatchStore:
    """`watches.sqlite` in the data dir; safe to share between threads (one lock)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE
        problem = sqlite_problem(self.path) if self.path.exists() else None
        if problem:
            raise WatchesDamagedError(self.path, problem)
        data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        try:
            with self._guard():
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.executescript(_SCHEMA)
        except BaseException:
            self._db.close()
            raise

    @staticmethod
    def exists(data_dir: Path) -> bool:
        """Has anyone ever made a watch here? (Ingest skips all of this when not.)"""
        return (data_dir / FILE).exists()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> WatchStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        with self._lock:
            try:
                yield
            except sqlite3.DatabaseError as error:
                if is_damage(error):
                    raise WatchesDamagedError(self.path, f"is damaged ({error})") from error
                raise

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._guard(), immediate(self._db) as db:
            yield db

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._guard():
            return self._db.execute(sql, args).fetchall()

    # -- watches ---------------------------------------------------------------------------
    def create(
        self,
        owner: str,
        query: str,
        filters: Filters,
        closed: bool,
        documents: Iterable[tuple[str, str]],
        webhook_url: str | None = None,
    ) -> tuple[Watch, str]:
        """A new watch and its feed token (shown once). `documents` are the archive's
        (source, version) now: the first watch marks them seen, so it reports what comes
        after it, not the whole archive."""
        token = new_secret("ft_")
        watch = Watch(
            id="w" + secrets.token_hex(8),
            owner=owner,
            query=query,
            filters=filters,
            closed=closed,
            created=_now(),
            webhook_url=webhook_url,
            webhook_secret=new_secret("whsec_") if webhook_url else None,
        )
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM meta WHERE key='baseline'").fetchone() is None:
                db.executemany("INSERT OR REPLACE INTO documents_seen VALUES (?, ?)", documents)
                db.execute("INSERT INTO meta VALUES ('baseline', ?)", (watch.created,))
            db.execute(
                "INSERT INTO watches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    watch.id, owner, query, filters.model_dump_json(), int(closed),
                    watch.created, _digest(token), webhook_url, watch.webhook_secret,
                ),
            )  # fmt: skip
        return watch, token

    def watches(self, owner: str | None = None) -> list[Watch]:
        """Every watch (of one owner), oldest first."""
        where, args = ("WHERE owner=?", (owner,)) if owner else ("", ())
        rows = self._rows(f"SELECT * FROM watches {where} ORDER BY created, rowid", args)
        return [_watch(row) for row in rows]

    def watch(self, watch_id: str, owner: str | None = None) -> Watch:
        """One watch (of this owner); NotFoundError otherwise."""
        rows = self._rows("SELECT * FROM watches WHERE id=?", (watch_id,))
        if not rows or (owner is not None and rows[0]["owner"] != owner):
            raise NotFoundError(
                f"no watch {watch_id!r}: `GET /v1/watches` or `referat watch list` shows them"
            )
        return _watch(rows[0])

    def by_feed_token(self, watch_id: str, token: str) -> Watch | None:
        """The watch, if `token` is its feed token (compared in constant time)."""
        rows = self._rows("SELECT * FROM watches WHERE id=?", (watch_id,))
        expected = rows[0]["feed_digest"] if rows else _digest("")
        if not hmac.compare_digest(expected, _digest(token)) or not rows:
            return None
        return _watch(rows[0])

    def delete(self, watch_id: str, owner: str | None = None) -> None:
        self.watch(watch_id, owner)
        with self._transaction() as db:
            db.execute("DELETE FROM hits WHERE watch_id=?", (watch_id,))
            db.execute("DELETE FROM watches WHERE id=?", (watch_id,))

    # -- hits ------------------------------------------------------------------------------
    def hits(self, watch_id: str, include_closed: bool, limit: int = 100) -> list[WatchHit]:
        """A watch's hits, newest first; closed ones only with `include_closed`."""
        closed = "" if include_closed else "AND closed=0"
        rows = self._rows(
            f"SELECT * FROM hits WHERE watch_id=? {closed} ORDER BY recorded DESC, rowid DESC"
            " LIMIT ?",
            (watch_id, limit),
        )
        return [_hit(row) for row in rows]

    def pending(self, watch_id: str, include_closed: bool, limit: int) -> list[WatchHit]:
        """Hits not yet delivered to the watch's webhook, oldest first."""
        closed = "" if include_closed else "AND closed=0"
        rows = self._rows(
            f"SELECT * FROM hits WHERE watch_id=? AND delivered=0 {closed}"
            " ORDER BY recorded, rowid LIMIT ?",
            (watch_id, limit),
        )
        return [_hit(row) for row in rows]

    def mark_delivered(self, watch_id: str, entries: list[str]) -> None:
        with self._transaction() as db:
            db.executemany(
                "UPDATE hits SET delivered=1 WHERE watch_id=? AND entry=?",
                ((watch_id, entry) for entry in entries),
            )

    def mark_failed(self, watch_id: str, entries: list[str], give_up_after: int) -> None:
        """One more failed delivery run for these hits; after `give_up_after`, they stay
        in the feed but are no longer sent."""
        with self._transaction() as db:
            db.executemany(
                "UPDATE hits SET attempts=attempts+1, delivered=CASE WHEN attempts+1>=? THEN 2"
                " ELSE delivered END WHERE watch_id=? AND entry=?",
                ((give_up_after, watch_id, entry) for entry in entries),
            )

    # -- what was matched already -----------------------------------------------------------
    def documents_seen(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self._rows("SELECT * FROM documents_seen")}

    def items_seen(self, keys: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ",".join("?" * len(part))
            rows = self._rows(f"SELECT * FROM items_seen WHERE item_key IN ({marks})", part)
            found.update({row[0]: row[1] for row in rows})
        return found

    def query_vectors(self, embedder: str) -> dict[str, bytes]:
        """Question vectors an embedder made for watch queries before, by text key."""
        rows = self._rows(
            "SELECT text_key, vector FROM query_vectors WHERE embedder=?", (embedder,)
        )
        return {row[0]: bytes(row[1]) for row in rows}

    def record(
        self,
        hits: list[RecordedHit],
        documents: dict[str, str],
        removed: list[str],
        items: dict[str, str],
        vectors: tuple[str, dict[str, bytes]] = ("", {}),
    ) -> int:
        """Store what one match found, and the documents (source: version), items
        (key: digest) and (embedder, query vectors) it has now seen, in one transaction;
        returns how many hits are new (a hit recorded before is not recorded twice)."""
        now = _now()
        embedder, by_key = vectors
        with self._transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO query_vectors VALUES (?, ?, ?)",
                ((embedder, key, vector) for key, vector in by_key.items()),
            )
            before = db.total_changes
            db.executemany(
                "INSERT OR IGNORE INTO hits (watch_id, entry, item_id, recorded, closed, citation)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (h.watch_id, h.entry, h.citation.ref.item_id, now,
                     int(h.citation.ref.closed), _citation_json(h.citation))
                    for h in hits
                ),
            )  # fmt: skip
            added = db.total_changes - before
            db.executemany("DELETE FROM documents_seen WHERE source=?", ((s,) for s in removed))
            db.executemany("INSERT OR REPLACE INTO documents_seen VALUES (?, ?)", documents.items())
            db.executemany("INSERT OR REPLACE INTO items_seen VALUES (?, ?)", items.items())
        return added
