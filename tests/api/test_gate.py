"""The server's edge over real HTTP (issue 14 items 7 and low, issue 15's loopback start): the
key before the body, limits per route, failed keys rate-limited, proxies believed only when
configured, slow clients cut off, access logs without values, pages under a CSP, and open
reading without a key only on loopback."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from api.app import create_app
from api.edge import ACCESS_LOG
from api.serving import server_options
from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.keys import KeyStore
from assistant.settings import Settings
from ingest.pipeline import ingest_paths
from tests.api.test_security import CLOSED_MINUTES
from tests.conftest import FIXTURES
from tests.support.server import running

SEED = FIXTURES / "seeds" / "002_e6b0dd0e402eadb9.txt"
NETWORK = "0.0.0.0"  # served as on a network address: no reading without a key
MB = 1024 * 1024


@dataclass
class Served:
    url: str
    key: str  # read
    clerk: str  # read + closed

    def client(self, key: str | None = None, **headers: str) -> httpx.Client:
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


@contextmanager
def served(
    folder: Path, embedder: Embedder, cache_dir: Path, options: bool = False, **changes: Any
) -> Iterator[Served]:
    """The real app over the seed minutes and a closed item; with `options`, uvicorn runs
    with the options `referat serve` gives it (proxies, timeouts, connection limit)."""
    (folder / "inbox").mkdir(parents=True)
    (folder / "inbox" / "closed.txt").write_text(CLOSED_MINUTES, encoding="utf-8")
    settings = Settings(data_dir=folder / "data", cache_dir=cache_dir, **changes)
    archive = Archive(settings, embedder)
    assert not ingest_paths(archive, [SEED, folder / "inbox"]).skipped
    store = KeyStore(settings.data_dir)
    keys = store.create("reader", ["read"]), store.create("clerk", ["read", "closed"])
    store.close()
    extra = server_options(settings) if options else {}
    try:
        with running(create_app(settings, archive), **extra) as url:
            yield Served(url, *keys)
    finally:
        archive.close()


@dataclass
class Raw:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def raw(url: str, head: str, body: bytes = b"") -> Raw:
    """Send a request head (and maybe part of a body) on a socket; read until the server
    closes the connection. Nothing more of the body is ever sent."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    top, _, rest = received.partition(b"\r\n\r\n")
    status_line, *lines = top.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines)}
    return Raw(int(status_line.split()[1]), headers, rest)


def closes_unanswered(url: str, data: bytes) -> bool:
    """Does the server close a connection that sent `data` (and then nothing) without a word?"""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(data)
        return sock.recv(65536) == b""


def post_head(path: str, length: int, content_type: str, key: str | None = None) -> str:
    auth = f"\nAuthorization: Bearer {key}" if key else ""
    return (
        f"POST {path} HTTP/1.1\nHost: 127.0.0.1\nContent-Type: {content_type}\n"
        f"Content-Length: {length}{auth}\n"
    )


@pytest.fixture(scope="module")
def network(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, cache_dir: Path
) -> Iterator[Served]:
    with served(
        tmp_path_factory.mktemp("gate"), embedder, cache_dir, host=NETWORK, max_upload_mb=1.0
    ) as server:
        yield server


def test_the_key_is_checked_before_any_body_is_read(network: Served) -> None:
    # 49 MB announced, not one byte sent: the answer comes anyway, so nothing was waited for
    anonymous = raw(network.url, post_head("/v1/ask", 49 * MB, "multipart/form-data; boundary=x"))
    assert anonymous.status == 401 and anonymous.headers["connection"] == "close"
    assert "Authorization: Bearer" in anonymous.json()["detail"]
    bad_key = raw(network.url, post_head("/v1/documents", 900_000, "text/plain", "rk_wrong"))
    assert bad_key.status == 401 and "not valid" in bad_key.json()["detail"]
    # a valid key without the scope is refused before its upload is read, too
    reader = raw(network.url, post_head("/v1/documents", 900_000, "text/plain", network.key))
    assert reader.status == 403 and "'write' scope" in reader.json()["detail"]


