"""`referat sync`: keep an archive current from a FirstAgenda publication portal.

portal.py   one polite HTTP client (timeouts, retries honouring Retry-After, a session)
listing.py  the portal's committee list as meetings; minutes that replace an agenda
folder.py   the meetings' JSON and attachment PDFs as files, each written whole
state.py    what was fetched and ingested, between runs; one sync at a time
run.py      one sync: fetch what is new or changed, ingest it, remove what went away
"""

from __future__ import annotations

from ingest.sync.portal import PortalStopped
from ingest.sync.report import Failure, SyncOptions, SyncReport
from ingest.sync.run import sync_portal
from ingest.sync.state import SyncLock, SyncState

__all__ = [
    "Failure",
    "PortalStopped",
    "SyncLock",
    "SyncOptions",
    "SyncReport",
    "SyncState",
    "sync_portal",
]
