"""`referat serve`: options that must refuse to start rather than misbehave, and the real
server in its own process (who reads without a key, what its start-up line and log say)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from api.cli import cli
from tests.conftest import FIXTURES

REFERAT = str(Path(sys.executable).with_name("referat"))
SEED = FIXTURES / "seeds" / "002_e6b0dd0e402eadb9.txt"


def test_several_workers_need_a_chroma_server(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["--data-dir", str(tmp_path), "serve", "--workers", "2"],
        env={"REFERAT_CHROMA_URL": ""},
    )
    assert result.exit_code == 1
    assert "needs a Chroma server" in result.output and "REFERAT_CHROMA_URL" in result.output


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def referat_serve(data_dir: Path, cache_dir: Path, host: str) -> Iterator[tuple[str, list[str]]]:
    """`referat serve` in its own process; yields its URL and, after it stops, its output."""
    port = _free_port()
    env = {**os.environ, "REFERAT_CACHE_DIR": str(cache_dir), "PYTHONUNBUFFERED": "1"}
    command = [REFERAT, "--data-dir", str(data_dir), "serve", "--host", host, "--port", str(port)]
    output: list[str] = []
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        try:
            while True:
                try:
                    httpx.get(f"{url}/healthz", timeout=2)
                    break
                except httpx.TransportError:
                    assert process.poll() is None, process.stdout.read() if process.stdout else ""
                    assert time.monotonic() < deadline, "referat serve did not start"
                    time.sleep(0.3)
            yield url, output
        finally:
            process.terminate()
            out, _ = process.communicate(timeout=30)
            output.extend(out.splitlines())


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    data_dir = tmp_path_factory.mktemp("served")
    result = CliRunner().invoke(
        cli, ["--data-dir", str(data_dir), "ingest", str(SEED)],
        env={"REFERAT_CACHE_DIR": str(cache_dir)},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return data_dir


def test_serve_on_loopback_reads_without_a_key_and_logs_no_values(
    archive_dir: Path, cache_dir: Path
) -> None:
    with referat_serve(archive_dir, cache_dir, "127.0.0.1") as (url, output):
        meetings = httpx.get(f"{url}/v1/meetings", params={"body": "Chefforum"}, timeout=60)
        assert meetings.status_code == 200 and meetings.json()["total"] >= 1
        assert httpx.get(f"{url}/v1/cases/99.99.99-HEMMELIG-1", timeout=60).status_code == 404
    said = "\n".join(output)
    assert f"Referat on {url}/" in said
    assert "readable without a key from this machine only (loopback)" in said
    # uvicorn's own access log is off; the app's names route patterns only
    assert '"GET /v1/cases/{case_number} HTTP/1.1" 404' in said
    assert '"GET /v1/meetings HTTP/1.1" 200' in said
    assert "HEMMELIG" not in said and "Chefforum" not in said


def test_serve_on_a_network_address_needs_a_key(archive_dir: Path, cache_dir: Path) -> None:
    with referat_serve(archive_dir, cache_dir, "0.0.0.0") as (url, output):
        refused = httpx.get(f"{url}/v1/meetings", headers={"Accept-Language": "da"}, timeout=60)
        assert refused.status_code == 401
        assert "adgangsnøgle" in refused.json()["message"]
    said = "\n".join(output)
    assert "Every request needs a key" in said and "REFERAT_PUBLIC_READ" in said
