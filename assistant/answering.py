"""One request, one pipeline: a `Query` is read once into a `Question`, one snapshot of the
archive is taken, the items are ranked once, and the answer is written — extractively, or by
the configured language model with the extractive answer from the same hits as its fallback.

The HTTP routes and the CLI only render what `answer_events` yields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.answer import Answer, StreamEvent, extractive
from assistant.archive import Archive
from assistant.generate import generative
from assistant.llm import ChatModel
from assistant.meeting_questions import meeting_answer
from assistant.meeting_scope import meeting_asked
from assistant.model import Filters
from assistant.question import Query
from assistant.search import rank, read

__all__ = ["ANSWER_HITS", "answer", "answer_events", "ask"]

ANSWER_HITS = 10  # items an answer is chosen from


def answer_events(
    archive: Archive, query: Query, model: ChatModel | None = None
) -> Iterator[StreamEvent]:
    """The answer as it is written ("token" events), then the whole answer ("done").

    An extractive answer is ready at once; it still arrives line by line, so that a client
    handles both modes the same way.
    """
    view, question = read(archive, query)
    if model is not None:
        hits = rank(view, question, max(ANSWER_HITS, model.max_sources))
        yield from generative(view, model, question, hits)
        return
    # a question about a meeting is answered from that meeting, without ranking anything
    body = meeting_asked(view, question)
    written = (meeting_answer(view, question, body) if body else None) or extractive(
        view, question, rank(view, question, ANSWER_HITS)
    )
    for line in re.findall(r"[^\n]*\n?", written.answer):
        if line:
            yield StreamEvent("token", text=line)
    yield StreamEvent("done", answer=written)


def answer(archive: Archive, query: Query, model: ChatModel | None = None) -> Answer:
    """The whole answer to a query (see `answer_events`)."""
    done = [event.answer for event in answer_events(archive, query, model) if event.answer]
    return done[-1]


def ask(
    archive: Archive,
    question: str,
    filters: Filters | None = None,
    include_closed: bool = False,
    previous: list[str] | None = None,
    model: ChatModel | None = None,
) -> Answer:
    """Answer a question from the archive with citations; found=false when nothing answers it.

    `previous` are the conversation's earlier questions: a short follow-up borrows their topic.
    """
    query = Query(question, filters or Filters(), tuple(previous or ()), include_closed)
    return answer(archive, query, model)
