"""Request and response bodies of the watch routes (/v1/watches)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, Field

from api.schemas import MAX_QUESTION, CitationPublic
from assistant.model import Filters
from assistant.watches import Watch, WatchHit

__all__ = ["HitsPage", "WatchCreated", "WatchHitPublic", "WatchList", "WatchPublic", "WatchRequest"]


class WatchRequest(BaseModel):
    model_config = {"extra": "forbid"}

    query: str = Field(
        min_length=1, max_length=MAX_QUESTION, description="What to follow, as asked in search."
    )
    filters: Filters = Field(default_factory=Filters)
    previous: list[Annotated[str, Field(max_length=MAX_QUESTION)]] = Field(
        default_factory=list,
        max_length=20,
        description="Earlier questions of the conversation, oldest first: a short follow-up "
        "is followed with the topic it borrows from them, as ask reads it.",
    )
    webhook_url: str | None = Field(
        default=None,
        max_length=2000,
        description="Where new hits are POSTed as JSON (http or https, a public address unless "
        "the server allows private ones); signed with the secret returned once.",
    )


class WatchPublic(BaseModel):
    id: str
    query: str
    filters: Filters
    closed: bool = Field(description="Closed items are recorded (the key may see them).")
    created: dt.datetime
    webhook_url: str | None

    @classmethod
    def of(cls, watch: Watch, closed: bool) -> WatchPublic:
        return cls(
            id=watch.id,
            query=watch.query,
            filters=watch.filters,
            closed=closed,
            created=dt.datetime.fromisoformat(watch.created),
            webhook_url=watch.webhook_url,
        )


class WatchCreated(BaseModel):
    watch: WatchPublic
    feed_url: str = Field(
        description="The watch's Atom feed, its secret token in the URL (feed readers and "
        "Outlook send no API key): shown only now, keep it like a key."
    )
    webhook_secret: str | None = Field(
        description="HMAC-SHA256 key of the X-Referat-Signature-256 header: shown only now."
    )


class WatchList(BaseModel):
    watches: list[WatchPublic]


class WatchHitPublic(BaseModel):
    entry: str = Field(description="Stable id of this version of the item.")
    recorded: dt.datetime
    citation: CitationPublic

    @classmethod
    def of(cls, hit: WatchHit) -> WatchHitPublic:
        return cls(entry=hit.entry, recorded=hit.recorded, citation=CitationPublic.of(hit.citation))


class HitsPage(BaseModel):
    watch: WatchPublic
    hits: list[WatchHitPublic] = Field(description="Newest first.")
