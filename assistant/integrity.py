"""`referat check` and `referat repair`: is the data dir whole, and rebuild what is derived.

The catalog is the source of truth for text and structure; the vectors (Chroma), the word
index (lexical*.pickle) and the embedding cache are derived from it and can be rebuilt; the API
keys (keys.sqlite) are not derived. A check never changes or creates anything, and never loads
Chroma's graph in its own process: a damaged graph can crash the process that loads it, so a
child process loads it and reports the ids it holds.
"""

from __future__ import annotations

import json
import logging
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from assistant import lexical_files
from assistant.archive import Archive, write_lock
from assistant.catalog import Catalog
from assistant.embedder import Embedder
from assistant.errors import (
    ArchiveEmptyError,
    ArchiveMissingError,
    CatalogDamagedError,
    IndexDamagedError,
    KeysDamagedError,
    ReferatError,
)
from assistant.file_checks import hnsw_problem, set_aside, sqlite_check
from assistant.settings import Settings

__all__ = ["Finding", "check", "repair"]

log = logging.getLogger(__name__)

REPAIR = "run `referat repair`"


@dataclass(frozen=True)
class Finding:
    """One part of the data dir: whether it is whole, what was found, and what to do."""

    part: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'ok' if self.ok else 'PROBLEM':8} {self.part:16} {self.detail}"

    def as_json(self) -> dict[str, object]:
        return asdict(self)


# -- check ----------------------------------------------------------------------------------


def check(settings: Settings) -> list[Finding]:
    """Every part of the archive in `settings.data_dir`, checked without changing anything."""
    data_dir = settings.data_dir
    if not data_dir.is_dir():
        return [Finding("archive", False, str(ArchiveMissingError(data_dir)))]
    findings: list[Finding] = []
    with _no_writer(data_dir) as quiet:
        if not quiet:
            findings.append(
                Finding("writes", True, "a write is in progress: counts may move; check again")
            )
        catalog, found, _ = _open_catalog(data_dir)
        findings.append(found)
        if catalog is not None:
            try:
                findings += _check_indexes(settings, catalog)
            finally:
                catalog.close()
        findings.append(_check_cache(settings))
    findings.append(_check_keys(data_dir))
    return findings


@contextmanager
def _no_writer(data_dir: Path) -> Iterator[bool]:
    """True while no write is at work (a check never creates the lock file to find out)."""
    if not (data_dir / "write.lock").exists():
        yield True
        return
    with write_lock(data_dir, wait=False) as free:
        yield free


def _derived_present(data_dir: Path) -> bool:
    return (data_dir / "chroma").exists() or any(data_dir.glob("lexical*.pickle"))


def _open_catalog(data_dir: Path) -> tuple[Catalog | None, Finding, ReferatError | None]:
    """The catalog, checked whole: (it if usable, what was found, what stops a repair)."""
    path = data_dir / "catalog.sqlite"
    error: ReferatError
    if not path.exists() or not path.stat().st_size:
        if _derived_present(data_dir):
            state = "is missing" if not path.exists() else "is empty (0 bytes)"
            error = CatalogDamagedError(path, f"{state}, but the indexes built from it are there")
        else:
            error = ArchiveEmptyError(data_dir)
        return None, Finding("catalog", False, str(error)), error
    try:
        catalog = Catalog(path)
        problem = catalog.integrity()
    except CatalogDamagedError as damaged:
        return None, Finding("catalog", False, str(damaged)), damaged
    if problem:
        catalog.close()
        error = CatalogDamagedError(path, f"is damaged ({problem})")
        return None, Finding("catalog", False, str(error)), error
    counts = catalog.counts()
    if not counts["documents"]:
        return catalog, Finding("catalog", True, str(ArchiveEmptyError(data_dir))), None
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    return catalog, Finding("catalog", True, f"{summary}; SQLite's integrity check passed"), None


def _check_indexes(settings: Settings, catalog: Catalog) -> list[Finding]:
    findings: list[Finding] = []
    dense = set(catalog.dense_ids())
    held = _held_vectors(settings, catalog)
    documents = catalog.counts()["documents"]
    if isinstance(held, Finding):
        findings.append(held)
    elif not documents and held:
        error = CatalogDamagedError(
            catalog.path,
            f"holds no documents, but the vector index built from it holds {len(held)} "
            "passages (the catalog was emptied or replaced)",
        )
        findings.append(Finding("catalog", False, str(error)))
    else:
        missing, orphans = len(dense - held), len(held - dense)
        problems = []
        if missing:
            problems.append(f"lacks {missing} of {len(dense)} passage vectors")
        if orphans:
            problems.append(f"holds {orphans} vectors of passages the catalog does not have")
        if problems:
            findings.append(Finding("vector index", False, f"{'; '.join(problems)}: {REPAIR}"))
        else:
            findings.append(Finding("vector index", True, f"{len(held)} vectors, one per passage"))
    pending = catalog.journal_pending()
    if pending:
        findings.append(
            Finding(
                "vector index",
                True,
                f"{len(pending)} vectors of an interrupted write: removed the next time the "
                "archive opens",
            )
        )
    findings.append(_check_words(settings.data_dir, catalog.generation()))
    return findings


