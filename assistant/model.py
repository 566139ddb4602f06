"""Domain model: Meeting → AgendaItem → Section, plus Chunk and Citation.

Readers (in `ingest`) produce Meetings; the store turns them into Chunks; answers cite
them with Citations. Unknown values are `None`, never guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

__all__ = [
    "AgendaItem",
    "Chunk",
    "Citation",
    "Filters",
    "ItemRef",
    "Meeting",
    "Section",
    "SectionKind",
]


class SectionKind(StrEnum):
    """What a section of an agenda item is for, whatever its heading says."""

    DECISION = "decision"  # Beslutning, Vedtak, Referat/Beslutninger
    RECOMMENDATION = "recommendation"  # Indstilling, Innstilling, Forslag til vedtak
    SUMMARY = "summary"  # Resume, Anledning, Sammendrag
    BACKGROUND = "background"  # Sagsfremstilling, Sagsbeskrivelse, Saksopplysninger
    ECONOMY = "economy"  # Økonomi, Økonomiske konsekvenser
    LEGAL_BASIS = "legal_basis"  # Lovgrundlag, Lovhjemmel
    HISTORY = "history"  # Sagens forløb, Historik, Behandling
    VOTES = "votes"  # named votes ("For forslaget stemte 13: …")
    ATTACHMENTS = "attachments"  # Bilag, Vedlegg
    ATTACHMENT = "attachment"  # the text of one attached document, named in the heading
    OTHER = "other"


class Section(BaseModel):
    """One headed part of an agenda item."""

    kind: SectionKind = Field(description="What the section is for, normalised across languages.")
    heading: str = Field(description="The heading as written, e.g. 'Beslutning' or 'Vedtak'.")
    text: str = Field(description="The section's text, verbatim apart from whitespace.")
    page: int | None = Field(default=None, description="1-based page where it starts, if paged.")


class AgendaItem(BaseModel):
    """One numbered point on a meeting's agenda."""

    number: str | None = Field(description="Item number as written: '7', 'PS 87/2025', '12/24'.")
    title: str = Field(description="Item title as written, prefixes such as 'CF -' kept.")
    case_number: str | None = Field(
        default=None, description="Journal/sags-/saksnummer, e.g. '09.00.00-G01-27-23'."
    )
    closed: bool = Field(default=False, description="Closed item (lukket punkt): restricted.")
    sections: list[Section] = Field(default_factory=list)
    page_start: int | None = Field(default=None, description="First page in the source (1-based).")
    page_end: int | None = Field(default=None, description="Last page in the source (1-based).")

    def full_text(self) -> str:
        """All section texts, in order: what a verbatim quote must stand in."""
        return "\n\n".join(section.text for section in self.sections)


class Meeting(BaseModel):
    """One meeting of one body, as recorded in one source document."""

    municipality: str | None = Field(default=None, description="e.g. 'Greve', 'Steinkjer'.")
    body: str | None = Field(default=None, description="e.g. 'Byråd', 'Chefforum'.")
    date: dt.date | None = Field(default=None, description="Meeting date, if the source says.")
    place: str | None = None
    participants: list[str] = Field(default_factory=list)
    source: str = Field(description="File name as ingested (basename).")
    url: str | None = Field(default=None, description="Where the source was published.")
    items: list[AgendaItem] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ItemRef:
    """Which agenda item of which meeting: the identity every chunk and citation carries.

    Written here once; chunks, citations, ranking and the stores all take it whole, so a new
    fact about an item (a URL, a page range) is one field here plus its wire mapping
    (api/schemas.py::CitationPublic). A plain dataclass, not a pydantic model: ranking makes
    hundreds per question, and a model took a fifth of a search to build them.
    """

    item_id: str  # GET /v1/items/{item_id}
    meeting_id: str  # GET /v1/meetings/{meeting_id}
    source: str  # file name as ingested (basename)
    municipality: str | None
    body: str | None
    meeting_date: dt.date | None
    item_number: str | None  # as written: '7', 'PS 87/2025'
    item_title: str
    case_number: str | None  # journal/sags-/saksnummer
    closed: bool  # lukket punkt: only for callers with the closed scope
    url: str | None = None  # where the meeting was published

    @classmethod
    def of(cls, item_id: str, meeting_id: str, meeting: Meeting, item: AgendaItem) -> ItemRef:
        """The identity of `item`, the agenda item of `meeting` stored under these ids."""
        return cls(
            item_id=item_id,
            meeting_id=meeting_id,
            source=meeting.source,
            municipality=meeting.municipality,
            body=meeting.body,
            meeting_date=meeting.date,
            item_number=item.number,
            item_title=item.title,
            case_number=item.case_number,
            closed=item.closed,
            url=meeting.url,
        )

    def fields(self) -> dict[str, Any]:
        """Every field by name (for the stores' metadata and the wire mapping)."""
        return {f.name: getattr(self, f.name) for f in dataclass_fields(self)}


class Chunk(BaseModel):
    """A piece of one section, small enough for the embedder, carrying its item's identity."""

    id: str
    ref: ItemRef
    section_kind: SectionKind
    section_heading: str
    page: int | None
    text: str = Field(description="Verbatim slice of the section text.")
    dense: bool = Field(
        default=False, description="Has a vector; every chunk is indexed lexically."
    )

    def embedding_text(self) -> str:
        """What the embedder sees: the item title gives a short chunk its topic."""
        return f"{self.ref.item_title}. {self.section_heading}: {self.text}"

    def lexical_text(self) -> str:
        """What the lexical index sees: title and case number make every chunk findable by them."""
        ref = self.ref
        return f"{ref.item_title} {ref.case_number or ''} {self.section_heading} {self.text}"


class Citation(BaseModel):
    """What an answer points at: an item and a verbatim quote from it. Its wire format is the
    flat JSON contract in DESIGN.md (api/schemas.py::CitationPublic)."""

    ref: ItemRef
    section: str | None = Field(description="Heading of the quoted section as written.")
    page: int | None
    quote: str = Field(description="Verbatim text of the cited item.")


class Filters(BaseModel):
    """Narrowing of a search; a filter that matches nothing gives nothing, never everything."""

    model_config = {"extra": "forbid"}

    body: str | None = Field(default=None, description="Exact body name, e.g. 'Økonomiudvalget'.")
    municipality: str | None = None
    date_from: dt.date | None = Field(default=None, description="First meeting date included.")
    date_to: dt.date | None = Field(default=None, description="Last meeting date included.")
    case_number: str | None = Field(default=None, description="Exact case number.")
