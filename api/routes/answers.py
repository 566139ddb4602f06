"""POST /v1/ask (JSON or Server-Sent Events) and POST /v1/search."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import StreamingResponse

from api.deps import Reader, ServicesDep
from api.schemas import ERRORS, AnswerPublic, AskRequest, HitPublic, SearchRequest, SearchResponse
from assistant.answer import Answer, ask
from assistant.errors import ReferatError
from assistant.generate import generate, generate_stream
from assistant.search import search

__all__ = ["router"]

router = APIRouter(prefix="/v1", responses=ERRORS, tags=["answers"])

SSE = "text/event-stream"


def _public(answer: Answer) -> AnswerPublic:
    return AnswerPublic(
        answer=answer.answer,
        found=answer.found,
        citations=answer.citations,
        mode=answer.mode,
        flagged=answer.flagged,
    )


def _event(kind: str, data: object) -> str:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _events(services: ServicesDep, request: AskRequest, closed: bool) -> Iterator[str]:
    previous = [turn.question for turn in request.history]
    try:
        if services.chat_model is not None:
            for event in generate_stream(
                services.archive, services.chat_model, request.question, request.filters,
                closed, previous,
            ):  # fmt: skip
                if event.kind == "token":
                    yield _event("token", {"text": event.text})
                elif event.answer is not None:
                    yield _event("done", _public(event.answer).model_dump(mode="json"))
            return
        answer = ask(services.archive, request.question, request.filters, closed, previous)
        # the extractive answer is ready at once; it still arrives as a stream, line by line,
        # so a client handles both modes the same way
        for piece in re.findall(r"[^\n]*\n?", answer.answer):
            if piece:
                yield _event("token", {"text": piece})
        yield _event("done", _public(answer).model_dump(mode="json"))
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
    if accept and SSE in accept:
        return StreamingResponse(
            _events(services, request, who.sees_closed),
            media_type=SSE,
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    previous = [turn.question for turn in request.history]
    if services.chat_model is not None:
        answer = generate(
            services.archive, services.chat_model, request.question, request.filters,
            who.sees_closed, previous,
        )  # fmt: skip
    else:
        answer = ask(services.archive, request.question, request.filters, who.sees_closed, previous)
    return _public(answer)


@router.post("/search", response_model=SearchResponse, summary="Rank agenda items for a query")
def search_items(request: SearchRequest, services: ServicesDep, who: Reader) -> SearchResponse:
    """One hit per agenda item, best first; a filter that matches nothing returns no hits."""
    hits = search(services.archive, request.query, request.filters, request.top_k, who.sees_closed)
    return SearchResponse(
        hits=[HitPublic(score=round(h.score, 4), citation=h.citation) for h in hits]
    )
