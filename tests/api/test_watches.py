"""Watches over real HTTP: keys save queries, new minutes are uploaded, and the Atom feed
(read back with feedparser) and a webhook receiver on loopback get exactly the new items that
match — closed ones only for a key with the `closed` scope, now and later."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
import httpx

from api.app import create_app
from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.keys import KeyStore
from assistant.settings import Settings
from assistant.webhooks import SIGNATURE
from ingest.pipeline import ingest_paths
from tests.support.coast_minutes import (
    BEFORE,
    CLOSED_TITLE,
    NEW,
    OPEN_DECISION,
    OPEN_TITLE,
)
from tests.support.receiver import Receiver, receiving
from tests.support.server import running


@dataclass
class Site:
    url: str
    keys: dict[str, str]  # name → key
    hooks: Receiver
    data_dir: Path

    def client(self, name: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.keys[name]}"} if name else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


@contextmanager
def site(tmp_path: Path, embedder: Embedder, cache_dir: Path) -> Iterator[Site]:
    """The real app over an archive holding the January meeting; three keys; a receiver."""
    settings = Settings(
        data_dir=tmp_path / "data", cache_dir=cache_dir, public_read=True,
        webhook_private_targets=True,  # the receiver is on loopback
    )  # fmt: skip
    before = tmp_path / "teknisk-2025-01-06.txt"
    before.write_text(BEFORE, encoding="utf-8")
    archive = Archive(settings, embedder)
    assert not ingest_paths(archive, [before]).skipped
    store = KeyStore(settings.data_dir)
    keys = {
        "reader": store.create("reader", ["read"]),
        "insider": store.create("insider", ["read", "closed"]),
        "writer": store.create("writer", ["write"]),
    }
    store.close()
    try:
        with receiving() as hooks, running(create_app(settings, archive)) as url:
            yield Site(url, keys, hooks, settings.data_dir)
    finally:
        archive.close()


def watch(http: httpx.Client, query: str, **body: object) -> dict[str, Any]:
    response = http.post("/v1/watches", json={"query": query, **body})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def upload(s: Site, text: str, name: str = "teknisk-2025-02-03.txt") -> None:
    with s.client("writer") as http:
        response = http.post("/v1/documents", files={"file": (name, text.encode(), "text/plain")})
    assert response.status_code == 201, response.text


def feed(url: str) -> feedparser.FeedParserDict:
    """The feed as a feed reader gets it: no API key, the token in the URL."""
    response = httpx.get(url, timeout=60)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def titles(parsed: feedparser.FeedParserDict) -> list[str]:
    return [entry.title for entry in parsed.entries]


def test_feed_and_webhook_get_exactly_the_new_matching_items(
    tmp_path: Path, embedder: Embedder, cache_dir: Path
) -> None:
    with site(tmp_path, embedder, cache_dir) as s:
        with s.client() as anonymous:
            refused = anonymous.post("/v1/watches", json={"query": "kystbeskyttelse"})
        assert refused.status_code == 401
        assert "watches belong to an API key" in refused.json()["detail"]

        s.hooks.failures["/reader"] = [500]  # the first call fails: retried at once
        with s.client("reader") as reader, s.client("insider") as insider:
            mine = watch(reader, "kystbeskyttelse", webhook_url=f"{s.hooks.url}/reader")
            theirs = watch(insider, "kystbeskyttelse", webhook_url=f"{s.hooks.url}/insider")
            elsewhere = watch(reader, "kystbeskyttelse", filters={"body": "Økonomiudvalget"})
            assert mine["watch"]["closed"] is False and theirs["watch"]["closed"] is True

            upload(s, NEW)

            # the feed: the new open item only; the January item matched before the watch
            open_feed = feed(mine["feed_url"])
            assert titles(open_feed) == [OPEN_TITLE]
            entry = open_feed.entries[0]
            assert OPEN_DECISION in entry.content[0].value
            assert "Sag 05.01.00-A00-7-25" in entry.content[0].value
            assert entry.link.startswith(s.url) and "#item=" in entry.link
            assert sorted(titles(feed(theirs["feed_url"]))) == [OPEN_TITLE, CLOSED_TITLE]
            assert titles(feed(elsewhere["feed_url"])) == []

            # the webhook: one delivery (retried once after the 500), signed, the open item
            calls = s.hooks.at("/reader")
            assert len(calls) == 2
            assert calls[0].headers["X-Referat-Delivery"] == calls[1].headers["X-Referat-Delivery"]
            secret = mine["webhook_secret"].encode()
            expected = "sha256=" + hmac.new(secret, calls[1].body, hashlib.sha256).hexdigest()
            assert calls[1].headers[SIGNATURE] == expected
            items = calls[1].json()["items"]
            assert [i["citation"]["item_number"] for i in items] == ["1"]
            assert items[0]["citation"]["quote"] == OPEN_DECISION
            assert all(b"kspropriation" not in call.body for call in calls)
            (delivered,) = s.hooks.at("/insider")
            closed = sorted(i["citation"]["closed"] for i in delivered.json()["items"])
            assert closed == [False, True]

            # the same as JSON, for the key that owns it; others see no such watch
            hits = reader.get(f"/v1/watches/{mine['watch']['id']}/hits").json()
            assert [h["citation"]["quote"] for h in hits["hits"]] == [OPEN_DECISION]
            assert reader.get(f"/v1/watches/{theirs['watch']['id']}").status_code == 404
            assert [w["id"] for w in reader.get("/v1/watches").json()["watches"]] == [
                mine["watch"]["id"], elsewhere["watch"]["id"]
            ]  # fmt: skip

            # the same file again is nothing new: no call, no entry
            upload(s, NEW)
            assert len(s.hooks.received) == 3
            assert titles(feed(mine["feed_url"])) == [OPEN_TITLE]

            bad = mine["feed_url"].split("?")[0] + "?token=ft_wrong"
            assert httpx.get(bad, timeout=60).status_code == 404


def test_changed_items_are_news_and_a_narrowed_key_stops_seeing_closed_ones(
    tmp_path: Path, embedder: Embedder, cache_dir: Path
) -> None:
    with site(tmp_path, embedder, cache_dir) as s, s.client("insider") as insider:
        theirs = watch(insider, "kystbeskyttelse", webhook_url=f"{s.hooks.url}/insider")
        upload(s, NEW)
        first = s.hooks.at("/insider")[0].json()["items"]
        assert len(first) == 2

        # the agenda becomes the minutes: item 1's decision changed, item 2's did not
        changed = NEW.replace(OPEN_DECISION, OPEN_DECISION + " Arbejdet begynder i marts.")
        upload(s, changed)
        latest = s.hooks.at("/insider")[-1].json()["items"]
        assert len(s.hooks.at("/insider")) == 2
        assert [i["citation"]["item_number"] for i in latest] == ["1"]
        assert latest[0]["entry"] not in {i["entry"] for i in first}  # a new version of it

        # the key loses `closed` (revoked, made again with `read`): its watch sees no closed item
        store = KeyStore(s.data_dir)
        store.revoke("insider")
        s.keys["insider"] = store.create("insider", ["read"])
        store.close()
        parsed = feed(theirs["feed_url"])
        assert titles(parsed) == [OPEN_TITLE, OPEN_TITLE]  # the changed version, then the first
        assert all("kspropriation" not in e.content[0].value for e in parsed.entries)

        # and once the key is gone, so is the feed
        store = KeyStore(s.data_dir)
        store.revoke("insider")
        store.close()
        assert httpx.get(theirs["feed_url"], timeout=60).status_code == 404


def test_a_webhook_to_this_machine_is_refused_unless_allowed(
    tmp_path: Path, embedder: Embedder, cache_dir: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "data", cache_dir=cache_dir)
    archive = Archive(settings, embedder)
    store = KeyStore(settings.data_dir)
    key = store.create("reader", ["read"])
    store.close()
    try:
        with running(create_app(settings, archive)) as base:
            response = httpx.post(
                f"{base}/v1/watches",
                json={"query": "kystbeskyttelse", "webhook_url": f"{base}/v1/documents"},
                headers={"Authorization": f"Bearer {key}"},
                timeout=60,
            )
    finally:
        archive.close()
    assert response.status_code == 422
    assert "REFERAT_WEBHOOK_PRIVATE_TARGETS" in response.json()["detail"]
