"""Search: a question → ranked agenda items, one hit per item, each with a citation."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.archive import Archive
from assistant.model import Chunk, Citation, Filters

__all__ = ["Hit", "citation_for", "search"]


@dataclass(frozen=True)
class Hit:
    score: float
    item_id: str
    citation: Citation


def citation_for(chunk: Chunk, quote: str | None = None, url: str | None = None) -> Citation:
    """The citation of a chunk's item; `quote` defaults to the chunk text (verbatim)."""
    return Citation(
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


def search(
    archive: Archive,
    query: str,
    filters: Filters | None = None,
    top_k: int = 5,
    include_closed: bool = False,
) -> list[Hit]:
    """Agenda items most similar to the query, best first (dense retrieval)."""
    flt = filters or Filters()
    vector = archive.embedder.query(query)
    raw = archive.vectors.query(vector, top_k * 8, flt, include_closed)
    chunks = archive.catalog.chunks_by_ids([h.chunk_id for h in raw])
    best: dict[str, Hit] = {}
    for hit in raw:
        chunk = chunks.get(hit.chunk_id)
        if chunk is None or (chunk.closed and not include_closed):
            continue  # not in the catalog (interrupted write) or not for this caller
        if chunk.item_id not in best:
            best[chunk.item_id] = Hit(hit.similarity, chunk.item_id, citation_for(chunk))
    return sorted(best.values(), key=lambda h: -h.score)[:top_k]