def test_each_route_has_its_own_limit_whatever_the_content_type(network: Served) -> None:
    # multipart claimed on a JSON route: the JSON limit (64 KB), not the upload limit (1 MB)
    claimed = raw(
        network.url, post_head("/v1/ask", 900_000, "multipart/form-data; boundary=x", network.key)
    )
    assert claimed.status == 413 and "limit 64 KB" in claimed.json()["detail"]
    with network.client(network.key) as http:
        fake_form = http.post(
            "/v1/search", content=b"x" * 100_000, headers={"Content-Type": "multipart/form-data"}
        )
        assert fake_form.status_code == 413 and "limit 64 KB" in fake_form.json()["detail"]
        # without Content-Length (chunked), counted as it arrives: 413, not a 400
        chunked = http.post(
            "/v1/ask",
            content=iter([b'{"question": "', b"a" * 40_000, b"a" * 40_000, b'"}']),
            headers={"Content-Type": "application/json"},
        )
        assert chunked.status_code == 413, chunked.text
        assert chunked.json()["detail"].startswith("the request is too large (limit 64 KB)")
        assert chunked.json()["message"] == "The request is too large."
        # and a body under the limit still gets through
        small = http.post("/v1/search", json={"query": "miljøledelse"})
        assert small.status_code == 200 and small.json()["hits"]


def test_failed_keys_are_rate_limited_per_address(
    tmp_path: Path, embedder: Embedder, cache_dir: Path
) -> None:
    # a trusted proxy (loopback) says which address each request comes from
    with served(
        tmp_path, embedder, cache_dir, options=True, host=NETWORK, auth_failures_per_minute=3,
        trusted_proxies=["127.0.0.1"],
    ) as server:  # fmt: skip
        guesser = {"X-Forwarded-For": "203.0.113.7"}
        with server.client("rk_guess", **guesser) as http:
            codes = [http.get("/v1/meetings").status_code for _ in range(4)]
            assert codes == [401, 401, 401, 429]
            limited = http.get("/v1/meetings")
            assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
            assert "too many requests" in limited.json()["detail"]
            assert limited.json()["message"].startswith("Too many requests: wait")
        with server.client(server.key, **guesser) as http:
            assert http.get("/v1/meetings").status_code == 429  # the address, whatever the key
        with server.client(server.key, **{"X-Forwarded-For": "198.51.100.4"}) as http:
            assert http.get("/v1/meetings").status_code == 200  # another address is not held up


def test_forwarded_for_is_believed_only_from_configured_proxies(
    tmp_path: Path, embedder: Embedder, cache_dir: Path
) -> None:
    rotate = [{"X-Forwarded-For": f"203.0.113.{n}"} for n in range(5)]
    with served(
        tmp_path / "direct", embedder, cache_dir, options=True, rate_limit_per_minute=3,
        public_read=True,
    ) as server:  # fmt: skip
        with server.client() as http:
            codes = [http.get("/v1/meetings", headers=h).status_code for h in rotate]
        assert codes == [200, 200, 200, 429, 429]  # one client, whatever it claims
    with served(
        tmp_path / "proxied", embedder, cache_dir, options=True, rate_limit_per_minute=3,
        public_read=True, trusted_proxies=["127.0.0.1"],
    ) as server:  # fmt: skip
        with server.client() as http:
            codes = [http.get("/v1/meetings", headers=h).status_code for h in rotate]
        assert codes == [200] * 5  # five clients behind the proxy, each with its own limit


