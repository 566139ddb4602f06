"""eDoc AgendaPublishing exports: `eDocAgendaPublishing.xml` with one PDF per item.

The XML gives the committee, the meeting date and, per agenda type ("Åben dagsorden",
"Lukket dagsorden"), the items: number, title, the item's PDF, its attachments (title and
PDF) and the item's text as <FullText>. The item PDF is the text that is read; <FullText>
stands in when the PDF did not come along. The meeting's own PDF (all items in one) and the
whole agenda's <FullText> are left alone: the items already hold that text.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from assistant.model import AgendaItem, Meeting
from ingest.readers.esdh.common import ExportRead, by_number, xml_date
from ingest.readers.esdh.item_text import split_item_text
from ingest.readers.esdh.parts import MISSING, PartProblem, Parts
from ingest.readers.esdh.xmlsafe import child_text, parse_xml
from ingest.source import SourceFile

__all__ = ["read_edoc"]

LABEL = "edoc"


def _public(attachment: Element) -> bool:
    # "SKAL PUBLICERES" (must be published); "MÅ IKKE PUBLICERES" keeps it off the web
    return "IKKE" not in child_text(attachment, "PublishingType").upper()


def _item(element: Element, closed: bool, meeting: Meeting, parts: Parts) -> AgendaItem:
    number = child_text(element, "AgendaItemNumber") or None
    document = element.find("Document")
    title = child_text(document, "Title") or child_text(document, "NeutralTitle")
    pdf = child_text(element, "PDFDocument")
    text = None
    if pdf and parts.find(pdf) is None:
        parts.problems.append(PartProblem(pdf, f"{MISSING}; its text in the XML was used"))
    elif pdf:
        text = parts.text(pdf)
    if text is None:
        text = (element.findtext("FullText") or "").strip()
    printed = split_item_text(text, number, title, meeting.date)
    sections = printed.sections
    for attachment in document.iter("Attachment") if document is not None else ():
        name = child_text(attachment, "Title") or child_text(attachment, "PDFDocument")
        if not _public(attachment):
            parts.problems.append(PartProblem(name, "not for publication: left out"))
            continue
        file = child_text(attachment, "PDFDocument")
        section = parts.attachment(name, [file, f"{name}.pdf"]) if file else None
        if section is not None:
            sections.append(section)
    return AgendaItem(
        number=number,
        title=title or f"Punkt {number}",
        case_number=printed.case_number,
        closed=closed,
        sections=sections,
    )


def read_edoc(source: SourceFile) -> ExportRead:
    """The meeting of an eDoc export, its items read from their PDFs."""
    root = parse_xml(source.name, source.data)
    parts = Parts(source)
    meeting = Meeting(
        body=child_text(root, "Committee") or None,
        date=xml_date(child_text(root, "MeetingDate")),
        source=source.name,
    )
    items: list[AgendaItem] = []
    for agenda in root.iter("MeetingAgendaType"):
        closed = "lukket" in child_text(agenda, "AgendaType").lower()
        items.extend(_item(e, closed, meeting, parts) for e in agenda.iter("MeetingAgendaItem"))
    meeting = meeting.model_copy(update={"items": by_number(items)})
    return ExportRead(LABEL, [meeting], parts.problems)
