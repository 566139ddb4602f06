"""Nothing lost: crashes, random write sequences and concurrent queries keep the archive whole.

The invariant, checked after every step: the vector index holds exactly the catalog's dense
chunk ids, the lexical index exactly the catalog's chunk ids, every stored document has all its
meetings, items and chunks (the same ones a clean ingest of that file gives), and the catalog
holds exactly the documents the sequence of operations should have left.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.answering import ask
from assistant.archive import Archive
from assistant.chunking import chunk_meetings, meeting_id
from assistant.embedder import Embedder
from assistant.model import Meeting
from assistant.search import search
from assistant.settings import Settings
from assistant.tokens import tokenize
from ingest.pipeline import ingest_paths
from ingest.readers.registry import read_source
from ingest.source import SourceFile
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
REFERAT = Path(sys.executable).with_name("referat")

# small real files, one per reader family: Albertslund/chefteam, generic, Greve JSON, saksprotokoll
CRASH_FILES = [
    FIXTURES / "seeds" / "000_34787664105598ce.txt",
    FIXTURES / "seeds" / "001_02485999139c2553.txt",
    FIXTURES / "seeds" / "004_1b34d6596bf41414.txt",
    FIXTURES / "greve" / "2025-01-29_eb813156.json",
    FIXTURES / "steinkjer" / "7588.txt",
    FIXTURES / "steinkjer" / "7601.txt",
]


# -- what an archive holds, and the invariant ----------------------------------------------------


@dataclass(frozen=True)
class Held:
    """One stored document as the catalog holds it."""

    meetings: int
    items: int
    chunk_ids: frozenset[str]
    dense_ids: frozenset[str]
    recorded: tuple[int, int, int]  # the documents row's own counts (meetings, items, chunks)
    text: str  # all chunk texts, for content checks


def holdings(archive: Archive) -> dict[str, Held]:
    catalog = archive.catalog
    documents = catalog.documents()
    meetings_of: dict[str, int] = {}
    for doc in documents:
        # meeting ids are (source, index): all of a document's meetings and no more
        n = 0
        while catalog.meeting(meeting_id(doc.source, n)) is not None:
            n += 1
        meetings_of[doc.source] = n
    texts: dict[str, list[str]] = {}
    dense: dict[str, set[str]] = {}
    for chunk in catalog.iter_chunks():
        texts.setdefault(chunk.ref.source, []).append(chunk.text)
        if chunk.dense:
            dense.setdefault(chunk.ref.source, set()).add(chunk.id)
    held = {
        doc.source: Held(
            meetings=meetings_of.get(doc.source, 0),
            items=len(catalog.items_of_source(doc.source)),
            chunk_ids=frozenset(catalog.chunk_ids_of(doc.source)),
            dense_ids=frozenset(dense.get(doc.source, ())),
            recorded=(doc.meetings, doc.items, doc.chunks),
            text="\n".join(texts.get(doc.source, [])),
        )
        for doc in documents
    }
    # no rows outside a stored document, no document missing a part of itself
    assert set(texts) <= set(held), "chunks of a document the catalog does not hold"
    for source, h in held.items():
        assert (h.meetings, h.items, len(h.chunk_ids)) == h.recorded, source
    counts = catalog.counts()
    assert counts == {
        "documents": len(held),
        "meetings": sum(h.meetings for h in held.values()),
        "items": sum(h.items for h in held.values()),
        "chunks": sum(len(h.chunk_ids) for h in held.values()),
    }
    return held


def assert_consistent(archive: Archive) -> dict[str, Held]:
    """The invariant; returns what the archive holds."""
    held = holdings(archive)
    chunks = list(archive.catalog.iter_chunks())
    chunk_ids = {c.id for c in chunks}
    assert len(chunk_ids) == len(chunks) == archive.stats()["chunks"]
    assert chunk_ids == set().union(*(h.chunk_ids for h in held.values()))
    dense = {c.id for c in chunks if c.dense}
    vectors = archive.vectors.all_ids()
    assert vectors == dense, (
        f"{len(vectors - dense)} vectors without a chunk, {len(dense - vectors)} chunks without"
        " a vector"
    )
    assert archive.vectors.count() == len(dense)
    lexical = archive.lexical(include_closed=True).chunk_ids
    assert len(lexical) == len(set(lexical)) and set(lexical) == chunk_ids
    assert archive.catalog.journal_pending() == []
    return held


def open_archive(data_dir: Path, cache_dir: Path, embedder: Embedder) -> Archive:
    return Archive(Settings(data_dir=data_dir, cache_dir=cache_dir), embedder)


def reopened(data_dir: Path, cache_dir: Path, embedder: Embedder) -> dict[str, Held]:
    """Open the archive (which runs recovery), check the invariant, close it; what it holds."""
    archive = open_archive(data_dir, cache_dir, embedder)
    try:
        return assert_consistent(archive)
    finally:
        archive.close()


@pytest.fixture(scope="module")
def reference(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, cache_dir: Path
) -> dict[str, Held]:
    """A clean ingest of the crash files: what each document must look like when stored."""
    archive = open_archive(tmp_path_factory.mktemp("reference"), cache_dir, embedder)
    try:
        report = ingest_paths(archive, CRASH_FILES)
        assert not report.skipped and len(report.stored) == len(CRASH_FILES)
        held = assert_consistent(archive)
    finally:
        archive.close()
    assert set(held) == {p.name for p in CRASH_FILES}
    assert all(h.chunk_ids for h in held.values())
    return held


def assert_as_reference(held: dict[str, Held], reference: dict[str, Held]) -> None:
    for source, h in held.items():
        ref = reference[source]
        assert (h.meetings, h.items, h.chunk_ids, h.dense_ids) == (
            ref.meetings,
            ref.items,
            ref.chunk_ids,
            ref.dense_ids,
        ), f"{source} is stored incompletely or differently from a clean ingest"


# -- a real crash: the ingest process is killed ---------------------------------------------------


def _env(cache_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFERAT_")}
    env.update(
        REFERAT_CACHE_DIR=str(cache_dir),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
    )
    return env


def _stored_documents(data_dir: Path) -> int:
    """Documents the catalog holds, read by another process as the writer runs (read-only)."""
    path = data_dir / "catalog.sqlite"
    if not path.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.05)
        try:
            return int(db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            db.close()
    except sqlite3.OperationalError:
        return 0  # not created yet, or busy for a moment


def _journal(data_dir: Path) -> set[str]:
    db = sqlite3.connect(f"file:{data_dir / 'catalog.sqlite'}?mode=ro", uri=True)
    try:
        return {row[0] for row in db.execute("SELECT chunk_id FROM vector_journal")}
    finally:
        db.close()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for path in CRASH_FILES:
        shutil.copy(path, folder / path.name)
    return folder


def test_an_ingest_killed_midway_loses_nothing_and_a_rerun_finishes_it(
    tmp_path: Path, inbox: Path, reference: dict[str, Held], embedder: Embedder, cache_dir: Path
) -> None:
    everything = len(CRASH_FILES)
    for attempt in range(8):
        data_dir = tmp_path / f"data-{attempt}"
        process = subprocess.Popen(
            [str(REFERAT), "--data-dir", str(data_dir), "ingest", str(inbox)],
            env=_env(cache_dir),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            if 1 <= _stored_documents(data_dir) < everything:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.001)
        _, stderr = process.communicate(timeout=60)
        if process.returncode == -signal.SIGKILL:
            break
        # the ingest finished before the kill landed: try again in a fresh data dir
        assert process.returncode == 0, stderr.decode(errors="replace")
    else:
        pytest.fail("could not kill the ingest midway in 8 attempts")

    held = reopened(data_dir, cache_dir, embedder)
    assert 1 <= len(held) < everything
    assert_as_reference(held, reference)

    rerun = _referat(["--data-dir", str(data_dir), "ingest", str(inbox)], cache_dir)
    assert f"Stored {everything - len(held)} document(s)" in rerun
    assert f"{len(held)} unchanged" in rerun
    finished = reopened(data_dir, cache_dir, embedder)
    assert set(finished) == set(reference)
    assert_as_reference(finished, reference)


def _crash(point: str, nth: int, args: list[str], cache_dir: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "tests.support.crash_point", point, str(nth), *args],
        cwd=ROOT,
        env=_env(cache_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr


def _referat(args: list[str], cache_dir: Path) -> str:
    done = subprocess.run(
        [str(REFERAT), *args], env=_env(cache_dir), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


MARK = "Referat-test ændring"


def _modified(path: Path, version: int) -> bytes:
    """A new version of a text file: one more remark at its end (0 = the original)."""
    data = path.read_bytes()
    if version:
        data += f"\n\nBemærkning: {MARK} {version} om cykelstier.\n".encode()
    return data


def test_a_crash_between_vectors_and_catalog_commit_leaves_no_orphan_vectors(
    tmp_path: Path, inbox: Path, reference: dict[str, Held], embedder: Embedder, cache_dir: Path
) -> None:
    data_dir = tmp_path / "data"
    # the third document's vectors are in Chroma, its catalog transaction never runs
    _crash("before-commit", 3, ["--data-dir", str(data_dir), "ingest", str(inbox)], cache_dir)
    third = reference[sorted(p.name for p in CRASH_FILES)[2]]
    assert third.dense_ids and _journal(data_dir) >= third.dense_ids

    held = reopened(data_dir, cache_dir, embedder)
    assert sorted(held) == sorted(p.name for p in CRASH_FILES)[:2]
    assert_as_reference(held, reference)

    _referat(["--data-dir", str(data_dir), "ingest", str(inbox)], cache_dir)
    finished = reopened(data_dir, cache_dir, embedder)
    assert set(finished) == set(reference)
    assert_as_reference(finished, reference)


def test_a_crash_after_a_replacement_or_delete_commits_leaves_no_stale_vectors(
    tmp_path: Path, inbox: Path, reference: dict[str, Held], embedder: Embedder, cache_dir: Path
) -> None:
    data_dir = tmp_path / "data"
    _referat(["--data-dir", str(data_dir), "ingest", str(inbox)], cache_dir)
    changed = inbox / "004_1b34d6596bf41414.txt"
    changed.write_bytes(_modified(changed, 1))

    # the new version is committed; the old version's vectors are never removed
    _crash("after-commit", 1, ["--data-dir", str(data_dir), "ingest", str(inbox)], cache_dir)
    old = reference[changed.name].chunk_ids
    assert _journal(data_dir) & old
    held = reopened(data_dir, cache_dir, embedder)
    assert set(held) == set(reference)
    assert f"{MARK} 1" in held[changed.name].text and not held[changed.name].chunk_ids & old
    assert_as_reference({k: v for k, v in held.items() if k != changed.name}, reference)

    # a delete is committed; the document's vectors are never removed
    gone = "7588.txt"
    _crash("after-commit", 1, ["--data-dir", str(data_dir), "delete", gone], cache_dir)
    assert _journal(data_dir) >= reference[gone].chunk_ids
    assert _stored_documents(data_dir) == len(reference) - 1
    archive = open_archive(data_dir, cache_dir, embedder)
    try:
        held = assert_consistent(archive)
        assert not any(h.ref.source == gone for h in search(archive, "NTE-utbyttet", top_k=10))
    finally:
        archive.close()
    assert set(held) == set(reference) - {gone}


# -- random sequences of writes and crashes, in process --------------------------------------------

POOL = [
    FIXTURES / "seeds" / "000_34787664105598ce.txt",
    FIXTURES / "seeds" / "001_02485999139c2553.txt",
    FIXTURES / "seeds" / "004_1b34d6596bf41414.txt",
    FIXTURES / "steinkjer" / "7601.txt",
    FIXTURES / "steinkjer" / "7589.txt",
]
KINDS = [
    "ingest",  # a pool file, as it is or changed
    "replace",  # a changed version of a stored file, under the same name
    "delete",
    "crash-before-commit",  # vectors added, catalog never written
    "crash-after-replace",  # new version committed, old vectors never removed
    "crash-after-delete",  # delete committed, vectors never removed
]
NEEDS_A_DOCUMENT = {"replace", "delete", "crash-after-replace", "crash-after-delete"}


def _parsed(path: Path, version: int) -> tuple[str, list[Meeting]]:
    source = SourceFile(path.name, _modified(path, version))
    return source.sha256, list(read_source(source).meetings)


def test_random_writes_and_crashes_keep_the_invariant(
    tmp_path: Path, embedder: Embedder, cache_dir: Path
) -> None:
    rng = random.Random(7)
    settings = Settings(data_dir=tmp_path / "data", cache_dir=cache_dir)
    work = tmp_path / "work"
    work.mkdir()
    expected: dict[str, int] = {}  # source -> version the archive must hold
    archive = Archive(settings, embedder)
    done: list[str] = []
    written_by_ingest: dict[str, bool] = {}

    def reopen() -> None:
        nonlocal archive
        archive.close()  # no cleanup of the half-done write: exactly what a crash leaves
        archive = Archive(settings, embedder)

    def write_halfway(path: Path, version: int, commit: bool) -> list[str]:
        """`Archive.store` up to (or through) the catalog commit, never its cleanup."""
        sha, meetings = _parsed(path, version)
        s = archive.settings
        chunks = chunk_meetings(
            meetings,
            sha,
            s.chunk_words,
            s.chunk_overlap_words,
            s.embed_all,
        )
        dense = [c for c in chunks if c.dense]
        archive.catalog.journal(c.id for c in dense)
        archive.vectors.add(dense, archive.embedder.passages([c.embedding_text() for c in dense]))
        if not commit:
            return []
        tokens = [" ".join(tokenize(c.lexical_text())) for c in chunks]
        return archive.catalog.replace_document(
            path.name,
            sha,
            "test",
            meetings,
            chunks,
            tokens,
        )

    try:
        # every kind once, then random ones, in a random order
        plan = deque(KINDS + rng.choices(KINDS, k=8))
        rng.shuffle(plan)
        step = 0
        while plan:
            kind = plan.popleft()
            step += 1
            if kind in NEEDS_A_DOCUMENT and not expected:
                plan.appendleft(kind)
                kind = "ingest"
            if kind in NEEDS_A_DOCUMENT:
                name = rng.choice(sorted(expected))
                path = next(p for p in POOL if p.name == name)
            else:
                path = rng.choice(POOL)
            # version 0 is the file as it is; any other is a change no earlier step made
            version = step if kind != "ingest" else rng.choice([0, step])

            if kind in ("ingest", "replace"):
                (work / path.name).write_bytes(_modified(path, version))
                report = ingest_paths(archive, [work / path.name])
                assert not report.skipped
                if expected.get(path.name) == version and written_by_ingest[path.name]:
                    assert (report.unchanged, report.stored) == ([path.name], [])
                else:
                    assert [r.replaced for r in report.stored] == [path.name in expected]
                expected[path.name] = version
                written_by_ingest[path.name] = True
            elif kind == "delete":
                assert archive.delete(path.name) > 0
                del expected[path.name]
            elif kind == "crash-before-commit":
                write_halfway(path, version, commit=False)
                assert archive.catalog.journal_pending()
                reopen()
            elif kind == "crash-after-replace":
                old = write_halfway(path, version, commit=True)
                assert old and set(old) <= set(archive.catalog.journal_pending())
                expected[path.name] = version
                written_by_ingest[path.name] = False  # stored under another version key
                reopen()
            else:  # crash-after-delete
                old = archive.catalog.delete_document(path.name)
                assert old and set(old) == set(archive.catalog.journal_pending())
                del expected[path.name]
                reopen()
            done.append(kind)

            held = assert_consistent(archive)
            assert set(held) == set(expected), f"step {step} ({kind})"
            for source, version in expected.items():
                marked = f"{MARK} {version} " in held[source].text
                assert marked == bool(version), f"step {step}: {source} is not version {version}"
    finally:
        archive.close()
    assert set(done) == set(KINDS) and len(done) >= len(KINDS) + 8, done


# -- ingest and queries at the same time ----------------------------------------------------------

QUESTIONS = [
    "Hvad blev der besluttet om miljøledelse?",
    "Hva ble vedtatt om bruken av utviklingsfondet fra NTE-utbyttet?",
    "Hvad koster KMD's system til flexregistrering?",
    "Hvornår træder loven om tidsregistrering i kraft?",
    "Hvad blev der besluttet om en ny skøjtebane?",
]


@pytest.fixture
def shared_archive(tmp_path: Path, embedder: Embedder, cache_dir: Path) -> Iterator[Archive]:
    archive = open_archive(tmp_path / "data", cache_dir, embedder)
    yield archive
    archive.close()


def test_queries_during_an_ingest_see_whole_documents_only(shared_archive: Archive) -> None:
    archive = shared_archive
    first = [
        FIXTURES / "seeds" / "000_34787664105598ce.txt",
        FIXTURES / "seeds" / "004_1b34d6596bf41414.txt",
    ]
    later = [
        FIXTURES / "seeds" / "002_e6b0dd0e402eadb9.txt",
        FIXTURES / "seeds" / "003_6885af5ed49430c5.txt",
        FIXTURES / "steinkjer" / "7588.txt",
        FIXTURES / "greve" / "2022-12-12_72ddf1fa.json",
    ]
    assert len(ingest_paths(archive, first).stored) == 2
    sources = {p.name for p in first + later}
    ingesting = threading.Event()
    ingesting.set()
    querying = threading.Event()
    querying.set()
    progress = threading.Condition()
    seen_documents: set[int] = set()

    def ingest() -> int:
        try:
            stored = 0
            for n, path in enumerate(later):
                # writes and queries interleave: a query has seen the archive as the last file
                # left it before the next is written (waiting for a count of queries let a slow
                # query thread miss stages on a loaded machine: CI saw {2, 3})
                with progress:
                    ready = progress.wait_for(
                        lambda n=n: len(seen_documents) > n or not querying.is_set(),  # type: ignore[misc]
                        timeout=120,
                    )
                assert ready, "the query thread is stuck"
                stored += len(ingest_paths(archive, [path]).stored)
            return stored
        finally:
            ingesting.clear()

    def query() -> tuple[int, int]:
        asked = citations = 0
        try:
            while ingesting.is_set() or asked < 4:
                question = QUESTIONS[asked % len(QUESTIONS)]
                with progress:
                    seen_documents.add(archive.stats()["documents"])
                    progress.notify_all()
                for hit in search(archive, question, top_k=10):
                    assert hit.ref.source in sources
                    assert archive.catalog.item(hit.ref.item_id) is not None
                answer = ask(archive, question)
                assert answer.found == bool(answer.citations)
                for citation in answer.citations:
                    assert archive.holds_quote(citation), citation
                citations += len(answer.citations)
                asked += 1
        finally:
            querying.clear()
            with progress:
                progress.notify_all()
        return asked, citations

    with ThreadPoolExecutor(max_workers=2) as pool:
        ingested = pool.submit(ingest)
        queried = pool.submit(query)
        assert ingested.result(timeout=300) == len(later)
        asked, citations = queried.result(timeout=300)

    assert asked >= 4 and citations > 0
    # queries saw the archive at several stages of the ingest, each one whole
    assert len(seen_documents) >= 3, seen_documents
    held = assert_consistent(archive)
    assert set(held) == sources
    hits = search(archive, QUESTIONS[1])
    assert (hits[0].ref.source, hits[0].ref.item_number) == (
        "7588.txt",
        "87/2025",
    )
