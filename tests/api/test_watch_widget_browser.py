"""The widget's "Følg dette spørgsmål" in a real browser (Chromium via Playwright): the
question and its filters become a watch of the key the page is given, its feed link is shown,
and a feed entry's link opens the new item in the chat page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import feedparser
import httpx
import pytest
from playwright.sync_api import Browser, expect

from assistant.embedder import Embedder
from assistant.keys import KeyStore
from assistant.settings import Settings
from tests.api.test_widget_browser import CHROMIUM, ask, serving, widget_page
from tests.api.test_widget_browser import browser as browser  # the module's Chromium
from tests.support.coast_minutes import BEFORE, NEW, OPEN_DECISION, OPEN_TITLE

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs the system Chromium at /usr/bin/chromium (apt chromium)"
)

QUESTION = "Hvad blev der besluttet om kystbeskyttelse?"


@pytest.fixture
def site(
    tmp_path: Path, embedder: Embedder, cache_dir: Path
) -> Iterator[tuple[str, dict[str, str]]]:
    """A public chat page over January's minutes; keys to follow with and to upload."""
    settings = Settings(data_dir=tmp_path / "data", cache_dir=cache_dir, public_read=True)
    january = tmp_path / "teknisk-2025-01-06.txt"
    january.write_text(BEFORE, encoding="utf-8")
    with serving(settings, embedder, [january]) as url:
        store = KeyStore(settings.data_dir)
        keys = {name: store.create(name, [name]) for name in ("read", "write")}
        store.close()
        yield url, keys


def test_follow_saves_the_question_and_shows_its_feed(
    browser: Browser, site: tuple[str, dict[str, str]]
) -> None:
    url, keys = site
    with widget_page(browser, url) as page:
        page.get_by_label("Udvalg").select_option("Teknisk Udvalg")
        ask(page, QUESTION)
        answer = page.locator(".a").last
        answer.get_by_role("button", name="Følg dette spørgsmål").click()

        # keyless, the page may read but not follow: it asks for a key, then follows
        form = answer.locator("form.keybox")
        expect(form).to_contain_text("Arkivet kræver en adgangsnøgle")
        with page.expect_request("**/v1/watches") as sent:
            form.get_by_label("Adgangsnøgle").fill(keys["read"])
            form.get_by_role("button", name="Brug nøglen").click()
        assert sent.value.headers["authorization"] == f"Bearer {keys['read']}"
        body = json.loads(sent.value.post_data or "{}")
        assert body["query"] == QUESTION and body["previous"] == []
        assert body["filters"] == {"body": "Teknisk Udvalg", "date_from": None, "date_to": None}
        link = answer.get_by_role("link", name="Feed (Atom)")
        expect(answer.locator(".follow")).to_contain_text("Du følger spørgsmålet")
        expect(answer.get_by_role("button", name="Følg dette spørgsmål")).to_have_count(0)
        feed_url = link.get_attribute("href") or ""
        assert "/feed.atom?token=ft_" in feed_url

        assert feedparser.parse(httpx.get(feed_url, timeout=60).content).entries == []
        upload = httpx.post(
            f"{url}/v1/documents",
            files={"file": ("teknisk-2025-02-03.txt", NEW.encode(), "text/plain")},
            headers={"Authorization": f"Bearer {keys['write']}"},
            timeout=120,
        )
        assert upload.status_code == 201, upload.text
        (entry,) = feedparser.parse(httpx.get(feed_url, timeout=60).content).entries
        assert entry.title == OPEN_TITLE

        # the entry's link opens the item in the chat page, its decision there to read
        page.goto(entry.link)  # the same page: only the #item=… changes
        dialog = page.locator("dialog[open]")
        expect(dialog.locator("h2")).to_have_text("Kystbeskyttelse ved Mosede Havn")
        expect(dialog).to_contain_text(OPEN_DECISION)
        page.reload()  # as a new tab from a feed reader opens it
        expect(page.locator("dialog[open] h2")).to_have_text("Kystbeskyttelse ved Mosede Havn")
