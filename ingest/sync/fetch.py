"""Fetching meetings (and their attachments) from a portal into the sync folder, a few at a
time in daemon threads, while the sync ingests those already fetched."""

from __future__ import annotations

import hashlib
import json
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.archive import Archive
from assistant.errors import PortalError
from ingest.readers.pdf import is_pdf
from ingest.source import SourceFile
from ingest.sync.folder import SyncFolder
from ingest.sync.listing import GUID, PortalMeeting
from ingest.sync.portal import PortalClient
from ingest.sync.report import Failure, SyncOptions, SyncReport
from ingest.sync.state import MeetingState, SyncState

__all__ = ["Fetched", "Fetchers", "SyncRun", "attachment_problem", "label"]


Result = tuple["PortalMeeting", "Fetched | BaseException | None"]


@dataclass(frozen=True)
class Fetched:
    meeting: PortalMeeting
    path: Path
    new: bool
    old_file: str | None  # the file it was stored as before, when the date (so the name) moved


@dataclass
class SyncRun:
    """One sync's moving parts."""

    archive: Archive
    options: SyncOptions
    client: PortalClient
    folder: SyncFolder
    state: SyncState
    report: SyncReport
    on_meeting: Callable[[str], None]
    run_id: int  # in the sync state
    known: dict[str, MeetingState] = field(default_factory=dict)
    changed_archive: bool = False
    fetch_seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def portal(self) -> str:
        return self.client.base


class Fetchers:
    """A few daemon threads fetching meetings; iterate for (meeting, result) as they finish.

    Daemon threads, not an executor's: after Ctrl-C the process ends at once instead of
    waiting for a request to a slow portal to time out (whatever a fetch had not finished
    writing is a temporary file, removed next time).
    """

    def __init__(self, run: SyncRun, meetings: list[PortalMeeting]) -> None:
        self._run = run
        self._count = len(meetings)
        self._todo: queue.SimpleQueue[PortalMeeting | None] = queue.SimpleQueue()
        self._done: queue.SimpleQueue[Result] = queue.SimpleQueue()
        for meeting in meetings:
            self._todo.put(meeting)
        workers = min(run.client.settings.sync_concurrency, len(meetings))
        for _ in range(workers):
            self._todo.put(None)
            threading.Thread(target=self._work, name="sync-fetch", daemon=True).start()

    def _work(self) -> None:
        while (meeting := self._todo.get()) is not None:
            try:
                self._done.put((meeting, fetch(self._run, meeting)))
            except PortalError as error:
                self._done.put((meeting, error))
            except BaseException as error:  # a stop, or a bug: the main thread raises it
                self._done.put((meeting, error))
                return

    def __enter__(self) -> Iterator[tuple[PortalMeeting, Fetched | PortalError | None]]:
        return self._results()

    def _results(self) -> Iterator[tuple[PortalMeeting, Fetched | PortalError | None]]:
        for _ in range(self._count):
            meeting, result = self._done.get()
            if isinstance(result, BaseException) and not isinstance(result, PortalError):
                raise result
            yield meeting, result

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        if error is not None:
            self._run.client.stop()  # fetches still running give up at once


def fetch(run: SyncRun, meeting: PortalMeeting) -> Fetched | None:
    """Fetch one meeting (and its attachments) and store its files; None if unchanged."""
    clock = time.monotonic()
    try:
        return _fetch_meeting(run, meeting)
    except OSError as error:
        raise PortalError(
            run.portal,
            f"served {meeting.file_name}, but it could not be stored ({error.strerror}): "
            "free disk space or fix the data dir's permissions",
        ) from error
    finally:
        with run.lock:
            run.fetch_seconds += time.monotonic() - clock


def _fetch_meeting(run: SyncRun, meeting: PortalMeeting) -> Fetched | None:
    served = run.client.meeting(meeting.id)
    digest = hashlib.sha256(served).hexdigest()
    row = run.known.get(meeting.id)
    want_attachments = run.options.attachments
    if (
        row is not None
        and row.sha256 == digest
        and row.file == meeting.file_name
        and row.status == "ingested"
        and (row.with_attachments or not want_attachments)
        and run.folder.meeting_path(row.file).is_file()
        and run.archive.document(row.file) is not None
    ):
        # listed anew (a new release date), the same content: remembered, not re-stored
        run.state.record(run.portal, _state(meeting, row))
        with run.lock:
            run.report.unchanged += 1
        return None
    attachments: dict[str, str] = {}
    complete = want_attachments
    if want_attachments:
        for document_id, name in _attachments_named(served):
            stored = _fetch_attachment(run, meeting, document_id, name)
            if stored is None:
                complete = False
            else:
                attachments[document_id] = stored
    run.folder.write_meeting(meeting.file_name, served, run.portal, attachments)
    record = MeetingState(
        id=meeting.id, file=meeting.file_name, body=meeting.body, date=meeting.date,
        stamp=meeting.stamp, sha256=digest, status="fetched",
        attachments=tuple(sorted(attachments.values())), with_attachments=complete,
    )  # fmt: skip
    run.state.record(run.portal, record)
    old_file = row.file if row is not None and row.file != meeting.file_name else None
    return Fetched(meeting, run.folder.meeting_path(meeting.file_name), row is None, old_file)


def _fetch_attachment(
    run: SyncRun, meeting: PortalMeeting, document_id: str, name: str
) -> str | None:
    what = f"{name} ({meeting.file_name})"
    try:
        data = run.client.document(document_id)
    except PortalError as error:
        attachment_problem(run, what, error.problem)
        return None
    if not is_pdf(SourceFile(name=name, data=data)):
        attachment_problem(run, what, "the portal did not serve a PDF for it: skipped")
        return None
    with run.lock:
        run.report.attachments += 1
    return run.folder.write_attachment(document_id, data)


def attachment_problem(run: SyncRun, what: str, reason: str) -> None:
    """Report an attachment left out (its meeting is stored without it)."""
    with run.lock:
        run.report.attachment_problems.append(Failure(what, reason))


def _attachments_named(served: bytes) -> list[tuple[str, str]]:
    """(document id, name) of every attachment of every item, in order."""
    data = json.loads(served)
    found: list[tuple[str, str]] = []
    for point in data.get("Dagsordenpunkter") or []:
        for entry in (point.get("Bilag") or []) if isinstance(point, dict) else []:
            if not isinstance(entry, dict):
                continue
            document_id = str(entry.get("Id") or "").lower()
            name = " ".join(str(entry.get("Navn") or "").split()) or "Bilag"
            if GUID.match(document_id) and document_id not in dict(found):
                found.append((document_id, name))  # named as the reader heads its pages
    return found


def _state(meeting: PortalMeeting, row: MeetingState) -> MeetingState:
    """What the state remembers of a meeting listed anew whose content has not changed."""
    return MeetingState(
        id=meeting.id, file=meeting.file_name, body=meeting.body, date=meeting.date,
        stamp=meeting.stamp, sha256=row.sha256, status=row.status,
        attachments=row.attachments, with_attachments=row.with_attachments,
    )  # fmt: skip


def label(meeting: PortalMeeting) -> str:
    """'2025-01-29_eb813156.json (Økonomiudvalget 2025-01-29 (Referat))' for reports."""
    return f"{meeting.file_name} ({meeting.describe()})"
