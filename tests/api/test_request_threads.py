"""REFERAT_REQUEST_THREADS bounds how many requests a server process works on at once; the rest
wait their turn and are all answered (over real HTTP, real archive)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from assistant.archive import Archive
from assistant.embedder import Embedder, Vectors
from assistant.settings import Settings
from ingest.pipeline import ingest_paths
from tests.conftest import FIXTURES
from tests.support.server import running

QUESTIONS = [f"Hvad blev der besluttet om miljøledelse, spørgsmål {n}?" for n in range(8)]


class Watched:
    """The real embedder; records how many questions are being embedded at the same moment."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.reentrant = True
        self.running = 0
        self.most_at_once = 0
        self._lock = threading.Lock()

    def passages(self, texts: list[str]) -> Vectors:
        return self.inner.passages(texts)

    def query(self, text: str) -> Vectors:
        with self._lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            time.sleep(0.2)  # long enough for every waiting request to pile up if allowed in
            return self.inner.query(text)
        finally:
            with self._lock:
                self.running -= 1


@pytest.mark.parametrize("threads", [2, 6])
def test_at_most_request_threads_requests_are_worked_on_at_once(
    tmp_path: Path, embedder: Embedder, cache_dir: Path, threads: int
) -> None:
    settings = Settings(
        data_dir=tmp_path / "data", cache_dir=cache_dir, public_read=True,
        request_threads=threads,
    )  # fmt: skip
    watched = Watched(embedder)
    archive = Archive(settings, watched)
    assert ingest_paths(archive, [FIXTURES / "seeds" / "002_e6b0dd0e402eadb9.txt"]).stored
    with (
        running(create_app(settings, archive)) as url,
        httpx.Client(base_url=url, timeout=60) as http,
    ):

        def ask(question: str) -> httpx.Response:
            return http.post("/v1/search", json={"query": question})

        with ThreadPoolExecutor(max_workers=len(QUESTIONS)) as pool:
            responses = list(pool.map(ask, QUESTIONS))
    archive.close()
    assert [r.status_code for r in responses] == [200] * len(QUESTIONS)
    assert all(r.json()["hits"][0]["citation"]["item_number"] == "7" for r in responses)
    assert watched.most_at_once == threads
