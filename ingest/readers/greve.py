"""Greve Kommune's agenda-portal JSON (FirstAgenda publication format) → one meeting.

A meeting stored by `referat sync --attachments` names its attachments' PDFs (key
`ReferatSync`, files in `.bilag/` beside it): read with the folder it lies in, each
attachment's text joins its item as sections of kind "attachment", one per page, headed by the
attachment's name. A scanned or damaged attachment is left out; the item is stored all the same.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.errors import CorruptDocumentError, DocumentTooComplexError, InputError
from assistant.model import AgendaItem, Meeting, Section, SectionKind
from ingest.closed import closed_title
from ingest.html import split_by_headings
from ingest.readers.esdh.parts import PartProblem
from ingest.readers.pdf import PAGE_SEPARATOR, extract_pdf_text
from ingest.sections import section_kind
from ingest.source import SourceFile

__all__ = ["ATTACHMENTS_FOLDER", "SYNC_KEY", "GreveJsonReader"]

# what `referat sync` adds to a meeting's JSON, and where it puts the attachments' PDFs
SYNC_KEY = "ReferatSync"
ATTACHMENTS_FOLDER = ".bilag"
# attachment pages read per meeting at most: a budget's 2,000 pages of appendices must not
# take the meeting past the time a file may take to read (REFERAT_INGEST_FILE_TIMEOUT)
MAX_ATTACHMENT_PAGES = 600

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
        return self.read_with_attachments(text, name, None)[0]

    def read_with_attachments(
        self, text: str, name: str, folder: Path | None
    ) -> tuple[list[Meeting], tuple[PartProblem, ...]]:
        """The meeting with the attachments its sync manifest names, read from `folder`, and
        those that could not be read."""
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
        pages = _AttachmentPages(folder, _object(_object(data.get(SYNC_KEY)).get("attachments")))
        meetings = [
            Meeting(
                body=_string(_object(data.get("Udvalg")).get("Navn")),
                date=_date(meeting.get("Dato")),
                place=_string(meeting.get("Sted")),
                participants=_participants(meeting.get("Moededeltagere")),
                source=name,
                items=[_item(point, name, pages) for point in points],
            )
        ]
        return meetings, tuple(pages.problems)


def _item(point: object, name: str, pages: _AttachmentPages) -> AgendaItem:
    if not isinstance(point, dict):
        raise CorruptDocumentError(name, "an agenda item is not a JSON object")
    title = _string(point.get("Navn")) or _string(point.get("Caption"))
    if title is None:
        raise CorruptDocumentError(name, "an agenda item has no title (Navn)")
    closed = closed_title(title)
    sections = [
        section
        for field in _list(point.get("Felter"))
        for section in _sections(_object(field).get("Html"), closed, title)
    ]
    attachments = _attachments(point.get("Bilag"))
    names = "\n".join(name for _, name in attachments if name)
    if names:
        sections.append(Section(kind=SectionKind.ATTACHMENTS, heading="Bilag", text=names))
    for document_id, attachment in attachments:
        heading = attachment or "Bilag"
        sections.extend(
            Section(kind=SectionKind.ATTACHMENT, heading=heading, text=text, page=page)
            for page, text in pages.read(document_id, heading)
        )
    return AgendaItem(
        number=_string(point.get("Punktnummer")) or _string(point.get("Number")),
        title=title,
        case_number=_string(point.get("SagsNummer")) or _string(point.get("CaseNumber")),
        closed=closed,
        sections=sections,
    )


def _sections(html: object, closed: bool, title: str) -> list[Section]:
    if not isinstance(html, str):
        return []
    sections: list[Section] = []
    for heading, text in split_by_headings(html, keep=_is_template_heading):
        decided = _after_title(text, title) if heading is None and not sections else None
        if heading is not None:
            sections.append(Section(kind=section_kind(heading), heading=heading, text=text))
        elif closed:
            # A closed item publishes only its decision, as bare text without a heading.
            sections.append(Section(kind=SectionKind.DECISION, heading="Beslutning", text=text))
        elif decided:
            # Some meetings' minutes open each item with its title and then the decision, with
            # no heading, before the case presentation ("1. udkast til Beskæftigelsespolitikken
            # 2023-2026 / Udvalget drøftede politikken …"): that lead is the decision.
            sections.append(Section(kind=SectionKind.DECISION, heading="Beslutning", text=decided))
        else:
            sections.append(Section(kind=SectionKind.OTHER, heading="", text=text))
    return sections


def _after_title(text: str, title: str) -> str | None:
    """The text after the item's title where the text opens with it (spacing aside)."""
    words, opening = text.split(), title.split()
    if not opening or words[: len(opening)] != opening:
        return None
    rest = text
    for word in opening:  # (cut word by word, keeping the rest's own line breaks)
        rest = rest[rest.index(word) + len(word) :]
    return rest.strip() or None


def _is_template_heading(heading: str) -> bool:
    key = heading.lower().rstrip(" :.")
    return key in _TEMPLATE_HEADINGS or _SUPPLEMENT.match(key) is not None


def _attachments(value: object) -> list[tuple[str, str | None]]:
    """(document id, name) of an item's attachments, in their order."""
    attachments = [_object(entry) for entry in _list(value)]
    attachments.sort(key=lambda entry: _order(entry.get("Order")))
    return [
        (str(entry.get("Id") or "").lower(), _string(entry.get("Navn"))) for entry in attachments
    ]


class _AttachmentPages:
    """The text of the attachments a sync stored beside the meeting, page by page."""

    def __init__(self, folder: Path | None, files: dict[str, Any]) -> None:
        self._folder = folder
        self._files = {str(key).lower(): value for key, value in files.items()}
        self._budget = MAX_ATTACHMENT_PAGES
        self.problems: list[PartProblem] = []

    def read(self, document_id: str, name: str) -> list[tuple[int, str]]:
        """(page, text) of each page with text; nothing for an attachment not stored, or not
        readable (scanned, damaged: a problem is noted, and its item is kept)."""
        relative = self._files.get(document_id)
        if self._folder is None or not isinstance(relative, str):
            return []
        path = _inside(self._folder, relative)
        if path is None:
            self._skip(name, f"its file {relative!r} is not in the meeting's folder")
            return []
        try:
            text = extract_pdf_text(SourceFile(name=name, data=path.read_bytes()))
        except InputError as error:
            self._skip(name, error.reason)
            return []
        except OSError as error:
            self._skip(name, f"its file cannot be read ({error.strerror})")
            return []
        if text.pages > self._budget:
            self._skip(
                name,
                f"the meeting's attachments pass {MAX_ATTACHMENT_PAGES} pages: the rest are "
                "left out so the meeting is read in time",
            )
            return []
        self._budget -= text.pages
        pages = _pages(text.text, text.page_offsets, _has_text)
        return [(n + 1, page) for n, page in enumerate(pages) if page]

    def _skip(self, name: str, reason: str) -> None:
        self.problems.append(PartProblem(name, f"{reason}; the item is stored without it"))


def _pages(text: str, offsets: list[int], keep: Callable[[str], bool]) -> list[str]:
    ends = [*(offset - len(PAGE_SEPARATOR) for offset in offsets[1:]), len(text)]
    return [
        page if keep(page) else ""
        for page in (text[a:b] for a, b in zip(offsets, ends, strict=True))
    ]


def _has_text(page: str) -> bool:
    return any(char.isalnum() for char in page)


def _inside(folder: Path, relative: str) -> Path | None:
    # the manifest is data: a name that climbs out of the folder is not followed
    path = (folder / relative).resolve()
    return path if path.is_relative_to(folder.resolve()) and path.is_file() else None


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
