"""One sync: list the portal's meetings, fetch what is new or changed, ingest it, remove what
the portal removed.

Meetings are fetched a few at a time in threads while the main thread ingests those already
on disk through the ordinary pipeline (`ingest_paths`), so the archive after a sync is the one
`referat ingest` of the sync folder gives. The caller holds the data dir's `SyncLock`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx

from assistant.archive import Archive
from assistant.errors import NotFoundError, PortalError, ReferatError
from ingest.pipeline import IngestOptions, ingest_paths
from ingest.sync.fetch import Fetched, Fetchers, SyncRun, attachment_problem, label
from ingest.sync.folder import SyncFolder
from ingest.sync.listing import PortalMeeting, Scope, parse_listing, superseded
from ingest.sync.portal import PortalClient, PortalStopped
from ingest.sync.report import Failure, SyncOptions, SyncReport
from ingest.sync.state import MeetingState, SyncState

__all__ = ["sync_portal"]

log = logging.getLogger(__name__)

# how the pipeline names a file of a bundle it skipped: "2025-01-29_eb813156.json › Bilag 2"
PART_MARK = " › "
# meetings fetched before the main thread ingests them together: enough text to fill the
# embedder's batches, few enough that an interrupted sync has little to redo
BATCH_MEETINGS = 12


def sync_portal(
    archive: Archive,
    options: SyncOptions,
    *,
    on_start: Callable[[int], None] | None = None,
    on_meeting: Callable[[str], None] | None = None,
    on_run: Callable[[int], None] | None = None,
    transport: httpx.BaseTransport | None = None,
    stop: threading.Event | None = None,
) -> SyncReport:
    """Bring the archive up to date with a portal; the caller holds the data dir's SyncLock."""
    # a PortalError from the listing stops the sync before anything changed; a meeting that
    # fails is reported and asked for again next time. `on_run` gets the run's id in the sync
    # state (the API waits for it); a set `stop` ends the sync at once, as Ctrl-C does
    settings = archive.settings
    root = settings.data_dir / "sync"
    with SyncState(root) as state, PortalClient(options.url, settings, transport) as client:
        report = SyncReport(portal=client.base)
        run_id = state.start_run(client.base)
        if on_run is not None:
            on_run(run_id)
        run = SyncRun(
            archive, options, client, SyncFolder(root, client.base), state, report,
            on_meeting or (lambda label: None), run_id,
        )  # fmt: skip
        outcome, error_text = "error", None
        started = time.monotonic()
        try:
            with _stopping(client, stop):
                _sync(run, on_start)
            outcome = "failed" if report.failed else "ok"
        except (KeyboardInterrupt, PortalStopped):
            report.stopped = True
            outcome = "stopped"
            raise
        except Exception as error:
            error_text = str(error) if isinstance(error, ReferatError) else repr(error)
            raise
        finally:
            report.seconds["total"] = time.monotonic() - started
            summary = report.summary()
            summary.update(stopped=report.stopped, error=error_text)
            state.update_run(run_id, summary, outcome)
        return report


@contextmanager
def _stopping(client: PortalClient, stop: threading.Event | None) -> Iterator[None]:
    """A set `stop` event (or Ctrl-C) ends waits between retries at once."""
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.2):
            if stop is not None and stop.is_set():
                client.stop()
                return

    watcher = threading.Thread(target=watch, name="sync-stop", daemon=True)
    watcher.start()
    try:
        yield
    except BaseException:
        client.stop()
        raise
    finally:
        done.set()
        watcher.join()


def _sync(run: SyncRun, on_start: Callable[[int], None] | None) -> None:
    report, options = run.report, run.options
    clock = time.monotonic()
    listed, problems = parse_listing(run.client.listing())
    report.failed.extend(Failure("listing", problem) for problem in problems)
    scope = options.scope()
    in_scope = [m for m in listed if scope.covers(m.body, m.date)]
    replaced_by = superseded(in_scope)
    wanted = [m for m in in_scope if m.id not in replaced_by]
    report.listed = len(wanted)
    run.known = run.state.meetings(run.portal)
    report.seconds["listing"] = time.monotonic() - clock

    to_fetch: list[PortalMeeting] = []
    on_disk: list[Fetched] = []  # fetched by an earlier, interrupted sync: ingest only
    for meeting in wanted:
        row = run.known.get(meeting.id)
        if row is None or not _current(run, meeting, row):
            to_fetch.append(meeting)
        elif row.status == "fetched" or run.archive.document(row.file) is None:
            new = run.archive.document(row.file) is None
            on_disk.append(Fetched(meeting, run.folder.meeting_path(row.file), new, None))
        else:
            report.unchanged += 1
    if on_start is not None:
        on_start(len(to_fetch) + len(on_disk))
    log.info(
        "%s lists %d meetings in scope: %d to fetch, %d to ingest, %d unchanged",
        run.portal, len(wanted), len(to_fetch), len(on_disk), report.unchanged,
    )  # fmt: skip

    _fetch_and_ingest(run, to_fetch, on_disk)
    clock = time.monotonic()
    listed_ids = {m.id for m in listed}
    _remove(run, listed_ids, replaced_by, scope, nothing_listed=not listed)
    report.seconds["remove"] = time.monotonic() - clock
    if not report.failed and not report.stopped:
        # only after a whole sync: a meeting fetched anew by an interrupted one may refer to
        # files the state does not know of yet
        run.folder.remove_attachments_except(run.state.referenced_attachments(run.portal))
    if run.changed_archive:
        clock = time.monotonic()
        run.archive.lexical()  # rebuilt and saved once here, as after `referat ingest`
        report.seconds["word_index"] = time.monotonic() - clock


