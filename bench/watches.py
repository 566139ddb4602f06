"""What watches add to an ingest (not a test): one Greve meeting ingested into an archive of
other Greve meetings, without watches and with `--watches` of them.

    python bench/watches.py [--corpus ../shared/corpus/greve] [--meetings 40] [--watches 20]
                            [--cache-dir DIR]

The meeting is ingested once first (its passages embedded), then removed; the timed ingests
all find its vectors in the embedding cache, so the difference is the watches' own cost. All
include what `referat ingest` does after storing (the word index rebuilt); with watches that
is both indexes (open, and with closed items), then every watch ranked over the new meeting.
The first ingest with watches embeds their queries; the second (the watches made to forget
the meeting in between) finds them remembered, as every later `referat ingest` does. Half
the watches see closed items; a quarter have a body filter. The machine's load is printed:
on a shared machine the spread between runs is large.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ingest.pipeline as pipeline
from assistant.archive import Archive
from assistant.model import Filters
from assistant.settings import Settings
from assistant.watches import LOCAL, WatchStore
from ingest.pipeline import ingest_paths

QUERIES = [
    "kystbeskyttelse", "skolestruktur", "Hvad blev der besluttet om budget 2023?",
    "daginstitutioner", "lokalplan for boliger", "trafiksikkerhed", "affaldssortering",
    "klimatilpasning", "ældrepleje", "byudvikling i Greve Landsby", "cykelstier",
    "idrætsanlæg", "Hvad koster energirenoveringen?", "vandløb", "erhvervsudvikling",
    "folkeskolernes kvalitet", "handicapområdet", "Hvem blev valgt til formand?",
    "bibliotek", "anlægsbevilling",
]  # fmt: skip


def timed(archive: Archive, path: Path) -> tuple[float, dict[str, float]]:
    """Seconds to ingest `path` and rebuild the word index as the CLI does, and how long
    the watches took of it (index rebuilds for them, ranking)."""
    parts: dict[str, float] = {}
    original = pipeline.after_ingest  # type: ignore[attr-defined]

    def measured(opened: Archive) -> object:
        start = time.perf_counter()
        if WatchStore.exists(opened.settings.data_dir):
            opened.lexical()
            opened.lexical(include_closed=True)
        parts["indexes"] = time.perf_counter() - start
        start = time.perf_counter()
        result = original(opened)
        parts["watches"] = time.perf_counter() - start
        return result

    pipeline.after_ingest = measured  # type: ignore[attr-defined,assignment]
    try:
        start = time.perf_counter()
        report = ingest_paths(archive, [path])
        archive.lexical()  # what `referat ingest` does after storing
        total = time.perf_counter() - start
    finally:
        pipeline.after_ingest = original  # type: ignore[attr-defined]
    assert report.stored, report.skipped
    return total, parts


def forget(data_dir: Path, source: str) -> None:
    """Make the watches forget a meeting they matched, so that it is new again."""
    with sqlite3.connect(data_dir / "watches.sqlite") as db:
        db.execute("DELETE FROM documents_seen WHERE source=?", (source,))
        db.execute("DELETE FROM items_seen")
        db.execute("DELETE FROM hits")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/greve"))
    parser.add_argument("--meetings", type=int, default=40)
    parser.add_argument("--watches", type=int, default=20)
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args()

    files = sorted(args.corpus.glob("*.json"))
    base, meeting = files[: args.meetings], files[args.meetings]
    rows: list[tuple[str, float]] = []
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder) / "data", cache_dir=args.cache_dir)
        archive = Archive.open(settings)
        ingest_paths(archive, base)
        archive.lexical()
        start = time.perf_counter()
        stored = ingest_paths(archive, [meeting]).stored[0]
        rows.append(("first time (its passages embedded)", time.perf_counter() - start))
        plain: list[float] = []
        for _ in range(2):
            archive.delete(meeting.name)
            archive.lexical()
            plain.append(timed(archive, meeting)[0])
            rows.append(("again, no watches (+ word index)", plain[-1]))
        archive.delete(meeting.name)
        archive.lexical()

        documents = [(d.source, d.sha256) for d in archive.catalog.documents()]
        with WatchStore(settings.data_dir) as store:
            for n in range(args.watches):
                flt = Filters(body="Økonomiudvalget") if n % 4 == 3 else Filters()
                store.create(LOCAL, QUERIES[n % len(QUERIES)], flt, n % 2 == 1, documents)
        for how in ("query vectors embedded", "query vectors remembered"):
            # a new process each time, as `referat ingest` and `referat sync` are: the
            # embedder's memory of recent questions starts empty
            archive.embedder._recent.cache_clear()
            watched, parts = timed(archive, meeting)
            with WatchStore(settings.data_dir) as store:
                hits = sum(len(store.hits(w.id, True)) for w in store.watches())
            rows.append((f"again, {args.watches} watches ({how}; {hits} hits)", watched))
            rows.append(("of which: word indexes for the watches (open + closed)",
                         parts["indexes"]))  # fmt: skip
            rows.append((f"of which: matching {args.watches} watches", parts["watches"]))
            rows.append(("added by watches (against the faster plain run)", watched - min(plain)))
            archive.delete(meeting.name)
            archive.lexical()
            forget(settings.data_dir, meeting.name)
        counts = archive.stats()
        archive.close()

    print(f"# {platform.node()} · {platform.processor() or platform.machine()} · "
          f"{os.cpu_count()} cores · python {platform.python_version()} · load average "
          f"{load:.1f} before, {os.getloadavg()[0]:.1f} after")  # fmt: skip
    print(
        f"archive: {len(base)} Greve meetings ({counts['items']} items, {counts['chunks']} "
        f"chunks); the meeting: {meeting.name}, {stored.items} items, {stored.chunks} chunks"
    )
    print("| ingest of one meeting | seconds |")
    print("| --- | ---: |")
    for label, seconds in rows:
        sign = "+" if label.startswith("added") else ""
        print(f"| {label} | {seconds:{sign}.2f} |")


if __name__ == "__main__":
    main()
