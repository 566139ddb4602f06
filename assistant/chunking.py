"""Meetings → chunks: verbatim slices of one section each, carrying their item's identity."""

from __future__ import annotations

import hashlib
import re

from assistant.model import AgendaItem, Chunk, ItemRef, Meeting, SectionKind
from assistant.sentences import sentence_spans

__all__ = ["DENSE_KINDS", "chunk_meetings", "item_id", "meeting_id", "split_text"]

DENSE_KINDS = frozenset({SectionKind.DECISION, SectionKind.RECOMMENDATION, SectionKind.SUMMARY})


def meeting_id(source: str, index: int) -> str:
    """Stable id of the index-th meeting of a source (survives re-ingest of a changed file)."""
    return "m" + hashlib.sha1(f"{source}\x00{index}".encode()).hexdigest()[:12]


def item_id(meeting: str, index: int) -> str:
    return f"{meeting}-{index + 1}"


def split_text(text: str, target_words: int, overlap_words: int) -> list[str]:
    """Verbatim slices of `text` of about `target_words` words, cut at sentence ends.

    Every slice is a substring of `text`, so a chunk can be quoted as is. A sentence longer
    than the target is cut at word boundaries.
    """
    text = text.strip()
    if not text:
        return []
    spans = sentence_spans(text)
    spans = [piece for span in spans for piece in _cut_long(text, span, target_words)]

    chunks: list[str] = []
    i = 0
    while i < len(spans):
        words = 0
        j = i
        while j < len(spans) and (words == 0 or words + _words(text, spans[j]) <= target_words):
            words += _words(text, spans[j])
            j += 1
        chunks.append(text[spans[i][0] : spans[j - 1][1]])
        if j >= len(spans):
            break
        # step back over whole sentences worth about `overlap_words` for context across cuts
        back, k = 0, j
        while k - 1 > i and back + _words(text, spans[k - 1]) <= overlap_words:
            back += _words(text, spans[k - 1])
            k -= 1
        i = k
    return chunks


def _words(text: str, span: tuple[int, int]) -> int:
    return len(text[span[0] : span[1]].split())


def _cut_long(text: str, span: tuple[int, int], limit: int) -> list[tuple[int, int]]:
    if _words(text, span) <= limit:
        return [span]
    pieces: list[tuple[int, int]] = []
    positions = [m.start() for m in re.finditer(r"\S+", text[span[0] : span[1]])]
    for n in range(0, len(positions), limit):
        begin = span[0] + positions[n]
        end = span[0] + positions[n + limit] if n + limit < len(positions) else span[1]
        pieces.append((begin, len(text[:end].rstrip())))
    return pieces


def _item_chunks(
    meeting: Meeting, mid: str, iid: str, item: AgendaItem, version: str, words: int, overlap: int
) -> list[Chunk]:
    chunks: list[Chunk] = []
    ref = ItemRef.of(iid, mid, meeting, item)
    for s, section in enumerate(item.sections):
        for c, text in enumerate(split_text(section.text, words, overlap)):
            chunks.append(
                Chunk(
                    id=f"{iid}-{s}-{c}-{version}",
                    ref=ref,
                    section_kind=section.kind,
                    section_heading=section.heading,
                    page=section.page,
                    text=text,
                )
            )
    return chunks


def _mark_dense(chunks: list[Chunk], embed_all: bool) -> list[Chunk]:
    """Choose which of an item's chunks get a vector; every chunk is indexed lexically.

    e5 reads ~4 chunks/s on two cores: embedding all of Greve (60k chunks) would take hours.
    What people ask about is in decisions, recommendations and summaries, so those are
    embedded, plus the opening of the case description and, for items with none of these,
    their first chunk, so every item can be found by meaning.
    """
    if embed_all:
        return [c.model_copy(update={"dense": True}) for c in chunks]
    marked: list[Chunk] = []
    seen_background = False
    for chunk in chunks:
        dense = chunk.section_kind in DENSE_KINDS
        if chunk.section_kind is SectionKind.BACKGROUND and not seen_background:
            dense = seen_background = True
        marked.append(chunk.model_copy(update={"dense": dense}) if dense else chunk)
    if marked and not any(c.dense for c in marked):
        marked[0] = marked[0].model_copy(update={"dense": True})
    return marked


def chunk_meetings(
    meetings: list[Meeting],
    version: str,
    words: int = 120,
    overlap: int = 20,
    embed_all: bool = False,
) -> list[Chunk]:
    """All chunks of a document's meetings; `version` (content hash) makes ids unique per file
    version, so a changed file's new chunks never collide with the old ones being replaced."""
    chunks: list[Chunk] = []
    for m, meeting in enumerate(meetings):
        mid = meeting_id(meeting.source, m)
        for i, item in enumerate(meeting.items):
            item_chunks = _item_chunks(
                meeting, mid, item_id(mid, i), item, version[:10], words, overlap
            )
            chunks.extend(_mark_dense(item_chunks, embed_all))
    return chunks
