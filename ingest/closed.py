"""Which items are closed (lukkede punkter), whatever format they came in.

Readers mark what their format says (a ticked "Lukket indstilling", Greve's "Lukket:"); these
rules add what any format may say in words, and `--closed` marks a whole document.
"""

from __future__ import annotations

import re

from assistant.model import Meeting

__all__ = ["mark_closed"]

# "Lukket: Personalesag", "Lukket punkt: …", "CF - Lukket punkt", "Lukket møte"
_CLOSED_TITLE = re.compile(r"^\s*(?:\w{1,4}\s*[-–]\s*)?lukket\b", re.IGNORECASE)
# Norwegian exemptions as written in protocols and agenda items
_CLOSED_TEXT = re.compile(
    r"\b(unntatt (fra )?offentlighet|lukket møte|lukket punkt|behandles for lukkede døre|"
    r"offl\.? ?§ ?\d+)",
    re.IGNORECASE,
)


def mark_closed(meetings: list[Meeting], all_closed: bool = False) -> list[Meeting]:
    """The meetings with every closed item marked; never opens an item a reader closed."""
    marked: list[Meeting] = []
    for meeting in meetings:
        items = [
            item.model_copy(update={"closed": True})
            if all_closed
            or item.closed
            or _CLOSED_TITLE.search(item.title)
            or any(_CLOSED_TEXT.search(s.heading) for s in item.sections)
            or any(_CLOSED_TEXT.search(s.text[:400]) for s in item.sections[:1])
            else item
            for item in meeting.items
        ]
        marked.append(meeting.model_copy(update={"items": items}))
    return marked
