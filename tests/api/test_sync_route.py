"""`POST /v1/sync` and `GET /v1/sync` over real HTTP: admins only, one sync at a time, the
status and summary of the last one; what it stored is searchable at once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.keys import KeyStore
from assistant.settings import Settings
from tests.ingest.test_sync import BYRAAD, FILES
from tests.support.portal_replay import Fault, PortalReplay, serving
from tests.support.server import Server, running
from tests.support.synced import sync_settings


@pytest.fixture
def server(tmp_path: Path, embedder: Embedder, cache_dir: Path) -> Iterator[Server]:
    settings = sync_settings(
        Settings(data_dir=tmp_path / "data", cache_dir=cache_dir, rate_limit_per_minute=1000)
    )
    archive = Archive(settings, embedder)
    store = KeyStore(settings.data_dir)
    keys = {
        "writer": store.create("scanner", ["read", "write", "closed"]),
        "admin": store.create("owner", ["admin"]),
    }
    store.close()
    with running(create_app(settings, archive)) as url:
        yield Server(url, keys)
    archive.close()


def _finished(http: httpx.Client) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status: dict[str, Any] = http.get("/v1/sync").json()
        if not status["running"]:
            return status
        time.sleep(0.2)
    raise AssertionError("the sync did not finish")


def test_an_admin_starts_one_sync_at_a_time_and_sees_how_it_went(server: Server) -> None:
    replay = PortalReplay.of(FILES[:2])
    replay.fail(f"/api/agenda/dagsorden/{BYRAAD}", Fault(hold=True))  # until released below
    with serving(replay) as portal, server.client("admin") as http:
        assert http.get("/v1/sync").json() == {
            "running": False, "portal": None, "started": None, "finished": None,
            "outcome": None, "summary": None,
        }  # fmt: skip
        body = {
            "url": portal,
            "municipality": "Greve",
            "bodies": ["Byråd", "Kultur- og Fritidsudvalget"],
        }
        started = http.post("/v1/sync", json=body)
        assert started.status_code == 202
        assert started.json()["running"] is True and started.json()["portal"] == portal

        again = http.post("/v1/sync", json=body)
        assert again.status_code == 409
        assert "another sync of this archive is running" in again.json()["detail"]
        assert http.get("/v1/sync").json()["running"] is True

        replay.released.set()
        status = _finished(http)
        assert status["outcome"] == "ok" and status["portal"] == portal
        summary = status["summary"]
        assert (summary["new"], summary["failed"], summary["items"]) == (2, 0, 7)

        # what the sync stored is searchable through the same server at once
        hits = http.post(
            "/v1/search", json={"query": "energiforbrug Greve Svømmehal", "top_k": 3}
        ).json()["hits"]
        assert hits[0]["citation"]["source"] == "2022-12-12_72ddf1fa.json"
        assert hits[0]["citation"]["municipality"] == "Greve"


def test_sync_needs_the_admin_scope_and_a_portal_url(server: Server) -> None:
    with server.client("writer") as http:
        refused = http.post("/v1/sync", json={"url": "https://dagsordener.greve.dk"})
        assert refused.status_code == 403 and "'admin' scope" in refused.json()["detail"]
        assert http.get("/v1/sync").status_code == 403
    with server.client("admin") as http:
        invalid = http.post("/v1/sync", json={"url": "ftp://dagsordener.greve.dk"})
        assert invalid.status_code == 422 and "http(s) URL" in invalid.json()["detail"]
        unknown = http.post("/v1/sync", json={"url": "https://x.dk", "bodys": ["Byråd"]})
        assert unknown.status_code == 422


def test_a_portal_that_cannot_be_listed_ends_the_sync_with_the_reason(server: Server) -> None:
    replay = PortalReplay.of(FILES[:1])
    replay.fail("/api/agenda/udvalgsliste", *[Fault(status=503)] * 4)
    with serving(replay) as portal, server.client("admin") as http:
        assert http.post("/v1/sync", json={"url": portal}).status_code == 202
        status = _finished(http)
    assert status["outcome"] == "error"
    assert "answered 503" in status["summary"]["error"]
    assert "try again later" in status["summary"]["error"]
