"""The nearest chunks are the same in every process that opens the archive (real Chroma).

Chroma persists its HNSW graph every `sync_threshold` writes and re-inserts the writes since
into the graph, in no fixed order, whenever a process opens the collection: with its default
(1,000) the same question got other nearest chunks, and so another answer, after a restart
(dev.jsonl d007, d081). The store flushes and persists at the same small count instead."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from assistant.model import Chunk, ItemRef, SectionKind
from assistant.vector_store import PERSIST_EVERY, ChromaVectorStore

DIM = 384
COUNT = 5_730  # 57 flushes and a remainder the exact buffer keeps

# run in a fresh interpreter: what one process start finds nearest five fixed vectors
_NEAREST = """
import json, sys
import numpy as np
from pathlib import Path
from assistant.vector_store import ChromaVectorStore
store = ChromaVectorStore(Path(sys.argv[1]), "random")
queries = np.random.default_rng(1).standard_normal((5, 384)).astype(np.float32)
print(json.dumps([[h.chunk_id for h in store.query(q, 300)] for q in queries]))
store.close()
"""


def _chunks(count: int) -> list[Chunk]:
    ref = ItemRef("i", "m", "s.txt", None, None, None, "1", "Punkt", None, False)
    return [
        Chunk(id=f"c{i}", ref=ref, section_kind=SectionKind.OTHER, section_heading="",
              page=None, text="x", dense=True)
        for i in range(count)
    ]  # fmt: skip


def _nearest_in_a_new_process(data_dir: Path) -> list[list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _NEAREST, str(data_dir)],
        capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_every_process_finds_the_same_nearest_chunks(tmp_path: Path) -> None:
    vectors = np.random.default_rng(0).standard_normal((COUNT, DIM)).astype(np.float32)
    chunks = _chunks(COUNT)
    store = ChromaVectorStore(tmp_path, "random")
    for start in range(0, COUNT, 50):  # written as ingest writes, a document at a time
        store.add(chunks[start : start + 50], vectors[start : start + 50])
    store.close()
    first = _nearest_in_a_new_process(tmp_path)
    assert all(len(ids) == 300 for ids in first)
    for _ in range(3):
        assert _nearest_in_a_new_process(tmp_path) == first


def test_a_collection_made_before_is_set_to_persist_at_the_same_count(tmp_path: Path) -> None:
    client = chromadb.PersistentClient(
        path=str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    client.get_or_create_collection(
        "referat-chunks", embedding_function=None, metadata={"embedder": "random"},
        configuration={"hnsw": {"space": "cosine"}},
    )  # fmt: skip
    del client
    store = ChromaVectorStore(tmp_path, "random")
    store.close()
    client = chromadb.PersistentClient(
        path=str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    hnsw = (client.get_collection("referat-chunks").configuration or {}).get("hnsw") or {}
    assert hnsw.get("sync_threshold") == PERSIST_EVERY
