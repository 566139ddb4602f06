"""Questions about a meeting rather than a topic: "Hvad besluttede Økonomiudvalget på mødet i
marts 2024?", "hvad skete der på byrådsmødet 26. juni 2024?". They name a body the archive
holds and a day or month, and nothing else to look for: their answer is what that meeting
decided, item by item — not the items whose words match best.
"""

from __future__ import annotations

from assistant.answer import FRAMES, Answer
from assistant.archive import Snapshot
from assistant.labels import ITEM_WORD, date_label
from assistant.meeting_scope import MAX_ITEMS, MAX_MEETINGS
from assistant.model import Citation
from assistant.question import Question
from assistant.search import approved_citation, meeting_citation

__all__ = ["NO_MEETING", "meeting_answer"]

NO_MEETING = {
    "da": "Det har intet møde i {body} i den periode.",
    "no": "Det har ikke noe møte i {body} i den perioden.",
    "en": "It holds no meeting of {body} in that period.",
}


def meeting_answer(view: Snapshot, question: Question, body: str) -> Answer | None:
    """What the body's meetings in the question's period decided, item by item.

    No meeting of the body in that period is an answer too: nothing found, saying so (the
    question names nothing else to search for, and the same body's items of other months
    would answer a question nobody asked: "… på mødet i februar 2026?" after the archive
    ends). None when its meetings decided nothing listable: then it is searched as any other.
    """
    assert question.date_from is not None and question.date_to is not None
    meetings = view.meetings_of(body, question.date_from, question.date_to, MAX_MEETINGS)
    language = question.reply_language
    frame, item_word = FRAMES[language], ITEM_WORD.get(language, "punkt")
    if not meetings:
        note = NO_MEETING[language].format(body=body)
        return Answer(f"{frame['nothing']} {note}", False, [])
    lines = [frame["meeting"]]
    citations: list[Citation] = []
    for meeting, items in meetings:
        decided = [
            (stored, citation)
            for stored in items
            if (citation := meeting_citation(stored)) is not None
        ][:MAX_ITEMS]
        if not decided:
            continue
        lines.append(f"{date_label(meeting.date)}, {meeting.body or body}:")
        for stored, citation in decided:
            citations.append(citation)
            ref = citation.ref
            number = f"{item_word} {ref.item_number} " if ref.item_number else ""
            lines.append(f'  [{len(citations)}] {number}"{ref.item_title}" — {_quoted(citation)}')
            # "Godkendt." says what was decided only with what it approved
            approved = approved_citation(stored, citation)
            if approved is not None:
                citations.append(approved)
                lines.append(f"      [{len(citations)}] {_quoted(approved)}")
    if not citations:
        return None
    return Answer("\n".join(lines), True, citations)


def _quoted(citation: Citation) -> str:
    heading = f"{citation.section}: " if citation.section else ""
    return f'{heading}"{" ".join(citation.quote.split())}"'
