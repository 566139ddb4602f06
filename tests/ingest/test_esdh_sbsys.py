"""SBSYS eDagsorden publications: Ballerup's KMB IT-udvalget 15-05-2013 (Publication32) and a
2012 draft of Region Hovedstaden's Forretningsudvalget (Publication553), the real exports."""

from __future__ import annotations

import datetime as dt

from assistant.model import SectionKind
from ingest.pipeline import IngestReport, discover
from ingest.readers.registry import read_source
from ingest.source import SourceFile
from tests.support.esdh import SBSYS, lead

PUBLICATION_32 = SBSYS / "Publication32" / "Publication32.xml"
PUBLICATION_553 = SBSYS / "Publication553" / "Publication553.xml"


def test_the_meeting_and_items_come_from_the_publication() -> None:
    result = read_source(lead(PUBLICATION_32))
    assert result.reader == "esdh-sbsys"
    [meeting] = result.meetings
    assert meeting.body == "KMB IT-udvalget"
    # the meeting's own <When>, never "5. december 2012" from the Tidligere behandling field
    assert meeting.date == dt.date(2013, 5, 15)
    assert meeting.place == "Mødecenter A, Lokale 3 på Ballerup Rådhus"
    assert "Doris Børger (A)" in meeting.participants
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "Meddelelser"),
        ("2", "Oplæg til standard it-arbejdsplads for Kommunalbestyrelsens medlemmer i 2014-2018"),
        ("3", "Indførelse af systemet SAPA (Sagsoverblik/Partskontakt)"),
        ("4", "Regler for indkøb af it-udstyr"),
        ("5", "Status på eDagsorden"),
    ]
    assert all(i.case_number is None and not i.closed for i in meeting.items)
    assert result.problems == ()


def test_html_fields_become_sections_as_text() -> None:
    [meeting] = read_source(lead(PUBLICATION_32)).meetings
    second = meeting.items[1]
    sections = {s.heading: s for s in second.sections}
    assert list(sections) == [
        "Tidligere behandling", "Sammendrag", "Baggrund", "Sagsfremstilling",
        "Økonomiske konsekvenser og finansiering", "Beslutningen træffes af", "Indstilling",
    ]  # fmt: skip
    assert sections["Tidligere behandling"].kind is SectionKind.HISTORY
    assert sections["Tidligere behandling"].text == "KMB IT-udvalget den 5. december 2012 Punkt 3"
    assert sections["Indstilling"].kind is SectionKind.RECOMMENDATION
    assert sections["Indstilling"].text.startswith("Center for IT og Digitalisering indstiller, at")
    # an agenda: the Beslutning fields are empty and no decision is made up
    assert not any(s.kind is SectionKind.DECISION for i in meeting.items for s in i.sections)
    for item in meeting.items:
        for section in item.sections:
            for residue in ("<", ">", "]]>", "CDATA", "&nbsp;", "&aelig;"):
                assert residue not in section.text, (item.number, section.heading, residue)


def test_an_enclosure_is_an_attachment_section_of_its_item() -> None:
    [meeting] = read_source(lead(PUBLICATION_32)).meetings
    [attachment] = [s for s in meeting.items[2].sections if s.kind is SectionKind.ATTACHMENT]
    assert attachment.heading == "Bilag: Brev fra KL til Kommunalbestyrelsen vedr Monopolbrud"
    assert "Tilslutning til monopolbruddet" in attachment.text


def test_a_draft_with_missing_and_scanned_enclosures_is_stored_and_they_are_reported() -> None:
    result = read_source(lead(PUBLICATION_553))
    [meeting] = result.meetings
    assert meeting.body == "FORRETNINGSUDVALGET"
    assert meeting.date == dt.date(2012, 9, 25)
    assert len(meeting.items) == 4
    first = meeting.items[0]
    kinds = {s.heading: s.kind for s in first.sections}
    assert kinds["PUNKTET BEHANDLET TIDLIGERE"] is SectionKind.HISTORY
    assert kinds["ADMINISTRATIONENS INDSTILLING"] is SectionKind.RECOMMENDATION
    assert kinds["FORRETNINGSUDVALGETS BESLUTNING"] is SectionKind.DECISION
    assert "REGIONSRÅDETS BESLUTNING" not in kinds  # empty in the draft
    # "Tomt indhold" (empty content) is what SBSYS writes into an unused field
    assert "Tomt indhold" not in "\n".join(s.text for i in meeting.items for s in i.sections)
    reasons = {p.part: p.reason for p in result.problems}
    assert sorted(reasons) == sorted(f"Enclosures/{n}.pdf" for n in range(1, 15))
    assert "scanned PDF" in reasons["Enclosures/14.pdf"]
    assert reasons["Enclosures/3.pdf"].startswith("named by the export but not beside it")


def test_discover_leaves_the_enclosures_to_their_publication() -> None:
    assert discover([SBSYS], IngestReport()) == [PUBLICATION_32, PUBLICATION_553]


def test_an_item_that_is_not_public_is_closed() -> None:
    data = PUBLICATION_32.read_bytes()
    public = b"<IsPublic><![CDATA[True]]></IsPublic>"
    at = data.index(public, data.index(b"<Caption><![CDATA[Regler for indk"))
    closed = data[:at] + b"<IsPublic><![CDATA[False]]></IsPublic>" + data[at + len(public) :]
    [meeting] = read_source(SourceFile("Publication32.xml", closed)).meetings
    assert [(i.number, i.closed) for i in meeting.items] == [
        ("1", False), ("2", False), ("3", False), ("4", True), ("5", False),
    ]  # fmt: skip
