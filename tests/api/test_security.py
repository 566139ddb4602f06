"""Trust over real HTTP: closed items stay closed, keys and scopes, limits on what is sent."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from api.app import create_app
from api.cli import cli
from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.keys import KeyStore
from assistant.settings import Settings
from ingest.pipeline import ingest_paths
from tests.conftest import FIXTURES
from tests.support.server import running

GREVE_WITH_CLOSED = "2022-01-14_8b2f1d8b.json"
# A closed item with full text, in minutes we write ourselves: the words are unique to it.
CLOSED_MINUTES = """REFERAT Økonomiudvalget d. 05-03-2025

Punkt 1: Godkendelse af dagsorden

00.01.00-A00-1-25

Beslutning

Dagsordenen blev godkendt.

Punkt 2: Lukket punkt: Personalesag vedrørende afskedigelse af Mikkelsenbrandt

81.03.00-P00-9-25

Sagsfremstilling

Sagen drejer sig om afskedigelse af souschef Mikkelsenbrandt efter gentagne advarsler.

Beslutning

Økonomiudvalget godkendte afskedigelsen af Mikkelsenbrandt med virkning fra 1. april 2025.

Punkt 3: Budgetopfølgning 1

00.30.00-S00-2-25

Beslutning

Økonomiudvalget tog budgetopfølgningen til efterretning.
"""
CLOSED_QUESTION = "Hvad blev der besluttet om afskedigelsen af Mikkelsenbrandt?"
# A meeting all of whose items are closed: to a caller without the `closed` scope it must not
# exist at all (not its date, not its body, not in a count).
ALL_CLOSED_NAME = "ansaettelsesudvalget-2025-03-12.txt"
ALL_CLOSED_MINUTES = """REFERAT Ansættelsesudvalget d. 12-03-2025

Punkt 1: Lukket punkt: Ansættelse af direktør for Teknik og Miljø

81.02.00-A00-3-25

Beslutning

Ansættelsesudvalget indstillede Rosenkvistholm til stillingen.

Punkt 2: Lukket punkt: Fratrædelsesaftale

81.03.00-P00-4-25

Beslutning

