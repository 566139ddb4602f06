"""English council minutes recorded as numbered resolutions (Township of Nipissing, Ontario)."""

from __future__ import annotations

import datetime as dt
import re

from assistant.model import AgendaItem, Meeting, Section, SectionKind
from assistant.months import MONTH_NAMES, MONTHS
from ingest.sections import section_kind

__all__ = ["ResolutionMinutesReader", "parse_english_date"]

_DATE = re.compile(
    r"\b(" + "|".join(m.capitalize() for m in MONTH_NAMES) + r")\.?\s+(\d{1,2}),?\s+(\d{4})\b"
)
# "R2024-089 D. Yemm, S. Kirkey:" — number, then movers; some lines lack the colon or use ";".
_NUMBER = re.compile(r"^[ \t]*(R ?(?:19|20)\d{2} ?- ?\d+[A-Z]?)\b(.*)$", re.MULTILINE)
_MOVER = r"\d?[A-Z]\.\s?[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?"
_HEADER_REST = re.compile(
    rf"^\s*:?\s*(?P<movers>{_MOVER}(?:\s*,\s*{_MOVER})*)?\s*[:;]?\s*(?P<rest>.*)$"
)
# Capitalised on purpose: lower-case "carried" occurs inside resolution texts.
_OUTCOME = re.compile(r"\b(Carried|CARRIED|Defeated|DEFEATED|Deferred|Lost|Withdrawn)\.?\s*$")
_PAGE_HEADER = re.compile(r"^(?=.*\bPage\s+\d+\b)(?=.*\bMinutes\b).{0,90}$")
_FOOTER = re.compile(r"^\s*(Mayor:\s*$|Minutes prepared as per)")
_AGENDA_NOTE = re.compile(r"^Item\s*#\s*(\d+)")
_MEETING = re.compile(
    r"\bmeeting of (?:the )?(?:Corporation of )?(?:the )?"
    r"(?:Township|Municipality|Town|City|Village|County) of "
    r"(?P<municipality>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*?) "
    r"(?P<body>Council|Committee of the Whole)\b"
)
# Both read one line or a bounded stretch: `^\s*` over many blank lines, or a lazy group
# before a run of spaces, is scanned again from every start.
_HEADER_MUNICIPALITY = re.compile(
    r"^[ \t]*(?:TOWNSHIP|MUNICIPALITY|TOWN|CITY|VILLAGE|COUNTY) OF ([A-Z][A-Z '’.-]*[A-Z.])"
    r"[ \t\r]*$",
    re.M,
)
_PLACE = re.compile(r"\bheld in person at (?:the )?(.{1,200}?)(?:,| and\b|\.\s)")
_FIELD = re.compile(r"^([A-Z][A-Za-z ]{1,40}):\s*(.*)$")
_TITLE_LENGTH = 120
_SENTENCE_END = re.compile(r"(?:(?<=[a-z]{3})|(?<=\d{2})|(?<=\)))[.;]\s")


def parse_english_date(text: str) -> dt.date | None:
    """The first 'April 16, 2024'-style date in the text, or None."""
    for match in _DATE.finditer(text):
        month = MONTHS[match.group(1).lower()]
        try:
            return dt.date(int(match.group(3)), month, int(match.group(2)))
        except ValueError:
            continue
    return None


def _headers(text: str) -> list[re.Match[str]]:
    """Lines that open a resolution, not lines that merely start with a cited resolution."""
    found = []
    for match in _NUMBER.finditer(text):
        rest = _HEADER_REST.match(match.group(2))
        if rest and (rest.group("movers") or match.group(2).strip()[:1] in ("", ":")):
            found.append(match)
    return found


def _flat(text: str) -> str:
    """Text on one line; a word hyphenated at a line end ("By-\\nLaw") is joined again."""
    return re.sub(r"\s+", " ", re.sub(r"(?<=\w-)\n\s*", "", text)).strip()


def _title(text: str) -> str:
    """The first sentence of the text, cut at a word boundary when long."""
    flat = _flat(text)
    # Not after "No.", "Pt." or a list number "1.": those do not end a sentence.
    sentence = _SENTENCE_END.split(flat, maxsplit=1)[0].rstrip(".; ")
    if len(sentence) <= _TITLE_LENGTH:
        return sentence
    return sentence[:_TITLE_LENGTH].rsplit(" ", 1)[0] + " …"


