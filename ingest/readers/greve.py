"""Greve Kommune's agenda-portal JSON (FirstAgenda publication format) → one meeting."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from assistant.errors import CorruptDocumentError, DocumentTooComplexError
from assistant.model import AgendaItem, Meeting, Section, SectionKind
from ingest.closed import closed_title
from ingest.html import split_by_headings
from ingest.sections import section_kind

__all__ = ["GreveJsonReader"]

# The headings of the case template. Text pasted from Word often arrives as <h2>–<h4>
# (whole paragraphs, sub-headings, table cells), so only these start a section; any other
# heading tag stays text of the section it stands in instead of splitting it apart.
_TEMPLATE_HEADINGS = frozenset(
    {
        "beslutning", "fremstilling", "sagens forløb", "sagsprocedure", "sagsprocedurer",
        "resume", "indstilling", "sagsbeskrivelse", "sagsfremstilling", "baggrund",
        "økonomiske konsekvenser", "lovgrundlag", "lovhjemmel", "tidsplan", "kommunikation",
        "høring", "øvrige konsekvenser", "øvrige forhold", "øvrig information",
        "yderligere forhold", "miljøvurdering", "historik", "bilag",
    }
)  # fmt: skip
_SUPPLEMENT = re.compile(r"(ny )?supplerende ")
_SNIFF_CHARS = 4096


class GreveJsonReader:
    """FirstAgenda publication JSON: `Udvalg`, `Moede` and `Dagsordenpunkter`."""

    label = "greve-json"

    def accepts(self, text: str, name: str) -> bool:
        head = text[:_SNIFF_CHARS].lstrip("\ufeff \t\r\n")
        return head.startswith("{") and '"Dagsordenpunkter"' in head

    def read(self, text: str, name: str) -> list[Meeting]:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CorruptDocumentError(name, f"invalid JSON: {error}") from error
        except RecursionError as error:
            raise DocumentTooComplexError(name, "the JSON is nested too deeply") from error
        points = data.get("Dagsordenpunkter") if isinstance(data, dict) else None
        if not isinstance(points, list):
            raise CorruptDocumentError(name, "no list of agenda items (Dagsordenpunkter)")
        meeting = _object(data.get("Moede"))
        return [
            Meeting(
                body=_string(_object(data.get("Udvalg")).get("Navn")),
                date=_date(meeting.get("Dato")),
                place=_string(meeting.get("Sted")),
                participants=_participants(meeting.get("Moededeltagere")),
                source=name,
                items=[_item(point, name) for point in points],
            )
        ]


def _item(point: object, name: str) -> AgendaItem:
    if not isinstance(point, dict):
        raise CorruptDocumentError(name, "an agenda item is not a JSON object")
    title = _string(point.get("Navn")) or _string(point.get("Caption"))
    if title is None:
        raise CorruptDocumentError(name, "an agenda item has no title (Navn)")
    closed = closed_title(title)
    sections = [
        section
        for field in _list(point.get("Felter"))
        for section in _sections(_object(field).get("Html"), closed)
    ]
    attachments = _attachment_names(point.get("Bilag"))
    if attachments:
        sections.append(Section(kind=SectionKind.ATTACHMENTS, heading="Bilag", text=attachments))
    return AgendaItem(
        number=_string(point.get("Punktnummer")) or _string(point.get("Number")),
        title=title,
        case_number=_string(point.get("SagsNummer")) or _string(point.get("CaseNumber")),
        closed=closed,
        sections=sections,
    )


def _sections(html: object, closed: bool) -> list[Section]:
    if not isinstance(html, str):
        return []
    sections: list[Section] = []
    for heading, text in split_by_headings(html, keep=_is_template_heading):
        if heading is not None:
            sections.append(Section(kind=section_kind(heading), heading=heading, text=text))
        elif closed:
            # A closed item publishes only its decision, as bare text without a heading.
            sections.append(Section(kind=SectionKind.DECISION, heading="Beslutning", text=text))
        else:
            sections.append(Section(kind=SectionKind.OTHER, heading="", text=text))
    return sections


def _is_template_heading(heading: str) -> bool:
    key = heading.lower().rstrip(" :.")
    return key in _TEMPLATE_HEADINGS or _SUPPLEMENT.match(key) is not None


def _attachment_names(value: object) -> str:
    attachments = [_object(entry) for entry in _list(value)]
    attachments.sort(key=lambda entry: _order(entry.get("Order")))
    names = (_string(entry.get("Navn")) for entry in attachments)
    return "\n".join(name for name in names if name)


def _participants(value: object) -> list[str]:
    # Members flagged Absent or ParticipationCancelled (afbud) did not take part.
    members = [_object(entry) for entry in _list(value)]
    names = (
        _string(member.get("Name"))
        for member in members
        if not member.get("Absent") and not member.get("ParticipationCancelled")
    )
    return [name for name in names if name]


def _date(value: object) -> dt.date | None:
    # "2022-01-14T08:00:00+01:00": local time with offset, so the date part is the local date.
    text = _string(value)
    try:
        return dt.datetime.fromisoformat(text).date() if text else None
    except ValueError:
        return None


def _order(value: object) -> int:
    return value if isinstance(value, int) else 0


def _string(value: object) -> str | None:
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())
    return text or None


def _object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []
