"""The printed text of one agenda item (an eDoc item PDF or its <FullText>) → sections.

The text starts with the item's number and title, the case and document numbers and, when
the case came before, the earlier treatment ("Sundheds- og Forebyggelsesudvalget den 30. maj
2012 Punkt 7"); then the fields follow under their captions. The title and the numbers are
the item's own fields, so they are taken out of the text; the earlier treatment is history.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from assistant.model import Section, SectionKind
from ingest.readers.captions import caption_kind, is_caption

__all__ = ["ItemText", "split_item_text"]

_CASE = re.compile(r"^(?:Sagsnr|Sags nr|Saksnr)\.?\s*:?\s*(?P<case>[\w./-]*\d[\w./-]*)\s*$", re.I)
_DOCUMENT = re.compile(r"^(?:Dok\.?\s*nr|Dokumentnr)\.?\s*:?\s*\S+\s*$", re.I)
# "Kommunalbestyrelsen den 30. januar 2012 Punkt 5", "KMB IT-udvalget den 5. december 2012 …"
_EARLIER = re.compile(
    r"^\S[^\n]{0,150}?\s+den\s+\d{1,2}\.?\s*[a-zæøå]+\.?\s+\d{4},?\s+(?:punkt|pkt\.?|sag)\b", re.I
)
_TITLE_LINES = 4


@dataclass
class ItemText:
    case_number: str | None = None
    sections: list[Section] = field(default_factory=list)


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def _title_end(lines: list[str], number: str | None, title: str) -> int:
    """How many leading lines print "N. Title" (titles wrap over lines); 0 if they do not."""
    if not lines or number is None or not re.match(rf"{re.escape(number)}\.?\s", lines[0]):
        return 0
    expected = _flat(f"{number}. {title}").replace(f"{number}. ", f"{number}.", 1)
    printed = _flat(lines[0]).replace(f"{number}. ", f"{number}.", 1)
    end = 1
    while end < min(len(lines), _TITLE_LINES) and len(printed) < len(expected):
        longer = f"{printed} {_flat(lines[end])}"
        if not expected.startswith(longer):
            break
        printed, end = longer, end + 1
    return end


def split_item_text(
    text: str, number: str | None, title: str, meeting_date: dt.date | None
) -> ItemText:
    """The case number and sections of an item's printed text."""
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    result = ItemText()
    lines = lines[_title_end(lines, number, title) :]
    heading: str | None = None
    body: list[str] = []
    history: list[str] = []

    def close() -> None:
        joined = "\n".join(body).strip()
        if heading is not None and joined:
            kind = caption_kind(heading, meeting_date)
            result.sections.append(Section(kind=kind, heading=heading, text=joined))
        elif joined:
            result.sections.append(Section(kind=SectionKind.OTHER, heading="", text=joined))
        body.clear()

    for line in lines:
        if heading is None and not body:  # the head of the item, before its first field
            case = _CASE.match(line)
            if case is not None:
                result.case_number = result.case_number or case.group("case")
                continue
            if _DOCUMENT.match(line):
                continue
            if _EARLIER.match(line):
                history.append(line)
                continue
        if is_caption(line):
            close()
            heading = line.rstrip(" :")
            continue
        body.append(line)
    close()
    if history:
        earlier = Section(kind=SectionKind.HISTORY, heading="", text="\n".join(history))
        result.sections.insert(0, earlier)
    return result
