"""The fallback reader: plain text, markdown, HTML and PDF-extracted text."""

import datetime as dt
from pathlib import Path

import pytest

from assistant.errors import EmptyDocumentError
from assistant.model import SectionKind
from ingest.readers.generic import TITLE_MAX, GenericTextReader

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"
READER = GenericTextReader()


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def test_norwegian_application_splits_at_question_headings():
    [meeting] = READER.read(seed("004_1b34d6596bf41414.txt"), "004_1b34d6596bf41414.txt")
    assert meeting.body is None
    assert meeting.municipality is None
    assert meeting.date is None  # "16. januar 2024" is deep in a paragraph, not the head
    [item] = meeting.items
    assert item.number is None
    assert item.title == "Klimaprosess"
    headings = [section.heading for section in item.sections]
    assert headings[:4] == [
        "Hvilke direktørområder omfatter søknaden",
        "På hvilket tjenestested og kommunalsjefsområde jobber du?",
        "Hvem samarbeider/samarbeidet dere med og hvorfor?",
        "Kontakt",
    ]
    assert "Formål" in headings
    assert "Hva lærte dere av å samarbeide?" in headings
    # Values are not mistaken for headings.
    assert "Klimateamet, Strategi og budsjettenheten" not in headings
    cooperation = item.sections[2]
    assert cooperation.text.startswith("Før jul 2023 inviterte vi i Klimateamet")


def test_markdown_headings_and_top_date():
    text = "# Notat om skolestruktur\n\n10. april 2024\n\nIndledning.\n\n## Beslutning\n\nGodkendt."
    [meeting] = READER.read(text, "notat.md")
    assert meeting.date == dt.date(2024, 4, 10)
    [item] = meeting.items
    assert item.title == "Notat om skolestruktur"
    decision = item.sections[-1]
    assert (decision.heading, decision.kind, decision.text) == (
        "Beslutning",
        SectionKind.DECISION,
        "Godkendt.",
    )


def test_html_uses_headings():
    html = "<html><body><h1>Møde 11.12.2025</h1><p>Til stede: alle</p>"
    html += "<h2>Vedtak</h2><p>Enstemmig vedtatt.</p></body></html>"
    [meeting] = READER.read(html, "side.html")
    assert meeting.date == dt.date(2025, 12, 11)
    [item] = meeting.items
    assert item.title == "Møde 11.12.2025"
    assert item.sections[-1].kind is SectionKind.DECISION
    assert item.sections[-1].text == "Enstemmig vedtatt."
    assert "<" not in item.full_text()


def test_pdf_text_without_blank_lines_is_one_section():
    text = (
        "Kommunestyre- og fylkestingsvalget 2019\nValgprotokoll for stemmestyret\n"
        "Krets: Sylling\nKommune: Lier\nA Administrative forhold\nA1 Mandag 9. september 2019\n"
        "Åpningstid: 09:00 - 21:00\n16.09.2019 10:39:46 Valgprotokoll for stemmestyret Side 1\n"
    )
    [meeting] = READER.read(text, "motebok.pdf")
    assert meeting.date == dt.date(2019, 9, 9)
    [item] = meeting.items
    assert item.title == "Kommunestyre- og fylkestingsvalget 2019"
    [section] = item.sections
    assert "Krets: Sylling" in section.text


def test_long_first_line_is_cut_at_a_word():
    line = "Dette er en meget lang første linje " * 10
    [meeting] = READER.read(line + "\n\nMere tekst.", "lang.txt")
    title = meeting.items[0].title
    assert len(title) <= TITLE_MAX + 1
    assert title.endswith("…")
    assert not title[:-1].endswith(" ")


def test_single_line_is_kept():
    [meeting] = READER.read("Kun en linje", "kort.txt")
    assert meeting.items[0].title == "Kun en linje"
    assert meeting.items[0].full_text() == "Kun en linje"


def test_accepts_any_text_but_not_blank():
    assert READER.accepts("x", "a.txt")
    assert not READER.accepts(" \n\t", "a.txt")
    with pytest.raises(EmptyDocumentError):
        READER.read("  \n", "a.txt")


def test_title_line_is_not_read_as_a_decision():
    text = "REFERAT Chefforum d. 10-04-2024\n\nMødet blev aflyst.\n\nBeslutning\n\nIntet.\n"
    [meeting] = READER.read(text, "aflyst.txt")
    first = meeting.items[0].sections[0]
    assert first.heading == "REFERAT Chefforum d. 10-04-2024"
    assert first.kind is SectionKind.OTHER
    assert meeting.items[0].sections[-1].kind is SectionKind.DECISION
    assert meeting.date == dt.date(2024, 4, 10)


def test_the_reader_says_it_is_the_segmenter():
    # ingest and `referat inspect` name a file read here as one with no known layout
    assert READER.label == "segmenter"
