"""What the chat page fetches beside answers, over real HTTP: an item's meeting, the site icon."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from assistant.embedder import Embedder
from assistant.keys import KeyStore
from tests.conftest import FIXTURES, archive_of
from tests.support.server import running

ALBERTSLUND_2024 = FIXTURES / "seeds" / "002_e6b0dd0e402eadb9.txt"


@pytest.fixture(scope="module")
def client(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, cache_dir: Path
) -> Iterator[httpx.Client]:
    folder = tmp_path_factory.mktemp("item-view")
    with archive_of(folder, embedder, cache_dir, [ALBERTSLUND_2024]) as archive:
        keys = KeyStore(folder)
        key = keys.create("tests", ["read"])
        keys.close()
        with (
            running(create_app(archive.settings, archive)) as url,
            httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}) as http,
        ):
            yield http


def test_an_item_names_its_meeting_with_the_meetings_item_count(client: httpx.Client) -> None:
    meetings = client.get("/v1/meetings").json()["meetings"]
    assert [(m["body"], m["items"]) for m in meetings] == [("Chefforum", 9)]
    agenda = client.get(f"/v1/meetings/{meetings[0]['id']}").json()["agenda"]
    item = client.get(f"/v1/items/{agenda[6]['id']}").json()
    assert item["title"] == "CF - Genindførelse af miljøledelse"
    # the place is what the minutes say ("Mødested 915": room 915), the count is the meeting's
    assert item["meeting"]["place"] == "915"
    assert item["meeting"]["items"] == 9


def test_the_site_icon_is_served(client: httpx.Client) -> None:
    icon = httpx.get(client.base_url.join("/favicon.ico"))  # no key needed
    assert icon.status_code == 200
    assert icon.headers["content-type"] == "image/x-icon"
    assert icon.content[:4] == b"\x00\x00\x01\x00"  # an ICO header
    page = client.get("/").text
    assert '<link rel="icon" href="/favicon.ico"' in page
