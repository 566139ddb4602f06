"""Request and response bodies of the HTTP API (separate from the domain model)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from assistant.model import Citation, Filters

__all__ = [
    "ERRORS",
    "AnswerPublic",
    "AskRequest",
    "CasePublic",
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
    errors: list[dict[str, Any]] | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorPublic, "description": text}
    for code, text in (
        (400, "The request could not be read (e.g. malformed JSON)."),
        (401, "No API key, or one the archive does not know."),
        (403, "The key lacks the scope this needs (read, closed, write, admin)."),
        (404, "Not in the archive (closed items look the same as missing ones)."),
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
    top_k: int = Field(default=5, ge=1, le=50)


class AnswerPublic(BaseModel):
    answer: str
    found: bool
    citations: list[Citation]
    mode: str = Field(description="extractive, generative or extractive-fallback")
    flagged: bool = Field(description="A citation from the model did not hold and was removed.")


class HitPublic(BaseModel):
    score: float
    citation: Citation


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
    citation: Citation


class CasePublic(BaseModel):
    case_number: str
    stages: list[StagePublic]


class DocumentPublic(BaseModel):
    source: str
    status: str = Field(description="stored, replaced or unchanged")
    meetings: int
    items: int
    chunks: int


class DeletedPublic(BaseModel):
    source: str
    chunks: int
