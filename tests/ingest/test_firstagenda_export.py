"""FirstAgenda's own PDF export ("REFERAT Aarhus Byråd d. 27-08-2025", "Punkt N: title").

Read by the Albertslund-style reader: EMN case numbers, titles wrapped at the PDF's line end,
and a decision that ends where the party's BESLUTNINGSFORSLAG begins.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.model import AgendaItem, Meeting, SectionKind
from ingest.readers.albertslund import PunktMinutesReader
from ingest.readers.registry import read_source
from ingest.source import SourceFile

FIXTURES = Path(__file__).parents[1] / "fixtures" / "segmenter"
TEXT = FIXTURES / "firstagenda-aarhus-byraad-2025-08-27.txt"
PDF = TEXT.with_suffix(".pdf")

TITLES = {
    "1": "Godkendelse af dagsorden",
    "2": "Forslag fra V, KF, LA og DD om afledte konsekvenser af lukning af Vesterbro Torv",
    "3": "Lokalplan 1221 (tillæg 2 til lokalplan 411) – Erhvervsområde ved Kattrup, "
    "Hasselager-Kolt, med tillæg 1 - Endelig",
    "4": "Forslag fra SF om Børnenes Plads",
    "5": "Spørgetid for borgerne om byrådets arbejde og om forholdene i kommunen i almindelighed",
    "6": "Udpegning til sundhedsråd",
}
CASES = {
    "1": "EMN-2025-000112",
    "2": "EMN-2025-009868",
    "3": "EMN-2025-008468",
    "4": "EMN-2025-010001",
    "5": None,
    "6": "EMN-2025-011200",
}


def from_text() -> Meeting:
    [meeting] = PunktMinutesReader().read(TEXT.read_text(encoding="utf-8"), TEXT.name)
    return meeting


def from_pdf() -> Meeting:
    result = read_source(SourceFile.from_path(PDF))
    assert result.reader == "pdf+punkt-minutes"
    [meeting] = result.meetings
    return meeting


def decision(item: AgendaItem) -> str:
    return "\n".join(s.text for s in item.sections if s.kind is SectionKind.DECISION)


@pytest.mark.parametrize("read", [from_text, from_pdf], ids=["text", "pdf"])
def test_items_keep_their_emn_case_numbers_and_whole_titles(read):
    meeting = read()
    assert (meeting.body, meeting.date) == ("Aarhus Byråd", dt.date(2025, 8, 27))
    assert {i.number: " ".join(i.title.split()) for i in meeting.items} == TITLES
    assert {i.number: i.case_number for i in meeting.items} == CASES


@pytest.mark.parametrize("read", [from_text, from_pdf], ids=["text", "pdf"])
def test_a_decision_ends_where_the_party_proposal_begins(read):
    items = {i.number: i for i in read().items}
    proposal = items["2"]
    assert decision(proposal) == (
        "Forslaget blev oversendt til behandling i Magistraten med 29 stemmer for og 2 imod.\n"
        "Sagen blev behandlet sammen med sag 4."
    )
    wish = next(s for s in proposal.sections if s.heading == "BESLUTNINGSFORSLAG")
    assert wish.kind is SectionKind.OTHER
    assert "Vesterbro Torv genåbnes for biltrafik" in wish.text
    rejected = items["4"]
    assert decision(rejected) == "Forslaget blev forkastet med 17 stemmer imod og 14 for."
    assert [s.heading for s in rejected.sections] == [
        "Beslutninger",
        "ÆNDRINGSFORSLAG",
        "BESLUTNINGSFORSLAG",
    ]
    appointed = items["6"]
    assert decision(appointed).startswith("Byrådet udpegede Anders Winnerskjold")
    assert "Det indstilles" not in decision(appointed)


def test_the_case_history_and_points_are_their_own_sections():
    item = {i.number: i for i in from_pdf().items}["3"]
    kinds = [(s.heading, s.kind) for s in item.sections]
    assert kinds == [
        ("Beslutninger", SectionKind.DECISION),
        ("Resume", SectionKind.SUMMARY),
        ("Beslutningspunkter", SectionKind.RECOMMENDATION),
        ("Sagsforløb", SectionKind.HISTORY),
        ("Bilag", SectionKind.ATTACHMENTS),
    ]
    assert decision(item) == "Indstillingen blev vedtaget."
    # the page's header and footer are in no section
    assert "REFERAT Aarhus Byråd" not in item.full_text()
    assert "Side 1 af 2" not in item.full_text()