Ansættelsesudvalget godkendte fratrædelsesaftalen med Rosenkvistholm.
"""


@dataclass
class Server:
    url: str
    keys: dict[str, str]
    data_dir: Path

    def client(self, key: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.keys[key]}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, cache_dir: Path
) -> Iterator[Server]:
    data_dir = tmp_path_factory.mktemp("secure")
    inbox = tmp_path_factory.mktemp("secure-inbox")
    (inbox / "oekonomiudvalget-2025-03-05.txt").write_text(CLOSED_MINUTES, encoding="utf-8")
    (inbox / ALL_CLOSED_NAME).write_text(ALL_CLOSED_MINUTES, encoding="utf-8")
    # served as on a network address: a caller without a key is nobody (see test_gate.py for
    # the loopback server that reads open items without one)
    settings = Settings(
        data_dir=data_dir, cache_dir=cache_dir, max_upload_mb=0.2, rate_limit_per_minute=1000,
        host="0.0.0.0",
    )  # fmt: skip
    archive = Archive(settings, embedder)
    report = ingest_paths(
        archive, [inbox, FIXTURES / "greve" / GREVE_WITH_CLOSED, FIXTURES / "seeds" /
                  "002_e6b0dd0e402eadb9.txt"],
    )  # fmt: skip
    assert not report.skipped
    store = KeyStore(data_dir)
    keys = {
        "reader": store.create("intranet", ["read"]),
        "clerk": store.create("secretariat", ["read", "closed"]),
        "editor": store.create("editor", ["read", "write"]),
        "keeper": store.create("keeper", ["read", "write", "closed"]),
    }
    store.close()
    with running(create_app(settings, archive)) as url:
        yield Server(url, keys, data_dir)
    archive.close()


def _closed_item_id(server: Server) -> str:
    with server.client("clerk") as http:
        hits = http.post("/v1/search", json={"query": "afskedigelse Mikkelsenbrandt"}).json()
    closed = [h for h in hits["hits"] if h["citation"]["closed"]]
    assert closed, "the clerk must see the closed item"
    return str(closed[0]["citation"]["item_id"])


def test_closed_items_never_reach_a_reader(server: Server) -> None:
    item_id = _closed_item_id(server)
    with server.client("reader") as http:
        hits = http.post("/v1/search", json={"query": "afskedigelse Mikkelsenbrandt", "top_k": 50})
        assert not any(h["citation"]["closed"] for h in hits.json()["hits"])
        assert "Mikkelsenbrandt" not in hits.text

        answer = http.post("/v1/ask", json={"question": CLOSED_QUESTION}).json()
        nothing = http.post(
            "/v1/ask", json={"question": "Hvad blev der besluttet om et nyt planetarium?"}
        ).json()
        assert answer["found"] is False and answer["citations"] == []
        assert answer["answer"] == nothing["answer"]  # the same "nothing found" as for nothing

        item = http.get(f"/v1/items/{item_id}")
        unknown = http.get("/v1/items/m000000000000-2")
        assert item.status_code == unknown.status_code == 404
        assert "Mikkelsenbrandt" not in item.text and "Lukket" not in item.text

        case = http.get("/v1/cases/81.03.00-P00-9-25")
        assert case.status_code == 404 and "Mikkelsenbrandt" not in case.text

        meetings = http.get("/v1/meetings").json()["meetings"]
        mine = next(m for m in meetings if m["source"] == "oekonomiudvalget-2025-03-05.txt")
        assert mine["items"] == 2  # the closed item is not even counted
        agenda = http.get(f"/v1/meetings/{mine['id']}").json()["agenda"]
        assert [i["number"] for i in agenda] == ["1", "3"]
        greve = next(m for m in meetings if m["source"] == GREVE_WITH_CLOSED)
        greve_agenda = http.get(f"/v1/meetings/{greve['id']}").json()["agenda"]
        assert greve_agenda and not any(i["title"].startswith("Lukket") for i in greve_agenda)


def test_a_key_with_the_closed_scope_sees_closed_items(server: Server) -> None:
    item_id = _closed_item_id(server)
    with server.client("clerk") as http:
        item = http.get(f"/v1/items/{item_id}").json()
        assert item["closed"] is True and item["number"] == "2"
        answer = http.post("/v1/ask", json={"question": CLOSED_QUESTION}).json()
        assert answer["found"] is True
        assert any("Mikkelsenbrandt" in c["quote"] for c in answer["citations"])
        greve = http.get("/v1/meetings", params={"body": "Byråd 2022-2025"}).json()["meetings"][0]
        agenda = http.get(f"/v1/meetings/{greve['id']}").json()["agenda"]
        assert any(i["closed"] and i["title"].startswith("Lukket") for i in agenda)


def test_no_key_no_access_and_scopes_are_enforced(server: Server) -> None:
    with server.client() as anonymous:
        response = anonymous.post("/v1/search", json={"query": "miljøledelse"})
        assert response.status_code == 401
        assert "Authorization: Bearer" in response.json()["detail"]
        assert response.headers["www-authenticate"] == "Bearer"
    with httpx.Client(base_url=server.url, headers={"Authorization": "Bearer rk_nope"}) as bad:
        assert bad.get("/v1/meetings").status_code == 401
    with server.client("reader") as reader:
        upload = reader.post("/v1/documents", files={"file": ("a.txt", b"Referat", "text/plain")})
        assert upload.status_code == 403 and "'write' scope" in upload.json()["detail"]
        assert reader.delete("/v1/documents/002_e6b0dd0e402eadb9.txt").status_code == 403
    with server.client() as anonymous:
        assert anonymous.get("/healthz").status_code == 200  # liveness needs no key


def test_keys_are_stored_hashed(server: Server) -> None:
    with sqlite3.connect(server.data_dir / "keys.sqlite") as db:
        stored = " ".join(str(v) for row in db.execute("SELECT * FROM keys") for v in row)
    for key in server.keys.values():
        assert key not in stored


def test_uploads_and_bodies_are_bounded(server: Server) -> None:
    with server.client("editor") as http:
        big = http.post("/v1/documents", files={"file": ("stor.txt", b"x" * 300_000, "text/plain")})
        assert big.status_code == 413 and "too large" in big.json()["detail"]
        huge_json = http.post(
            "/v1/ask", content=b'{"question": "' + b"a" * 100_000 + b'"}',
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        assert huge_json.status_code == 413
        long_question = http.post("/v1/ask", json={"question": "a " * 600})
        assert long_question.status_code == 422
        binary = http.post(
            "/v1/documents",
            files={"file": ("referat.pdf", b"PK\x03\x04 not a pdf", "application/pdf")},
        )
        assert binary.status_code == 422 and "unsupported file type" in binary.json()["detail"]
        traversal = http.post(
            "/v1/documents",
            files={"file": ("../../../tmp/evil.txt", CLOSED_MINUTES.encode(), "text/plain")},
        )
        assert traversal.status_code == 201 and traversal.json()["source"] == "evil.txt"
        assert not Path("/tmp/evil.txt").exists()
        assert http.delete("/v1/documents/evil.txt").status_code == 200


def test_rate_limit_per_key(tmp_path: Path, embedder: Embedder, cache_dir: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", cache_dir=cache_dir, rate_limit_per_minute=5)
    archive = Archive(settings, embedder)
    store = KeyStore(settings.data_dir)
    key = store.create("busy", ["read"])
    store.close()
    try:
        with (
            running(create_app(settings, archive)) as url,
            httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}) as http,
        ):
            codes = [http.get("/v1/meetings").status_code for _ in range(7)]
            assert codes == [200] * 5 + [429] * 2
            limited = http.get("/v1/meetings")
            assert int(limited.headers["retry-after"]) > 0
    finally:
        archive.close()


def test_public_read_opens_open_items_only(
    tmp_path: Path, embedder: Embedder, cache_dir: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "closed.txt").write_text(CLOSED_MINUTES, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", cache_dir=cache_dir, public_read=True)
    archive = Archive(settings, embedder)
    ingest_paths(archive, [inbox])
    try:
        with running(create_app(settings, archive)) as url, httpx.Client(base_url=url) as http:
            hits = http.post("/v1/search", json={"query": "Mikkelsenbrandt afskedigelse"}).json()
            assert hits["hits"] and not any(h["citation"]["closed"] for h in hits["hits"])
            files = {"file": ("x.txt", b"Referat", "text/plain")}
            refused = http.post("/v1/documents", files=files)
            assert refused.status_code == 403 and "'write' scope" in refused.json()["detail"]
    finally:
        archive.close()


def test_keys_cli_creates_lists_and_revokes(tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--data-dir", str(tmp_path)]
    created = runner.invoke(cli, [*base, "keys", "create", "intranet", "--scope", "read,closed"])
    assert created.exit_code == 0
    key = created.output.strip().splitlines()[-1]
    assert key.startswith("rk_") and len(key) > 40
    store = KeyStore(tmp_path)
    caller = store.verify(key)
    store.close()
    assert caller is not None and caller.sees_closed and not caller.may("write")
    listed = runner.invoke(cli, [*base, "keys", "list"])
    assert "intranet\tclosed,read" in listed.output and key not in listed.output
    bad = runner.invoke(cli, [*base, "keys", "create", "x", "--scope", "root"])
    assert bad.exit_code == 1 and "unknown scope(s) root" in bad.output
    assert runner.invoke(cli, [*base, "keys", "revoke", "intranet"]).exit_code == 0
    store = KeyStore(tmp_path)
    assert store.verify(key) is None
    store.close()


def test_closed_marking_rules(tmp_path: Path, embedder: Embedder, cache_dir: Path) -> None:
    from ingest.closed import mark_closed
    from ingest.readers.registry import read_source
    from ingest.source import SourceFile

    source = SourceFile("m.txt", CLOSED_MINUTES.encode())
    meetings = mark_closed(read_source(source).meetings)
    assert [i.closed for i in meetings[0].items] == [False, True, False]
    everything = mark_closed(read_source(source).meetings, all_closed=True)
    assert all(i.closed for i in everything[0].items)
    steinkjer = SourceFile(
        "u.txt",
        (
            "Formannskaps behandling av sak 9/2025 i møte den 11.12.2025:\n\nBehandling\n"
            "Unntatt offentlighet jf. offl. § 13.\n\nVedtak\nSaken ble tatt til orientering.\n"
        ).encode(),
    )
    assert mark_closed(read_source(steinkjer).meetings)[0].items[0].closed


def test_question_text_is_never_logged(server: Server, caplog: pytest.LogCaptureFixture) -> None:
    secret = "Hvad blev besluttet om Rasmussenvej 17 og borgerens klage?"
    with caplog.at_level("DEBUG"), server.client("reader") as http:
        assert http.post("/v1/ask", json={"question": secret}).status_code == 200
        http.post("/v1/search", json={"query": secret})
        http.post("/v1/ask", json={"question": secret, "bogus": True})  # a 422 is not logged either
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Rasmussenvej" not in logged


def _same_refusal(hidden: httpx.Response, unknown: httpx.Response, hidden_name: str,
                  unknown_name: str) -> None:  # fmt: skip
    """Two 404s a caller cannot tell apart: status, headers (bar the date) and body."""
    assert hidden.status_code == unknown.status_code == 404
    assert hidden.text.replace(hidden_name, "NAME") == unknown.text.replace(unknown_name, "NAME")
    assert {k: v for k, v in hidden.headers.items() if k != "date"} == {
        k: v for k, v in unknown.headers.items() if k != "date"
    }


def test_a_meeting_of_closed_items_only_does_not_exist_without_the_scope(server: Server) -> None:
    with server.client("clerk") as clerk:
        listed = clerk.get("/v1/meetings", params={"body": "Ansættelsesudvalget"}).json()
        assert listed["total"] == 1 and listed["meetings"][0]["source"] == ALL_CLOSED_NAME
        meeting_id = listed["meetings"][0]["id"]
        agenda = clerk.get(f"/v1/meetings/{meeting_id}").json()["agenda"]
        assert [i["closed"] for i in agenda] == [True, True]
        clerk_total = clerk.get("/v1/meetings").json()["total"]
        assert clerk.get("/v1/cases/81.02.00-A00-3-25").status_code == 200
    unknown_id = "f" * len(meeting_id)
    for name in ("reader", "editor"):
        with server.client(name) as http:
            hidden = http.get(f"/v1/meetings/{meeting_id}")
            _same_refusal(hidden, http.get(f"/v1/meetings/{unknown_id}"), meeting_id, unknown_id)
            assert "2025-03-12" not in hidden.text and "Ansættelsesudvalget" not in hidden.text

            listed = http.get("/v1/meetings", params={"limit": 500}).json()
            assert ALL_CLOSED_NAME not in {m["source"] for m in listed["meetings"]}
            assert listed["total"] == clerk_total - 1  # not even counted
            by_body = http.get("/v1/meetings", params={"body": "Ansættelsesudvalget"})
            no_body = http.get("/v1/meetings", params={"body": "Ukendtudvalget12345"})
            assert by_body.json() == no_body.json() == {
                "total": 0, "limit": 50, "offset": 0, "meetings": []
            }  # fmt: skip

            case = http.get("/v1/cases/81.02.00-A00-3-25")
            _same_refusal(case, http.get("/v1/cases/81.02.00-A00-9-99"), "3-25", "9-99")
            assert "Rosenkvistholm" not in case.text


def test_a_write_key_does_not_learn_of_closed_documents(server: Server) -> None:
    """The decision: a `write` key without `closed` knows the documents it can read (any open
    item); one of closed items only does not exist for it, so it cannot remove it either."""
    upload = {"file": ("lukket-2025.txt", ALL_CLOSED_MINUTES.replace("12-03", "19-03").encode())}
    with server.client("keeper") as keeper:
        stored = keeper.post("/v1/documents", files=upload, data={"closed": "true"})
        assert stored.status_code == 201, stored.text
    with server.client("editor") as editor:
        hidden = editor.delete("/v1/documents/lukket-2025.txt")
        unknown = editor.delete("/v1/documents/ukendt-2025.txt")
        _same_refusal(hidden, unknown, "lukket-2025.txt", "ukendt-2025.txt")
    with server.client("keeper") as keeper:
        assert (
            keeper.get("/v1/meetings", params={"body": "Ansættelsesudvalget"}).json()["total"] == 2
        )  # still there: the editor's 404 removed nothing
        removed = keeper.delete("/v1/documents/lukket-2025.txt")
        assert removed.status_code == 200 and removed.json()["source"] == "lukket-2025.txt"
