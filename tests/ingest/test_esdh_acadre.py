"""Acadre: Syddjurs' Udvalget for plan, udvikling og kultur (PUK), extraordinary meeting
20-06-2013, from the real export (XML_1863.xml with its Files_1863_3687982 folder)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.errors import IncompleteExportError
from assistant.model import AgendaItem, SectionKind
from ingest.pipeline import IngestReport, discover
from ingest.readers.registry import read_source
from ingest.source import SourceFile
from tests.support.esdh import ACADRE, copy_export, lead

XML = ACADRE / "XML_1863.xml"
FILES = "Files_1863_3687982"
TITLE = "Kulturkommune 2017. Politiske fokusområder"
POLICY = "Politik for Kultur og Fritid - Lokalt engagement, Godkendt af byrådet 300409"


def _only_item(path: Path) -> AgendaItem:
    [meeting] = read_source(lead(path)).meetings
    [item] = meeting.items
    return item


def test_the_meeting_comes_from_the_xml_and_the_item_from_the_agenda_file() -> None:
    result = read_source(lead(XML))
    assert result.reader == "esdh-acadre"
    [meeting] = result.meetings
    assert meeting.body == "Udvalget for plan, udvikling og kultur (PUK)"
    assert meeting.date == dt.date(2013, 6, 20)
    assert meeting.place == "Kaløvig Kursuscenter"
    assert "Jesper Mathiesen (A)" in meeting.participants
    [item] = meeting.items
    # Acadre numbers items by their place in the committee's series: the minutes print "715."
    assert (item.number, item.title, item.case_number) == ("715", TITLE, "12/27845")
    assert not item.closed  # access "Åben"
    assert result.problems == ()


def test_only_this_meetings_decision_is_the_decision() -> None:
    item = _only_item(XML)
    decisions = [s for s in item.sections if s.kind is SectionKind.DECISION]
    assert [s.heading for s in decisions] == [
        "Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 20-06-2013"
    ]
    assert decisions[0].text.startswith("Punktet blev drøftet.")
    earlier = [s.heading for s in item.sections if s.kind is SectionKind.HISTORY]
    assert earlier == [
        "Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 10-04-2013",
        "Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 24-04-2013",
    ]
    kinds = {s.heading: s.kind for s in item.sections}
    assert kinds["Resumé"] is SectionKind.SUMMARY
    assert kinds["Indstilling"] is SectionKind.RECOMMENDATION
    assert all("<" not in s.text and "&nbsp;" not in s.text for s in item.sections)


def test_enclosures_are_attachments_and_the_word_97_one_is_read_from_its_pdf() -> None:
    item = _only_item(XML)
    attachments = {s.heading: s.text for s in item.sections if s.kind is SectionKind.ATTACHMENT}
    assert list(attachments) == [
        "Bilag: Opsamlingsnotat. Temamøde 20.09.2012",  # DOCX
        f"Bilag: {POLICY}",  # a .DOC, read from the PDF saved beside it
        "Bilag: Kulturkommune 2017 - arbejdsoplæg til Udvalget for Plan, Udvikling og Kultur",
    ]
    assert (
        "Syddjurs Kommune har sat fokus på kulturområdet"
        in attachments["Bilag: Opsamlingsnotat. Temamøde 20.09.2012"]
    )
    assert (
        "Godkendt af byrådet, Syddjurs Kommune den 30. april 2009"
        in attachments[f"Bilag: {POLICY}"]
    )


def test_a_word_97_enclosure_without_a_pdf_is_reported_and_the_item_kept(tmp_path: Path) -> None:
    folder = copy_export(ACADRE, tmp_path)
    (folder / FILES / f"{POLICY}.pdf").unlink()
    result = read_source(lead(folder / "XML_1863.xml"))
    [problem] = result.problems
    assert problem.part == f"{FILES}/2531342E2.DOC"
    assert "Word 97 file" in problem.reason and "save it as DOCX or PDF" in problem.reason
    [item] = result.meetings[0].items
    assert f"Bilag: {POLICY}" not in [s.heading for s in item.sections]
    assert any(s.kind is SectionKind.DECISION for s in item.sections)


def test_the_agenda_file_alone_is_a_meeting_too() -> None:
    item = _only_item(ACADRE / FILES / "3687981.XML")
    assert (item.number, item.title, item.case_number) == ("715", TITLE, "12/27845")
    assert len([s for s in item.sections if s.kind is SectionKind.ATTACHMENT]) == 3


def test_the_xml_without_its_folder_says_what_is_missing() -> None:
    with pytest.raises(IncompleteExportError) as raised:
        read_source(SourceFile("XML_1863.xml", XML.read_bytes()))
    assert f"{FILES}/3687981.xml" in raised.value.reason
    assert "ingest the export's whole folder" in raised.value.reason


def test_without_the_agenda_file_the_minutes_docx_gives_the_items(tmp_path: Path) -> None:
    folder = copy_export(ACADRE, tmp_path)
    (folder / FILES / "3687981.XML").unlink()
    result = read_source(lead(folder / "XML_1863.xml"))
    [meeting] = result.meetings
    assert (meeting.body, meeting.date) == (
        "Udvalget for plan, udvikling og kultur (PUK)",
        dt.date(2013, 6, 20),
    )
    [item] = meeting.items
    assert (item.number, item.title, item.case_number) == ("715", TITLE, "12/27845")
    decision = next(s for s in item.sections if s.kind is SectionKind.DECISION)
    assert decision.text.startswith("Punktet blev drøftet.")
    assert [p.part for p in result.problems] == [f"{FILES}/3687981.xml"]


def test_discover_reads_the_whole_files_folder_through_the_xml() -> None:
    assert discover([ACADRE], IngestReport()) == [XML]


def test_an_item_with_closed_access_is_closed(tmp_path: Path) -> None:
    folder = copy_export(ACADRE, tmp_path)
    agenda = folder / FILES / "3687981.XML"
    item_access = '<field name="accessname">Åben</field><field name="stateName">Afsendt</field>'
    closed = item_access.replace("Åben", "Lukket")
    agenda.write_text(agenda.read_text(encoding="utf-8").replace(item_access, closed), "utf-8")
    [item] = read_source(lead(folder / "XML_1863.xml")).meetings[0].items
    assert item.closed
