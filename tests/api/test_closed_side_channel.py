"""No side channel into closed items: a word that only a closed item holds changes nothing a
caller without the `closed` scope gets back — not whether a question is answered, not the
answer, not the ranking, not a score — compared with the same archive without the closed item
(issue 14). (Compared with a made-up word instead, the two questions differ by more than the
closed item: answering weighs each question's own meaning, sentence by sentence.)"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.keys import KeyStore
from assistant.settings import Settings
from ingest.pipeline import ingest_paths
from tests.support.server import running

# Words that only the closed item holds, and made-up words of the same lengths: a probe asks
# about both and compares what comes back. The closed words include fragments of names
# (5 letters and up match compounds) and ordinary rare words.
CLOSED_WORDS = ["Mikkelsenbrandt", "Ravnsholtvej", "tjenstlig", "advarslerne", "souschef",
                "Kvistgaard", "Skovbjerg", "brandt"]  # fmt: skip
MADE_UP_WORDS = ["Pelikanstrupsen", "Flødemarkvej", "gravstlig", "forvarslerne", "tomaschef",
                 "Frydsgaard", "Løvbjerg", "grundt"]  # fmt: skip
MINUTES = """REFERAT Teknik- og Miljøudvalget d. 05-03-2025

Punkt 1: Cykelstier på Strandvejen

06.01.00-G01-4-25

Sagsfremstilling

Administrationen har undersøgt, hvordan cykelstierne på Strandvejen kan forbedres.

Beslutning

Teknik- og Miljøudvalget besluttede at anlægge dobbeltrettede cykelstier på Strandvejen i 2026.

Punkt 2: Lukket punkt: Personalesag

81.03.00-P00-9-25

Sagsfremstilling

Sagen drejer sig om tjenstlig advarsel til souschef Mikkelsenbrandt på Ravnsholtvej efter
advarslerne fra Kvistgaard og Skovbjerg.

Beslutning

Udvalget godkendte afskedigelsen.

Punkt 3: Budgetopfølgning

00.30.00-S00-2-25

Beslutning

Udvalget tog budgetopfølgningen til efterretning.
"""
QUESTION = "Hvad blev der besluttet om cykelstier på Strandvejen og {word}?"


@dataclass
class Probe:
    url: str  # the archive with the closed item
    without: str  # the same archive without it
    keys: dict[str, str]

    def ask(self, key: str, word: str, url: str | None = None) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.keys[key]}"}
        with httpx.Client(base_url=url or self.url, headers=headers, timeout=60) as http:
            answer = http.post("/v1/ask", json={"question": QUESTION.format(word=word)})
            hits = http.post("/v1/search", json={"query": f"cykelstier Strandvejen {word}"})
        assert answer.status_code == 200 and hits.status_code == 200
        return {"ask": answer.json(), "search": hits.json()}

    def outcome(
        self, key: str, word: str, url: str | None = None
    ) -> tuple[bool, str, list[str], list[tuple[str, float]]]:
        """What a caller learns: answered or not, the answer, the items cited, and the items
        found with their scores."""
        got = self.ask(key, word, url)
        # items by number: an item's id is derived from its document, which differs
        cited = [c["item_number"] for c in got["ask"]["citations"]]
        found = sorted((h["citation"]["item_number"], h["score"]) for h in got["search"]["hits"])
        return got["ask"]["found"], got["ask"]["answer"], cited, found


def _archive_of(
    folder: Path, inbox: Path, minutes: str, embedder: Embedder, cache_dir: Path
) -> tuple[Settings, Archive, dict[str, str]]:
    (inbox / "teknik-2025-03-05.txt").write_text(minutes, encoding="utf-8")
    settings = Settings(data_dir=folder, cache_dir=cache_dir, rate_limit_per_minute=10_000)
    archive = Archive(settings, embedder)
    assert not ingest_paths(archive, [inbox]).skipped
    store = KeyStore(folder)
    keys = {
        "reader": store.create("intranet", ["read"]),
        "clerk": store.create("hr", ["read", "closed"]),
    }
    store.close()
    return settings, archive, keys


@pytest.fixture(scope="module")
def probe(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, cache_dir: Path
) -> Iterator[Probe]:
    # the same file name, meeting and open items, less the closed one
    open_only = MINUTES[: MINUTES.index("Punkt 2:")] + MINUTES[MINUTES.index("Punkt 3:") :]
    made = [
        _archive_of(tmp_path_factory.mktemp(name), tmp_path_factory.mktemp(f"{name}-inbox"),
                    minutes, embedder, cache_dir)
        for name, minutes in (("side-channel", MINUTES), ("no-closed", open_only))
    ]  # fmt: skip
    (settings, archive, keys), (other_settings, other, other_keys) = made
    with (
        running(create_app(settings, archive)) as url,
        running(create_app(other_settings, other)) as without,
    ):
        # one key name for both: the reader's and the clerk's scopes are the same in each
        yield Probe(url, without, keys | {f"{k}@without": v for k, v in other_keys.items()})
    archive.close()
    other.close()


def test_a_closed_item_is_there_for_the_clerk(probe: Probe) -> None:
    found = probe.ask("clerk", "Mikkelsenbrandt")["search"]["hits"]
    assert any(h["citation"]["closed"] for h in found)


def test_closed_only_words_change_nothing_a_reader_gets(probe: Probe) -> None:
    told_apart = []
    for word in CLOSED_WORDS + MADE_UP_WORDS:
        seen = probe.outcome("reader", word)
        unseen = probe.outcome("reader@without", word, probe.without)
        assert seen[3] and "Mikkelsenbrandt" not in seen[1]  # the open items are found
        if seen != unseen:
            told_apart.append(word)
    assert told_apart == [], f"{len(told_apart)} words told the closed item apart: {told_apart}"
