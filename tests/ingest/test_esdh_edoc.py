"""eDoc AgendaPublishing: Ballerup's Sundheds- og Forebyggelsesudvalget, 04-12-2012, read from
the real export (the XML with its item PDFs and attachments)."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.model import AgendaItem, SectionKind
from ingest.pipeline import IngestReport, discover
from ingest.readers.registry import ReadResult, read_source
from ingest.source import SourceFile
from tests.support.esdh import EDOC, lead

XML = EDOC / "eDocAgendaPublishing.xml"
COMMITTEE = "Sundheds- og Forebyggelsesudvalget"
TORVEVEJ = "aflastningstilbuddet Torvevej"
TITLES = {
    "1": "Meddelelser",
    "2": "Bygningsvedligeholdelse 2013 - anlægsbevilling",
    "3": "Kvalitetsstandarder for stof- og alkoholbehandling 2012-2013",
    "4": "Takstreduktion på aflastningstilbuddet Torvevej i Skovlunde i 2013",
    "5": "KL's opfølgningsproces vedrørende det nære sundhedsvæsen",
    "6": "Prioritering af midler til kronisk syge borgere og hverdagsrehabilitering for ældre",
    "7": "Etablering af aktivitetscenter på Solvej 6 i Ballerup",
    "8": "Evaluering af rygestopkurser",
}
CASES = {
    "1": "2011-29298", "2": "2012-28504", "3": "2012-31114", "4": "2012-31673",
    "5": "2011-29939", "6": "2012-21786", "7": "2012-28505", "8": "2010-3082",
}  # fmt: skip


@pytest.fixture(scope="module")
def export() -> ReadResult:
    return read_source(lead(XML))


def _item(result: ReadResult, number: str) -> AgendaItem:
    return next(i for i in result.meetings[0].items if i.number == number)


def test_the_meeting_its_items_and_their_case_numbers_come_from_the_export(
    export: ReadResult,
) -> None:
    assert export.reader == "esdh-edoc"
    [meeting] = export.meetings
    assert meeting.body == COMMITTEE
    assert meeting.date == dt.date(2012, 12, 4)
    assert meeting.source == "eDocAgendaPublishing.xml"
    assert {i.number: i.title for i in meeting.items} == TITLES
    assert [i.number for i in meeting.items] == [str(n) for n in range(1, 9)]
    assert {i.number: i.case_number for i in meeting.items} == CASES
    assert not any(i.closed for i in meeting.items)  # all on the "Åben dagsorden"


def test_item_4_has_its_decision_and_the_earlier_meeting_is_history(export: ReadResult) -> None:
    item = _item(export, "4")
    kinds = {s.heading: s.kind for s in item.sections}
    decision = next(s for s in item.sections if s.kind is SectionKind.DECISION)
    assert decision.heading == f"{COMMITTEE}s beslutning den 04.12.2012 Punkt 4"
    assert decision.text.startswith("Indstillingen godkendt")
    recommendation = next(s for s in item.sections if s.heading == "Indstilling")
    assert recommendation.kind is SectionKind.RECOMMENDATION
    assert "takstreduktion på aflastningstilbuddet Torvevej med 2 pct." in recommendation.text
    # the sentence about the earlier treatment is history, never this meeting's date or decision
    history = next(s for s in item.sections if s.kind is SectionKind.HISTORY)
    assert history.text == "Sundheds- og Forebyggelsesudvalget den 30. maj 2012 Punkt 7"
    assert kinds["Beslutningen træffes af"] is SectionKind.OTHER
    assert kinds["Økonomiske konsekvenser og finansiering"] is SectionKind.ECONOMY
    # number, title, case and document numbers are the item's fields, not text
    text = "\n".join(s.text for s in item.sections if s.kind is not SectionKind.ATTACHMENT)
    assert "Takstreduktion på aflastningstilbuddet Torvevej i Skovlunde i 2013" not in text
    assert "Sagsnr" not in text and "Dok.nr" not in text


def test_attachments_are_sections_of_their_item(export: ReadResult) -> None:
    item = _item(export, "4")
    [attachment] = [s for s in item.sections if s.kind is SectionKind.ATTACHMENT]
    assert attachment.heading == f"Bilag: Forslag til takstreduktion {TORVEVEJ} 2013"
    assert "Tilpasning af budget 2 % i 2013 og 3 % i 2014, på aflastnings-" in attachment.text
    fifth = [s.heading for s in _item(export, "5").sections if s.kind is SectionKind.ATTACHMENT]
    assert fifth == [
        "Bilag: KL's proces vedrørende det nære sundhedsvæsen",
        "Bilag: Det nære sundhedsvæsen - KL",
    ]


def test_a_scanned_attachment_is_reported_and_its_item_still_stored(export: ReadResult) -> None:
    [problem] = export.problems
    assert problem.part == "1537646.PDF"
    assert "scanned PDF without a text layer" in problem.reason and "OCR" in problem.reason
    item = _item(export, "2")  # the scanned "Bygningsliste og prioriteringssystem" is its bilag
    assert not [s for s in item.sections if s.kind is SectionKind.ATTACHMENT]
    assert any(s.kind is SectionKind.DECISION for s in item.sections)


def test_no_markup_urls_or_cdata_in_any_section(export: ReadResult) -> None:
    for item in export.meetings[0].items:
        for section in item.sections:
            for residue in ("<", "]]>", "CDATA", "edocfarm", "&#"):
                assert residue not in section.text, (item.number, section.heading, residue)


def test_the_xml_alone_is_read_from_its_own_text_and_the_missing_files_reported() -> None:
    alone = read_source(SourceFile("eDocAgendaPublishing.xml", XML.read_bytes()))
    [meeting] = alone.meetings
    assert (meeting.body, meeting.date) == (COMMITTEE, dt.date(2012, 12, 4))
    assert {i.number: i.title for i in meeting.items} == TITLES
    decision = next(s for s in _item(alone, "4").sections if s.kind is SectionKind.DECISION)
    assert decision.text.startswith("Indstillingen godkendt")
    assert _item(alone, "4").case_number == "2012-31673"
    [problem] = alone.problems  # one problem, not one per named file
    assert "came without the files it names" in problem.reason
    assert "ingest its whole folder" in problem.reason
    assert all("<" not in s.text for i in meeting.items for s in i.sections)


def test_discover_leaves_the_files_the_export_reads_to_it() -> None:
    # item PDFs, attachments and the copies saved under their titles are all read through the XML
    assert discover([EDOC], IngestReport()) == [XML]


def test_an_item_pdf_without_its_export_is_still_read() -> None:
    alone = read_source(SourceFile.from_path(EDOC / "1552826.PDF"))
    text = "\n".join(s.text for m in alone.meetings for i in m.items for s in i.sections)
    assert "Indstillingen godkendt" in text


def test_the_items_of_a_closed_agenda_are_closed() -> None:
    data = XML.read_bytes().replace(
        b"<AgendaType>\xc3\x85ben dagsorden", b"<AgendaType>Lukket dagsorden", 1
    )
    [meeting] = read_source(SourceFile("eDocAgendaPublishing.xml", data)).meetings
    assert len(meeting.items) == 8 and all(i.closed for i in meeting.items)
