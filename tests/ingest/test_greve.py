"""GreveJsonReader on real Greve Kommune agenda-portal JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from assistant.errors import CorruptDocumentError
from assistant.model import AgendaItem, Meeting, SectionKind
from ingest.html import split_by_headings
from ingest.readers.greve import GreveJsonReader

GREVE = Path(__file__).resolve().parents[1] / "fixtures" / "greve"
BYRAAD = "2022-01-14_8b2f1d8b.json"
KULTUR = "2022-12-12_72ddf1fa.json"
SKOLE = "2023-02-07_0ea27225.json"


def _meeting(name: str) -> Meeting:
    meetings = GreveJsonReader().read((GREVE / name).read_text(encoding="utf-8"), name)
    assert len(meetings) == 1
    return meetings[0]


def _headings(item: AgendaItem) -> list[str]:
    return [section.heading for section in item.sections]


def _section_text(item: AgendaItem, heading: str) -> str:
    (text,) = [section.text for section in item.sections if section.heading == heading]
    return text


@pytest.mark.parametrize(
    ("name", "body", "date", "place"),
    [
        (BYRAAD, "Byråd 2022-2025", dt.date(2022, 1, 14), "Byrådssalen"),
        (KULTUR, "Kultur- og Fritidsudvalget", dt.date(2022, 12, 12), "Mødelokale 4+5"),
        (
            SKOLE,
            "Skole-, Børne- og Ungeudvalget",
            dt.date(2023, 2, 7),
            "Greve Kultur-Base, Dønnergårds Alle 24, 2670 Greve",
        ),
    ],
)
def test_meeting_fields(name: str, body: str, date: dt.date, place: str) -> None:
    meeting = _meeting(name)
    assert (meeting.body, meeting.date, meeting.place) == (body, date, place)
    assert (meeting.source, meeting.municipality, meeting.url) == (name, None, None)


def test_items_of_city_council_meeting() -> None:
    items = _meeting(BYRAAD).items
    assert [(item.number, item.title, item.case_number, item.closed) for item in items] == [
        ("1", "Godkendelse af dagsorden", "21-014420", False),
        ("2", "Orientering fra administrationen", "21-013712", False),
        (
            "3",
            "Lukket: Orientering om politiets afgørelse om anmeldelse af tidligere "
            "kommunaldirektør",
            "22-000056",
            True,
        ),
        ("4", "Underskriftsark", "21-013699", False),
    ]


def test_template_sections_in_order() -> None:
    first = _meeting(BYRAAD).items[0]
    assert [(section.kind, section.heading) for section in first.sections] == [
        (SectionKind.DECISION, "Beslutning"),
        (SectionKind.BACKGROUND, "Sagsprocedure"),
        (SectionKind.SUMMARY, "Resume"),
        (SectionKind.RECOMMENDATION, "Indstilling"),
    ]
    assert first.sections[0].text == (
        "Dagsordenen blev godkendt.\n\nFraværende: Bjarke Abel, Linda Heegaard"
    )


def test_closed_item_keeps_its_bare_decision() -> None:
    closed = _meeting(BYRAAD).items[2]
    (section,) = closed.sections
    assert (section.kind, section.heading) == (SectionKind.DECISION, "Beslutning")
    assert section.text.startswith("Byrådet godkendte Økonomiudvalgets indstilling.")


def test_paragraph_marked_as_heading_stays_text() -> None:
    # Item 2 has a whole paragraph inside <h2>: it must stay text, not become a heading.
    item = _meeting(BYRAAD).items[1]
    assert _headings(item) == ["Beslutning", "Sagsprocedure", "Resume", "Indstilling", "Bilag"]
    assert "Administrationen orienterer om afgørelse af 15. december 2021" in _section_text(
        item, "Indstilling"
    )


def test_attachments_listed() -> None:
    skole = _meeting(SKOLE).items[2]
    attachments = skole.sections[-1]
    assert (attachments.kind, attachments.heading) == (SectionKind.ATTACHMENTS, "Bilag")
    assert attachments.text.splitlines() == [
        "Børne - og Ungepolitik 2023-2026 2. udkast",
        "Børne- og Ungepolitik 2023-2026 1. udkast",
    ]
    assert SectionKind.ATTACHMENTS not in {s.kind for s in _meeting(SKOLE).items[0].sections}


def test_full_case_with_history() -> None:
    item = _meeting(KULTUR).items[1]
    assert (item.number, item.title, item.case_number) == (
        "2",
        "Videreførsel af energitiltag i Greve Svømmehal",
        "22-011409",
    )
    assert [(section.kind, section.heading) for section in item.sections] == [
        (SectionKind.DECISION, "Beslutning"),
        (SectionKind.BACKGROUND, "Sagsprocedure"),
        (SectionKind.SUMMARY, "Resume"),
        (SectionKind.RECOMMENDATION, "Indstilling"),
        (SectionKind.BACKGROUND, "Sagsbeskrivelse"),
        (SectionKind.ECONOMY, "Økonomiske konsekvenser"),
        (SectionKind.OTHER, "Kommunikation"),
        (SectionKind.OTHER, "Tidsplan"),
        (SectionKind.HISTORY, "Sagens forløb"),
        (SectionKind.ATTACHMENTS, "Bilag"),
    ]
    assert _section_text(item, "Beslutning") == (
        "Udvalget anbefaler, at energisparetiltagene i Greve Svømmehal fastholdes i 2023."
    )
    # An unreleased decision of another body is text of the history, not a decision.
    assert _section_text(item, "Sagens forløb") == (
        "12-12-2022 Klima-, Teknik- og Miljøudvalget\n\nBeslutning ikke frigivet"
    )


def test_word_split_heading_is_whole() -> None:
    # Item 4 spells "Resume" across two spans; it must still be one "Resume" heading.
    items = _meeting(SKOLE).items
    assert [(item.number, item.case_number) for item in items] == [
        ("1", "21-014470"),
        ("2", "23-001555"),
        ("3", "23-001174"),
        ("4", "21-014467"),
        ("5", "21-013716"),
        ("6", "21-014469"),
        ("7", "21-014468"),
    ]
    assert _headings(items[3]) == ["Beslutning", "Sagsprocedure", "Resume", "Indstilling"]
    assert items[3].sections[2].kind == SectionKind.SUMMARY
    assert _section_text(items[2], "Beslutning") == (
        "Udvalget godkendte, at Børne- og Ungepolitikken sendes i høring i den foreliggende udgave."
    )


def test_empty_heading_does_not_split_a_section() -> None:
    # Item 5 has an empty <h2> inside its Sagsbeskrivelse; the text after it stays there.
    item = _meeting(SKOLE).items[4]
    assert _headings(item) == [
        "Beslutning",
        "Sagsprocedure",
        "Resume",
        "Indstilling",
        "Sagsbeskrivelse",
    ]


def test_participants_leave_out_absence_and_cancellation() -> None:
    data = json.loads((GREVE / KULTUR).read_text(encoding="utf-8"))
    members = data["Moede"]["Moededeltagere"]
    members[1]["Absent"] = True
    members[2]["ParticipationCancelled"] = True
    (meeting,) = GreveJsonReader().read(json.dumps(data), KULTUR)
    assert meeting.participants == ["Charlotte Levin", "Anne Marie Lyduch", "Maria Witthøft"]
    assert len(_meeting(KULTUR).participants) == 5


def test_accepts_greve_json_only() -> None:
    reader = GreveJsonReader()
    text = (GREVE / KULTUR).read_text(encoding="utf-8")
    assert reader.accepts(text, KULTUR)
    assert reader.accepts("\ufeff\n  " + text, "x.txt")
    assert not reader.accepts('{"items": []}', "other.json")
    assert not reader.accepts("Dagsordenpunkter\n1. Godkendelse", "minutes.txt")


@pytest.mark.parametrize(
    "text",
    [
        '{"Dagsordenpunkter": [{"Navn": "Godkendelse af dagsorden", ',
        '{"Dagsordenpunkter": {"Navn": "not a list"}}',
        '{"Dagsordenpunkter": ["not an object"]}',
        '{"Dagsordenpunkter": [{"Punktnummer": "1"}]}',
    ],
)
def test_broken_json_is_corrupt(text: str) -> None:
    reader = GreveJsonReader()
    assert reader.accepts(text, "broken.json")
    with pytest.raises(CorruptDocumentError, match=r"broken\.json"):
        reader.read(text, "broken.json")


def test_a_table_of_values_reads_a_row_to_a_line() -> None:
    # the portal writes each cell as a paragraph of its own; read so, a date stood lines
    # away from the stage of the process it dates
    (item,) = [item for item in _meeting(SKOLE).items if item.number == "3"]
    text = _section_text(item, "Tidsplan")
    assert "Dato Proces\n10. februar 2023 2. Behandling i fagudvalg\n" in text
    assert "\n25. april 2023 3. Behandling i fagudvalg\n" in text


# Klima-, Teknik- og Miljøudvalget 23-10-2025, item 10 (fresh20 i34): the portal's editor
# wrote "Indstilling" as a bold paragraph, not a heading
_BOLD_HEADINGS = """<div><div id='sagsfremstillingContainer'><div><h3>Beslutning</h3>
<span>Godkendt.<br></span></div><h3>Fremstilling</h3><span class='ukendt'>
<h4>Resume</h4><p>Administrationen har modtaget en byggeansøgning om opførelse af 12
rækkehuse på Industrilunden 1 i Tune.</p>
<p><strong>Indstilling</strong></p>
<p><em>Administrationen indstiller, at det godkendes, at der meddeles dispensation til at
anlægge P-pladser vinkelret mod det sydlige skel.</em></p>
<h4>Sagsbeskrivelse</h4><p>Ejendommen er omfattet af Lokalplan 15.26.</p>
<p><strong>I alt</strong> 12 rækkehuse.</p><p><strong>Bemærk</strong></p></span></div></div>"""


def test_a_bold_paragraph_naming_a_section_of_the_template_heads_it() -> None:
    item = {"Punktnummer": 10, "Navn": "Industrilunden 1", "Felter": [{"Html": _BOLD_HEADINGS}]}
    document = {
        "Moede": {"Dato": "2025-10-23T16:00:00"},
        "Udvalg": {"Navn": "Klima-, Teknik- og Miljøudvalget"},
        "Dagsordenpunkter": [item],
    }
    (meeting,) = GreveJsonReader().read(json.dumps(document), "2025-10-23_87c7305f.json")
    (read,) = meeting.items
    assert _headings(read) == ["Beslutning", "Resume", "Indstilling", "Sagsbeskrivelse"]
    recommendation = _section_text(read, "Indstilling")
    assert recommendation.startswith("Administrationen indstiller, at det godkendes")
    assert "vinkelret mod det sydlige skel" in recommendation
    # a bold word opening a line, or a bold line that names no section, stays text
    assert "I alt 12 rækkehuse.\n\nBemærk" in _section_text(read, "Sagsbeskrivelse")


def test_a_bold_paragraph_is_a_heading_only_for_a_reader_that_knows_its_headings() -> None:
    html = "<p>Indledning.</p><p><strong>Indstilling</strong></p><p>At planen godkendes.</p>"
    assert split_by_headings(html, keep=lambda heading: heading == "Indstilling") == [
        (None, "Indledning."),
        ("Indstilling", "At planen godkendes."),
    ]
    # a reader without a list of headings (the generic one) keeps it as text: emphasis
    assert split_by_headings(html) == [(None, "Indledning.\n\nIndstilling\n\nAt planen godkendes.")]


def test_a_lead_that_repeats_the_title_is_the_decision() -> None:
    # Greve's minutes of 9 January 2023 (Beskæftigelses- og Erhvervsudvalget) open each item
    # with its title and the decision, with no "Beslutning" heading, before the case
    # presentation; an agenda's bare lead that is only the title stays text
    data = json.loads((GREVE / KULTUR).read_text(encoding="utf-8"))
    point = data["Dagsordenpunkter"][1]
    title = point["Navn"]
    point["Felter"][0]["Html"] = (
        f"<div><div id='sagsfremstillingContainer'>\r\n{title}\r\n"
        '<p class="xsltFirstParagraph">Udvalget drøftede politikken og ønskede fokus på '
        "digitalisering.</p>\r\n<h2><strong>Resume </strong></h2>\n<p>Sagen indeholder et "
        "udkast.</p></div></div>"
    )
    (meeting,) = GreveJsonReader().read(json.dumps(data), KULTUR)
    item = meeting.items[1]
    assert _headings(item)[:2] == ["Beslutning", "Resume"]
    assert item.sections[0].kind == SectionKind.DECISION
    assert item.sections[0].text == (
        "Udvalget drøftede politikken og ønskede fokus på digitalisering."
    )
    point["Felter"][0]["Html"] = (
        f"<div>{title}<h2>Resume</h2><p>Sagen indeholder et udkast.</p></div>"
    )
    (meeting,) = GreveJsonReader().read(json.dumps(data), KULTUR)
    assert meeting.items[1].sections[0].kind == SectionKind.OTHER