def _lines(block: str) -> str:
    """The block without page headers, footers and signature lines."""
    kept: list[str] = []
    for line in block.split("\n"):
        if _FOOTER.match(line):
            break
        if not _PAGE_HEADER.match(line.strip()):
            kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _proceedings(block: str) -> list[Section]:
    """Sections for what happened between resolutions; 'Item #10 …' paragraphs keep their label."""
    sections: list[Section] = []
    prose: list[str] = []
    for paragraph in (p.strip() for p in re.split(r"\n\s*\n", _lines(block))):
        note = _AGENDA_NOTE.match(paragraph)
        if note is None:
            prose.extend([paragraph] if paragraph else [])
            continue
        # Flush first: sections stay in document order, which assign_pages relies on.
        if prose:
            sections.append(_note("Proceedings", "\n\n".join(prose)))
            prose = []
        sections.append(_note(f"Item #{note.group(1)}", paragraph))
    if prose:
        sections.append(_note("Proceedings", "\n\n".join(prose)))
    return sections


def _note(heading: str, text: str) -> Section:
    return Section(kind=SectionKind.OTHER, heading=heading, text=text)


def _resolution(header: re.Match[str], block: str) -> tuple[AgendaItem, str]:
    """The resolution item, and whatever follows its outcome line (proceedings)."""
    number = re.sub(r"\s", "", header.group(1))
    lines = _lines(block).split("\n")
    end = next((i for i, line in enumerate(lines) if _OUTCOME.search(line)), len(lines) - 1)
    text = "\n".join(lines[: end + 1]).strip()
    rest = _HEADER_REST.match(header.group(2))
    operative = rest.group("rest") if rest else ""
    operative = (operative + "\n" + "\n".join(lines[1 : end + 1])).strip()
    heading = f"Resolution {number}"
    section = Section(kind=section_kind("Resolution"), heading=heading, text=text)
    item = AgendaItem(number=number, title=_title(operative) or heading, sections=[section])
    return item, "\n".join(lines[end + 1 :])


def _fields(head: str) -> dict[str, str]:
    """'Label: value' lines of the preamble, with wrapped continuation lines joined."""
    fields: dict[str, str] = {}
    current: str | None = None
    for line in (line.strip() for line in head.split("\n")):
        if match := _FIELD.match(line):
            current = match.group(1)
            fields[current] = match.group(2)
        elif not line:
            current = None
        elif current:
            fields[current] += " " + line
    return fields


def _participants(head: str) -> list[str]:
    """Council members present, in person or remotely, with their role as written."""
    fields = _fields(head)
    people: list[str] = []
    for label in ("Present", "Via Zoom"):
        role = ""
        # A missing "and" before "Councillors" still starts a new name.
        listed = " ".join(fields.get(label, "").split()).rstrip(". ")
        listed = re.sub(r"\b(Councillors?)\b", r", \1", listed)
        for name in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", listed):
            words = name.split()
            if words and words[0] in ("Mayor", "Councillor", "Councillors"):
                role = "Councillor" if words[0] == "Councillors" else words[0]
                words = words[1:]
            if words:
                people.append(" ".join([role, *words]) if role else " ".join(words))
    return people


class ResolutionMinutesReader:
    """Minutes where every decision is a numbered resolution ('R2024-089 … Carried.')."""

    label = "resolution-minutes"

    def accepts(self, text: str, name: str) -> bool:
        return len(_headers(text)) >= 2

    def read(self, text: str, name: str) -> list[Meeting]:
        headers = _headers(text)
        opening = text[: headers[0].start()] if headers else text
        flat_opening = _flat(opening)
        meeting = _MEETING.search(flat_opening)
        municipality = meeting.group("municipality") if meeting else None
        if municipality is None and (header := _HEADER_MUNICIPALITY.search(opening)):
            municipality = header.group(1).title()
        place = _PLACE.search(flat_opening)
        # The preamble after the title block (date line) is the opening proceedings.
        date_line = _DATE.search(opening)
        preamble = opening[opening.find("\n", date_line.end()) :] if date_line else opening
        # Only resolutions are items; the narrative around them (presentations, who left)
        # stays searchable as sections of a neighbour: the opening in the first, the rest in
        # the one before it.
        pending = _proceedings(preamble)
        items: list[AgendaItem] = []
        for index, header in enumerate(headers):
            end = headers[index + 1].start() if index + 1 < len(headers) else len(text)
            item, after = _resolution(header, text[header.start() : end])
            sections = [*pending, *item.sections, *_proceedings(after)]
            items.append(item.model_copy(update={"sections": sections}))
            pending = []
        if pending:  # no resolution at all: keep the text as one unnumbered item
            items.append(AgendaItem(number=None, title=_title(pending[0].text), sections=pending))
        return [
            Meeting(
                municipality=municipality,
                body=meeting.group("body") if meeting else None,
                date=parse_english_date(opening[:600]),
                place=place.group(1) if place else None,
                participants=_participants(opening),
                source=name,
                items=items,
            )
        ]
