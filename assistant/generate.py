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

from assistant.answer import FRAMES, Answer, StreamEvent, answering_hits, extractive, quoted
from assistant.archive import Snapshot
from assistant.catalog import StoredItem
from assistant.errors import LanguageModelError
from assistant.labels import item_label
from assistant.llm import ChatModel
from assistant.model import Citation
from assistant.question import Question
from assistant.search import Hit
from prompts import system_prompt

__all__ = ["Source", "generative", "verify_answer"]

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


def _sources(view: Snapshot, question: Question, hits: list[Hit]) -> list[Source]:
    passing = answering_hits(view, question, hits)
    if not passing:
        return []
    sources: list[Source] = []
    # the items that speak to the question first, then the other hits as context
    for hit in passing + [h for h in hits if h not in passing]:
        stored = view.item(hit.ref.item_id)
        if stored is not None:
            citation = quoted(view, stored, hit.citation, question)
            sources.append(Source(f"S{len(sources) + 1}", stored, citation))
    return sources


def _neutralised(text: str) -> str:
    # a document must not be able to close its own block and speak outside it
    return re.sub(r"</?\s*kilde", "‹kilde", text, flags=re.IGNORECASE)


def _user_message(question: str, sources: list[Source]) -> str:
    blocks = []
    for source in sources:
        header, item = item_label(source.citation.ref), source.stored.item
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


def generative(
    view: Snapshot, model: ChatModel, question: Question, hits: list[Hit]
) -> Iterator[StreamEvent]:
    """Tokens as the model writes them (drafts), then the verified answer — or, if the model
    fails, the extractive answer from the same hits, saying so."""
    language = question.reply_language
    sources = _sources(view, question, hits[: model.max_sources])
    if not sources:
        yield StreamEvent("done", answer=Answer(FRAMES[language]["nothing"], False, []))
        return
    pieces: list[str] = []
    try:
        for token in model.stream(
            system_prompt(language), _user_message(question.query.text, sources)
        ):
            pieces.append(token)
            yield StreamEvent("token", text=token, draft=True)
    except LanguageModelError:
        fallback = extractive(view, question, hits)
        fallback.answer = f"{FALLBACK_NOTE[language]}\n{fallback.answer}"
        fallback.mode = "extractive-fallback"
        yield StreamEvent("done", answer=fallback)
        return
    yield StreamEvent("done", answer=_finish("".join(pieces), sources, language))
