"""Uploads over real HTTP: a closed document stays closed unless an admin opens it; file names
lose invisible characters; a file that breaks a reader gets the JSON error shape."""

from __future__ import annotations

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
from tests.support.server import Server, running

# one decision in words no other document holds: who sees it is who finds it
MINUTES = """REFERAT Ansættelsesudvalget d. 12-03-2025

Punkt 1: Fratrædelsesaftale

81.03.00-P00-4-25

Beslutning

Ansættelsesudvalget godkendte fratrædelsesaftalen med Quistgaardholm.
"""
QUERY = "fratrædelsesaftale Quistgaardholm"


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, cache_dir: Path
) -> Iterator[Server]:
    data_dir = tmp_path_factory.mktemp("uploads")
    settings = Settings(
        data_dir=data_dir, cache_dir=cache_dir, rate_limit_per_minute=1000, host="0.0.0.0"
    )
    archive = Archive(settings, embedder)
    store = KeyStore(data_dir)
    keys = {
        "reader": store.create("intranet", ["read"]),
        "writer": store.create("scanner", ["read", "write"]),
        "keeper": store.create("secretariat", ["read", "write", "closed"]),
        "admin": store.create("owner", ["admin"]),
    }
    store.close()
    with running(create_app(settings, archive)) as url:
        yield Server(url, keys, timeout=120)
    archive.close()


def upload(server: Server, key: str, name: str, data: bytes, **form: str) -> httpx.Response:
    with server.client(key) as http:
        return http.post("/v1/documents", files={"file": (name, data, "text/plain")}, data=form)


def found(server: Server, key: str) -> list[dict[str, Any]]:
    """The citations a key's search for the decision returns."""
    with server.client(key) as http:
        hits = http.post("/v1/search", json={"query": QUERY, "top_k": 20}).json()["hits"]
    return [h["citation"] for h in hits if "Quistgaardholm" in h["citation"]["quote"]]


def test_a_closed_document_stays_closed_until_an_admin_opens_it(server: Server) -> None:
    name, data = "ansaettelse.txt", MINUTES.encode()
    first = upload(server, "writer", name, data, closed="true")
    assert first.status_code == 201 and first.json()["status"] == "stored"
    assert found(server, "reader") == []
    assert [c["closed"] for c in found(server, "keeper")] == [True]

    # a write key without the closed scope: kept closed, and told nothing a new upload is not
    again = upload(server, "writer", name, data, closed="false")
    assert again.status_code == 201
    assert again.json() == {
        "source": name, "status": "stored", "meetings": 1, "items": 1,
        "chunks": first.json()["chunks"],
    }  # fmt: skip
    changed = upload(server, "writer", name, data + b"\nSlut.\n", closed="false")
    assert set(changed.json()) == {"source", "status", "meetings", "items", "chunks"}
    assert found(server, "reader") == []

    # a key that sees closed items is told why it stays closed
    kept = upload(server, "keeper", name, data, closed="false")
    assert kept.json()["notes"] == ["the document stays closed: opening it needs the admin scope"]
    assert "opened" not in kept.json()
    assert [c["closed"] for c in found(server, "keeper")] == [True]

    # the admin opens it, and the response says so
    opened = upload(server, "admin", name, data, closed="false")
    assert opened.status_code == 201
    assert opened.json()["status"] == "replaced" and opened.json()["opened"] is True
    assert opened.json()["notes"] == [
        "the document was closed and is open now, except items its text marks closed"
    ]
    assert [c["closed"] for c in found(server, "reader")] == [False]

    # open now: an upload without `closed` keeps it open and says nothing special
    plain = upload(server, "writer", name, data)
    assert plain.json()["status"] == "unchanged" and "notes" not in plain.json()
    assert [c["closed"] for c in found(server, "reader")] == [False]


def test_upload_names_lose_invisible_and_control_characters(server: Server) -> None:
    # U+202E turns "rapport-fdp.txt" around on screen; U+200B hides inside a word
    response = upload(server, "writer", "mø\u200bde-\u202etxt.fdp.txt", b"Referat\n\nGodkendt.")
    assert response.status_code == 201, response.text
    assert response.json()["source"] == "møde-txt.fdp.txt"
    assert response.json()["notes"] == [
        "the file name held invisible or control characters (U+200B, U+202E): "
        "stored as 'møde-txt.fdp.txt'",
        # two lines of no known layout: the general segmenter read them
        "møde-txt.fdp.txt: no known layout — split by the general segmenter into 1 item(s); "
        "check with `referat inspect møde-txt.fdp.txt`",
    ]
    with server.client("reader") as http:
        sources = {m["source"] for m in http.get("/v1/meetings").json()["meetings"]}
    assert "møde-txt.fdp.txt" in sources


def test_a_file_that_breaks_a_reader_gets_a_json_error(server: Server) -> None:
    deep = '{"Dagsordenpunkter": [], "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = upload(server, "writer", "deep.json", deep.encode())
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"
    assert response.json()["detail"].startswith("deep.json: the JSON is nested too deeply")

    nul = upload(server, "writer", "nul.txt", b"\x00" * 2048)
    assert nul.status_code == 422
    assert nul.json()["detail"].startswith("nul.txt: the file holds no text")
