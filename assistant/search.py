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
from dataclasses import dataclass, replace

from assistant.archive import Archive, Snapshot
from assistant.catalog import StoredItem
from assistant.embedder import Vectors
from assistant.meeting_scope import MAX_MEETINGS, body_met, meeting_asked, recommended_first
from assistant.model import Chunk, Citation, Filters, ItemRef, SectionKind
from assistant.question import Query, Question, analyse
from assistant.quotes import APPROVES, Quote, decision_quote
from assistant.tokens import tokenize
from assistant.vector_store import VectorHit

__all__ = [
    "Hit",
    "approved_citation",
    "citation_for",
    "meeting_citation",
    "meeting_hits",
    "rank",
    "read",
    "search",
]

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
# a boilerplate item is asked about when the question holds this many of its title's words:
# "referatet fra hvilket møde blev godkendt?" asks "Godkendelse af referat" (one word is not
# enough: "eventuelt" is an everyday adverb too)
ASKS_BOILERPLATE = 2
_BOILERPLATE = re.compile(
    # ("Eventuelt" alone, or before a time: "Eventuelt samarbejde om …" is a case)
    r"^\s*(\w{1,4}\s*[-–]\s*)?(godkendelse af (dagsorden|referat)|dagsorden|"
    r"(?:eventuelt|evt\.?)(?=\s*(?:$|[(.:,–-]))|"
    r"underskriftsark|meddelelser|henvendelser til formanden|orientering fra (formanden|"
    r"administrationen|direktionen)|godkjenning av (innkalling|saksliste|protokoll)|"
    r"referatsaker|orienteringssaker|call to order|adjournment|approval of (the )?agenda)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Hit:
    score: float
    citation: Citation
    dense: float = 0.0  # best cosine similarity of the item's chunks (0 when not retrieved)
    lexical: float = 0.0  # best BM25 score of the item's chunks
    # the sentence that says what the question asks in other words, when the item answers by
    # it (answer.answering_hits): what the answer quotes first
    said: str = ""

    @property
    def ref(self) -> ItemRef:
        return self.citation.ref


@dataclass
class _Candidate:
    """One item as ranking sees it: its identity and what each retriever made of it."""

    ref: ItemRef
    dense: float | None = None  # best dense score of its chunks, decision-boosted
    lexical: float | None = None  # best BM25 score of its chunks, decision-boosted
    raw_dense: float = 0.0
    raw_lexical: float = 0.0
    quote_from: tuple[float, str] | None = None  # (score relative to the retriever's top, chunk)
    score: float = 0.0


def citation_for(chunk: Chunk, quote: str | None = None) -> Citation:
    """The citation of a chunk's item; `quote` defaults to the chunk text (verbatim)."""
    return Citation(
        ref=chunk.ref,
        section=chunk.section_heading,
        page=chunk.page,
        quote=quote if quote is not None else chunk.text,
    )


def is_boilerplate(title: str) -> bool:
    return bool(_BOILERPLATE.match(title))


def _names_title(question: Question, title: str) -> bool:
    """Does the question ask for the item by its title's words?"""
    return len(set(tokenize(title)).intersection(question.words)) >= ASKS_BOILERPLATE


def _fuse(candidates: dict[str, _Candidate]) -> None:
    """One score per item from both retrievers, each scaled to [0, 1] over this query's
    candidates. Scores, not ranks: an item that matches the question's rare words far better
    than anything else must win even if the dense side never saw it (RRF would rank it below
    items that both sides found mediocre)."""
    dense = [c.dense for c in candidates.values() if c.dense is not None]
    lexical = [c.lexical for c in candidates.values() if c.lexical is not None]
    top_lexical = max(lexical, default=0.0) or 1.0
    floor = min(dense, default=0.0)
    span = (max(dense, default=0.0) - floor) or 1.0
    for c in candidates.values():
        c.score = (
            LEXICAL_WEIGHT * (c.lexical or 0.0) / top_lexical
            + DENSE_WEIGHT * max(0.0, (floor if c.dense is None else c.dense) - floor) / span
        )


def _diversified(candidates: dict[str, _Candidate]) -> list[str]:
    """Items best first, each further stage of an already-listed case worth a little less.

    A case passes through three or four bodies with the same text; without this, one case
    fills the first five places and a second relevant case never shows.
    """
    order = sorted(candidates, key=lambda item: (-candidates[item].score, item))
    seen: dict[str, int] = defaultdict(int)
    adjusted: dict[str, float] = {}
    for item in order:
        case = candidates[item].ref.case_number
        adjusted[item] = candidates[item].score * (CASE_REPEAT_DECAY ** seen[case] if case else 1.0)
        if case:
            seen[case] += 1
    return sorted(adjusted, key=lambda item: (-adjusted[item], item))  # ties: stable order


def _dense_candidates(view: Snapshot, vector: Vectors, flt: Filters) -> list[VectorHit]:
    """The chunks nearest the question among those the filters let through.

    Chroma's own filtered search takes 0.2–0.8 s at a million chunks, so it is the last resort:
    - no filter, nothing hidden: the nearest chunks;
    - few chunks pass (a committee, a case): their vectors are read back and compared exactly;
    - many pass (a year): an unfiltered search wide enough to hold DENSE_CANDIDATES of them.
    Closed items hidden from the caller count as a filter: dropping them from a fixed top N
    afterwards would let a closed item near the question push an open one out.
    """
    include_closed = view.include_closed
    has_filter = any((flt.body, flt.municipality, flt.case_number, flt.date_from, flt.date_to))
    if not has_filter and view.lexical.serves_closed:
        return view.nearest(vector, DENSE_CANDIDATES)
    filters = view.lexical.filters
    passing, ids = filters.dense_allowed(flt, include_closed, EXACT_LIMIT)
    if ids is not None:
        return view.similarities(vector, ids, DENSE_CANDIDATES)
    # how wide the unfiltered search must be to find enough chunks that pass, with a margin
    wide = math.ceil(2 * DENSE_CANDIDATES * filters.dense_count() / passing)
    if wide <= WIDE_LIMIT:
        hits = view.nearest(vector, wide)
        allowed = filters.passing([h.chunk_id for h in hits], flt, include_closed)
        kept = [h for h in hits if h.chunk_id in allowed]
        if len(kept) >= DENSE_CANDIDATES or len(hits) < wide:  # enough, or all there is
            return kept[:DENSE_CANDIDATES]
    return view.nearest(vector, DENSE_CANDIDATES, flt)


def rank(view: Snapshot, question: Question, top_k: int = 5) -> list[Hit]:
    """Agenda items that answer the question, best first; empty when a filter matches nothing."""
    flt, include_closed = question.filters, view.include_closed
    vector = view.embed_question(question.text)
    dense_raw = _dense_candidates(view, vector, flt)
    lexical_raw = view.word_hits(
        question.search_words, LEXICAL_CANDIDATES, flt, question.typed_compounds
    )
    body = body_met(view, question)
    if body is not None:
        # and the meeting the question places, searched by itself (its items then stand
        # beside the archive's best, scored alike and lifted as of the period asked about)
        met = flt.model_copy(
            update={"body": body, "date_from": question.date_from, "date_to": question.date_to}
        )
        dense_raw += _dense_candidates(view, vector, met)
        lexical_raw += view.word_hits(
            question.search_words, LEXICAL_CANDIDATES, met, question.typed_compounds
        )
    dense_pairs = [(h.chunk_id, h.similarity) for h in dense_raw]
    lexical_pairs = [(h.chunk_id, h.score) for h in lexical_raw]
    facts = view.facts(list(dict.fromkeys(chunk_id for chunk_id, _ in dense_pairs + lexical_pairs)))

    candidates: dict[str, _Candidate] = {}
    for side, pairs in (("dense", dense_pairs), ("lexical", lexical_pairs)):
        top = max((value for _, value in pairs), default=1.0) or 1.0
        for chunk_id, value in pairs:
            fact = facts.get(chunk_id)
            if fact is None or (fact.ref.closed and not include_closed):
                continue  # not in the catalog (interrupted write) or not for this caller
            c = candidates.get(fact.ref.item_id) or candidates.setdefault(
                fact.ref.item_id, _Candidate(fact.ref)
            )
            decision = question.about_decision and fact.section_kind in DECISION_KINDS
            score = value * (DECISION_BOOST if decision else 1.0)
            if side == "dense":
                c.dense = max(c.dense or 0.0, score)
                c.raw_dense = max(c.raw_dense, value)
            else:
                c.lexical = max(c.lexical or 0.0, score)
                c.raw_lexical = max(c.raw_lexical, value)
            # the chunk to quote: the best relative to its retriever's top score, so both can win
            if c.quote_from is None or score / top > c.quote_from[0]:
                c.quote_from = (score / top, chunk_id)

    _fuse(candidates)
    for c in candidates.values():
        if is_boilerplate(c.ref.item_title) and not _names_title(question, c.ref.item_title):
            c.score *= BOILERPLATE_PENALTY
        if question.placed_in_period(c.ref.meeting_date, c.ref.item_title):
            c.score *= PERIOD_BOOST

    order = [candidates[item] for item in _diversified(candidates)[:top_k]]
    # full chunks only for what is returned
    quoted = view.chunks([c.quote_from[1] for c in order if c.quote_from])
    return [
        Hit(
            score=c.score,
            citation=citation_for(quoted[c.quote_from[1]]),
            dense=c.raw_dense,
            lexical=c.raw_lexical,
        )
        for c in order
        if c.quote_from and c.quote_from[1] in quoted  # gone only if deleted in between
    ]


def search(
    archive: Archive,
    query: str,
    filters: Filters | None = None,
    top_k: int = 5,
    include_closed: bool = False,
) -> list[Hit]:
    """Agenda items that answer the query, best first (one request: analysed once, one
    snapshot of the archive)."""
    view, question = read(
        archive, Query(query, filters or Filters(), include_closed=include_closed)
    )
    return meeting_hits(view, question, top_k) or rank(view, question, top_k)


def meeting_hits(view: Snapshot, question: Question, top_k: int) -> list[Hit]:
    """For a question about a meeting ("Hvad besluttede Kultur- og Fritidsudvalget på mødet den
    7. november 2022?"), that meeting's items in agenda order, each quoting its decision; none
    for any other question or when the archive holds no such meeting (then the question is
    ranked as any other)."""
    body = meeting_asked(view, question)
    if body is None or question.date_from is None or question.date_to is None:
        return []
    meetings = view.meetings_of(body, question.date_from, question.date_to, MAX_MEETINGS)
    found = [c for _, items in meetings for c in map(meeting_citation, items) if c is not None]
    found = [found[i] for i in recommended_first(question, [c.quote for c in found])]
    # scores fall in agenda order, as the answer lists them
    return [Hit(1.0 - i / (len(found) + 1), c) for i, c in enumerate(found[:top_k])]


def meeting_citation(stored: StoredItem) -> Citation | None:
    """An item of a meeting asked about, quoting its decision; none for boilerplate
    ("Godkendelse af dagsorden") or an item without a decision or recommendation."""
    quote = decision_quote(stored.item)
    if quote is None or is_boilerplate(stored.item.title):
        return None
    return _quoting(stored, quote)


def approved_citation(stored: StoredItem, decision: Citation) -> Citation | None:
    """The opening of the item's recommendation, when its decision (`decision`) approves it
    without saying what it was ("Godkendt.", "Byrådet godkendte Økonomiudvalgets
    indstilling"): what the meeting decided is there ("at puljen på 22,5 mio. kr. …")."""
    if not APPROVES.search(decision.quote):
        return None
    quote = decision_quote(stored.item, (SectionKind.RECOMMENDATION,))
    if quote is None or not quote.text or quote.text == decision.quote:
        return None  # (no recommendation, or the decision quoted is the recommendation)
    return _quoting(stored, quote)


def _quoting(stored: StoredItem, quote: Quote) -> Citation:
    return Citation(
        ref=stored.ref, section=quote.section.heading or None, page=quote.section.page,
        quote=quote.text,
    )  # fmt: skip


def read(archive: Archive, query: Query) -> tuple[Snapshot, Question]:
    """One request as search and answering take it: the archive as the caller may see it, and
    the query read once against it (misspelt words as the archive spells them)."""
    view = archive.snapshot(query.include_closed)
    lexical = view.lexical
    query = _case_named(view, query)
    return view, analyse(query).respelled(lexical.respell, lexical.known, lexical.written)


# a word that may be a case number: digits with a dash, a dot or a slash inside ("23-004342",
# "19-033355K", "09.00.00-G01-27-23")
_CASE_NUMBER = re.compile(r"(?<![\w.\-/])\w*\d\w*(?:[-./]\w+)+")


def _case_named(view: Snapshot, query: Query) -> Query:
    """A question that names a case by its number ("Sag 23-004342 om STIME: hvilke udvalg fik
    sagen …?") asks about that case, as the case filter does: its items answer. The number is
    read as the case's latest title: the minutes keep the number beside an item, not in its
    text, so no passage holds it, and a question of nothing else ("Hvad skete der i sag
    22-011409?") gets a topic. Only a number the caller's archive holds as a case is one: a
    closed case is no case to a caller who may not see it."""
    if query.filters.case_number:
        return query
    for match in _CASE_NUMBER.finditer(query.text):
        stages = view.case(match.group())
        if stages:
            title = stages[-1].citation.ref.item_title
            text = query.text[: match.start()] + title + query.text[match.end() :]
            filters = query.filters.model_copy(update={"case_number": match.group()})
            return replace(query, text=text, filters=filters)
    return query
