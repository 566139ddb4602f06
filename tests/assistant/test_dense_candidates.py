"""A filtered question's dense candidates are the same whichever way they are found: read back
and compared exactly, taken from a wider unfiltered search, or from Chroma's filtered search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np
import pytest

from assistant import search as search_module
from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.model import AgendaItem, Chunk, Filters, Meeting, Section, SectionKind
from assistant.settings import Settings

DECISIONS = [
    "Byrådet godkendte planen for miljøledelse i alle forvaltninger.",
    "Udvalget besluttede at udskyde renoveringen af svømmehallen.",
    "Økonomiudvalget bevilgede tilskud til spejdernes sommerlejr.",
    "Planen for cykelstier langs stranden blev vedtaget.",
    "Udvalget godkendte budgettet for ældreplejen med ændringer.",
    "Sagen om skolernes ventilation blev sendt tilbage til forvaltningen.",
    "Byrådet vedtog den nye klimaplan med mål for CO2-reduktion.",
    "Forslaget om gratis busser for pensionister blev forkastet.",
    "Udvalget tog orienteringen om sygefravær til efterretning.",
    "Lokalplanen for havneområdet blev sendt i offentlig høring.",
    "Byrådet godkendte salg af grunden ved rådhuset.",
    "Udvalget besluttede at indføre tidsregistrering for ledere.",
]
BODIES = ["Byråd", "Økonomiudvalget", "Teknik- og Miljøudvalget"]
QUESTION = "Hvad blev der besluttet om miljø og klima?"
FILTERS = [
    Filters(body="Økonomiudvalget"),
    Filters(date_from=dt.date(2023, 1, 1)),
    Filters(body="Byråd", date_to=dt.date(2023, 12, 31)),
    Filters(case_number="00.01.00-A00-3-24"),
    Filters(municipality="Greve"),
]


def _meeting(index: int) -> Meeting:
    return Meeting(
        municipality="Greve",
        body=BODIES[index % 3],
        date=dt.date(2021 + index % 4, 1 + index % 12, 10),
        source=f"m{index}.txt",
        items=[
            AgendaItem(
                number="1",
                title=f"Sag {index}",
                case_number=f"00.01.00-A00-{index}-24",
                closed=index % 4 == 1,  # every fourth meeting's item is closed
                sections=[
                    Section(kind=SectionKind.DECISION, heading="Beslutning", text=DECISIONS[index])
                ],
            )
        ],
    )


@pytest.fixture
def archive(settings: Settings, embedder: Embedder) -> Iterator[Archive]:
    opened = Archive(settings, embedder)
    for index in range(len(DECISIONS)):
        opened.store(f"m{index}.txt", "v1", [_meeting(index)])
    yield opened
    opened.close()


def _passes(chunk: Chunk, flt: Filters, include_closed: bool) -> bool:
    ref = chunk.ref
    date = ref.meeting_date
    assert date is not None
    return (
        (include_closed or not ref.closed)
        and flt.body in (None, ref.body)
        and flt.municipality in (None, ref.municipality)
        and flt.case_number in (None, ref.case_number)
        and (flt.date_from is None or date >= flt.date_from)
        and (flt.date_to is None or date <= flt.date_to)
    )


def _expected(
    archive: Archive, embedder: Embedder, flt: Filters, include_closed: bool
) -> list[str]:
    """Every passing chunk with a vector, by exact cosine similarity to the question."""
    chunks = [
        c for c in archive.catalog.iter_chunks() if c.dense and _passes(c, flt, include_closed)
    ]
    vectors = embedder.passages([c.embedding_text() for c in chunks])
    similarity = vectors @ embedder.query(QUESTION)
    return [chunks[i].id for i in np.argsort(-similarity)]


def _found(archive: Archive, flt: Filters, include_closed: bool) -> list[str]:
    hits = search_module._dense_candidates(
        archive.snapshot(include_closed), archive.embedder.query(QUESTION), flt
    )
    return [h.chunk_id for h in hits]  # closed chunks only for a caller who may see them


@pytest.mark.parametrize("path", ["exact", "wide", "chroma"])
def test_every_way_finds_the_same_chunks_in_the_same_order(
    archive: Archive, embedder: Embedder, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    if path != "exact":
        monkeypatch.setattr(search_module, "EXACT_LIMIT", 0)
        monkeypatch.setattr(search_module, "DENSE_CANDIDATES", 2)
    if path == "chroma":
        monkeypatch.setattr(search_module, "WIDE_LIMIT", 0)
    for flt in FILTERS:
        for include_closed in (False, True):
            expected = _expected(archive, embedder, flt, include_closed)
            found = _found(archive, flt, include_closed)
            limit = search_module.DENSE_CANDIDATES
            assert expected, flt
            assert found and found == expected[: len(found)], (flt, include_closed)
            assert len(found) == min(limit, len(expected))  # hidden closed chunks take no place


def test_without_filters_the_nearest_chunks_come_unfiltered(
    archive: Archive, embedder: Embedder
) -> None:
    found = _found(archive, Filters(), include_closed=False)
    assert found == _expected(archive, embedder, Filters(), include_closed=False)


def test_exact_similarities_match_chromas(archive: Archive) -> None:
    vector = archive.embedder.query(QUESTION)
    ids = [c.id for c in archive.catalog.iter_chunks() if c.dense]
    exact = archive.vectors.similarities(vector, ids, 5)
    nearest = archive.vectors.query(vector, 5)
    assert [h.chunk_id for h in exact] == [h.chunk_id for h in nearest]
    assert [h.similarity for h in exact] == pytest.approx([h.similarity for h in nearest], abs=1e-4)
