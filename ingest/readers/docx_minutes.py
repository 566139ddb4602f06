"""Minutes written in Word: numbered top-level headings are the agenda items.

Word keeps what plain text loses: which lines are headings and at which level, and the list
numbers it draws. Minutes in Word put each item under a heading "7. Title" (typed or drawn
by a numbered heading style) with its fields under lower headings. A document is read this
way only when it looks like minutes (an item with a case number, decision or recommendation);
anything else is left to the text readers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from assistant.model import AgendaItem, Meeting, Section, SectionKind
from ingest.dates import find_date
from ingest.readers.captions import caption_kind
from ingest.readers.docx import Block

__all__ = ["minutes_from_blocks"]

_ITEM = re.compile(
    r"^(?:(?:punkt|pkt\.?|sag|sak)\s+)?(?P<number>\d{1,4}[a-z]?)[.):]?\s+(?P<title>\S.*)$", re.I
)
_CASE = re.compile(r"^(?:Sagsnr|Sags nr|Saksnr|J\.?\s?nr|Journalnr)\.?\s*:?\s*(?P<case>\S+)", re.I)
# Where the items end: the signature page lists who signed, not what was decided.
_END = frozenset({"underskriftsside", "underskrifter", "underskrift"})
_HEAD_DATE_LINE = 100
# The cover names the document, then the body that met: "Referat" / "Udvalget for … (PUK)".
_DOCUMENT_KIND = re.compile(
    r"^(?:referat|dagsorden|beslutningsprotokol|protokol|møtebok|møteprotokoll)"
    r"(?:\s+(?:for|fra)\s+(?P<body>\S.*))?$",
    re.I,
)


@dataclass
class _Item:
    number: str
    title: str
    case_number: str | None = None
    blocks: list[Block] = field(default_factory=list)


def _item_heading(block: Block, level: int) -> re.Match[str] | None:
    return _ITEM.match(block.line()) if block.level == level else None


def _top_level(blocks: list[Block]) -> int | None:
    levels = [b.level for b in blocks if b.level is not None and _ITEM.match(b.line())]
    return min(levels) if levels else None


def _split(blocks: list[Block], level: int) -> tuple[list[Block], list[_Item]]:
    head: list[Block] = []
    items: list[_Item] = []
    for block in blocks:
        if block.level is None and block.text.strip().lower() in _END:
            break
        match = _item_heading(block, level)
        if match is not None:
            items.append(_Item(match.group("number"), match.group("title").strip()))
        elif items:
            case = _CASE.match(block.text)
            if case is not None and items[-1].case_number is None:
                items[-1].case_number = case.group("case")
            else:
                items[-1].blocks.append(block)
        else:
            head.append(block)
    return head, items


def _sections(blocks: list[Block], meeting_date: dt.date | None) -> list[Section]:
    sections: list[Section] = []
    heading: str | None = None
    lines: list[str] = []

    def close() -> None:
        text = "\n\n".join(lines).strip()
        if text:
            kind = caption_kind(heading, meeting_date) if heading else SectionKind.OTHER
            sections.append(Section(kind=kind, heading=heading or "", text=text))
        lines.clear()

    for block in blocks:
        if block.level is not None:
            close()
            heading = block.line().rstrip(" :")
        else:
            lines.append(block.line())
    close()
    return sections


def _looks_like_minutes(items: list[_Item], meeting_date: dt.date | None) -> bool:
    wanted = {SectionKind.DECISION, SectionKind.RECOMMENDATION, SectionKind.HISTORY}
    return any(
        item.case_number or any(s.kind in wanted for s in _sections(item.blocks, meeting_date))
        for item in items
    )


def _head_date(head: list[Block]) -> dt.date | None:
    """The meeting's date: the first date on a short line above the first item."""
    for block in head:
        for line in block.text.split("\n"):
            if len(line) <= _HEAD_DATE_LINE and (date := find_date(line)) is not None:
                return date
    return None


def _head_body(head: list[Block]) -> str | None:
    """The body named on the cover, after 'Referat' (or in 'Referat for …'); None if unnamed."""
    lines = [" ".join(b.text.split()) for b in head if b.level is None and b.text.strip()]
    for index, line in enumerate(lines):
        kind = _DOCUMENT_KIND.match(line)
        if kind is None:
            continue
        body = kind.group("body") or (lines[index + 1] if index + 1 < len(lines) else "")
        # A line with a date or a long sentence is not a body's name: leave it unknown.
        if body and len(body) <= _HEAD_DATE_LINE and find_date(body) is None:
            return body
        return None
    return None


def minutes_from_blocks(blocks: list[Block], name: str) -> list[Meeting] | None:
    """One meeting whose items are the numbered top-level headings; None if it is no minutes."""
    level = _top_level(blocks)
    if level is None:
        return None
    head, items = _split(blocks, level)
    date = _head_date(head)
    if not items or not _looks_like_minutes(items, date):
        return None
    agenda = [
        AgendaItem(
            number=item.number,
            title=item.title,
            case_number=item.case_number,
            sections=_sections(item.blocks, date),
        )
        for item in items
    ]
    return [Meeting(date=date, body=_head_body(head), source=name, items=agenda)]
