"""Query latency in a warm process (not a test): search and ask, p50/p95/p99.

    python bench/query_latency.py --data-dir /path/to/archive [--rounds 5]

Questions are the dev set's (../shared/eval/dev.jsonl), each asked `rounds` times after one
warm-up pass; the embedder, Chroma, the lexical index and the catalog are all real. The
in-memory cache of recent question vectors is off, so every question pays for its embedding.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.answering import ask
from assistant.archive import Archive
from assistant.evaluation import load_questions
from assistant.search import search
from assistant.settings import Settings


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--questions", type=Path, default=Path("../shared/eval/dev.jsonl"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--cached",
        action="store_true",
        help="Keep question vectors after the warm-up: times Referat's own code, not e5.",
    )
    args = parser.parse_args()

    recent = 100_000 if args.cached else 0
    archive = Archive.open(Settings(data_dir=args.data_dir, recent_queries=recent))
    questions = load_questions(args.questions)
    started = time.perf_counter()
    archive.lexical()
    load_seconds = time.perf_counter() - started
    for question in questions:  # warm-up: caches, pages, lazy imports
        ask(archive, question.q, question.filters)

    timings: dict[str, list[float]] = {"search": [], "ask": []}
    for _ in range(args.rounds):
        for question in questions:
            t0 = time.perf_counter()
            search(archive, question.q, question.filters, top_k=10)
            t1 = time.perf_counter()
            ask(archive, question.q, question.filters)
            t2 = time.perf_counter()
            timings["search"].append(1000 * (t1 - t0))
            timings["ask"].append(1000 * (t2 - t1))

    stats = archive.stats()
    print(
        f"archive: {stats['items']} items, {stats['chunks']} chunks "
        f"({archive.vectors.count()} with vectors); lexical index ready in {load_seconds:.1f} s"
    )
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    )
    print("| operation | n | p50 ms | p95 ms | p99 ms | mean ms |")
    print("|---|---|---|---|---|---|")
    for name, values in timings.items():
        print(
            f"| {name} | {len(values)} | {percentile(values, 0.5):.1f} | "
            f"{percentile(values, 0.95):.1f} | {percentile(values, 0.99):.1f} | "
            f"{statistics.mean(values):.1f} |"
        )
    archive.close()


if __name__ == "__main__":
    main()