def test_slow_and_idle_connections_are_cut_off(
    tmp_path: Path, embedder: Embedder, cache_dir: Path
) -> None:
    with served(
        tmp_path, embedder, cache_dir, options=True, read_timeout=1.0, max_connections=3
    ) as server:
        parts = urlsplit(server.url)
        held = [socket.create_connection((parts.hostname, parts.port)) for _ in range(2)]
        try:  # two connections held open, and a third is one too many: 503 at once
            assert httpx.get(f"{server.url}/healthz", timeout=30).status_code == 503
        finally:
            for sock in held:
                sock.close()
        assert closes_unanswered(server.url, b"")  # connected, never said anything
        assert closes_unanswered(server.url, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        stalled = raw(
            server.url,
            post_head("/v1/search", 200, "application/json", server.key),
            b'{"query": "milj',
        )
        assert stalled.status == 408 and "stopped arriving" in stalled.json()["detail"]
        with server.client() as http:  # a client that sends its request gets its answer
            assert http.get("/healthz").json()["status"] == "ok"


def test_access_log_names_route_patterns_not_values(
    network: Served, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger=ACCESS_LOG), network.client(network.key) as http:
        http.get("/v1/cases/22-4711-HEMMELIG", params={"body": "Hemmeligudvalget"})
        http.get("/v1/meetings", params={"api_key": "rk_put_in_the_url_by_mistake"})
        http.get("/v1/nowhere/rk_in_a_path")
    lines = [r.getMessage() for r in caplog.records if r.name == ACCESS_LOG]
    logged = "\n".join(lines)
    assert '"GET /v1/cases/{case_number} HTTP/1.1" 404' in logged
    assert '"GET /v1/meetings HTTP/1.1" 200' in logged
    assert '"GET (no route) HTTP/1.1" 404' in logged
    for value in ("HEMMELIG", "Hemmelig", "rk_", "api_key", "nowhere"):
        assert value not in logged


def test_pages_load_only_their_own_scripts(network: Served) -> None:
    with network.client() as http:
        page = http.get("/")
        policy = page.headers["content-security-policy"]
        assert "script-src 'self';" in policy and "object-src 'none'" in policy
        docs = http.get("/docs")
        assert docs.headers["content-security-policy"] == policy
        assert "http" not in docs.text.replace('content="', "")  # no CDN, no other host
        assert '<script src="/docs/assets/swagger-ui-bundle.js">' in docs.text
        bundle = http.get("/docs/assets/swagger-ui-bundle.js")
        assert bundle.status_code == 200 and "SwaggerUIBundle" in bundle.text
        assert "SwaggerUIBundle" in http.get("/docs/init.js").text
        assert http.get("/docs/assets/index.html").status_code == 404  # only what /docs uses


def test_the_pages_work_under_their_policy_in_a_browser(network: Served) -> None:
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("needs the system Chromium at /usr/bin/chromium (apt chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(chromium), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(base_url=network.url, locale="da-DK")
            refused: list[str] = []
            page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text
                    else None)  # fmt: skip
            page.goto("/docs")
            page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
            assert "Referat" in page.inner_text(".swagger-ui .info .title")
            assert page.locator(".opblock-summary-path").count() >= 8  # every route listed
            page.goto("/")
            page.wait_for_function(
                "() => document.querySelector('referat-chat')?.shadowRoot?.childElementCount > 0",
                timeout=30_000,
            )
        finally:
            browser.close()
    assert refused == []


def _closed_item_id(server: Served) -> str:
    with server.client(server.clerk) as http:
        hits = http.post("/v1/search", json={"query": "afskedigelse Mikkelsenbrandt"}).json()
    return str(next(h for h in hits["hits"] if h["citation"]["closed"])["citation"]["item_id"])


def test_on_loopback_this_machine_reads_open_items_without_a_key(
    tmp_path: Path, embedder: Embedder, cache_dir: Path
) -> None:
    with served(tmp_path, embedder, cache_dir) as server:  # host: 127.0.0.1, the default
        with server.client() as http:
            hits = http.post("/v1/search", json={"query": "Mikkelsenbrandt afskedigelse"})
            assert hits.status_code == 200 and hits.json()["hits"]
            assert not any(h["citation"]["closed"] for h in hits.json()["hits"])
            assert http.get(f"/v1/items/{_closed_item_id(server)}").status_code == 404
            upload = http.post("/v1/documents", files={"file": ("x.txt", b"Referat")})
            assert upload.status_code == 403 and "'write' scope" in upload.json()["detail"]
        # a page on another name that resolves here (DNS rebinding), or a reverse proxy on
        # this machine passing on a client from elsewhere: not this machine's owner
        with server.client(Host="referat.example.org") as http:
            assert http.get("/v1/meetings").status_code == 401
        with server.client(**{"X-Forwarded-For": "198.51.100.4"}) as http:
            assert http.get("/v1/meetings").status_code == 401
    with (
        served(tmp_path / "off", embedder, cache_dir, local_read=False) as server,
        server.client() as http,
    ):
        assert http.get("/v1/meetings").status_code == 401


@pytest.mark.parametrize(
    ("accept", "language", "words"),
    [
        ("da-DK,da;q=0.9,en;q=0.8", "da", "adgangsnøgle"),
        ("nb-NO,nb;q=0.9", "nb", "tilgangsnøkkel"),
        ("fr-FR, en;q=0.5, nn;q=0.7", "nb", "tilgangsnøkkel"),
        ("fr-FR", "en", "access key"),
    ],
)
def test_401_says_what_to_do_in_the_requests_language(
    network: Served, accept: str, language: str, words: str
) -> None:
    with network.client(**{"Accept-Language": accept}) as http:
        refused = http.get("/v1/meetings")
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    assert refused.headers["content-language"] == language
    assert words in refused.json()["message"]
    assert "referat keys create" in refused.json()["detail"]  # the developer's version stays
