"""Request and response bodies of the HTTP API (separate from the domain model)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from pydantic import BaseModel, Field

from assistant.answer import Answer
from assistant.model import Citation, Filters

__all__ = [
    "ERRORS",
    "AnswerPublic",
    "AskRequest",
    "CasePublic",
    "CitationPublic",
    "DeletedPublic",
    "DocumentPublic",
    "ErrorPublic",
    "HitPublic",
    "ItemPublic",
    "ItemSummary",
    "MeetingPublic",
    "MeetingSummary",
    "MeetingsPage",
    "SearchRequest",
    "SearchResponse",
    "SectionPublic",
    "StagePublic",
    "Turn",
]

MAX_QUESTION = 1000


class ErrorPublic(BaseModel):
    """Every error response: a message a person can act on (plus, for invalid requests,
    the individual problems)."""

    detail: str
    message: str | None = Field(
        default=None,
        description="For 401, 403, 408, 413 and 429: the same for a person, short, in the "
        "request's language (Accept-Language da, nb or en).",
    )
    errors: list[dict[str, Any]] | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorPublic, "description": text}
    for code, text in (
        (400, "The request could not be read (e.g. malformed JSON)."),
        (401, "No API key, or one the archive does not know."),
        (403, "The key lacks the scope this needs (read, closed, write, admin)."),
        (404, "Not in the archive (closed items look the same as missing ones)."),
        (408, "The request body stopped arriving (a stalled or deliberately slow client)."),
        (413, "The request or upload is too large."),
        (422, "The request or the uploaded document is not valid; `detail` says why."),
        (429, "Too many requests for this key; `Retry-After` says when to try again."),
    )
}


class Turn(BaseModel):
    question: str = Field(max_length=MAX_QUESTION)
    answer: str = Field(default="", max_length=20_000)


class AskRequest(BaseModel):
    model_config = {"extra": "forbid"}

    question: str = Field(min_length=1, max_length=MAX_QUESTION, description="The question.")
    filters: Filters = Field(default_factory=Filters)
    history: list[Turn] = Field(
        default_factory=list, max_length=20, description="Earlier turns, oldest first."
    )


class SearchRequest(BaseModel):
    model_config = {"extra": "forbid"}

    query: str = Field(min_length=1, max_length=MAX_QUESTION)
    filters: Filters = Field(default_factory=Filters)
    top_k: int | None = Field(
        default=None, ge=1, le=50, description="How many items (default: REFERAT_DEFAULT_TOP_K)."
    )


class CitationPublic(BaseModel):
    """A citation on the wire: the flat JSON of the contract in DESIGN.md, plus the id that
    opens the cited item (GET /v1/items/{item_id})."""

    # a field added to ItemRef fails here until it is mapped: onto the wire, or into _UNSENT
    model_config = {"extra": "forbid"}
    _UNSENT: ClassVar[set[str]] = {"meeting_id"}

    item_id: str
    source: str = Field(description="File name as ingested.")
    municipality: str | None
    body: str | None
    meeting_date: dt.date | None
    item_number: str | None
    item_title: str
    case_number: str | None
    section: str | None = Field(description="Heading of the quoted section as written.")
    page: int | None
    quote: str = Field(description="Verbatim text of the cited item.")
    closed: bool
    url: str | None = Field(description="Where the meeting was published.")

    @classmethod
    def of(cls, citation: Citation) -> CitationPublic:
        return cls(
            **{k: v for k, v in citation.ref.fields().items() if k not in cls._UNSENT},
            section=citation.section,
            page=citation.page,
            quote=citation.quote,
        )


class AnswerPublic(BaseModel):
    answer: str
    found: bool
    citations: list[CitationPublic]
    mode: str = Field(description="extractive, generative or extractive-fallback")
    flagged: bool = Field(description="A citation from the model did not hold and was removed.")

    @classmethod
    def of(cls, answer: Answer) -> AnswerPublic:
        return cls(
            answer=answer.answer,
            found=answer.found,
            citations=[CitationPublic.of(c) for c in answer.citations],
            mode=answer.mode,
            flagged=answer.flagged,
        )


class HitPublic(BaseModel):
    score: float
    citation: CitationPublic


class SearchResponse(BaseModel):
    hits: list[HitPublic]


class MeetingSummary(BaseModel):
    id: str
    source: str
    municipality: str | None
    body: str | None
    date: dt.date | None
    place: str | None
    url: str | None
    items: int = Field(description="Open agenda items.")


class MeetingsPage(BaseModel):
    total: int
    limit: int
    offset: int
    meetings: list[MeetingSummary]


class ItemSummary(BaseModel):
    id: str
    number: str | None
    title: str
    case_number: str | None
    closed: bool


class MeetingPublic(MeetingSummary):
    participants: list[str]
    agenda: list[ItemSummary]


class SectionPublic(BaseModel):
    kind: str
    heading: str
    text: str
    page: int | None


class ItemPublic(BaseModel):
    id: str
    number: str | None
    title: str
    case_number: str | None
    closed: bool
    page_start: int | None
    page_end: int | None
    meeting: MeetingSummary
    sections: list[SectionPublic]


class StagePublic(BaseModel):
    decided: bool
    votes: str | None
    citation: CitationPublic


class CasePublic(BaseModel):
    case_number: str
    stages: list[StagePublic]


class DocumentPublic(BaseModel):
    source: str
    status: str = Field(description="stored, replaced or unchanged")
    meetings: int
    items: int
    chunks: int
    opened: bool = Field(
        default=False, description="A closed document opened by closed=false (admin scope)."
    )
    notes: list[str] = Field(
        default_factory=list,
        description="What else happened, for a person: a file name cleaned, a document kept "
        "closed or opened.",
    )


class DeletedPublic(BaseModel):
    source: str
    chunks: int
