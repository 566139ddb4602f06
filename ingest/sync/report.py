"""What a sync is asked to do, and what it did."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ingest.pipeline import IngestReport
from ingest.sync.listing import Scope

__all__ = ["Failure", "SyncOptions", "SyncReport"]


@dataclass(frozen=True)
class SyncOptions:
    """What to sync: the portal, and which of its meetings."""

    url: str
    municipality: str | None = None
    since: dt.date | None = None
    bodies: tuple[str, ...] = ()
    attachments: bool = False

    def scope(self) -> Scope:
        return Scope(self.since, self.bodies)


@dataclass(frozen=True)
class Failure:
    what: str  # a meeting's file name and description, or an attachment's name
    reason: str


@dataclass
class SyncReport:
    """What a sync did; `summary()` is what the CLI prints and `GET /v1/sync` returns."""

    portal: str
    listed: int = 0  # meetings in scope on the portal (agendas replaced by minutes left out)
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[Failure] = field(default_factory=list)
    attachments: int = 0  # attachment PDFs stored with the meetings fetched
    attachment_problems: list[Failure] = field(default_factory=list)
    ingest: IngestReport = field(default_factory=IngestReport)
    seconds: dict[str, float] = field(default_factory=dict)
    stopped: bool = False

    def summary(self) -> dict[str, Any]:
        totals = self.ingest.summary()
        return {
            "portal": self.portal,
            "listed": self.listed,
            "new": len(self.new),
            "changed": len(self.changed),
            "removed": len(self.removed),
            "unchanged": self.unchanged,
            "failed": len(self.failed),
            "attachments": self.attachments,
            "attachments_skipped": len(self.attachment_problems),
            "items": totals["items"],
            "chunks": totals["chunks"],
            "failures": [{"meeting": f.what, "reason": f.reason} for f in self.failed],
            "attachment_failures": [
                {"attachment": f.what, "reason": f.reason} for f in self.attachment_problems
            ],
            "seconds": {key: round(value, 2) for key, value in self.seconds.items()},
        }
