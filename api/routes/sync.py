"""Syncing from an agenda portal over HTTP, for admins: start one in the background
(`POST /v1/sync`), see how it goes or went (`GET /v1/sync`). One sync at a time per archive,
whether started here or by `referat sync`."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field, field_validator

from api.deps import Needs, Services, ServicesDep
from api.schemas import ERRORS
from assistant.errors import PortalError, SyncRunningError
from assistant.keys import Caller
from ingest.sync import PortalStopped, SyncLock, SyncOptions, SyncState, sync_portal
from ingest.sync.portal import normalise_url

__all__ = ["router"]

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", responses=ERRORS, tags=["sync"])
Admin = Annotated[Caller, Depends(Needs("admin"))]


class SyncRequest(BaseModel):
    """Which portal to sync from, and which of its meetings."""

    model_config = {"extra": "forbid"}

    url: str = Field(
        max_length=500, description="The FirstAgenda portal, e.g. https://dagsordener.greve.dk"
    )
    municipality: str | None = Field(
        default=None, max_length=200, description="Municipality of its meetings, e.g. Greve."
    )
    since: dt.date | None = Field(default=None, description="Only meetings on or after this day.")
    bodies: list[str] = Field(
        default_factory=list, max_length=50, description="Only these committees (all if empty)."
    )
    attachments: bool = Field(default=False, description="Also store the attachments' text.")

    @field_validator("url")
    @classmethod
    def _portal_url(cls, url: str) -> str:
        try:
            return normalise_url(url)
        except PortalError as error:
            raise ValueError(error.problem) from None


class SyncStatus(BaseModel):
    """The running sync, or the last one, with its summary."""

    running: bool = Field(description="A sync of this archive is running now.")
    portal: str | None = None
    started: str | None = Field(default=None, description="UTC, ISO 8601.")
    finished: str | None = None
    outcome: str | None = Field(
        default=None,
        description="ok, failed (some meetings failed: see summary), error (the portal could "
        "not be listed), stopped or interrupted (the next sync resumes); null while running.",
    )
    summary: dict[str, Any] | None = Field(
        default=None,
        description="new, changed, removed, unchanged, failed (with reasons), attachments; "
        "while a sync runs, what it has done so far.",
    )


def _status(services: Services) -> SyncStatus:
    folder = services.settings.data_dir / "sync"
    running = SyncLock(folder).is_held()
    with SyncState(folder) as state:
        runs = state.last_runs(1)
    if not runs:
        return SyncStatus(running=running)
    last = runs[0]
    outcome = last.outcome or (None if running else "interrupted")
    return SyncStatus(
        running=running, portal=last.portal, started=last.started, finished=last.finished,
        outcome=outcome, summary=last.summary or None,
    )  # fmt: skip


@router.get("/sync", response_model=SyncStatus, summary="The running or last portal sync")
def sync_status(services: ServicesDep, who: Admin) -> SyncStatus:
    """Whether a sync runs now, and the summary of the last one (needs the `admin` scope)."""
    return _status(services)


@router.post(
    "/sync",
    response_model=SyncStatus,
    status_code=202,
    summary="Start a sync from an agenda portal",
    responses={409: {"description": "A sync of this archive is running already."}},
)
def start_sync(body: SyncRequest, services: ServicesDep, who: Admin) -> SyncStatus:
    """Starts fetching new and changed meetings in the background and returns at once;
    `GET /v1/sync` tells how it goes (needs the `admin` scope)."""
    options = SyncOptions(
        url=body.url,
        municipality=body.municipality or services.settings.municipality,
        since=body.since,
        bodies=tuple(body.bodies),
        attachments=body.attachments,
    )
    lock = SyncLock(services.settings.data_dir / "sync")
    try:
        lock.acquire()
    except SyncRunningError as error:
        raise HTTPException(status_code=409, detail=str(error)) from error
    started = threading.Event()
    thread = threading.Thread(
        target=_run, args=(services, options, lock, started), name="sync", daemon=True
    )
    thread.start()
    started.wait(10)  # the run is recorded, so the status below is this run's
    return _status(services).model_copy(update={"running": True})


def _run(
    services: Services, options: SyncOptions, lock: SyncLock, started: threading.Event
) -> None:
    """The sync, in its own thread; what happens is recorded in the sync state."""
    try:
        report = sync_portal(services.archive, options, on_run=lambda run: started.set())
        log.info("sync of %s: %s", report.portal, report.summary())
    except PortalStopped:
        log.warning("sync of %s stopped", options.url)
    except Exception:
        log.exception("sync of %s failed", options.url)
    finally:
        started.set()
        lock.release()