def _held_vectors(settings: Settings, catalog: Catalog) -> set[str] | Finding:
    """The chunk ids the vector index holds, read by a child process (see the module doc)."""
    folder = settings.data_dir / "chroma"
    where = f"the vector index {settings.chroma_url or folder}"
    if not settings.chroma_url:
        if not folder.exists():
            if not catalog.dense_count():
                return set()
            return Finding("vector index", False, str(IndexDamagedError(where, "is missing")))
        problem = hnsw_problem(folder)
        if problem:
            return Finding("vector index", False, str(IndexDamagedError(where, problem)))
    problem, ids = _probe(settings, catalog.get_meta("embedder") or "")
    if problem:
        return Finding("vector index", False, str(IndexDamagedError(where, problem)))
    return ids


def _probe(settings: Settings, embedder_name: str) -> tuple[str | None, set[str]]:
    """Load the vector index in a child process; (what went wrong, the ids it holds)."""
    command = [
        sys.executable, "-m", "assistant.integrity", str(settings.data_dir), embedder_name,
        settings.chroma_url or "", settings.chroma_collection,
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    except subprocess.TimeoutExpired:
        return "did not load within 15 minutes", set()
    if done.returncode < 0:
        return f"crashes the process that loads it (signal {-done.returncode})", set()
    try:
        reply = json.loads(done.stdout)
    except ValueError:
        tail = " ".join(done.stderr.split())[-200:]
        return f"cannot be read ({tail or f'exit code {done.returncode}'})", set()
    if "error" in reply:
        return str(reply["error"]), set()
    return None, set(reply["ids"])


def _probe_main(argv: list[str]) -> int:
    """The child process of `_probe`: open the index, load its graph, print its ids."""
    from assistant.vector_store import ChromaVectorStore

    data_dir, embedder_name, url, collection = argv
    try:
        store = ChromaVectorStore(Path(data_dir), embedder_name, url or None, collection)
        store.probe()
        ids = sorted(store.all_ids())
    except ReferatError as error:
        print(json.dumps({"error": getattr(error, "problem", str(error))}))
        return 1
    print(json.dumps({"ids": ids}))
    return 0


def _unreadable(path: Path) -> str | None:
    """Why a saved word index cannot be read (None: it can; one that is behind the catalog or
    from another version is rebuilt when next used, so it is no problem)."""
    try:
        with path.open("rb") as handle:
            pickle.load(handle)
    except Exception as error:
        return f"cannot be read ({type(error).__name__})"
    return None


def _check_words(data_dir: Path, generation: int) -> Finding:
    """The saved word indexes: readable, and how far behind the catalog (a base file per
    audience, and the delta of what changed since; see lexical_files)."""
    saved = sorted(data_dir.glob("lexical*.pickle"))
    problems = [f"{path.name} {problem}" for path in saved if (problem := _unreadable(path))]
    if problems:
        detail = "; ".join(problems) + f": it is rebuilt on next use, or now if you {REPAIR}"
        return Finding("word index", False, detail)
    states = []
    for include_closed, names in lexical_files.FILES.items():
        index = lexical_files.load(data_dir, include_closed)
        if index is not None:
            behind = generation - index.generation
            files = " + ".join(name for name in names if (data_dir / name).exists())
            states.append(f"{files}: {f'{behind} changes behind' if behind else 'current'}")
    summary = f" ({'; '.join(states)})" if states else ""
    return Finding(
        "word index",
        True,
        f"{len(saved)} saved, readable{summary}; one behind is brought up to date from the "
        "catalog's log of changes when next used (rebuilt if it is too far behind)",
    )


def _check_cache(settings: Settings) -> Finding:
    path = (settings.cache_dir or settings.data_dir) / "embedding-cache.sqlite"
    if not path.exists():
        return Finding("embedding cache", True, "none yet (filled by the next ingest)")
    problem = sqlite_check(path, "embeddings")
    if problem:
        error = IndexDamagedError(f"the embedding cache {path}", problem)
        return Finding("embedding cache", False, str(error))
    return Finding("embedding cache", True, "whole")


def _check_keys(data_dir: Path) -> Finding:
    path = data_dir / "keys.sqlite"
    if not path.exists():
        return Finding("API keys", True, "none yet (`referat keys create NAME`)")
    problem = sqlite_check(path, "keys")
    if problem:
        return Finding("API keys", False, str(KeysDamagedError(path, problem)))
    return Finding("API keys", True, "whole")


# -- repair ---------------------------------------------------------------------------------


def repair(
    settings: Settings,
    open_embedder: Callable[[], Embedder],
    say: Callable[[str], None] = log.info,
) -> list[str]:
    """Rebuild what is derived from the catalog, telling `say` each step; returns the steps.

    Refuses (CatalogDamagedError) when the catalog itself is damaged or lost: nothing can be
    rebuilt from the indexes. Damaged keys are not derived: left alone, and reported
    (KeysDamagedError) once everything else is repaired.
    """
    data_dir = settings.data_dir
    if not data_dir.is_dir():
        raise ArchiveMissingError(data_dir)
    catalog, _, error = _open_catalog(data_dir)
    if catalog is None:
        assert error is not None
        raise error
    embedder_name = catalog.get_meta("embedder") or ""
    catalog.close()
    done: list[str] = []

    def step(line: str) -> None:
        done.append(line)
        say(line)

    with write_lock(data_dir):
        _set_aside_damaged(settings, embedder_name, step)
    archive = Archive(settings, open_embedder(), access="repair")
    try:
        stored = archive.vectors.count()
        if archive.is_empty() and stored:
            raise CatalogDamagedError(
                archive.catalog.path,
                f"holds no documents, but the vector index built from it holds {stored} "
                "passages (the catalog was emptied or replaced); once the files are "
                "re-ingested, `referat repair` drops the vectors left over",
            )
        _refill(archive, step, say)
        _rebuild_words(archive, step)
    finally:
        archive.close()
    keys = data_dir / "keys.sqlite"
    problem = sqlite_check(keys, "keys") if keys.exists() else None
    if problem:
        raise KeysDamagedError(keys, problem)
    return done


def _set_aside_damaged(settings: Settings, embedder_name: str, step: Callable[[str], None]) -> None:
    """Move damaged derived files out of the way (the caller holds the write lock)."""
    cache = settings.cache_path()
    problem = sqlite_check(cache, "embeddings") if cache.exists() else None
    if problem:
        step(f"moved the embedding cache, which {problem}, to {set_aside(cache)}")
    folder = settings.data_dir / "chroma"
    if not settings.chroma_url and folder.exists():
        problem = hnsw_problem(folder) or _probe(settings, embedder_name)[0]
        if problem:
            step(f"moved the vector index, which {problem}, to {set_aside(folder)}")


def _refill(archive: Archive, step: Callable[[str], None], say: Callable[[str], None]) -> None:
    """Fill the cache from the vectors, the vectors from the cache (or the embedder), and drop
    vectors no passage claims."""
    dense = archive.catalog.dense_ids()
    held = archive.vectors.present(dense)
    # vectors the index holds but the cache lacks: copied, so a later rebuild costs nothing
    copied = 0
    for start in range(0, len(dense), 2000):
        chunks = archive.catalog.chunks_by_ids(
            [i for i in dense[start : start + 2000] if i in held]
        )
        ids = list(chunks)
        texts = [chunks[i].embedding_text() for i in ids]
        lacking = [i for i, has in zip(ids, archive.embedder.cached(texts), strict=True) if not has]
        vectors = archive.vectors.vectors_of(lacking) if lacking else {}
        known = [i for i in lacking if i in vectors]
        if known:
            archive.embedder.remember(
                [chunks[i].embedding_text() for i in known], np.stack([vectors[i] for i in known])
            )
            copied += len(known)
    if copied:
        step(f"copied {copied} vectors from the vector index into the embedding cache")
    missing = len(dense) - len(held)
    if missing:
        say(f"restoring {missing} passage vectors (from the embedding cache, else the embedder)")
        restored = archive.restore_missing(dense)
        misses = archive.embedder.misses
        step(f"restored {restored} passage vectors ({misses} embedded anew, the rest cached)")
    dropped = archive.drop_orphans()
    if dropped:
        step(f"removed {dropped} vectors of passages the catalog does not have")


def _rebuild_words(archive: Archive, step: Callable[[str], None]) -> None:
    """Remove damaged word index files, then bring the index up to date (from the base and
    the catalog's log when only a delta was damaged, else rebuilt)."""
    data_dir = archive.settings.data_dir
    damaged = [path for path in sorted(data_dir.glob("lexical*.pickle")) if _unreadable(path)]
    with write_lock(data_dir):
        for path in damaged:
            path.unlink(missing_ok=True)
    archive.lexical()  # built and saved if it was missing, damaged or behind
    if damaged:
        step(f"rebuilt the word index ({', '.join(p.name for p in damaged)} was damaged)")


if __name__ == "__main__":
    sys.exit(_probe_main(sys.argv[1:]))
