"""The general segmenter: minutes of layouts no specific reader knows, split into their items.

Real ESDH PDFs (eDoc, Acadre) read without their XML, and hand-written minutes of Norwegian,
Swedish and Danish systems (tests/fixtures/segmenter/README.md says what each imitates).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.errors import NoContentError
from assistant.model import AgendaItem, Meeting, SectionKind
from ingest.readers.registry import read_source, read_text
from ingest.source import SourceFile

FIXTURES = Path(__file__).parents[1] / "fixtures" / "segmenter"
ESDH = FIXTURES / "os2dagsorden"


def read(name: str) -> Meeting:
    result = read_text((FIXTURES / name).read_text(encoding="utf-8"), name)
    assert result.reader == "segmenter"
    [meeting] = result.meetings
    return meeting


def pdf(name: str) -> tuple[str, Meeting]:
    result = read_source(SourceFile.from_path(ESDH / name))
    [meeting] = result.meetings
    return result.reader, meeting


def decision(item: AgendaItem) -> str:
    return "\n".join(s.text for s in item.sections if s.kind is SectionKind.DECISION)


def all_text(meeting: Meeting) -> str:
    parts = [i.title for i in meeting.items]
    parts += [s.heading + "\n" + s.text for i in meeting.items for s in i.sections]
    return "\n".join(parts)


# --- real documents: eDoc and Acadre PDFs without their XML --------------------------------


def test_edoc_minutes_pdf_is_split_into_its_eight_items():
    reader, meeting = pdf("Sundheds- og Forebyggelsesudvalget.pdf")
    assert reader == "pdf+segmenter"
    assert (meeting.body, meeting.date) == (
        "Sundheds- og Forebyggelsesudvalget",
        dt.date(2012, 12, 4),
    )
    assert [i.number for i in meeting.items] == [str(n) for n in range(1, 9)]
    titles = {i.number: i.title for i in meeting.items}
    assert titles["1"] == "Meddelelser"
    assert titles["3"] == "Kvalitetsstandarder for stof- og alkoholbehandling 2012-2013"
    # wrapped over two lines in the PDF; the table of contents is not an item
    assert titles["6"] == (
        "Prioritering af midler til kronisk syge borgere og hverdagsrehabilitering for ældre"
    )
    assert [i.case_number for i in meeting.items] == [
        "2011-29298", "2012-28504", "2012-31114", "2012-31673",
        "2011-29939", "2012-21786", "2012-28505", "2010-3082",
    ]  # fmt: skip
    item_7 = meeting.items[6]
    assert decision(item_7).startswith("Indstillingen godkendt\nmed denne bemærkning:")
    decisions = [s for s in item_7.sections if s.kind is SectionKind.DECISION]
    assert decisions[0].heading == (
        "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 7"
    )
    recommendation = next(s for s in item_7.sections if s.kind is SectionKind.RECOMMENDATION)
    assert recommendation.text.startswith("Center for Ejendomme indstiller, at")
    assert "Beslutningen træffes af" not in decision(item_7)
    # the running header of every page is in no item, and pages are still found
    text = all_text(meeting)
    assert "Åbent referat" not in text and "Dato: 04.12.2012" not in text
    assert "Side 4" not in text
    assert meeting.items[7].page_start == 14


def test_per_item_pdf_is_dated_by_its_own_decision_never_by_an_earlier_treatment():
    # "Sundheds- og Forebyggelsesudvalget den 30. maj 2012 Punkt 7" is an earlier treatment;
    # "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 4" under item 4 is
    # the item's decision at this meeting, the only place the PDF names it
    reader, meeting = pdf("1552826.PDF")
    assert reader == "pdf+segmenter"
    assert (meeting.body, meeting.date) == (
        "Sundheds- og Forebyggelsesudvalget",
        dt.date(2012, 12, 4),
    )
    [item] = meeting.items
    assert (item.number, item.case_number) == ("4", "2012-31673")
    assert item.title == "Takstreduktion på aflastningstilbuddet Torvevej i Skovlunde i 2013"
    assert decision(item).startswith("Indstillingen godkendt")
    _, other = pdf("1552822.PDF")  # "Kommunalbestyrelsen den 30. januar 2012 Punkt 5"
    assert other.date == dt.date(2012, 12, 4)
    assert [(i.number, i.case_number) for i in other.items] == [("3", "2012-31114")]


def test_a_decision_line_of_another_item_dates_nothing():
    text = (
        "4. Takstreduktion på aflastningstilbuddet Torvevej\nSagsnr.: 2012-31673\n"
        "Sundheds- og Forebyggelsesudvalget den 30. maj 2012 Punkt 7\nSammendrag\nTeksten.\n"
        "Sundheds- og Forebyggelsesudvalgets beslutning den 30.05.2012 Punkt 7\nUdsat.\n"
    )
    [meeting] = read_text(text, "item.txt").meetings
    assert [i.number for i in meeting.items] == ["4"]
    assert (meeting.body, meeting.date) == (None, None)


def test_acadre_minutes_pdf_item_confirmed_by_its_table_of_contents():
    reader, meeting = pdf("Ekstraordinært PUK.pdf")
    assert reader == "pdf+segmenter"
    assert meeting.body == "Udvalget for plan, udvikling og kultur (PUK)"
    assert meeting.date == dt.date(2013, 6, 20)
    [item] = meeting.items
    assert (item.number, item.case_number) == ("715", "12/27845")
    assert item.title == "Kulturkommune 2017. Politiske fokusområder"
    headings = [s.heading for s in item.sections if s.kind is SectionKind.DECISION]
    assert (
        headings[-1] == "Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 20-06-2013"
    )
    assert "Referat For Udvalget" not in all_text(meeting)


def test_a_memo_attached_to_minutes_stays_one_item_with_its_case_number():
    reader, meeting = pdf("1548227.PDF")
    assert reader == "pdf+segmenter"
    [item] = meeting.items
    assert item.number is None
    assert item.case_number == "2012-25401"
    assert meeting.date == dt.date(2012, 11, 20)


# --- Norwegian møtebøker ---------------------------------------------------------------------


def test_norwegian_motebok_ps_items_with_arkivsak_and_vedtak():
    meeting = read("motebok-formannskapet-2015-03-17.txt")
    assert (meeting.municipality, meeting.body) == ("Hole", "Formannskapet")
    assert meeting.date == dt.date(2015, 3, 17)
    assert meeting.place == "Kommunestyresalen, Hole rådhus"
    assert [i.number for i in meeting.items] == [f"PS {n}/15" for n in range(21, 26)]
    assert [i.case_number for i in meeting.items] == [None, None, "15/123", "14/987", "13/1544"]
    last = meeting.items[-1]
    assert last.title == (
        "Reguleringsplan for Sundvollen sentrum - sluttbehandling etter offentlig ettersyn"
    )
    item = meeting.items[2]
    kinds = [(s.heading, s.kind) for s in item.sections if s.heading]
    assert kinds == [
        ("Rådmannens forslag til vedtak", SectionKind.RECOMMENDATION),
        ("Saksopplysninger", SectionKind.BACKGROUND),
        ("Vurdering", SectionKind.BACKGROUND),
        ("Behandling i Formannskapet 17.03.2015", SectionKind.HISTORY),
        ("FSK- 23/15 Vedtak", SectionKind.DECISION),
    ]
    assert decision(item).startswith("1. Budsjettjusteringene i tabell 1 vedtas.")
    assert "Hole kommune Møtebok" not in all_text(meeting)
    assert "Side 2 av 4" not in all_text(meeting)


def test_elements_moteprotokoll_saksliste_and_referatsak_are_not_items():
    meeting = read("moteprotokoll-kommunestyret-2021-06-17.txt")
    assert (meeting.body, meeting.date) == ("Kommunestyret", dt.date(2021, 6, 17))
    # a gap in the numbers (a closed item left out) is still one run
    assert [i.number for i in meeting.items] == ["PS 28/21", "PS 29/21", "PS 30/21", "PS 32/21"]
    # the meeting's own archive number is nobody's case number
    assert all(i.case_number is None for i in meeting.items)
    assert meeting.items[-1].title == (
        "Lokal forskrift om tilskudd til private veier i Nordre Land kommune, endelig vedtak"
    )
    assert "RS 6/21 Tilsynsrapport" in meeting.items[1].full_text()
    assert decision(meeting.items[3]) == (
        "Forskrift om tilskudd til private veier vedtas slik den lå ute på høring."
    )


# --- Swedish protokoll -----------------------------------------------------------------------


def test_swedish_protokoll_paragraphs_with_dnr_and_page_furniture():
    meeting = read("protokoll-kulturnamnden-2017-05-16.txt")
    assert meeting.body == "Kulturnämnden"
    # not the day the minutes were checked (2017-05-22) or posted (2017-05-23)
    assert meeting.date == dt.date(2017, 5, 16)
    assert [i.number for i in meeting.items] == ["§ 98", "§ 99", "§ 100", "§ 101", "§ 102"]
    assert [i.case_number for i in meeting.items] == [
        None, None, "KU.2017.18", "KU.2017.5", "KU.2017.3",
    ]  # fmt: skip
    item = meeting.items[-1]
    assert item.title == "Verksamhetsplan 2018 för kulturförvaltningen med internbudget"
    kinds = [s.kind for s in item.sections]
    assert kinds == [
        SectionKind.RECOMMENDATION,
        SectionKind.BACKGROUND,
        SectionKind.OTHER,  # Yrkanden
        SectionKind.VOTES,  # Propositionsordning
        SectionKind.DECISION,
        SectionKind.OTHER,  # Reservation
        SectionKind.ATTACHMENTS,  # Beslutsunderlag
        SectionKind.OTHER,  # Expedieras till
    ]
    assert decision(item) == "Kulturnämnden godkänner verksamhetsplan 2018 med internbudget."
    text = all_text(meeting)
    for furniture in ("Justerandes sign", "SAMMANTRÄDESPROTOKOLL", "Sida 4 (5)", "......"):
        assert furniture not in text


def test_swedish_protokoll_with_title_before_dnr():
    meeting = read("protokoll-ks-au-2019-09-03.txt")
    assert (meeting.body, meeting.date) == ("Kommunstyrelsens arbetsutskott", dt.date(2019, 9, 3))
    assert [(i.number, i.case_number) for i in meeting.items] == [
        ("§ 45", "KS 2019/123"),
        ("§ 46", "KS 2019/201"),
        ("§ 47", "KS 2018/77"),
    ]
    assert meeting.items[0].title == (
        "Svar på motion från Vänsterpartiet om gratis kollektivtrafik för pensionärer i kommunen"
    )
    first = meeting.items[0]
    assert [s.kind for s in first.sections] == [
        SectionKind.SUMMARY,
        SectionKind.RECOMMENDATION,
        SectionKind.ATTACHMENTS,
    ]
    assert "Utdragsbestyrkande" not in all_text(meeting)


# --- Danish: no case numbers, web-page text --------------------------------------------------


def test_danish_minutes_without_case_numbers_and_their_agenda_list():
    meeting = read("referat-aeldreraadet-2023-03-14.txt")
    assert (meeting.body, meeting.date) == ("Ældrerådet", dt.date(2023, 3, 14))
    assert meeting.place == "Rådhuset, mødelokale 2"
    # the agenda at the top is the list of items, not five more items
    assert [i.number for i in meeting.items] == ["1", "2", "3", "4", "5"]
    assert meeting.items[2].title == "Høring: Kvalitetsstandard for madservice 2023"
    assert decision(meeting.items[2]) == (
        "Ældrerådet afgiver høringssvar som drøftet. Formanden skriver svaret."
    )
    assert decision(meeting.items[4]) == ""


WEB = "webside-teknik-og-miljoeudvalget-2024-03-12.txt"
CHROME = ("cookies", "No results found", "Størrelse", "Gå til indhold", "Forside ›", "Udskriv")


def check_web_meeting(meeting: Meeting) -> None:
    assert (meeting.body, meeting.date) == ("Teknik- og Miljøudvalget", dt.date(2024, 3, 12))
    assert [(i.number, i.title, i.case_number) for i in meeting.items] == [
        ("1", "Godkendelse af dagsorden", "24/1203"),
        ("2", "Trafiksikkerhedsplan 2024-2027", "23/18877"),
        ("3", "Vejbelysning på Skovvej", "24/2001"),
    ]
    assert decision(meeting.items[1]) == (
        "Indstillingen blev godkendt. Udvalget ønsker en status efter høringen."
    )
    text = all_text(meeting)
    for chrome in (*CHROME, "Del\n", "Til toppen", "Tilgængelighedserklæring"):
        assert chrome not in text


def test_web_page_text_cookie_banner_and_navigation_are_no_items_or_sections():
    check_web_meeting(read(WEB))


def test_web_page_html_is_segmented_too():
    lines = (FIXTURES / WEB).read_text(encoding="utf-8").splitlines()
    body = "".join(f"<p>{line}</p>" for line in lines[9:])
    html = (
        '<html><body><div class="cookie-banner"><p>' + lines[0] + "</p>"
        "<button>Accepter alle</button><button>Kun nødvendige</button></div>"
        "<nav><ul><li>Menu</li><li>Søg</li><li>• No results found</li></ul>"
        f"<p>Størrelse: px</p><p>{lines[8]}</p></nav><main>{body}</main></body></html>"
    )
    result = read_text(html, "referat.html")
    assert result.reader == "segmenter"
    check_web_meeting(result.meetings[0])


def test_a_web_page_that_is_no_minutes_is_titled_by_its_content_not_its_chrome():
    chrome = (FIXTURES / WEB).read_text(encoding="utf-8").splitlines()[:9]
    text = "\n".join(
        [*chrome, "Affaldsordning 2024", "", "Fra 1. april hentes madaffald hver uge."]
    )
    [meeting] = read_text(text, "side.txt").meetings
    [item] = meeting.items
    assert item.title == "Affaldsordning 2024"
    assert "No results found" not in item.full_text()


def test_a_page_of_only_chrome_gets_its_one_line_reason():
    with pytest.raises(NoContentError) as raised:
        read_text("Accepter alle\nMenu\nSøg\n• No results found\n", "tom.html")
    assert str(raised.value).startswith("tom.html: no text found in the document")


# --- not minutes: stays whole -----------------------------------------------------------------


def test_a_report_with_numbered_chapters_and_contents_stays_one_item():
    meeting = read("rapport-kvalitetsrapport-2023.txt")
    [item] = meeting.items
    assert item.number is None
    assert item.title == "Kvalitetsrapport 2023"
    assert "Tre dagtilbud har fået påbud" in item.full_text()
    assert "Side 3 af 10" not in item.full_text()


def test_a_reference_to_another_meeting_dates_nothing():
    text = "KMB IT-udvalget den 5. december 2012 Punkt 3\n\nPilottest af it-arbejdspladser.\n"
    [meeting] = read_text(text, "sag.txt").meetings
    assert meeting.date is None


def test_the_albertslund_layout_read_by_the_segmenter_gives_the_same_items():
    # the general mechanism, not one rule per file: the segmenter finds what the specific
    # reader finds in the layout it was written for
    seed = Path(__file__).parents[1] / "fixtures" / "seeds" / "002_e6b0dd0e402eadb9.txt"
    text = seed.read_text(encoding="utf-8")
    from ingest.readers.albertslund import PunktMinutesReader
    from ingest.readers.generic import GenericTextReader

    [general] = GenericTextReader().read(text, "002.txt")
    [specific] = PunktMinutesReader().read(text, "002.txt")
    assert (general.body, general.date) == (specific.body, specific.date)
    assert [(i.number, i.title, i.case_number) for i in general.items] == [
        (i.number, i.title, i.case_number) for i in specific.items
    ]
    assert [decision(i) for i in general.items] == [decision(i) for i in specific.items]


def test_an_election_protocol_is_split_at_its_outline_letters():
    path = Path(__file__).parents[1] / "fixtures" / "pdf" / "stemmestyrets-motebok-sylling-2019.pdf"
    result = read_source(SourceFile.from_path(path))
    assert result.reader == "pdf+segmenter"
    [meeting] = result.meetings
    assert (meeting.municipality, meeting.body) == ("Lier", "Stemmestyret")
    assert meeting.date == dt.date(2019, 9, 9)  # "A1 Mandag 9. september 2019"
    assert [(i.number, i.title) for i in meeting.items] == [
        ("A", "Administrative forhold"),
        ("B", "Behandling av mottatte stemmer"),
        ("C", "Foreløpig opptelling av stemmesedler"),
        ("D", "Andre forhold"),
    ]
    assert [s.heading for s in meeting.items[0].sections] == [
        "A1 Mandag 9. september 2019",
        "A2 Stemmestyret",
    ]
    assert "Valgprotokoll for stemmestyret Side" not in all_text(meeting)


# --- documents that are no minutes keep their cover's title -----------------------------------


def test_a_memo_is_titled_below_its_letterhead():
    _, meeting = pdf("1548227.PDF")
    assert meeting.items[0].title == (
        "Redegørelse fra Træning og Aktivitet vedr. Seniorrådets høringssvar"
    )


def test_a_cover_title_set_in_short_lines_is_joined():
    text = (
        "SOCIAL, SUNDHED OG\nBESKÆFTIGELSE\nUdviklingshæmmede - Administratio-\nnen\n"
        "Dato: 19. november 2012\nTlf. dir.: 4477 3830\nDok.nr.:2012-204021\n\nNotat\n\n"
        "Tilpasning af budget 2 % i 2013 og 3 % i 2014, på aflastnings-\n"
        "institutionen, Torvevej 31, 2740 Skovlunde.\n\n"
        "Ballerup kommune overtog i 2007 Torvevej 31, 2740 Skovlunde, og har siden tilpasset\n"
        "tilbuddet til den faktiske efterspørgsel.\n"
    )
    [meeting] = read_text(text, "notat.txt").meetings
    assert meeting.items[0].title == (
        "Tilpasning af budget 2 % i 2013 og 3 % i 2014, på aflastningsinstitutionen, "
        "Torvevej 31, 2740 Skovlunde"
    )
    cover = "PROJEKTBESKRIVELSE\n\n\nProjektbeskrivelse\nfor\netablering af aktivitetscenter\n"
    cover += "på Solvej 6\n\n\nProjektleder: Birgit Jensen\nDato: 08.11.2012\n\nFormål\nTekst.\n"
    [meeting] = read_text(cover, "projekt.txt").meetings
    assert (
        meeting.items[0].title
        == "Projektbeskrivelse for etablering af aktivitetscenter på Solvej 6"
    )
