"""The ingest pipeline: files and folders → parsed meetings → the archive.

Each file is read from disk once, parsed, chunked, embedded and stored whole; a file that
cannot be ingested is reported with its reason and the rest of the batch goes on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.archive import Archive, ParsedDocument, StoreResult
from assistant.errors import InputError
from assistant.model import Meeting
from assistant.settings import Settings
from ingest.closed import mark_closed
from ingest.readers.registry import read_source
from ingest.source import SourceFile

__all__ = [
    "IngestOptions",
    "IngestReport",
    "Skipped",
    "discover",
    "ingest_paths",
    "ingest_source",
    "parse_source",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestOptions:
    """What an ingest fills in where a document does not say, and whether it is closed."""

    municipality: str | None = None
    body: str | None = None
    closed: bool = False  # marks every item of the document closed (a closed meeting's minutes)

    @classmethod
    def for_request(
        cls,
        settings: Settings,
        municipality: str | None = None,
        body: str | None = None,
        closed: bool = False,
    ) -> IngestOptions:
        """Options for one CLI run or upload: the configured municipality where none is given."""
        # the CLI and the upload route both build their options here, so they cannot drift
        return cls(municipality or settings.municipality, body, closed)


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


@dataclass
class IngestReport:
    stored: list[StoreResult] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {
            "documents": len(self.stored),
            "unchanged": len(self.unchanged),
            "skipped": len(self.skipped),
            "meetings": sum(r.meetings for r in self.stored),
            "items": sum(r.items for r in self.stored),
            "chunks": sum(r.chunks for r in self.stored),
        }


def discover(paths: Iterable[Path], report: IngestReport) -> list[Path]:
    """Files under the given paths, recursively, in a stable order; hidden files are ignored."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            files.append(path)
        else:
            report.skipped.append(Skipped(str(path), "no such file or folder"))
    return files


# Bump when readers or chunking change what a file becomes: stored files are then re-read.
PIPELINE_VERSION = "5"


def _shaped_by(options: IngestOptions) -> str:
    # the pipeline's part of the stored version (the archive adds how it cuts text): a new
    # pipeline or other options re-store the file; unchanged chunk texts still hit the cache
    return json.dumps([PIPELINE_VERSION, options.municipality, options.body, options.closed])


def _fill_in(meetings: list[Meeting], options: IngestOptions) -> list[Meeting]:
    return [
        meeting.model_copy(
            update={
                "municipality": meeting.municipality or options.municipality,
                "body": meeting.body or options.body,
            }
        )
        for meeting in meetings
    ]


def parse_source(
    archive: Archive, source: SourceFile, options: IngestOptions = IngestOptions()
) -> ParsedDocument | None:
    """A source read and ready to store; None when the same version is already in the archive."""
    version = archive.document_version(source.data, _shaped_by(options))
    known = archive.document(source.name)
    if known is not None and known.sha256 == version:
        return None
    result = read_source(source)
    meetings = mark_closed(_fill_in(result.meetings, options), options.closed)
    return ParsedDocument(source.name, version, meetings, result.reader)


def ingest_source(
    archive: Archive, source: SourceFile, options: IngestOptions = IngestOptions()
) -> StoreResult | None:
    """Store one source; None when the same version is already in the archive."""
    parsed = parse_source(archive, source, options)
    return None if parsed is None else archive.store_many([parsed])[0]


# Parsed documents wait until about this much text is ready, then are embedded together and
# stored one by one: a single document's decisions rarely fill the embedder's batches.
GROUP_CHARACTERS = 200_000


def _characters(document: ParsedDocument) -> int:
    return sum(len(s.text) for m in document.meetings for i in m.items for s in i.sections)


def ingest_paths(
    archive: Archive,
    paths: Iterable[Path],
    options: IngestOptions = IngestOptions(),
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Ingest files and folders; never stops at a bad file. The callbacks drive a progress bar."""
    report = IngestReport()
    files = discover(paths, report)
    if on_start is not None:
        on_start(len(files))
    waiting: list[tuple[Path, ParsedDocument]] = []
    waiting_characters = 0

    def store_waiting() -> None:
        nonlocal waiting_characters
        report.stored.extend(archive.store_many([document for _, document in waiting]))
        if on_file is not None:
            for path, _ in waiting:
                on_file(path)
        waiting.clear()
        waiting_characters = 0

    for path in files:
        try:
            source = SourceFile.from_path(path)
            parsed = parse_source(archive, source, options)
        except InputError as error:
            report.skipped.append(Skipped(path.name, error.reason))
        except OSError as error:
            report.skipped.append(Skipped(path.name, f"cannot read the file: {error.strerror}"))
        else:
            # the same file twice in one run (two folders): stored once, like one after another
            if parsed is None or any(
                (parsed.source, parsed.sha256) == (d.source, d.sha256) for _, d in waiting
            ):
                report.unchanged.append(path.name)
            else:
                waiting.append((path, parsed))
                waiting_characters += _characters(parsed)
                if waiting_characters >= GROUP_CHARACTERS:
                    store_waiting()
                continue
        if on_file is not None:
            on_file(path)
    store_waiting()
    return report