def _current(run: SyncRun, meeting: PortalMeeting, row: MeetingState) -> bool:
    """Is what the state remembers of this meeting what the portal lists now?"""
    return (
        row.stamp == meeting.stamp
        and row.file == meeting.file_name
        and row.status in ("fetched", "ingested")
        and (row.with_attachments or not run.options.attachments)
        and run.folder.meeting_path(row.file).is_file()
    )


def _fetch_and_ingest(run: SyncRun, to_fetch: list[PortalMeeting], on_disk: list[Fetched]) -> None:
    """Fetch in the background, ingest in this thread as batches fill up."""
    report = run.report
    seconds = {"ingest": 0.0, "waiting_for_portal": 0.0}

    def timed(what: str, clock: float) -> float:
        now = time.monotonic()
        seconds[what] += now - clock
        return now

    clock = time.monotonic()
    if on_disk:
        _ingest(run, on_disk)
        clock = timed("ingest", clock)
    ready: list[Fetched] = []
    with Fetchers(run, to_fetch) as results:
        for meeting, fetched in results:
            if isinstance(fetched, PortalError):
                report.failed.append(Failure(label(meeting), fetched.problem))
                run.on_meeting(meeting.file_name)
            elif fetched is None:  # the same content as stored: nothing to ingest
                run.on_meeting(meeting.file_name)
            else:
                ready.append(fetched)
            if len(ready) >= BATCH_MEETINGS:
                clock = timed("waiting_for_portal", clock)
                _ingest(run, ready)
                clock = timed("ingest", clock)
                ready = []
    clock = timed("waiting_for_portal", clock)
    if ready:
        _ingest(run, ready)
        timed("ingest", clock)
    report.seconds.update(seconds, fetch_threads=run.fetch_seconds)


def _ingest(run: SyncRun, batch: list[Fetched]) -> None:
    """Ingest fetched meetings through the pipeline; mark each as the archive took it."""
    settings = run.archive.settings
    options = IngestOptions.for_request(settings, run.options.municipality)
    by_name = {fetched.path.name: fetched for fetched in batch}
    ingested = ingest_paths(run.archive, [fetched.path for fetched in batch], options)
    report = run.report
    report.ingest.stored.extend(ingested.stored)
    report.ingest.unchanged.extend(ingested.unchanged)
    report.ingest.skipped.extend(ingested.skipped)
    run.changed_archive = run.changed_archive or bool(ingested.stored)
    for skipped in ingested.skipped:
        meeting, _, attachment = skipped.source.partition(PART_MARK)
        if attachment:  # "meeting.json › attachment": the meeting is stored without it
            attachment_problem(run, f"{attachment} ({meeting})", skipped.reason)
            continue
        fetched = by_name.pop(skipped.source, None)
        if fetched is not None:
            run.state.mark(run.portal, fetched.meeting.id, "failed")
            report.failed.append(Failure(label(fetched.meeting), skipped.reason))
            run.on_meeting(skipped.source)
    for name, fetched in by_name.items():
        run.state.mark(run.portal, fetched.meeting.id, "ingested")
        (report.new if fetched.new else report.changed).append(name)
        if fetched.old_file is not None:
            _drop(run, fetched.old_file)
        run.on_meeting(name)
    run.state.update_run(run.run_id, report.summary())  # how far it got, for GET /v1/sync


def _remove(
    run: SyncRun,
    listed: set[str],
    replaced_by: dict[str, list[str]],
    scope: Scope,
    nothing_listed: bool,
) -> None:
    """Remove meetings the portal no longer lists, and agendas whose minutes are stored."""
    known = run.state.meetings(run.portal)
    gone = [
        row for row in known.values() if row.id not in listed and scope.covers(row.body, row.date)
    ]
    if gone and nothing_listed:
        run.report.failed.append(
            Failure(
                "listing",
                f"the portal lists no meetings at all: the {len(gone)} stored ones are kept "
                "(a portal that is down or changed should not empty the archive)",
            )
        )
        gone = []
    for row in gone:
        _drop(run, row.file)
        run.state.forget(run.portal, row.id)
        run.report.removed.append(row.file)
    for agenda, minutes in replaced_by.items():
        replaced = known.get(agenda)
        # only once its minutes are in the archive: a failed fetch keeps the agenda
        done = all(known.get(m) is not None and known[m].status == "ingested" for m in minutes)
        if replaced is not None and done:
            _drop(run, replaced.file)
            run.state.forget(run.portal, replaced.id)
            run.report.removed.append(replaced.file)


def _drop(run: SyncRun, file_name: str) -> None:
    """Remove one stored meeting: from the archive first, then its file."""
    try:
        run.archive.delete(file_name)
        run.changed_archive = True
    except NotFoundError:
        pass  # never ingested, or removed by hand: only the file is left
    run.folder.remove_meeting(file_name)
