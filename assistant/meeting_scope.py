"""Which meeting a question asks about, if any: "Hvad besluttede Økonomiudvalget på mødet i
marts 2024?", "hvad skete der på byrådsmødet 26. juni 2024?" name a body the archive holds and
a day or month, and nothing else to look for. Search lists that meeting's items and answering
quotes its decisions (meeting_questions); both ask here.
"""

from __future__ import annotations

from assistant.archive import Snapshot
from assistant.months import MONTHS
from assistant.question import Question
from assistant.tokens import stem, tokenize

__all__ = ["MAX_ITEMS", "MAX_MEETINGS", "meeting_asked"]

# what a question about a meeting says besides the body and the date
_MEETING_WORDS = frozenset(
    stem(w)
    for w in [
        *("møde", "mødet", "møder", "møtet", "møte", "møter", "meeting", "meetings"),
        *("referat", "referatet", "dagsorden", "dagsordenen", "protokoll"),
        *("sket", "skete", "skjedde", "happened", "besluttede", "vedtog", "decide", "did"),
        *("its", "their", "sit", "sitt"),
        *("behandlede", "behandlet", "handled", "discussed", "drøftede", "drøftet"),
    ]
)
_MONTH_WORDS = frozenset(stem(m) for m in MONTHS)
MAX_MEETINGS = 3
MAX_ITEMS = 15  # decisions listed per meeting


def _named_body(bodies: list[str], words: tuple[str, ...]) -> tuple[str, frozenset[str]] | None:
    """The body whose every word the question holds ("byrådsmødet" holds "Byråd 2022-2025"),
    with the question's words that name it; the most specific one when several fit."""
    found: list[tuple[int, str, frozenset[str]]] = []
    for body in bodies:
        parts = [t for t in tokenize(body, frozenset()) if not t.isdigit() and len(t) >= 4]
        # a body word inside a question word: "byråd" in "byrådsmødet"
        used = frozenset(w for part in parts for w in words if part in w)
        if parts and all(any(p in w for w in words) for p in parts):
            found.append((len(parts), body, used))
    if not found:
        return None
    _, body, used = max(found)
    return body, used


def meeting_asked(view: Snapshot, question: Question) -> str | None:
    """The body whose meeting the question asks about, if it asks about a meeting at all."""
    if question.date_from is None or question.date_to is None:
        return None
    if question.filters.body:
        named: tuple[str, frozenset[str]] | None = (question.filters.body, frozenset())
    else:
        named = _named_body(view.bodies(), question.parts)
    if named is None:
        return None
    body, used = named
    rest = [
        w
        for w in question.parts
        if w not in used and w not in _MEETING_WORDS and w not in _MONTH_WORDS and not w.isdigit()
    ]
    return None if rest else body
