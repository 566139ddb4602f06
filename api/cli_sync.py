"""`referat sync URL`: bring the archive up to date with a municipality's agenda portal,
once or every so often (`--every 6h`, in the foreground until Ctrl-C)."""

from __future__ import annotations

import datetime as dt
import json
import signal
import sys
import time

import click
from pytimeparse.timeparse import timeparse as parse_duration

from api.cli_archive import EXIT_SKIPPED
from api.cli_common import handle_errors, open_archive
from api.progress import Progress, duration
from assistant.archive import Archive
from assistant.errors import ReferatError
from assistant.settings import Settings
from ingest.sync import SyncLock, SyncOptions, SyncReport, sync_portal

__all__ = ["sync"]

EXIT_INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C
MIN_EVERY = 1.0


def _interval(every: str | None) -> float | None:
    if every is None:
        return None
    seconds = parse_duration(every.strip())
    if seconds is None or seconds < MIN_EVERY:
        raise click.BadParameter(
            f"{every!r} is not a duration: give it as 6h, 30m, 1d or 1h30m", param_hint="--every"
        )
    return float(seconds)


def _print(report: SyncReport, as_json: bool) -> None:
    totals = report.summary()
    if as_json:
        click.echo(json.dumps(totals, ensure_ascii=False))
    else:
        click.echo(
            f"Synced {report.portal}: {totals['listed']} meeting(s) listed; {totals['new']} new, "
            f"{totals['changed']} changed, {totals['removed']} removed, "
            f"{totals['unchanged']} unchanged, {totals['failed']} failed; "
            f"{totals['items']} item(s), {totals['chunks']} chunk(s) stored; "
            f"{totals['attachments']} attachment(s) fetched, "
            f"{totals['attachments_skipped']} skipped."
        )
    for failure in report.failed:
        click.echo(f"failed {failure.what}: {failure.reason}", err=True)
    for problem in report.attachment_problems:
        click.echo(f"attachment skipped {problem.what}: {problem.reason}", err=True)


def _once(archive: Archive, options: SyncOptions, as_json: bool) -> int:
    """One sync under the data dir's sync lock; its exit code (0, or 3 if anything failed)."""
    progress = Progress("sync", "meeting")  # a bar on a terminal, log lines elsewhere
    try:
        with SyncLock(archive.settings.data_dir / "sync").held():
            report = sync_portal(
                archive, options, on_start=progress.start, on_meeting=progress.advance
            )
    finally:
        progress.close()
    _print(report, as_json)
    return EXIT_SKIPPED if report.failed or report.attachment_problems else 0


@click.command()
@click.argument("url")
@click.option("--municipality", help="Municipality of the portal's meetings, e.g. Greve.")
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Only meetings on or after this date (YYYY-MM-DD); the rest are left as they are.",
)
@click.option(
    "--body",
    "bodies",
    multiple=True,
    help="Only this committee (repeatable); 'Byråd' also names 'Byråd 2022-2025'.",
)
@click.option(
    "--attachments",
    is_flag=True,
    help="Also fetch each item's attachments (PDF) and store their text.",
)
@click.option(
    "--every",
    metavar="DURATION",
    help="Sync again after this long (6h, 30m, 1d) until Ctrl-C; without it, sync once.",
)
@click.option("--json", "as_json", is_flag=True, help="Print each summary as JSON.")
@click.pass_obj
@handle_errors
def sync(
    settings: Settings,
    url: str,
    municipality: str | None,
    since: dt.datetime | None,
    bodies: tuple[str, ...],
    attachments: bool,
    every: str | None,
    as_json: bool,
) -> None:
    """Fetch new and changed meetings from a FirstAgenda portal and ingest them; remove what
    the portal removed. An interrupted sync resumes where it stopped."""
    interval = _interval(every)
    options = SyncOptions(
        url=url,
        municipality=municipality or settings.municipality,
        since=since.date() if since else None,
        bodies=bodies,
        attachments=attachments,
    )
    # a service manager stops with SIGTERM: stop as cleanly as after Ctrl-C
    before = signal.signal(signal.SIGTERM, signal.default_int_handler)
    archive = open_archive(settings, access="write")
    try:
        while True:
            try:
                code = _once(archive, options, as_json)
            except KeyboardInterrupt:
                click.echo("stopped: the next sync resumes where this one stopped", err=True)
                sys.exit(EXIT_INTERRUPTED)
            except ReferatError as error:
                if interval is None:
                    raise
                click.echo(f"Error: {error}", err=True)  # the loop goes on: the portal may be back
                code = 1
            if interval is None:
                sys.exit(code)
            at = time.strftime("%H:%M", time.localtime(time.time() + interval))
            click.echo(f"next sync in {duration(interval)} (at {at}); Ctrl-C stops", err=True)
            try:
                time.sleep(interval)
            except KeyboardInterrupt:
                click.echo("stopped", err=True)
                sys.exit(0)
    finally:
        archive.close()
        signal.signal(signal.SIGTERM, before)
