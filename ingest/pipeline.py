"""The ingest pipeline: files and folders → parsed meetings → the archive.

Each file is read from disk once, parsed, chunked, embedded and stored whole; a file that
cannot be ingested is reported with its reason and the rest of the batch goes on. Parsing
runs in a worker process within `ingest_file_timeout` (see ingest/isolation.py).

A document stored closed as a whole (`--closed`) stays closed when it comes again without
`closed`; only an explicit open (`--open`, or `closed=false` from an admin key) opens it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from assistant.archive import Archive, ParsedDocument, StoreResult
from assistant.errors import InputError
from assistant.model import Meeting
from assistant.settings import Settings
from ingest.closed import mark_closed
from ingest.isolation import IsolatedReader
from ingest.readers.esdh.manifest import bundle_paths, export_kind
from ingest.readers.registry import ReadResult, read_source
from ingest.source import SourceFile
from ingest.watching import after_ingest

__all__ = [
    "IngestOptions",
    "IngestReport",
    "Outcome",
    "Plan",
    "Skipped",
    "discover",
    "ingest_paths",
    "ingest_source",
    "parse_source",
    "plan_source",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestOptions:
    """What an ingest fills in where a document does not say, and whether it is closed."""

    municipality: str | None = None
    body: str | None = None
    # True marks every item closed (a closed meeting's minutes); False opens a document stored
    # closed (its items the minutes mark closed stay closed); None keeps what is stored
    closed: bool | None = None

    @classmethod
    def for_request(
        cls,
        settings: Settings,
        municipality: str | None = None,
        body: str | None = None,
        closed: bool | None = None,
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
    opened: list[str] = field(default_factory=list)  # closed documents an explicit open opened
    readers: dict[str, str] = field(default_factory=dict)  # source -> the reader that read it

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
    """Files under the given paths, recursively, in a stable order; hidden files are ignored.

    The files of an export's bundle (item PDFs, attachments) are left out when the export's
    lead XML is among them: it reads them, and alone they would be stored a second time.
    """
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
    bundled = _bundled(files)
    return [path for path in files if path.resolve() not in bundled]


def _bundled(files: list[Path]) -> set[Path]:
    """The files that export XMLs among `files` read as parts of their bundles."""
    claimed: set[Path] = set()
    for path in files:
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
            if export_kind(head) is not None:
                claimed.update(part.resolve() for part in bundle_paths(path, path.read_bytes()))
        except OSError:
            continue  # reported when the file itself is read
    return claimed


# Bump when readers or chunking change what a file becomes: stored files are then re-read.
# 6: closed-item markers anywhere in a title, in Danish, Norwegian and Swedish
# 7: ESDH exports (eDoc, SBSYS, Acadre) read as meetings, DOCX read, other XML refused
# 8: the general segmenter (items in unknown layouts), FirstAgenda export fixes
# 9: HTML tables of values read a row to a line ("I alt 9.654 12.271 10.657")
# 10: a bold paragraph naming a section a reader knows heads it ("<p><strong>Indstilling")
# 11: a Greve item whose untitled lead repeats its title holds its decision there; a range
#     typed with an en dash ("2025–2028") is indexed as one typed with a hyphen
PIPELINE_VERSION = "11"


def _shaped_by(options: IngestOptions, closed: bool) -> str:
    # the pipeline's part of the stored version (the archive adds how it cuts text): a new
    # pipeline or other options re-store the file; unchanged chunk texts still hit the cache
    return json.dumps([PIPELINE_VERSION, options.municipality, options.body, closed])


@dataclass(frozen=True)
class Plan:
    """What storing a source will do: the version it gets, and its closed status."""

    version: str
    unchanged: bool  # this version is stored already
    was_closed: bool  # the stored document is closed as a whole
    closed: bool  # every item will be marked closed

    @property
    def opens(self) -> bool:
        return self.was_closed and not self.closed


def plan_source(archive: Archive, source: SourceFile, options: IngestOptions) -> Plan:
    """The version and closed status a source is stored with, given what the archive holds."""
    known = archive.document(source.name)
    was_closed = known is not None and archive.catalog.document_closed(source.name)
    closed = was_closed if options.closed is None else options.closed
    version = archive.document_version(source.identity, _shaped_by(options, closed))
    if known is not None and known.sha256 != version and options.closed is None:
        # kept as stored: the same file stored open whose items are all closed by their own
        # titles (or stored with --closed) is unchanged, not re-stored
        other = archive.document_version(source.identity, _shaped_by(options, not closed))
        if known.sha256 == other:
            version, closed = other, not closed
    unchanged = known is not None and known.sha256 == version
    return Plan(version, unchanged, was_closed, closed)


def _prepare(
    source: SourceFile, plan: Plan, options: IngestOptions, read: ReadResult
) -> ParsedDocument:
    meetings = mark_closed(_fill_in(read.meetings, options), plan.closed)
    return ParsedDocument(source.name, plan.version, meetings, read.reader)


def _opened(plan: Plan, document: ParsedDocument) -> bool:
    # items the minutes themselves mark closed stay closed: opened only if one is open now
    return plan.opens and any(not i.closed for m in document.meetings for i in m.items)


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
    archive: Archive,
    source: SourceFile,
    options: IngestOptions = IngestOptions(),
    read: Callable[[SourceFile], ReadResult] = read_source,
) -> tuple[Plan, ParsedDocument | None]:
    """A source read and ready to store, with its plan; None when it is stored already."""
    plan = plan_source(archive, source, options)
    if plan.unchanged:
        archive.restore_vectors(source.name)  # the same file again mends a lost vector index
        return plan, None
    return plan, _prepare(source, plan, options, read(source))


@dataclass(frozen=True)
class Outcome:
    """What ingesting one source did."""

    stored: StoreResult | None  # None: this version was stored already
    was_closed: bool  # the document was stored closed as a whole before
    opened: bool  # and an explicit open opened it
    skipped: tuple[Skipped, ...] = ()  # files of an export's bundle that could not be used
    reader: str | None = None  # the reader that read it (None: not read, stored already)


def _skipped_parts(source: str, read: ReadResult) -> tuple[Skipped, ...]:
    """The files of a bundle that could not be used, named with the export that names them."""
    return tuple(Skipped(f"{source} › {p.part}", p.reason) for p in read.problems)


def ingest_source(
    archive: Archive,
    source: SourceFile,
    options: IngestOptions = IngestOptions(),
    lock: AbstractContextManager[object] | None = None,
) -> Outcome:
    """Read one source (in a worker, within the time budget) and store it.

    `lock` is held only to store, not to read: a slow file never keeps other writers waiting.
    """
    plan = plan_source(archive, source, options)
    if plan.unchanged:
        archive.restore_vectors(source.name)  # the same file again mends a lost vector index
        return Outcome(None, plan.was_closed, False)
    with IsolatedReader(read_source, archive.settings.ingest_file_timeout) as reader:
        read = reader.read(source)
    with lock or nullcontext():
        # planned again under the lock: another writer may have stored or closed it meanwhile
        latest = plan_source(archive, source, options)
        if latest.unchanged:
            return Outcome(None, latest.was_closed, False)
        parsed = _prepare(source, latest, options, read)
        stored = archive.store_many([parsed])[0]
    after_ingest(archive)  # the lock is released: watches match, webhooks go out
    return Outcome(
        stored,
        latest.was_closed,
        _opened(latest, parsed),
        _skipped_parts(source.name, read),
        read.reader,
    )


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

    with IsolatedReader(read_source, archive.settings.ingest_file_timeout) as reader:

        def read(source: SourceFile) -> ReadResult:
            result = reader.read(source)
            # an export's unusable files are reported; the rest of its bundle is stored
            report.skipped.extend(_skipped_parts(source.name, result))
            return result

        for path in files:
            try:
                source = SourceFile.from_path(path)
                plan, parsed = parse_source(archive, source, options, read)
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
                    if _opened(plan, parsed):
                        report.opened.append(parsed.source)
                    if parsed.reader is not None:
                        report.readers[parsed.source] = parsed.reader
                    waiting.append((path, parsed))
                    waiting_characters += _characters(parsed)
                    if waiting_characters >= GROUP_CHARACTERS:
                        store_waiting()
                    continue
            if on_file is not None:
                on_file(path)
    store_waiting()
    after_ingest(archive)
    return report
