"""What a sync knows between runs, in `sync/state.sqlite` in the data dir.

Per meeting: the stamp the portal listed it with, the stored file and its hash, and how far it
got: `fetched` (its files are complete on disk) or `ingested` (the archive holds it). A sync
that stops anywhere resumes from this: fetched meetings are ingested without asking the portal
again, and a meeting is only ever marked after its files are whole. Per run: when, and the
summary, which `GET /v1/sync` shows. One sync at a time per data dir (`SyncLock`).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from assistant.errors import SyncRunningError

__all__ = ["MeetingState", "RunRecord", "SyncLock", "SyncState", "now"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meetings (
    portal TEXT NOT NULL,
    id TEXT NOT NULL,
    file TEXT NOT NULL,
    body TEXT,
    date TEXT,
    stamp TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL,          -- fetched | ingested | failed
    attachments TEXT NOT NULL,     -- JSON list of the attachment files it refers to
    with_attachments INTEGER NOT NULL,  -- fetched with --attachments, all of them stored
    updated TEXT NOT NULL,
    PRIMARY KEY (portal, id)
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    portal TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT,
    outcome TEXT,                  -- ok | failed | error | stopped; NULL while running
    summary TEXT NOT NULL
);
"""


def now() -> str:
    """The current time, UTC, to the second, ISO 8601."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class MeetingState:
    id: str
    file: str
    body: str | None
    date: dt.date | None
    stamp: str
    sha256: str
    status: str
    attachments: tuple[str, ...]
    with_attachments: bool


@dataclass(frozen=True)
class RunRecord:
    id: int
    portal: str
    started: str
    finished: str | None
    outcome: str | None
    summary: dict[str, Any]


class SyncState:
    """The sync state of one data dir (all portals it syncs from)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            folder / "state.sqlite", check_same_thread=False, isolation_level=None
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SyncState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def meetings(self, portal: str) -> dict[str, MeetingState]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, file, body, date, stamp, sha256, status, attachments, "
                "with_attachments FROM meetings WHERE portal = ?",
                (portal,),
            ).fetchall()
        return {
            row[0]: MeetingState(
                id=row[0],
                file=row[1],
                body=row[2],
                date=dt.date.fromisoformat(row[3]) if row[3] else None,
                stamp=row[4],
                sha256=row[5],
                status=row[6],
                attachments=tuple(json.loads(row[7])),
                with_attachments=bool(row[8]),
            )
            for row in rows
        }

    def record(self, portal: str, meeting: MeetingState) -> None:
        """Remember a meeting as it is now (its files are on disk before this is called)."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO meetings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    portal, meeting.id, meeting.file, meeting.body,
                    meeting.date.isoformat() if meeting.date else None, meeting.stamp,
                    meeting.sha256, meeting.status, json.dumps(list(meeting.attachments)),
                    int(meeting.with_attachments), now(),
                ),
            )  # fmt: skip

    def mark(self, portal: str, meeting_id: str, status: str) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE meetings SET status = ?, updated = ? WHERE portal = ? AND id = ?",
                (status, now(), portal, meeting_id),
            )

    def forget(self, portal: str, meeting_id: str) -> None:
        with self._lock:
            self._db.execute(
                "DELETE FROM meetings WHERE portal = ? AND id = ?", (portal, meeting_id)
            )

    def referenced_attachments(self, portal: str) -> set[str]:
        """Every attachment file a remembered meeting of this portal refers to."""
        with self._lock:
            rows = self._db.execute(
                "SELECT attachments FROM meetings WHERE portal = ?", (portal,)
            ).fetchall()
        return {name for (names,) in rows for name in json.loads(names)}

    def start_run(self, portal: str) -> int:
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO runs (portal, started, summary) VALUES (?, ?, '{}')",
                (portal, now()),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def update_run(self, run: int, summary: dict[str, Any], outcome: str | None = None) -> None:
        """The run's summary so far; with `outcome`, the run has ended."""
        with self._lock:
            self._db.execute(
                "UPDATE runs SET summary = ?, outcome = ?, finished = ? WHERE id = ?",
                (
                    json.dumps(summary, ensure_ascii=False),
                    outcome,
                    now() if outcome else None,
                    run,
                ),
            )

    def last_runs(self, count: int = 1) -> list[RunRecord]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, portal, started, finished, outcome, summary FROM runs "
                "ORDER BY id DESC LIMIT ?",
                (count,),
            ).fetchall()
        return [RunRecord(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]


class SyncLock:
    """One sync per data dir at a time, across processes and threads: `sync/sync.lock`.

    Held as an open file with an exclusive flock, which dies with its process (a killed sync
    never leaves it held). It may be released from another thread than the one that took it
    (the API takes it in the request and the background sync releases it).
    """

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._path = folder / "sync.lock"
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock or raise SyncRunningError naming when the running sync started."""
        handle = self._path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            started = handle.read().strip() or None
            handle.close()
            raise SyncRunningError(started) from None
        handle.seek(0)
        handle.truncate()
        handle.write(now())
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None

    def is_held(self) -> bool:
        """Is a sync running now (in this process or another)?"""
        with self._path.open("a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
            return False

    @contextmanager
    def held(self) -> Iterator[None]:
        self.acquire()
        try:
            yield
        finally:
            self.release()
