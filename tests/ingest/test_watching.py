"""After an ingest, watches never hold the ingest up or break it: a receiver that is down gets
its items after the next ingest, and a damaged watches file is reported, not raised."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.model import Filters
from assistant.settings import Settings
from assistant.watches import LOCAL, WatchStore
from ingest.pipeline import ingest_paths
from tests.support.coast_minutes import BEFORE, NEW, OPEN_DECISION
from tests.support.receiver import receiving


@pytest.fixture
def minutes(tmp_path: Path) -> tuple[Path, Path]:
    january, february = tmp_path / "januar.txt", tmp_path / "februar.txt"
    january.write_text(BEFORE, encoding="utf-8")
    february.write_text(NEW, encoding="utf-8")
    return january, february


@pytest.fixture
def hooked(tmp_path: Path, embedder: Embedder, cache_dir: Path) -> Iterator[Archive]:
    """An archive whose watches may call a receiver on loopback."""
    settings = Settings(data_dir=tmp_path / "data", cache_dir=cache_dir,
                        webhook_private_targets=True)  # fmt: skip
    opened = Archive(settings, embedder)
    yield opened
    opened.close()


def test_a_receiver_that_is_down_gets_the_items_after_the_next_ingest(
    hooked: Archive, minutes: tuple[Path, Path]
) -> None:
    archive, (january, february) = hooked, minutes
    ingest_paths(archive, [january])
    data = archive.settings.data_dir
    with receiving() as hooks:
        hooks.failures["/down"] = [503, 503, 503]  # every attempt of the first run
        with WatchStore(data) as store:
            versions = [(d.source, d.sha256) for d in archive.catalog.documents()]
            made, _ = store.create(LOCAL, "kystbeskyttelse", Filters(), False, versions,
                                   f"{hooks.url}/down")  # fmt: skip

        assert ingest_paths(archive, [february]).stored
        assert len(hooks.at("/down")) == 3  # tried three times, then left for later
        with WatchStore(data) as store:
            assert [h.delivered for h in store.hits(made.id, False)] == [False]
            # the query's vector is kept for the next process: the one search would use
            (kept,) = store.query_vectors(archive.embedder_name).values()
            question = archive.embedder.query("kystbeskyttelse")
            assert np.array_equal(np.frombuffer(kept, dtype=np.float32), question)

        assert ingest_paths(archive, [february]).unchanged  # nothing new, but it delivers
        last = hooks.at("/down")[-1].json()["items"]
        assert [item["citation"]["quote"] for item in last] == [OPEN_DECISION]
        with WatchStore(data) as store:
            assert [h.delivered for h in store.hits(made.id, False)] == [True]


def test_a_damaged_watches_file_is_reported_and_the_ingest_goes_on(
    archive: Archive, settings: Settings, minutes: tuple[Path, Path],
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    january, _ = minutes
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / "watches.sqlite").write_bytes(b"not a database at all" * 100)
    with caplog.at_level(logging.ERROR):
        report = ingest_paths(archive, [january])
    assert report.stored and not report.skipped
    assert "watches were not updated" in caplog.text
    assert "move it aside" in caplog.text
