"""Questions about a meeting rather than a topic: "Hvad besluttede Økonomiudvalget på mødet i
marts 2024?", "hvad skete der på byrådsmødet 26. juni 2024?". They name a body the archive
holds and a day or month, and nothing else to look for: their answer is what that meeting
decided, item by item — not the items whose words match best.
"""

from __future__ import annotations

from assistant.answer import FRAMES, Answer
from assistant.archive import Snapshot
from assistant.catalog import StoredItem
from assistant.labels import ITEM_WORD, date_label
from assistant.model import Citation
from assistant.months import MONTHS
from assistant.question import Question
from assistant.quotes import decision_quote
from assistant.search import is_boilerplate
from assistant.tokens import stem, tokenize

__all__ = ["meeting_answer", "meeting_asked"]

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


def _decided(stored: StoredItem) -> Citation | None:
    quote = decision_quote(stored.item)
    if quote is None or is_boilerplate(stored.item.title):
        return None
    return Citation(
        ref=stored.ref, section=quote.section.heading or None, page=quote.section.page,
        quote=quote.text,
    )  # fmt: skip


def meeting_answer(view: Snapshot, question: Question, body: str) -> Answer | None:
    """What the body's meetings in the question's period decided, item by item (None when the
    archive holds no such meeting: then the question is searched like any other)."""
    assert question.date_from is not None and question.date_to is not None
    meetings = view.meetings_of(body, question.date_from, question.date_to, MAX_MEETINGS)
    language = question.reply_language
    frame, item_word = FRAMES[language], ITEM_WORD.get(language, "punkt")
    lines = [frame["meeting"]]
    citations: list[Citation] = []
    for meeting, items in meetings:
        decided = [c for c in (_decided(s) for s in items) if c is not None][:MAX_ITEMS]
        if not decided:
            continue
        lines.append(f"{date_label(meeting.date)}, {meeting.body or body}:")
        for citation in decided:
            citations.append(citation)
            ref = citation.ref
            number = f"{item_word} {ref.item_number} " if ref.item_number else ""
            heading = f"{citation.section}: " if citation.section else ""
            quote = " ".join(citation.quote.split())
            lines.append(f'  [{len(citations)}] {number}"{ref.item_title}" — {heading}"{quote}"')
    if not citations:
        return None
    return Answer("\n".join(lines), True, citations)
