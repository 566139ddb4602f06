"""Hybrid search: a question → ranked agenda items, one hit per item, each with a citation.

Dense (e5 over decisions, recommendations, summaries and openings) and lexical (BM25 over every
chunk) scores are made per item and fused as a weighted sum of normalised scores. Decision
questions lean on decision sections; boilerplate items ("Godkendelse af dagsorden",
"Eventuelt") are pushed down so they never crowd out substance.

A period named in the question ("i 2024") lifts the items of meetings in that period above the
rest rather than cutting the rest away: "how was the 2022 jamboree evaluated" is answered by a
2024 meeting. Explicit filters (body, dates, case …) do cut: nothing outside them is returned.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from assistant.archive import Archive
from assistant.catalog import ChunkFacts
from assistant.embedder import Vectors
from assistant.lexical import LexicalIndex
from assistant.model import Chunk, Citation, Filters, SectionKind
from assistant.question import Question, analyse
from assistant.tokens import content_words, english_bridges
from assistant.vector_store import VectorHit

__all__ = ["Hit", "citation_for", "search"]

DENSE_CANDIDATES = 300
# a filtered question's dense candidates (see _dense_candidates): read back and compared exactly
# when few chunks pass the filter; else taken from a wider unfiltered search
EXACT_LIMIT = 3000
WIDE_LIMIT = 10_000
LEXICAL_CANDIDATES = 200
LEXICAL_WEIGHT = 1.0
DENSE_WEIGHT = 0.5
DECISION_KINDS = frozenset({SectionKind.DECISION, SectionKind.RECOMMENDATION})
DECISION_BOOST = 1.15
BOILERPLATE_PENALTY = 0.35
PERIOD_BOOST = 1.3
CASE_REPEAT_DECAY = 0.8
_BOILERPLATE = re.compile(
    r"^\s*(\w{1,4}\s*[-–]\s*)?(godkendelse af (dagsorden|referat)|dagsorden|eventuelt|evt\.?|"
    r"underskriftsark|meddelelser|henvendelser til formanden|orientering fra (formanden|"
    r"administrationen|direktionen)|godkjenning av (innkalling|saksliste|protokoll)|"
    r"referatsaker|orienteringssaker|call to order|adjournment|approval of (the )?agenda)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Hit:
    score: float
    item_id: str
    citation: Citation
    dense: float = 0.0  # best cosine similarity of the item's chunks (0 when not retrieved)
    lexical: float = 0.0  # best BM25 score of the item's chunks


def citation_for(chunk: Chunk, quote: str | None = None, url: str | None = None) -> Citation:
    """The citation of a chunk's item; `quote` defaults to the chunk text (verbatim)."""
    return Citation(
        item_id=chunk.item_id,
        source=chunk.source,
        municipality=chunk.municipality,
        body=chunk.body,
        meeting_date=chunk.meeting_date,
        item_number=chunk.item_number,
        item_title=chunk.item_title,
        case_number=chunk.case_number,
        section=chunk.section_heading,
        page=chunk.page,
        quote=quote if quote is not None else chunk.text,
        closed=chunk.closed,
        url=url,
    )


def is_boilerplate(title: str) -> bool:
    return bool(_BOILERPLATE.match(title))


def _in_period(date: str | None, question: Question) -> bool:
    return bool(
        date and question.date_from and question.date_to
        and question.date_from.isoformat() <= date <= question.date_to.isoformat()
    )  # fmt: skip


def _fuse(dense: dict[str, float], lexical: dict[str, float]) -> dict[str, float]:
    """One score per item from both retrievers, each scaled to [0, 1] over this query's
    candidates. Scores, not ranks: an item that matches the question's rare words far better
    than anything else must win even if the dense side never saw it (RRF would rank it below
    items that both sides found mediocre)."""
    top_lexical = max(lexical.values(), default=0.0) or 1.0
    floor = min(dense.values(), default=0.0)
    span = (max(dense.values(), default=0.0) - floor) or 1.0
    return {
        item: LEXICAL_WEIGHT * lexical.get(item, 0.0) / top_lexical
        + DENSE_WEIGHT * max(0.0, dense.get(item, floor) - floor) / span
        for item in dense.keys() | lexical.keys()
    }


def _diversified(fused: dict[str, float], cases: dict[str, str | None]) -> list[str]:
    """Items best first, each further stage of an already-listed case worth a little less.

    A case passes through three or four bodies with the same text; without this, one case
    fills the first five places and a second relevant case never shows.
    """
    order = sorted(fused, key=lambda item: (-fused[item], item))
    seen: dict[str, int] = defaultdict(int)
    adjusted: dict[str, float] = {}
    for item in order:
        case = cases[item]
        adjusted[item] = fused[item] * (CASE_REPEAT_DECAY ** seen[case] if case else 1.0)
        if case:
            seen[case] += 1
    return sorted(adjusted, key=lambda item: (-adjusted[item], item))  # ties: stable order


