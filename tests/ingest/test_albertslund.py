"""Albertslund-style "Punkt N:" minutes, as text and as PDF-extracted text."""

import datetime as dt
import re
from pathlib import Path

import pytest

from assistant.model import SectionKind
from ingest.readers.albertslund import PunktMinutesReader, named_municipality

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"
READER = PunktMinutesReader()

TITLES_002 = {
    "1": "CF – Godkendelse af dagsorden og referat",
    "2": "CF - Ændringer i de tekniske indstillinger i Outlook",
    "3": "CF - Lov om tidsregistrering",
    "4": "CF - OK24 og trepartsaftalen",
    "5": "CF - StoreMED - og Lederdag",
    "6": "CF - Implementering af Albertslund Kommunes beredskabsplan om æresrelaterede "
    "konflikter og negativ social kontrol",
    "7": "CF - Genindførelse af miljøledelse",
    "8": "CF - Evaluering af proces for målsætninger 2024",
    "9": "CF - Eventuelt",
}
CASES_002 = {
    "1": "00.01.00-P35-7-23",
    "2": "00.01.00-A00-11-24",
    "3": "81.10.00-A26-1-24",
    "4": "00.30.04-S00-1-24",
    "5": "81.38.04-P00-2-24",
    "6": "27.00.00-A00-5-24",
    "7": "09.00.00-G01-27-23",
    "8": "00.01.00-A00-11-24",
    "9": "00.01.00-P35-7-23",
}


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def as_pdf_text(text: str) -> str:
    """What pypdf tends to give: no blank lines, doubled spaces, page furniture."""
    lines = [re.sub(" ", "  ", line, count=2) for line in text.splitlines() if line.strip()]
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        if index % 37 == 36:
            out += [f"Side {index // 37 + 2} af 20", lines[0], str(index // 37 + 2)]
    return "\n".join(out)


def test_reads_meeting_2024():
    [meeting] = READER.read(seed("002_e6b0dd0e402eadb9.txt"), "002_e6b0dd0e402eadb9.txt")
    assert meeting.body == "Chefforum"
    assert meeting.date == dt.date(2024, 4, 10)
    assert meeting.place == "915"
    assert meeting.municipality == "Albertslund"
    assert meeting.source == "002_e6b0dd0e402eadb9.txt"
    assert {item.number: item.title for item in meeting.items} == TITLES_002
    assert {item.number: item.case_number for item in meeting.items} == CASES_002


def test_item_7_has_its_decision_and_sections():
    [meeting] = READER.read(seed("002_e6b0dd0e402eadb9.txt"), "002.txt")
    item = next(item for item in meeting.items if item.number == "7")
    headings = [section.heading for section in item.sections]
    assert headings == ["Anledning", "Sagsfremstilling", "Indstilling", "Beslutning", "Bilag"]
    decision = next(s for s in item.sections if s.kind is SectionKind.DECISION)
    assert decision.heading == "Beslutning"
    assert decision.text.startswith(
        "Chefforum godkendte plan for implementering af miljøledelsessystemet."
    )
    # Sub-headings stay inside their section rather than becoming sections.
    background = next(s for s in item.sections if s.kind is SectionKind.BACKGROUND)
    assert "Særlige forhold for små enheder" in background.text
    attachments = item.sections[-1]
    assert attachments.kind is SectionKind.ATTACHMENTS
    assert "Beskrivelse af roller og opgaver" in attachments.text


def test_item_3_keeps_economy_legal_basis_and_history():
    [meeting] = READER.read(seed("002_e6b0dd0e402eadb9.txt"), "002.txt")
    kinds = [section.kind for section in meeting.items[2].sections]
    assert kinds == [
        SectionKind.SUMMARY,
        SectionKind.BACKGROUND,
        SectionKind.ECONOMY,
        SectionKind.LEGAL_BASIS,
        SectionKind.RECOMMENDATION,
        SectionKind.HISTORY,
        SectionKind.DECISION,
    ]


def test_table_of_contents_is_not_an_item():
    [meeting] = READER.read(seed("002_e6b0dd0e402eadb9.txt"), "002.txt")
    assert len(meeting.items) == 9
    assert all("....." not in item.full_text() for item in meeting.items)


def test_reads_meeting_2020():
    [meeting] = READER.read(seed("003_6885af5ed49430c5.txt"), "003.txt")
    assert meeting.body == "Chefforum"
    assert meeting.date == dt.date(2020, 1, 16)
    assert meeting.place == "Mødelokale 915"
    assert meeting.municipality is None  # the text never says "Albertslund Kommune"
    assert [item.number for item in meeting.items] == ["1", "2", "3", "4", "5", "6"]
    item = meeting.items[3]
    assert item.title == "CF - Miljøarbejdet nytænkt v. Elisabeth og Susanne (10.30-11.00)"
    assert item.case_number == "09.00.00-P00-2-19"
    decision = next(s for s in item.sections if s.kind is SectionKind.DECISION)
    assert decision.text.startswith(
        "Chefforum godkendte forslaget om ændringer i miljøledelsessystemet"
    )
    assert "EMAS-certificeringen" not in decision.text
    # This item heads its recommendation with the item's name instead of "Indstilling".
    recommendation = next(s for s in item.sections if s.kind is SectionKind.RECOMMENDATION)
    assert recommendation.heading == "Miljøarbejdet nytænkt"
    assert "indstiller" in recommendation.text


def test_pdf_extracted_text_gives_the_same_items():
    text = seed("002_e6b0dd0e402eadb9.txt")
    pdf_text = as_pdf_text(text).replace(
        "beredskabsplan om æresrelaterede", "beredskabsplan om\næresrelaterede"
    )
    assert READER.accepts(pdf_text, "002.pdf")
    [meeting] = READER.read(pdf_text, "002.pdf")
    [expected] = READER.read(text, "002.txt")
    assert meeting.date == dt.date(2024, 4, 10)
    assert meeting.body == "Chefforum"
    assert {item.number: item.title for item in meeting.items} == TITLES_002
    assert {item.number: item.case_number for item in meeting.items} == CASES_002
    for got, want in zip(meeting.items, expected.items, strict=True):
        assert [s.heading for s in got.sections] == [s.heading for s in want.sections]
        assert "Side " not in got.full_text()
        assert "REFERAT Chefforum" not in got.full_text()


def test_dagsorden_variant_with_qualified_headings():
    text = (
        "Dagsorden for Økonomiudvalgets møde den 2. maj 2023\n\n"
        "Sted: Rådhuset, mødesal 1\n\n"
        "Punkt 1: Budget 2024\n"
        "Sagsnr.: 23-004512\n"
        "Resume\nBudgettet fremlægges.\n"
        "Indstilling\nDirektionen indstiller, at budgettet godkendes.\n"
        "Beslutning i Økonomiudvalget den 2. maj 2023\nAnbefales.\n"
        "Punkt 2: Eventuelt\n"
        "Beslutning\n"
    )
    assert READER.accepts(text, "x.txt")
    [meeting] = READER.read(text, "x.txt")
    assert meeting.body == "Økonomiudvalget"
    assert meeting.date == dt.date(2023, 5, 2)
    assert meeting.place == "Rådhuset, mødesal 1"
    first, second = meeting.items
    assert first.case_number == "23-004512"
    assert [s.kind for s in first.sections] == [
        SectionKind.SUMMARY,
        SectionKind.RECOMMENDATION,
        SectionKind.DECISION,
    ]
    assert first.sections[-1].heading == "Beslutning i Økonomiudvalget den 2. maj 2023"
    assert second.sections == []  # an empty Beslutning is no section


@pytest.mark.parametrize(
    "name",
    ["000_34787664105598ce.txt", "001_02485999139c2553.txt", "004_1b34d6596bf41414.txt"],
)
def test_does_not_accept_other_seeds(name):
    assert not READER.accepts(seed(name), name)


def test_accepts_both_minutes():
    for name in ("002_e6b0dd0e402eadb9.txt", "003_6885af5ed49430c5.txt"):
        assert READER.accepts(seed(name), name)


def test_a_single_punkt_line_in_prose_is_not_enough():
    assert not READER.accepts("Notat\n\nPunkt 1: se nedenfor.\n", "notat.txt")


def test_named_municipality_prefers_the_most_named():
    text = "Albertslund Kommune … Gentofte Kommune … Albertslund Kommunes plan"
    assert named_municipality(text) == "Albertslund"
    assert named_municipality("Hele kommunen og Den Kommune") is None
