"""Acadre agenda exports: `XML_<agenda>.xml` naming a `Files_<agenda>_<document>` folder.

XML_<agenda>.xml names the committee, the meeting and date, and the documents produced for
it (agenda, minutes) with their access ("Åben") and folder. In that folder, the agenda XML
(<xmlfilename>) holds the meeting again and every item: number ("sort", printed as "715."),
title, case number, access, its fields ("bullets", HTML) and its enclosures by file name.
Bullets give the text; the minutes DOCX stands in when the agenda XML is missing. Enclosures
are read as PDF where Acadre made one (as OS2dagsorden does), else as given.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from xml.etree.ElementTree import Element

from assistant.errors import IncompleteExportError, NoContentError
from assistant.model import AgendaItem, Meeting, Section
from ingest.html import html_to_text
from ingest.readers.captions import caption_kind
from ingest.readers.docx import docx_blocks, is_docx
from ingest.readers.docx_minutes import minutes_from_blocks
from ingest.readers.esdh.common import ExportRead, by_number, xml_date
from ingest.readers.esdh.manifest import acadre_fields
from ingest.readers.esdh.parts import MISSING, PartProblem, Parts
from ingest.readers.esdh.xmlsafe import parse_xml
from ingest.source import SourceFile

__all__ = ["read_acadre", "read_acadre_agenda"]

LABEL = "acadre"
OPEN = "Åben"
_MINUTES = "2"  # producedAgenda type: 1 agenda, 2 minutes


def _tables(parent: Element, name: str) -> list[Element]:
    return [table for table in parent.iter("table") if table.get("name") == name]


def _first(parent: Element, name: str) -> dict[str, str]:
    tables = _tables(parent, name)
    return acadre_fields(tables[0], as_attributes=False) if tables else {}


def _bullets(item: Element, meeting: Meeting) -> list[Section]:
    sections: list[tuple[int, Section]] = []
    for index, bullet in enumerate(t for t in item if t.get("name") == "bullet"):
        fields = acadre_fields(bullet, as_attributes=False)
        text = html_to_text(fields.get("bulletcontent", ""))
        if not text.strip():
            continue
        heading = fields.get("bulletname", "")
        order = fields.get("bulletsortorder", "")
        kind = caption_kind(heading, meeting.date)
        sections.append((int(order) if order.isdigit() else 1000 + index, Section(
            kind=kind, heading=heading, text=text,
        )))  # fmt: skip
    return [section for _, section in sorted(sections, key=lambda pair: pair[0])]


def _enclosures(item: Element, parts: Parts) -> list[Section]:
    sections: list[Section] = []
    for table in (t for t in item if t.get("name") == "enclosure"):
        fields = acadre_fields(table, as_attributes=False)
        name, filename = fields.get("name", ""), fields.get("filename", "")
        if not filename:
            continue
        if fields.get("accessname", OPEN) != OPEN:
            access = fields.get("accessname")
            parts.problems.append(PartProblem(filename, f"access {access!r}: left out"))
            continue
        stem = PurePosixPath(filename).stem
        # Acadre's PDF of an enclosure first, then the file, then copies under its name
        names = [f"{stem}.pdf", filename, f"{name}.pdf", f"{name}.docx"]
        section = parts.attachment(name or filename, [n for n in names if n])
        if section is not None:
            sections.append(section)
    return sections


def _item(parent: Element, meeting: Meeting, parts: Parts, closed: bool) -> AgendaItem | None:
    item = next((t for t in parent if t.get("name") == "agendaitem"), None)
    if item is None:
        return None
    fields = acadre_fields(item, as_attributes=False)
    number = acadre_fields(parent, as_attributes=False).get("sort") or None
    return AgendaItem(
        number=number,
        title=fields.get("name") or f"Punkt {number}",
        case_number=fields.get("caseno") or None,
        closed=closed or fields.get("accessname", OPEN) != OPEN,
        sections=_bullets(item, meeting) + _enclosures(item, parts),
    )


def _agenda(source: SourceFile, agenda: SourceFile, parts: Parts, closed: bool) -> Meeting:
    """The meeting in an agenda XML (`agenda`, the lead itself or a file of its bundle)."""
    root = parse_xml(agenda.name, agenda.data)
    meeting_fields = _first(root, "meeting")
    members = [
        fields["name"]
        for table in _tables(root, "meetmember")
        for member in _tables(table, "member")
        if (fields := acadre_fields(member, as_attributes=False)).get("name")
        and fields.get("absent", "0") == "0"
    ]
    meeting = Meeting(
        body=_first(root, "committee").get("name") or None,
        date=xml_date(meeting_fields.get("date", "")),
        place=meeting_fields.get("location") or None,
        participants=[" ".join(name.split()) for name in members],
        source=source.name,
    )
    agenda_closed = closed or _first(root, "agenda").get("accessname", OPEN) != OPEN
    items = [
        item
        for parent in _tables(root, "agendaitemparents")
        if (item := _item(parent, meeting, parts, agenda_closed)) is not None
    ]
    return meeting.model_copy(update={"items": by_number(items)})


def read_acadre_agenda(source: SourceFile) -> ExportRead:
    """The meeting of an Acadre agenda XML (the one inside the Files_… folder)."""
    parts = Parts(source)
    return ExportRead(LABEL, [_agenda(source, source, parts, False)], parts.problems)


def _produced(root: Element) -> dict[str, str] | None:
    """The produced document to read: the published minutes, else the published agenda."""
    groups = []
    for table in _tables(root, "producedAgenda"):
        for fields in table.findall("fields"):
            group: dict[str, str] = {}
            for field in fields:
                group.update({key: value.strip() for key, value in field.attrib.items()})
            if group.get("filesfolder"):
                groups.append(group)
    groups.sort(key=lambda group: group.get("type") != _MINUTES)
    return groups[0] if groups else None


def read_acadre(source: SourceFile) -> ExportRead:
    """The meeting an XML_<agenda>.xml names, read from the files in its Files_… folder."""
    root = parse_xml(source.name, source.data)
    produced = _produced(root)
    if produced is None:
        raise NoContentError(source.name)
    folder = produced["filesfolder"]
    parts = Parts(source, folder=folder)
    closed = produced.get("access", OPEN) != OPEN
    committee = _lead_fields(root, "committee")
    agenda = parts.find(produced.get("xmlfilename", ""))
    if agenda is not None:
        meeting = _agenda(source, agenda, parts, closed)
    else:
        parts.problems.append(PartProblem(parts.shown(produced.get("xmlfilename", "")), MISSING))
        meeting = _from_minutes(source, parts, produced, closed)
    meeting = meeting.model_copy(
        update={
            "body": committee.get("name") or meeting.body,
            "date": xml_date(_lead_fields(root, "meeting").get("date", "")) or meeting.date,
        }
    )
    return ExportRead(LABEL, [meeting], parts.problems)


def _lead_fields(root: Element, name: str) -> dict[str, str]:
    tables = _tables(root, name)
    return acadre_fields(tables[0], as_attributes=True) if tables else {}


def _from_minutes(
    source: SourceFile, parts: Parts, produced: dict[str, str], closed: bool
) -> Meeting:
    """The meeting as the minutes DOCX shows it, when the agenda XML did not come along."""
    name = produced.get("docfilename", "")
    document = parts.find(name) if name else None
    if document is None:
        wanted = [produced.get(key, "") for key in ("xmlfilename", "docfilename")]
        raise IncompleteExportError(source.name, ", ".join(parts.shown(n) for n in wanted if n))
    found = minutes_from_blocks(docx_blocks(document), source.name) if is_docx(document) else None
    if not found:
        raise NoContentError(source.name)
    items = [item.model_copy(update={"closed": closed or item.closed}) for item in found[0].items]
    return found[0].model_copy(update={"items": items})
