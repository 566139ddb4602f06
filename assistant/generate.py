"""Generative answers through the configured chat model, with every citation verified.

The model sees the question and a few sources, each under a short key (S1, S2 …), and must
cite as [S1: "verbatim quote"]. After it answers, every citation is checked: the key must be
one it was given, and the quote must stand verbatim in that agenda item. A citation that fails
is removed from the answer and the answer is flagged. Document text is data: it goes to the
model inside <kilde> blocks it cannot close, and the rules say it is never an instruction.
If the endpoint fails or times out, the extractive answer is returned instead, saying so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.answer import FRAMES, Answer, answering_hits, ask, quoted_citation
from assistant.archive import Archive
from assistant.catalog import StoredItem
from assistant.errors import LanguageModelError
from assistant.llm import ChatModel
from assistant.model import Citation, Filters
from assistant.question import analyse, with_context
from assistant.search import search
from prompts import system_prompt

__all__ = ["Source", "StreamEvent", "generate", "generate_stream", "verify_answer"]

_MARKER = re.compile(r"\[(S\d+)(?::\s*[\"“”«](.*?)[\"“”»])?\]", re.DOTALL)
NO_ANSWER = "INGEN_SVAR"
SOURCE_CHARS = 1800
FALLBACK_NOTE = {
    "da": "(Sprogmodellen svarede ikke; her er de relevante uddrag fra referaterne.)",
    "no": "(Språkmodellen svarte ikke; her er de relevante utdragene fra møtebøkene.)",
    "en": "(The language model did not answer; here are the relevant passages.)",
}
FLAG_NOTE = {
    "da": "(Bemærk: en eller flere kildehenvisninger kunne ikke efterprøves og er fjernet.)",
    "no": "(Merk: en eller flere kildehenvisninger kunne ikke etterprøves og er fjernet.)",
    "en": "(Note: one or more citations could not be verified and were removed.)",
}


@dataclass(frozen=True)
class Source:
    key: str
    stored: StoredItem
    citation: Citation  # the extractive citation, used when the model quotes nothing


@dataclass(frozen=True)
class StreamEvent:
    kind: str  # "token" while the model writes, then one "done" with the verified answer
    text: str = ""
    answer: Answer | None = None


def _sources(archive: Archive, question: str, flt: Filters | None, closed: bool) -> list[Source]:
    hits = search(
        archive, question, flt, top_k=archive.settings.llm_max_sources, include_closed=closed
    )
    passing = answering_hits(archive, question, hits)
    if not passing:
        return []
    analysed = analyse(question)
    sources: list[Source] = []
    # the items that speak to the question first, then the other hits as context
    for hit in passing + [h for h in hits if h not in passing]:
        stored = archive.catalog.item(hit.item_id)
        if stored is not None:
            citation = quoted_citation(archive, hit, analysed)
            sources.append(Source(f"S{len(sources) + 1}", stored, citation))
    return sources


def _neutralised(text: str) -> str:
    # a document must not be able to close its own block and speak outside it
    return re.sub(r"</?\s*kilde", "‹kilde", text, flags=re.IGNORECASE)


def _user_message(question: str, sources: list[Source]) -> str:
    blocks = []
    for source in sources:
        c, item = source.citation, source.stored.item
        header = (
            f"{c.meeting_date or '?'} · {c.body or '?'} · punkt {c.item_number or '?'} · "
            f'"{c.item_title}" · sag {c.case_number or "?"}'
        )
        text = "\n\n".join(f"{s.heading}:\n{s.text}" for s in item.sections)[:SOURCE_CHARS]
        blocks.append(f'<kilde nøgle="{source.key}">\n{header}\n{_neutralised(text)}\n</kilde>')
    return "Kilder:\n" + "\n\n".join(blocks) + f"\n\nSpørgsmål: {question}"


def _exact(quote: str, item_text: str) -> str | None:
    """The verbatim span of the item that the model's quote reproduces, whitespace aside."""
    if quote in item_text:
        return quote
    words = quote.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    match = re.search(pattern, item_text)
    return match.group(0) if match else None


def verify_answer(text: str, sources: list[Source]) -> tuple[str, list[Citation], bool]:
    """Keep the citations that hold, remove the rest; returns (answer, citations, flagged)."""
    by_key = {s.key: s for s in sources}
    citations: dict[str, Citation] = {}
    flagged = False

    def check(match: re.Match[str]) -> str:
        nonlocal flagged
        key, quote = match.group(1), match.group(2)
        source = by_key.get(key)
        if source is None:
            flagged = True
            return ""
        if quote is not None:
            exact = _exact(quote.strip(), source.stored.item.full_text())
            if exact is None:
                flagged = True
                return ""
            section = next((s for s in source.stored.item.sections if exact in s.text), None)
            citation = source.citation.model_copy(
                update={
                    "quote": exact,
                    "section": section.heading if section else source.citation.section,
                    "page": section.page if section else source.citation.page,
                }
            )
        else:
            citation = source.citation
        number = list(citations).index(key) + 1 if key in citations else len(citations) + 1
        citations.setdefault(key, citation)
        return f"[{number}]"

    cleaned = _MARKER.sub(check, text)
    cleaned = re.sub(r"[ \t]+([.,;:])", r"\1", cleaned).strip()
    return cleaned, list(citations.values()), flagged


def _finish(text: str, sources: list[Source], language: str) -> Answer:
    if NO_ANSWER in text or not sources:
        return Answer(FRAMES[language]["nothing"], False, [])
    cleaned, citations, flagged = verify_answer(text, sources)
    if not citations:
        # an answer with nothing verifiable behind it is not an answer
        return Answer(f"{FRAMES[language]['nothing']} {FLAG_NOTE[language]}", False, [])
    if flagged:
        cleaned = f"{cleaned}\n\n{FLAG_NOTE[language]}"
    return Answer(cleaned, True, citations, mode="generative", flagged=flagged)


def _fallback(
    archive: Archive, question: str, flt: Filters | None, closed: bool, previous: list[str]
) -> Answer:
    answer = ask(archive, question, flt, closed, previous)
    language = analyse(question).language
    answer.answer = f"{FALLBACK_NOTE[language]}\n{answer.answer}"
    answer.mode = "extractive-fallback"
    return answer


def generate(
    archive: Archive,
    model: ChatModel,
    question: str,
    filters: Filters | None = None,
    include_closed: bool = False,
    previous: list[str] | None = None,
) -> Answer:
    """A generative answer with verified citations, or the extractive one if the model fails."""
    events = generate_stream(archive, model, question, filters, include_closed, previous)
    done = [event.answer for event in events if event.answer is not None]
    return done[-1]


def generate_stream(
    archive: Archive,
    model: ChatModel,
    question: str,
    filters: Filters | None = None,
    include_closed: bool = False,
    previous: list[str] | None = None,
) -> Iterator[StreamEvent]:
    """Tokens as the model writes them, then the verified answer (or the extractive fallback)."""
    language = analyse(question).language
    previous = previous or []
    sources = _sources(archive, with_context(question, previous), filters, include_closed)
    if not sources:
        yield StreamEvent("done", answer=Answer(FRAMES[language]["nothing"], False, []))
        return
    pieces: list[str] = []
    try:
        for token in model.stream(system_prompt(language), _user_message(question, sources)):
            pieces.append(token)
            yield StreamEvent("token", text=token)
    except LanguageModelError:
        fallback = _fallback(archive, question, filters, include_closed, previous)
        yield StreamEvent("done", answer=fallback)
        return
    yield StreamEvent("done", answer=_finish("".join(pieces), sources, language))
