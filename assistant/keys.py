"""API keys with scopes, stored hashed in the data dir.

A key is 32 random bytes (URL-safe base64) shown once when created. Only its SHA-256 is
stored: with that much randomness a slow password hash adds nothing, and checking a key
stays a single indexed lookup on every request.

Scopes: `read` (open items), `closed` (closed items too), `write` (upload/delete),
`admin` (everything).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ConfigurationError, KeysDamagedError, NotFoundError
from assistant.file_checks import is_damage, sqlite_problem

__all__ = ["SCOPES", "Caller", "KeyRecord", "KeyStore"]

SCOPES = ("read", "closed", "write", "admin")
PREFIX = "rk_"


@dataclass(frozen=True)
class Caller:
    """Who is asking and what they may do."""

    name: str
    scopes: frozenset[str]

    def may(self, scope: str) -> bool:
        return "admin" in self.scopes or scope in self.scopes

    @property
    def sees_closed(self) -> bool:
        return self.may("closed")


@dataclass(frozen=True)
class KeyRecord:
    name: str
    scopes: tuple[str, ...]
    created: str


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class KeyStore:
    """`keys.sqlite` in the data dir; without `create`, a missing file reads as no keys and
    nothing is created."""

    def __init__(self, data_dir: Path, create: bool = True) -> None:
        path = data_dir / "keys.sqlite"
        self._lock = threading.Lock()
        # keys are not derived from anything: a damaged file is reported, never replaced
        problem = sqlite_problem(path) if path.exists() else None
        if problem:
            raise KeysDamagedError(path, problem)
        if create:
            data_dir.mkdir(parents=True, exist_ok=True)
        target = str(path) if create or path.exists() else ":memory:"
        self._db = sqlite3.connect(target, check_same_thread=False)
        try:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS keys (name TEXT PRIMARY KEY,"
                " digest TEXT UNIQUE NOT NULL, scopes TEXT NOT NULL, created TEXT NOT NULL)"
            )
            self._db.commit()
            found = [str(r[0]) for r in self._db.execute("PRAGMA quick_check(3)").fetchall()]
        except sqlite3.DatabaseError as error:
            self._db.close()
            if is_damage(error):
                raise KeysDamagedError(path, f"is damaged ({error})") from error
            raise
        if found != ["ok"]:
            self._db.close()
            raise KeysDamagedError(path, f"is damaged ({'; '.join(found)[:200]})")

    def close(self) -> None:
        self._db.close()

    def create(self, name: str, scopes: list[str]) -> str:
        """A new key for `name`; returns the key itself, which is never stored."""
        unknown = sorted(set(scopes) - set(SCOPES))
        if unknown or not scopes:
            raise ConfigurationError(
                f"unknown scope(s) {', '.join(unknown) or '(none given)'}: choose from "
                + ", ".join(SCOPES)
            )
        if not name.strip():
            raise ConfigurationError("a key needs a name (who or what uses it)")
        key = PREFIX + secrets.token_urlsafe(32)
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._lock:
            try:
                self._db.execute(
                    "INSERT INTO keys VALUES (?, ?, ?, ?)",
                    (name, _digest(key), ",".join(sorted(set(scopes))), created),
                )
            except sqlite3.IntegrityError as error:
                raise ConfigurationError(
                    f"a key named {name!r} exists: revoke it first or choose another name"
                ) from error
            self._db.commit()
        return key

    def list(self) -> list[KeyRecord]:
        with self._lock:
            rows = self._db.execute("SELECT name, scopes, created FROM keys ORDER BY name")
            return [KeyRecord(n, tuple(s.split(",")), c) for n, s, c in rows.fetchall()]

    def revoke(self, name: str) -> None:
        with self._lock:
            deleted = self._db.execute("DELETE FROM keys WHERE name=?", (name,)).rowcount
            self._db.commit()
        if not deleted:
            raise NotFoundError(f"no key named {name!r}: `referat keys list` shows them")

    def verify(self, key: str) -> Caller | None:
        """The caller a presented key belongs to, or None."""
        digest = _digest(key)
        with self._lock:
            row = self._db.execute(
                "SELECT name, digest, scopes FROM keys WHERE digest=?", (digest,)
            ).fetchone()
        if row is None or not hmac.compare_digest(row[1], digest):
            return None
        return Caller(name=row[0], scopes=frozenset(row[2].split(",")))
