"""The general segmenter: agenda items in minutes of any layout no specific reader knows.

    text → lines → page furniture masked (furniture.py)
         → item-header candidates (headers.py) → the run that is the items (runs.py)
         → items with title, case number, sections (items.py)
         → meeting facts from the document's own header (header_meta.py)

`segment` returns None when the text shows no run of item headers: the caller keeps the
document whole, as one item. It is conservative on purpose; a report with numbered chapters
or an application form stays one piece.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.model import AgendaItem, Meeting
from ingest.segmenter.furniture import furniture_mask, is_chrome, is_page_number
from ingest.segmenter.header_meta import (
    HeaderMeta,
    decided_at,
    is_minutes_header,
    opening_date,
    read_header,
)
from ingest.segmenter.headers import Candidate, candidate, clean_line
from ingest.segmenter.items import build_item
from ingest.segmenter.runs import choose_run

__all__ = ["Document", "HeaderMeta", "read_header", "segment", "split_lines"]

# How far down a document its own header may reach (cover page, participants, saksliste).
_HEADER_LINES = 80


@dataclass(frozen=True)
class Document:
    """A text's lines, cleaned, with page furniture masked out (None)."""

    text: str
    raw: list[str]
    content: list[str | None]

    def kept(self) -> str:
        """The text without its page furniture, blank lines kept."""
        return "\n".join(line for line in self.content if line is not None)

    def header_lines(self, stop: int) -> list[str]:
        """Non-blank lines above `stop` that may state meeting facts (no page numbers)."""
        lines = [clean_line(line) for line in self.raw[: min(stop, len(self.raw))]]
        useful = [line for line in lines if line and not is_page_number(line)]
        return [line for line in useful if not is_chrome(line)][:_HEADER_LINES]


def split_lines(text: str) -> Document:
    """The text as lines, furniture masked."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cleaned = [clean_line(line) for line in raw]
    mask = furniture_mask(cleaned)
    content = [None if furniture else line for line, furniture in zip(cleaned, mask, strict=True)]
    return Document(text=text, raw=raw, content=content)


def _candidates(document: Document) -> list[Candidate]:
    found = []
    for index, line in enumerate(document.content):
        if line:
            header = candidate(index, line)
            if header is not None:
                found.append(header)
    return found


def segment(document: Document, name: str) -> Meeting | None:
    """The meeting with its items, or None when the text has no run of item headers."""
    candidates = _candidates(document)
    if not candidates:
        return None
    top = min(c.index for c in candidates)
    minutes_header = is_minutes_header(document.header_lines(top + 1))
    run = choose_run(document.content, document.raw, candidates, minutes_header)
    if run is None:
        return None
    starts = [c.index for c in run.items]
    first = min([starts[0], *(c.index for c in run.toc)])
    meta = read_header(document.header_lines(first), document.text)
    items: list[AgendaItem] = []
    for position, header in enumerate(run.items):
        stop = starts[position + 1] if position + 1 < len(starts) else len(document.content)
        items.append(build_item(document.content, header, stop))
    body, date = meta.body, meta.date
    if date is None:
        date = opening_date([line for line in document.content if line])
    if body is None or date is None:
        decided_body, decided_date = decided_at(items)
        body, date = body or decided_body, date or decided_date
    return Meeting(
        municipality=meta.municipality,
        body=body,
        date=date,
        place=meta.place,
        source=name,
        items=items,
    )
