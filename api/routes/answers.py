"""POST /v1/ask (JSON or Server-Sent Events) and POST /v1/search."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import StreamingResponse

from api.deps import Reader, ServicesDep
from api.schemas import (
    ERRORS,
    AnswerPublic,
    AskRequest,
    CitationPublic,
    HitPublic,
    SearchRequest,
    SearchResponse,
)
from assistant.answering import answer, answer_events
from assistant.errors import ReferatError
from assistant.keys import Caller
from assistant.question import Query
from assistant.search import search

__all__ = ["router"]

router = APIRouter(prefix="/v1", responses=ERRORS, tags=["answers"])

SSE = "text/event-stream"


def _query(request: AskRequest, who: Caller) -> Query:
    previous = tuple(turn.question for turn in request.history)
    return Query(request.question, request.filters, previous, who.sees_closed)


def _event(kind: str, data: object) -> str:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _events(services: ServicesDep, query: Query) -> Iterator[str]:
    try:
        for event in answer_events(services.archive, query, services.chat_model):
            if event.answer is not None:
                yield _event("done", AnswerPublic.of(event.answer).model_dump(mode="json"))
            else:
                yield _event("token", {"text": event.text})
    except ReferatError as error:
        yield _event("error", {"detail": str(error)})


@router.post(
    "/ask",
    response_model=AnswerPublic,
    responses={200: {"content": {SSE: {"schema": {"type": "string"}}}}},
    summary="Answer a question with citations",
)
def ask_question(
    request: AskRequest,
    services: ServicesDep,
    who: Reader,
    accept: Annotated[str | None, Header()] = None,
) -> AnswerPublic | StreamingResponse:
    """Answer from the archive. Send `Accept: text/event-stream` to receive `token` events as
    the answer is written, then one `done` event with the same JSON as the plain response."""
    query = _query(request, who)
    if accept and SSE in accept:
        return StreamingResponse(
            _events(services, query),
            media_type=SSE,
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    return AnswerPublic.of(answer(services.archive, query, services.chat_model))


@router.post("/search", response_model=SearchResponse, summary="Rank agenda items for a query")
def search_items(request: SearchRequest, services: ServicesDep, who: Reader) -> SearchResponse:
    """One hit per agenda item, best first; a filter that matches nothing returns no hits."""
    top_k = request.top_k or services.settings.default_top_k
    hits = search(services.archive, request.query, request.filters, top_k, who.sees_closed)
    return SearchResponse(
        hits=[
            HitPublic(score=round(h.score, 4), citation=CitationPublic.of(h.citation)) for h in hits
        ]
    )