def _dense_candidates(
    archive: Archive, lexical: LexicalIndex, vector: Vectors, flt: Filters, include_closed: bool
) -> list[VectorHit]:
    """The chunks nearest the question among those the filters let through.

    Chroma's own filtered search takes 0.2–0.8 s at a million chunks, so it is the last resort:
    - no filter: the nearest chunks (closed ones are dropped by the caller);
    - few chunks pass (a committee, a case): their vectors are read back and compared exactly;
    - many pass (a year): an unfiltered search wide enough to hold DENSE_CANDIDATES of them.
    """
    has_filter = any((flt.body, flt.municipality, flt.case_number, flt.date_from, flt.date_to))
    if not has_filter:
        return archive.vectors.query(vector, DENSE_CANDIDATES)
    passing, ids = lexical.dense_allowed(flt, include_closed, EXACT_LIMIT)
    if ids is not None:
        return archive.vectors.similarities(vector, ids, DENSE_CANDIDATES)
    # how wide the unfiltered search must be to find enough chunks that pass, with a margin
    wide = math.ceil(2 * DENSE_CANDIDATES * lexical.dense_count() / passing)
    if wide <= WIDE_LIMIT:
        hits = archive.vectors.query(vector, wide)
        allowed = lexical.passing([h.chunk_id for h in hits], flt, include_closed)
        kept = [h for h in hits if h.chunk_id in allowed]
        if len(kept) >= DENSE_CANDIDATES or len(hits) < wide:  # enough, or all there is
            return kept[:DENSE_CANDIDATES]
    return archive.vectors.query(vector, DENSE_CANDIDATES, flt)


def search(
    archive: Archive,
    query: str,
    filters: Filters | None = None,
    top_k: int = 5,
    include_closed: bool = False,
) -> list[Hit]:
    """Agenda items that answer the query, best first; empty when a filter matches nothing."""
    question = analyse(query)
    flt = filters or Filters()
    words = content_words(query)
    if question.language == "en":
        words += english_bridges(query)

    # one index for both sides: a rebuild in another thread may swap it between two calls
    lexical = archive.lexical()
    vector = archive.embedder.query(query)
    dense_raw = _dense_candidates(archive, lexical, vector, flt, include_closed)
    lexical_raw = lexical.search(words, LEXICAL_CANDIDATES, flt, include_closed)
    dense_pairs = [(h.chunk_id, h.similarity) for h in dense_raw]
    lexical_pairs = [(h.chunk_id, h.score) for h in lexical_raw]
    ids = dict.fromkeys(chunk_id for chunk_id, _ in dense_pairs + lexical_pairs)
    facts = archive.catalog.chunk_facts(list(ids))

    def boost(fact: ChunkFacts) -> float:
        decision = question.about_decision and fact.section_kind in DECISION_KINDS
        return DECISION_BOOST if decision else 1.0

    dense_item: dict[str, float] = defaultdict(float)
    lexical_item: dict[str, float] = defaultdict(float)
    raw_dense: dict[str, float] = defaultdict(float)
    raw_lexical: dict[str, float] = defaultdict(float)
    # the chunk to quote: the best relative to its retriever's top score, so both can win
    best_chunk: dict[str, tuple[float, str]] = {}
    item_facts: dict[str, ChunkFacts] = {}
    for pairs, per_item, raw in (
        (dense_pairs, dense_item, raw_dense),
        (lexical_pairs, lexical_item, raw_lexical),
    ):
        top = max((value for _, value in pairs), default=1.0) or 1.0
        for chunk_id, value in pairs:
            fact = facts.get(chunk_id)
            if fact is None or (fact.closed and not include_closed):
                continue  # not in the catalog (interrupted write) or not for this caller
            item = fact.item_id
            item_facts[item] = fact
            score = value * boost(fact)
            per_item[item] = max(per_item[item], score)
            raw[item] = max(raw[item], value)
            if item not in best_chunk or score / top > best_chunk[item][0]:
                best_chunk[item] = (score / top, chunk_id)

    fused = _fuse(dense_item, lexical_item)
    for item in fused:
        fact = item_facts[item]
        if is_boilerplate(fact.item_title):
            fused[item] *= BOILERPLATE_PENALTY
        if _in_period(fact.meeting_date, question):
            fused[item] *= PERIOD_BOOST

    cases = {item: fact.case_number for item, fact in item_facts.items()}
    order = _diversified(fused, cases)[:top_k]
    # full chunks only for what is returned
    quoted = archive.catalog.chunks_by_ids([best_chunk[item][1] for item in order])
    return [
        Hit(
            score=fused[item],
            item_id=item,
            citation=citation_for(quoted[best_chunk[item][1]]),
            dense=raw_dense.get(item, 0.0),
            lexical=raw_lexical.get(item, 0.0),
        )
        for item in order
        if best_chunk[item][1] in quoted  # gone only if deleted in between
    ]
