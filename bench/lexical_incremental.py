"""What one meeting added to (or deleted from) a big archive costs the word index (not a test).

    python bench/lexical_incremental.py --source DATA_DIR [--sizes 100000,1000000]
        [--work /tmp/referat-lexical] [--before OLD_CHECKOUT]

For each size a catalog is filled (no vectors: the word index reads the catalog only) with
synthetic meetings as bench/scale.py makes them: 15 items of 4 sections, each a handful of
real sentences of that section kind from the source archive, each section one chunk, so a
meeting is 60 chunks, a Greve-sized one. Sentences are tokenized once and their words reused,
so a million chunks are written in minutes instead of an hour. An interrupted fill resumes.

Each measurement runs in a fresh process, so its peak resident memory (ru_maxrss) is its own:
- rebuild: the index built from the whole catalog and saved (what every change cost before,
  and what the first ingest and a merge still cost);
- before (with --before, a checkout of the code before the incremental index): that code's
  rebuild and save, which it did after every ingest, upload and delete;
- add / delete (cold): a process, like `referat ingest` or `referat delete`, that stores or
  deletes one meeting, then loads the saved index and brings it up to date and saves it;
- warm: a process holding the index (a server, a sync loop) brings it up to date after an
  added and a deleted meeting, and merges the delta into the base.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import random
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant import lexical_files
from assistant.catalog import Catalog
from assistant.chunking import DENSE_KINDS, item_id, meeting_id
from assistant.lexical import LexicalIndex
from assistant.model import AgendaItem, Chunk, ItemRef, Meeting, Section, SectionKind
from assistant.sentences import sentences
from assistant.tokens import tokenize

ITEMS_PER_MEETING = 15
SECTIONS_PER_ITEM = 4
POOL_CHUNKS = 20_000  # real chunks whose sentences make the synthetic ones
PROBE = "probe-meeting.json"  # the meeting added and deleted

Pool = dict[str, list[tuple[str, str]]]  # section kind → (sentence, its words)


def memory_mb(field: str = "VmRSS") -> float:
    """This process's resident memory now (VmRSS) or at its peak (VmHWM), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Peak:
    """The peak resident memory while the block runs, and its rise over the start."""

    def __enter__(self) -> Peak:
        self.start = memory_mb()
        Path("/proc/self/clear_refs").write_text("5")  # Linux: the peak starts again from now
        return self

    def __exit__(self, *_: object) -> None:
        self.peak = memory_mb("VmHWM")
        self.rise = self.peak - self.start


def sentence_pool(source: Path, work: Path) -> Pool:
    """Real sentences by section kind, with their words (kept in `work` for the next run)."""
    kept = work / "pool.pickle"
    if kept.exists():
        loaded: Pool = pickle.loads(kept.read_bytes())
        return loaded
    pool: Pool = {}
    catalog = Catalog(source / "catalog.sqlite")
    for n, chunk in enumerate(catalog.iter_chunks()):
        if n >= POOL_CHUNKS:
            break
        for sentence in sentences(chunk.text):
            words = " ".join(tokenize(sentence))
            pool.setdefault(chunk.section_kind.value, []).append((sentence, words))
    catalog.close()
    work.mkdir(parents=True, exist_ok=True)
    kept.write_bytes(pickle.dumps(pool))
    return pool


Made = tuple[Meeting, list[Chunk], list[str]]


def synthetic(pool: Pool, source: str, rng: random.Random) -> Made:
    """One meeting of 60 chunks, with the words of each as the catalog stores them."""
    kinds = sorted(pool)
    items: list[AgendaItem] = []
    texts: list[list[tuple[SectionKind, str, str]]] = []
    for i in range(ITEMS_PER_MEETING):
        sections, parts = [], []
        for _ in range(SECTIONS_PER_ITEM):
            kind = SectionKind(rng.choice(kinds))
            chosen = [rng.choice(pool[kind.value]) for _ in range(rng.randint(3, 9))]
            text = " ".join(s for s, _ in chosen)
            sections.append(Section(kind=kind, heading=kind.value.title(), text=text))
            parts.append((kind, text, " ".join(w for _, w in chosen)))
        title = " ".join(rng.choice(pool[kinds[0]])[0].split()[:6])
        items.append(AgendaItem(number=str(i + 1), title=title, sections=sections))
        texts.append(parts)
    meeting = Meeting(
        municipality="Syntetisk",
        body=rng.choice(["Byråd", "Økonomiudvalget", "Teknik- og Miljøudvalget"]),
        source=source,
        date=dt.date(rng.randint(2010, 2025), rng.randint(1, 12), rng.randint(1, 28)),
        items=items,
    )
    mid = meeting_id(source, 0)
    chunks, tokens = [], []
    for i, (item, parts) in enumerate(zip(items, texts, strict=True)):
        ref = ItemRef.of(item_id(mid, i), mid, meeting, item)
        title_words = " ".join(tokenize(item.title))
        for s, (kind, text, words) in enumerate(parts):
            heading = kind.value.title()
            chunks.append(
                Chunk(
                    id=f"{ref.item_id}-{s}-0-{source[:10]}", ref=ref, section_kind=kind,
                    section_heading=heading, page=None, text=text, dense=kind in DENSE_KINDS,
                )
            )  # fmt: skip
            tokens.append(f"{title_words} {' '.join(tokenize(heading))} {words}")
    return meeting, chunks, tokens


