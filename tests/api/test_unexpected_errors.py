"""A bug in a route still answers with the API's JSON error shape, never a plain-text 500 or a
traceback, and the server goes on answering (over real HTTP)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from api.app import create_app
from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.settings import Settings
from tests.support.server import running


def test_an_unexpected_error_is_json_and_the_server_goes_on(
    tmp_path: Path, cache_dir: Path, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(data_dir=tmp_path, cache_dir=cache_dir, public_read=True)
    archive = Archive(settings, embedder)
    calls = {"n": 0}

    def broken(self: Archive, *args: object, **kwargs: object) -> None:
        calls["n"] += 1
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(Archive, "meetings", broken)
    try:
        with running(create_app(settings, archive)) as url:
            with httpx.Client(base_url=url) as http:
                failed = http.get("/v1/meetings")
            assert failed.status_code == 500 and calls["n"] == 1
            assert failed.headers["content-type"].startswith("application/json")
            assert "internal error" in failed.json()["detail"]
            assert "secret internal detail" not in failed.text and "Traceback" not in failed.text
            # Starlette closes the failed connection; a new one is answered
            with httpx.Client(base_url=url) as fresh:
                assert fresh.get("/healthz").json()["status"] == "ok"
    finally:
        archive.close()
