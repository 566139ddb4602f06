"""Answers with citations: extractive and verbatim by default; nothing found says so.

Decision questions get a precedent timeline (oldest first, stages of one case together); fact
questions get the sentences that hold the answer. The frame follows the question's language
(Danish, Norwegian bokmål or English); quotes stay as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.archive import Archive
from assistant.model import Citation, Filters
from assistant.question import Question, analyse, with_context
from assistant.quotes import best_quote
from assistant.search import Hit, search
from assistant.tokens import content_words

__all__ = [
    "FRAMES",
    "Answer",
    "ask",
    "coverage",
    "is_answerable",
    "quoted_citation",
    "verify_citation",
]

# Calibrated on ../shared/eval/dev.jsonl over the whole evaluation archive (EVALUATION.md).
MIN_COVERAGE = 0.5
MIN_DENSE_ALONE = 0.88
RELATIVE_SCORE = 0.7
MAX_DECISIONS = 5
MAX_FACTS = 3

FRAMES = {
    "da": {
        "nothing": "Arkivet indeholder ingen beslutning eller oplysning om dette.",
        "decisions": "Beslutninger om emnet, ældste først:",
        "facts": "Fra referaterne:",
        "item": "punkt",
        "case": "Sag",
    },
    "no": {
        "nothing": "Arkivet inneholder ikke noe vedtak eller opplysning om dette.",
        "decisions": "Vedtak om saken, eldste først:",
        "facts": "Fra møtebøkene:",
        "item": "sak",
        "case": "Sak",
    },
    "en": {
        "nothing": "The archive holds no decision or information on this.",
        "decisions": "Decisions on the topic, oldest first:",
        "facts": "From the minutes:",
        "item": "item",
        "case": "Case",
    },
}


@dataclass
class Answer:
    answer: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    mode: str = "extractive"  # "generative", or "extractive-fallback" when the model failed
    flagged: bool = False  # the model cited something that did not hold; it was removed


def coverage(archive: Archive, hit: Hit, words: list[str]) -> float:
    """Share of the question's topic that the item holds, words weighted by rarity.

    A word the archive has never seen weighs most: "skøytebane" missing from the best hit
    means the archive does not speak of skating rinks, however well "ny" matched.
    """
    unique = list(dict.fromkeys(words))
    if not unique:
        return 0.0
    tokens = archive.catalog.item_tokens(hit.item_id)
    idf = archive.lexical().idf
    weights = {word: idf(word) for word in unique}
    found = sum(
        weight
        for word, weight in weights.items()
        if word in tokens or (len(word) >= 5 and any(word in token for token in tokens))
    )
    total = sum(weights.values())
    return found / total if total else 0.0


def is_answerable(archive: Archive, question: str, hits: list[Hit]) -> bool:
    """Does the best hit actually speak to the question, or is it only the nearest noise?"""
    if not hits:
        return False
    top = hits[0]
    return coverage(archive, top, content_words(question)) >= MIN_COVERAGE or (
        top.dense >= MIN_DENSE_ALONE
    )


def verify_citation(archive: Archive, citation: Citation) -> bool:
    """Is the quote verbatim in the item the citation names?"""
    for stored in archive.catalog.items_of_source(citation.source):
        item = stored.item
        if item.number == citation.item_number and item.title == citation.item_title:
            return bool(citation.quote) and citation.quote in item.full_text()
    return False


def _where(citation: Citation, frame: dict[str, str]) -> str:
    date = citation.meeting_date.strftime("%d-%m-%Y") if citation.meeting_date else "?"
    number = f", {frame['item']} {citation.item_number}" if citation.item_number else ""
    case = f" ({citation.case_number})" if citation.case_number else ""
    return f'{date}, {citation.body or "?"}{number} "{citation.item_title}"{case}'


def quoted_citation(archive: Archive, hit: Hit, question: Question) -> Citation:
    """The hit's citation with the quote that answers the question."""
    stored = archive.catalog.item(hit.item_id)
    if stored is None:
        return hit.citation
    quote = best_quote(stored.item, question.text, question.about_decision, archive.lexical().idf)
    if quote is None or not quote.text:
        return hit.citation.model_copy(update={"url": stored.meeting.url})
    return hit.citation.model_copy(
        update={
            "quote": quote.text,
            "section": quote.section.heading or None,
            "page": quote.section.page,
            "url": stored.meeting.url,
        }
    )


def _decision_answer(citations: list[Citation], frame: dict[str, str]) -> str:
    # stages of one case stay together; cases and loose items in date order, oldest first
    def date_key(c: Citation) -> str:
        return c.meeting_date.isoformat() if c.meeting_date else "9999"

    groups: dict[str, list[tuple[int, Citation]]] = {}
    for key, citation in enumerate(citations, 1):
        group = citation.case_number or f"\x00{key}"
        groups.setdefault(group, []).append((key, citation))
    lines = [frame["decisions"]]
    for members in sorted(groups.values(), key=lambda m: min(date_key(c) for _, c in m)):
        members.sort(key=lambda kc: date_key(kc[1]))
        indent = ""
        if len(members) > 1 and members[0][1].case_number:
            lines.append(f"{frame['case']} {members[0][1].case_number}:")
            indent = "  "
        for key, citation in members:
            heading = f"{citation.section}: " if citation.section else ""
            quote = " ".join(citation.quote.split())
            lines.append(f'{indent}[{key}] {_where(citation, frame)} — {heading}"{quote}"')
    return "\n".join(lines)


def _fact_answer(citations: list[Citation], frame: dict[str, str]) -> str:
    lines = [frame["facts"]]
    for key, citation in enumerate(citations, 1):
        quote = " ".join(citation.quote.split())
        lines.append(f'[{key}] "{quote}" — {_where(citation, frame)}')
    return "\n".join(lines)


def ask(
    archive: Archive,
    question: str,
    filters: Filters | None = None,
    include_closed: bool = False,
    previous: list[str] | None = None,
) -> Answer:
    """Answer from the archive, quoting the items that answer it; found=false when none does.

    `previous` are the conversation's earlier questions: a short follow-up borrows their topic.
    """
    query = with_context(question, previous or [])
    analysed = analyse(query)
    frame = FRAMES[analyse(question).language]
    hits = search(archive, query, filters, top_k=10, include_closed=include_closed)
    if not is_answerable(archive, query, hits):
        return Answer(frame["nothing"], False, [])
    words = content_words(query)
    limit = MAX_DECISIONS if analysed.about_decision else MAX_FACTS
    also = [
        hit
        for hit in hits[1:]
        if hit.score >= RELATIVE_SCORE * hits[0].score
        and coverage(archive, hit, words) >= MIN_COVERAGE
    ]
    chosen = [hits[0], *also[: limit - 1]]
    citations = [quoted_citation(archive, hit, analysed) for hit in chosen]
    if analysed.about_decision:
        # number the sources in the order the timeline shows them
        citations.sort(key=lambda c: c.meeting_date.isoformat() if c.meeting_date else "9999")
        return Answer(_decision_answer(citations, frame), True, citations)
    return Answer(_fact_answer(citations, frame), True, citations)