def store(catalog: Catalog, made: Made) -> None:
    meeting, chunks, tokens = made
    catalog.replace_document(meeting.source, meeting.source, "synthetic", [meeting], chunks, tokens)


def fill(folder: Path, source: Path, size: int) -> float:
    """Seconds to bring the catalog at `folder` to `size` chunks (0 when it is there)."""
    folder.mkdir(parents=True, exist_ok=True)
    catalog = Catalog(folder / "catalog.sqlite")
    started = time.perf_counter()
    stored = catalog.counts()["chunks"]
    if stored < size:
        pool = sentence_pool(source, folder.parent)
        first = catalog.counts()["documents"]
        rng = random.Random(11 + first)
        for n in range(first, first + (size - stored) // 60 + 1):
            store(catalog, synthetic(pool, f"synthetic-{n}.json", rng))
            if n % 1000 == 0:
                print(f"  {folder.name}: {catalog.counts()['chunks']:,} chunks", file=sys.stderr)
    catalog.close()
    return time.perf_counter() - started


# -- the measurements, each in its own process -------------------------------------------


def step_rebuild(folder: Path) -> dict[str, Any]:
    catalog = Catalog(folder / "catalog.sqlite")
    for name in ("lexical-open.pickle", "lexical-open-delta.pickle"):
        (folder / name).unlink(missing_ok=True)
    started = time.perf_counter()
    with Peak() as memory:
        index = LexicalIndex.load_or_build(catalog, folder, include_closed=False)
    seconds = time.perf_counter() - started
    size = (folder / "lexical-open.pickle").stat().st_size / 1e6
    return {"chunks": len(index), "seconds": seconds, "peak_mb": memory.rise, "file_mb": size}


def step_before(folder: Path, checkout: Path) -> dict[str, Any]:
    """The old code's rebuild and save, in a process that imports only that code."""
    out = folder / "before"
    out.mkdir(exist_ok=True)
    script = f"""
import json, sys, time
sys.path.insert(0, {str(checkout)!r})
from pathlib import Path
from assistant.catalog import Catalog
from assistant.lexical import LexicalIndex

def rss(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024

catalog = Catalog(Path({str(folder / "catalog.sqlite")!r}))
start = rss("VmRSS")
Path("/proc/self/clear_refs").write_text("5")
started = time.perf_counter()
index = LexicalIndex.load_or_build(catalog, Path({str(out)!r}), include_closed=False)
seconds = time.perf_counter() - started
size = Path({str(out / "lexical-open.pickle")!r}).stat().st_size / 1e6
print(json.dumps({{"chunks": len(index), "seconds": seconds,
                  "peak_mb": rss("VmHWM") - start, "file_mb": size}}))
"""
    command = [sys.executable, "-c", script]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    shutil.rmtree(out)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _timed_update(catalog: Catalog, folder: Path) -> dict[str, Any]:
    """Load the saved index, bring it up to date and save it, timing each part."""
    started = time.perf_counter()
    with Peak() as memory:
        saved = lexical_files.load(folder, include_closed=False)
        loaded = time.perf_counter()
        assert saved is not None, "no saved index: run the rebuild step first"
        updated = saved.caught_up(catalog)
        assert updated is not None
        caught_up = time.perf_counter()
        lexical_files.save(updated, folder)
    done = time.perf_counter()
    delta = folder / "lexical-open-delta.pickle"
    return {
        "load": loaded - started,
        "update": caught_up - loaded,
        "save": done - caught_up,
        "seconds": done - loaded,  # what the change adds: a process opening the index loads it
        "peak_mb": memory.rise,  # the index loaded, and the update on top
        "delta_mb": delta.stat().st_size / 1e6 if delta.exists() else 0.0,
        "merged": not updated.has_delta(),
    }


def step_change(folder: Path, source: Path, delete: bool) -> dict[str, Any]:
    catalog = Catalog(folder / "catalog.sqlite")
    made = (
        None if delete else synthetic(sentence_pool(source, folder.parent), PROBE, random.Random(5))
    )
    started = time.perf_counter()
    if made is None:
        catalog.delete_document(PROBE)
    else:
        store(catalog, made)
    written = time.perf_counter() - started
    return {**_timed_update(catalog, folder), "catalog_write": written}


def step_warm(folder: Path, source: Path) -> dict[str, Any]:
    """A process that holds the index: an added meeting, then its deletion, then a merge."""
    catalog = Catalog(folder / "catalog.sqlite")
    index = LexicalIndex.load_or_build(catalog, folder, include_closed=False)
    made = synthetic(sentence_pool(source, folder.parent), "warm-" + PROBE, random.Random(7))
    result: dict[str, Any] = {}
    changes: list[tuple[str, Callable[[], object]]] = [
        ("add", lambda: store(catalog, made)),
        ("delete", lambda: catalog.delete_document("warm-" + PROBE)),
    ]
    for name, change in changes:
        change()
        started = time.perf_counter()
        with Peak() as memory:
            index = LexicalIndex.load_or_build(catalog, folder, False, previous=index)
        result[name] = time.perf_counter() - started
        result[f"{name}_mb"] = memory.rise  # over the index the process holds
    started = time.perf_counter()
    with Peak() as memory:
        merged = index.merged()
    result["merge"] = time.perf_counter() - started
    result["merge_mb"] = memory.rise
    started = time.perf_counter()
    lexical_files.save(merged, folder)
    result["merge_save"] = time.perf_counter() - started
    return result


def run_step(name: str, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, __file__, "--step", name, "--data", str(folder),
               "--source", str(args.source)]  # fmt: skip
    if args.before:
        command += ["--before", str(args.before)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    print(name, folder.name, result, file=sys.stderr, flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, required=True, help="an ingested archive")
    parser.add_argument("--work", type=Path, default=Path("/tmp/referat-lexical"))
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--before", type=Path, help="a checkout of the code before")
    parser.add_argument("--step", help=argparse.SUPPRESS)  # internal: one measurement
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        steps = {
            "rebuild": lambda: step_rebuild(args.data),
            "before": lambda: step_before(args.data, args.before),
            "add": lambda: step_change(args.data, args.source, delete=False),
            "delete": lambda: step_change(args.data, args.source, delete=True),
            "warm": lambda: step_warm(args.data, args.source),
        }
        print(json.dumps(steps[args.step]()))
        return
    rows: list[dict[str, Any]] = []
    for size in (int(s) for s in args.sizes.split(",")):
        folder = args.work / str(size)
        filled = fill(folder, args.source, size)
        print(f"{folder.name}: filled in {filled:.0f} s", file=sys.stderr, flush=True)
        row: dict[str, Any] = {"rebuild": run_step("rebuild", folder, args)}
        row["before"] = run_step("before", folder, args) if args.before else {}
        for name in ("add", "delete", "warm"):
            row[name] = run_step(name, folder, args)
        rows.append(row)
    print(
        "| chunks | change | before: s | before: peak MB | after, index held: s | extra MB |"
        " after, new process: s (+ load s) | peak MB (with the load) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        before, warm = row["before"], row["warm"]
        for change in ("add", "delete"):
            cold = row[change]
            print(
                f"| {row['rebuild']['chunks']:,} | {change} one meeting (60 chunks) |"
                f" {before.get('seconds', float('nan')):.1f} | {before.get('peak_mb', 0):,.0f} |"
                f" {warm[change]:.3f} | {warm[change + '_mb']:,.0f} |"
                f" {cold['seconds']:.2f} (+ {cold['load']:.1f}) | {cold['peak_mb']:,.0f} |"
            )
    print()
    print("| chunks | rebuild s | peak MB | base file MB | delta file MB | merge s | merge MB |"
          " merge save s |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        rebuild, warm = row["rebuild"], row["warm"]
        print(
            f"| {rebuild['chunks']:,} | {rebuild['seconds']:.1f} | {rebuild['peak_mb']:,.0f} |"
            f" {rebuild['file_mb']:.0f} | {row['add']['delta_mb']:.1f} | {warm['merge']:.1f} |"
            f" {warm['merge_mb']:,.0f} | {warm['merge_save']:.1f} |"
        )


if __name__ == "__main__":
    main()
