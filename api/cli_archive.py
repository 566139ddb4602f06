"""CLI commands that change or describe the archive: ingest, delete, stats."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from api.cli_common import handle_errors, open_archive
from api.progress import Progress
from assistant.archive import StoreResult
from assistant.settings import Settings
from ingest.fallback import fallback_line, fell_back
from ingest.pipeline import IngestOptions, IngestReport, ingest_paths

__all__ = ["delete", "ingest", "stats"]

EXIT_SKIPPED = 3


def _fallbacks(report: IngestReport) -> list[StoreResult]:
    """Stored files that no specific reader recognised: their layout needs a look."""
    return [r for r in report.stored if fell_back(report.readers.get(r.source))]


def _print_report(report: IngestReport) -> None:
    totals = report.summary()
    fallbacks = _fallbacks(report)
    click.echo(
        f"Stored {totals['documents']} document(s): {totals['meetings']} meeting(s), "
        f"{totals['items']} item(s), {totals['chunks']} chunk(s); "
        f"{totals['unchanged']} unchanged; {totals['skipped']} skipped."
    )
    if fallbacks:
        click.echo(f"{len(fallbacks)} document(s) with no known layout:")
    for stored in fallbacks:
        click.echo(fallback_line(stored.source, stored.items))
    for skipped in report.skipped:
        click.echo(f"skipped {skipped.source}: {skipped.reason}", err=True)


def _opened_line(source: str) -> str:
    return f"opened {source}: it was closed; items its text marks closed stay closed"


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--municipality", help="Municipality, where a document does not say.")
@click.option("--body", help="Body (e.g. Byråd), where a document does not say.")
@click.option("--closed", is_flag=True, help="Mark every item of these documents closed.")
@click.option(
    "--open",
    "open_",
    is_flag=True,
    help="Open documents stored closed (without --closed or --open, what is stored is kept).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
@handle_errors
def ingest(
    settings: Settings,
    paths: tuple[Path, ...],
    municipality: str | None,
    body: str | None,
    closed: bool,
    open_: bool,
    as_json: bool,
) -> None:
    """Ingest minutes from files and folders (recursive). Re-ingesting is safe."""
    if closed and open_:
        raise click.UsageError("--closed and --open contradict each other: choose one")
    wanted = True if closed else False if open_ else None
    options = IngestOptions.for_request(settings, municipality, body, wanted)
    archive = open_archive(settings, access="write")
    progress = Progress("ingest", "file")  # a bar on a terminal, log lines elsewhere
    try:
        report = ingest_paths(
            archive, paths, options, on_start=progress.start,
            on_file=lambda path: progress.advance(path.name),
        )  # fmt: skip
        if report.stored:
            # rebuilt and saved once here, so a running server loads it instead of rebuilding
            archive.lexical()
    finally:
        progress.close()
        archive.close()
    if as_json:
        fallbacks = _fallbacks(report)
        click.echo(
            json.dumps(
                {
                    **report.summary(),
                    "no_known_layout": len(fallbacks),
                    "skipped_files": [
                        {"source": s.source, "reason": s.reason} for s in report.skipped
                    ],
                    "opened_files": report.opened,
                    "no_known_layout_files": [
                        {"source": r.source, "items": r.items} for r in fallbacks
                    ],
                },
                ensure_ascii=False,
            )
        )
        for skipped in report.skipped:
            click.echo(f"skipped {skipped.source}: {skipped.reason}", err=True)
        for stored in fallbacks:
            click.echo(fallback_line(stored.source, stored.items), err=True)
        for source in report.opened:
            click.echo(_opened_line(source), err=True)
    else:
        _print_report(report)
        for source in report.opened:
            click.echo(_opened_line(source))
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


@click.command()
@click.argument("source")
@click.pass_obj
@handle_errors
def delete(settings: Settings, source: str) -> None:
    """Remove one source document (by its file name) from the archive."""
    archive = open_archive(settings)
    try:
        chunks = archive.delete(Path(source).name)
        archive.lexical()  # saved for the next reader, as after an ingest
    finally:
        archive.close()
    click.echo(f"Deleted {Path(source).name} ({chunks} chunks).")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_obj
@handle_errors
def stats(settings: Settings, as_json: bool) -> None:
    """Count documents, meetings, items and chunks in the archive."""
    archive = open_archive(settings)
    try:
        counts = archive.stats()
    finally:
        archive.close()
    if as_json:
        click.echo(json.dumps(counts))
    else:
        click.echo("  ".join(f"{key}: {value}" for key, value in counts.items()))
