"""SBSYS eDagsorden publications: `PublicationNN.xml` with an Enclosures folder.

Each <Agenda> is one meeting of one committee (<Meeting><When>, <Where>, members); its
<Items> hold the number, caption, case, whether the item is public, and the item's fields:
a caption and HTML content in CDATA (Sammendrag, Sagsfremstilling, Indstilling …). Fields
marked as feedback are what the meeting decided. Enclosures are PDFs in the Enclosures folder.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from assistant.model import AgendaItem, Meeting, Section, SectionKind
from ingest.html import html_to_text
from ingest.readers.captions import caption_kind
from ingest.readers.esdh.common import ExportRead, by_number, xml_date
from ingest.readers.esdh.parts import Parts
from ingest.readers.esdh.xmlsafe import child_text, parse_xml
from ingest.source import SourceFile

__all__ = ["read_sbsys"]

LABEL = "sbsys"
# What SBSYS writes into a feedback field that was left empty.
_EMPTY = frozenset({"", "tomt indhold"})


def _field(element: Element, meeting: Meeting) -> Section | None:
    content = element.findtext("Content") or ""
    if child_text(element, "FieldTypeAsEnum").lower() == "html":
        text = html_to_text(content)
    else:
        text = "\n".join(line.strip() for line in content.splitlines()).strip()
    if text.strip().lower() in _EMPTY:
        return None
    caption = child_text(element, "Caption")
    kind = caption_kind(caption, meeting.date) if caption else SectionKind.OTHER
    if child_text(element, "IsFeedback") == "True" and kind is not SectionKind.HISTORY:
        kind = SectionKind.DECISION  # the meeting's feedback to the item is its decision
    return Section(kind=kind, heading=caption, text=text)


def _item(element: Element, meeting: Meeting, parts: Parts) -> AgendaItem:
    sections = [
        section
        for field in element.iterfind("Fields/ItemField")
        if (section := _field(field, meeting)) is not None
    ]
    for enclosure in element.iterfind("Enclosures/Enclosure"):
        name = child_text(enclosure, "Name") or child_text(enclosure, "InstantiationFileName")
        relative = child_text(enclosure, "InstantiationFilePathRelative")
        names = [n for n in (relative, child_text(enclosure, "InstantiationFileName")) if n]
        section = parts.attachment(name, names[:1]) if names else None
        if section is not None:
            sections.append(section)
    number = child_text(element, "Number") or None
    return AgendaItem(
        number=number,
        title=child_text(element, "Caption") or f"Punkt {number}",
        case_number=child_text(element, "Case/Number") or None,
        closed=child_text(element, "IsPublic") == "False",
        sections=sections,
    )


def _meeting(agenda: Element, source: SourceFile, parts: Parts) -> Meeting:
    when = agenda.find("Meeting")
    members = [
        name
        for member in (when.iterfind("Members/MeetingMember") if when is not None else ())
        if (name := child_text(member, "Name"))
    ]
    meeting = Meeting(
        body=child_text(agenda, "Committee/Name") or child_text(agenda, "Name") or None,
        date=xml_date(child_text(when, "When")),
        place=child_text(when, "Where") or None,
        participants=members,
        source=source.name,
    )
    items = [_item(element, meeting, parts) for element in agenda.iterfind("Items/Item")]
    return meeting.model_copy(update={"items": by_number(items)})


def read_sbsys(source: SourceFile) -> ExportRead:
    """The meetings of an SBSYS publication (one per agenda it publishes)."""
    root = parse_xml(source.name, source.data)
    parts = Parts(source)
    meetings = [_meeting(agenda, source, parts) for agenda in root.iterfind("Agendas/Agenda")]
    return ExportRead(LABEL, meetings, parts.problems)
