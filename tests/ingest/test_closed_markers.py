"""Closed-item markers in Danish, Norwegian and Swedish titles, wherever they stand as markers."""

from __future__ import annotations

import json

import pytest

from ingest.closed import closed_text, closed_title, mark_closed
from ingest.readers.registry import read_source
from ingest.source import SourceFile

CLOSED_TITLES = [
    # the examples
    "Personalesag vedrørende Hansen (lukket punkt)",
    "Unntatt offentlighet: Ansettelse av kommunedirektør",
    "(Lukket) Salg af grund på Havnevej",
    "Lukkede punkter: Personalesager",
    "Fortroligt: Forhandling om købesum",
    "Unntatt offentlighet jf. offl. § 13",
    # the families, first, in brackets, last, with or without the noun
    "Lukket: Personalesag",
    "CF - Lukket punkt",
    "Lukket punkt vedr. tjenstlig samtale",
    "Lukket sag: Erstatningskrav",
    "Lukket møde",
    "Personalesag - lukket",
    "Grundsalg [fortroligt]",
    "U.off. Personalsak",
    "Ikke offentlig: Klage over ansatt",
    "Oppsigelse (ikkje offentleg)",
    "Sekretess: Placering av barn",
    "Ärende om placering, sekretessbelagd",
    "Ej offentlig - anställningsärende",
    "Konfidentielt: Udbudsstrategi",
]
OPEN_TITLES = [
    "Lukning af Nørre Skole",
    "Lukkede veje i midtbyen under byfesten",
    "Vejen er lukket for gennemkørsel",
    "Byggeri (lukkede veje)",
    "Udtalelse fra Ankestyrelsen, medlemmer af Byrådet skal have adgang til lukkede punkter",
    "Orientering fra lukket møde i KL",
    "Information om sekretess i skolan",
    "Ikke offentlige toiletter i parken",
    "Fortrolighedserklæring for eksterne konsulenter",
    "Skolen - lukket for renovering",
    "Godkendelse af dagsorden",
    "Dette er en lukket sag",
]


@pytest.mark.parametrize("title", CLOSED_TITLES)
def test_a_marker_closes_the_title(title: str) -> None:
    assert closed_title(title)


@pytest.mark.parametrize("title", OPEN_TITLES)
def test_a_title_that_only_talks_about_closing_stays_open(title: str) -> None:
    assert not closed_title(title)


def test_text_markers_in_headings_and_opening_text() -> None:
    assert closed_text("Unntatt offentlighet jf. offl. § 13.")
    assert closed_text("Sagen behandles for lukkede døre.")
    assert closed_text("Uppgifterna omfattas av sekretess enligt 26 kap. 1 § OSL.")
    assert closed_text("Behandles som lukket punkt")
    assert not closed_text("Medlemmerne skal have adgang til lukkede punkter under orlov.")


def test_markers_anywhere_in_a_title_close_items_of_real_minutes() -> None:
    minutes = (
        "REFERAT Økonomiudvalget d. 05-03-2025\n\n"
        "Punkt 1: Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n\n"
        "Punkt 2: Personalesag vedrørende Hansen (lukket punkt)\n\nBeslutning\n\nGodkendt.\n\n"
        "Punkt 3: Lukning af Nørre Skole\n\nBeslutning\n\nGodkendt.\n\n"
        "Punkt 4: Fortroligt: Forhandling om købesum\n\nBeslutning\n\nGodkendt.\n"
    )
    meetings = mark_closed(read_source(SourceFile("m.txt", minutes.encode())).meetings)
    assert [(i.number, i.closed) for i in meetings[0].items] == [
        ("1", False),
        ("2", True),
        ("3", False),
        ("4", True),
    ]


def test_a_greve_item_closed_by_a_marker_keeps_its_bare_decision() -> None:
    # Greve publishes only the decision of a closed item, without a heading
    points = [
        {"Navn": "Unntatt offentlighet: Personalsak", "Felter": [{"Html": "<p>Vedtatt.</p>"}]},
        {"Navn": "Lukkede veje", "Felter": [{"Html": "<p>Orientering.</p>"}]},
    ]
    data = json.dumps({"Udvalg": {"Navn": "Byrådet"}, "Moede": {}, "Dagsordenpunkter": points})
    items = read_source(SourceFile("g.json", data.encode())).meetings[0].items
    assert [(i.closed, i.sections[0].heading) for i in items] == [(True, "Beslutning"), (False, "")]
