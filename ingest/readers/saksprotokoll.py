"""Reader for Norwegian case protocols (saksprotokoller): one meeting per behandling."""

from __future__ import annotations

import re

from assistant.model import AgendaItem, Meeting, Section, SectionKind
from ingest.dates import parse_date

__all__ = ["SaksprotokollReader", "body_from_genitive"]

# "Formannskaps behandling av sak 87/2025 i møte den 11.12.2025:" opens every behandling.
# Matched line by line, on lines of at most _HEADER_MAX characters with whitespace collapsed:
# over a whole text, the lazy body before `\s+behandling` is re-scanned from every start.
_HEADER = re.compile(
    r"(?P<body>\S.*?) behandling av sak (?P<number>\d+/\d{2,4})"
    r" i møte den (?P<date>\d{1,2}\.\d{1,2}\.\d{4}) ?:?",
    re.IGNORECASE,
)
_HEADER_MAX = 300
# A separately given archive case number; the sak number alone is the item number.
_CASE = re.compile(
    r"\b(?:arkivsak(?:snr|snummer)?|saksnr|saksnummer)\.?\s*(?::\s*)?(\d{2,4}/\d+)\b", re.I
)
_CLOSED = re.compile(r"unntatt\s+offentlighet|lukket\s+møte", re.I)
# A letterhead line such as "Steinkjer kommune" above the first behandling names the publisher.
_MUNICIPALITY = re.compile(r"^[ \t]*([A-ZÆØÅ][\w\-]*(?: [A-ZÆØÅ][\w\-]*)?) kommune[ \t]*$", re.M)
_HEAD_LINES = 8

_PLAIN = {
    "behandling": (SectionKind.HISTORY, "Behandling"),
    "vedtak": (SectionKind.DECISION, "Vedtak"),
}
_RECOMMENDATION = re.compile(r"^(?:(?:rådmannens|kommunedirektørens)\s+)?innstilling\s*:?$", re.I)
_PROPOSAL = re.compile(r"^.{3,200}\bfremmet\s+følgende\b.{0,40}forslag\s*:?$", re.I)
_VOTE = re.compile(
    r"^(?:for|imot|mot)\s+(?:forslaget|forslag\s+\d+|innstillingen)\b.*\bstemte\b", re.I
)
# "1)" / "2)" number the proposals that the votes ("For forslag 1 stemte …") refer to.
_LABEL = re.compile(r"^\d{1,2}\)$")
_VOTES_HEADING = "Votering"


def body_from_genitive(genitive: str) -> str:
    """Body name from its genitive: 'Formannskaps' → 'Formannskapet', 'Kommunestyres' → ….

    Drop the genitive -s; a one-word indefinite name gets its definite form (the way the
    body is named in prose); names of several words are kept as written.
    """
    name = re.sub(r"\s+", " ", genitive.strip())
    if name.lower().endswith("s") and len(name) > 3:
        name = name[:-1]
    if " " in name or re.search(r"(?:et|en|a)$", name):
        return name
    if name.endswith("nemnd"):
        return name + "a"
    return name + ("t" if name.endswith("e") else "et")


def _clean(lines: list[str]) -> str:
    """Section text: whitespace runs collapsed, blank-line runs kept as one paragraph break."""
    text = "\n".join(re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _sections(text: str) -> list[Section]:
    """Sections of one behandling; every line lands in exactly one section, in order."""
    parts: list[tuple[SectionKind, str, list[str]]] = []
    label = ""

    def start(kind: SectionKind, heading: str) -> None:
        nonlocal label
        parts.append((kind, f"{label} {heading}".strip(), []))
        label = ""

    for raw in text.splitlines():
        line = re.sub(r"[ \t\u00a0]+", " ", raw).strip()
        plain = line.rstrip(":").lower()
        if _LABEL.match(line):
            label = line
        elif plain in _PLAIN:
            start(*_PLAIN[plain])
        elif _RECOMMENDATION.match(line):
            start(SectionKind.RECOMMENDATION, line.rstrip(":").strip())
        elif _PROPOSAL.match(line):
            start(SectionKind.OTHER, line.rstrip(":").strip())
        elif _VOTE.match(line) and not (parts and parts[-1][0] is SectionKind.VOTES):
            start(SectionKind.VOTES, _VOTES_HEADING)
            parts[-1][2].append(raw)
        elif parts:
            # A number label not followed by a heading is ordinary text after all.
            parts[-1][2].extend([label, raw] if label else [raw])
            label = ""
        elif line:
            # Text before any heading is the behandling itself.
            start(SectionKind.HISTORY, "Behandling")
            parts[-1][2].append(raw)
    return [
        Section(kind=kind, heading=heading, text=body)
        for kind, heading, lines in parts
        if (body := _clean(lines))
    ]


def _header(line: str) -> re.Match[str] | None:
    """The behandling header a line is, or None."""
    if len(line) > _HEADER_MAX:
        return None
    return _HEADER.fullmatch(" ".join(line.split()))


def _headers(text: str) -> list[tuple[int, int, re.Match[str]]]:
    """(start, end, match) of every header line, in order."""
    found = []
    start = 0
    for line in text.splitlines(keepends=True):
        header = _header(line)
        if header is not None:
            found.append((start, start + len(line), header))
        start += len(line)
    return found


class SaksprotokollReader:
    """Saksprotokoller: '<Organs> behandling av sak N/YYYY i møte den dd.mm.yyyy:' blocks."""

    label = "saksprotokoll"

    def accepts(self, text: str, name: str) -> bool:
        """Plain text whose first lines hold a '… behandling av sak N/YYYY i møte den …' line."""
        lines = text[: _HEAD_LINES * (_HEADER_MAX + 200)].lstrip("\ufeff").strip().splitlines()
        if not lines or lines[0].startswith(("<", "{", "[")):
            return False
        return any(_header(line) is not None for line in lines[:_HEAD_LINES])

    def read(self, text: str, name: str) -> list[Meeting]:
        """One meeting per behandling, each with its one agenda item (the sak)."""
        text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        headers = _headers(text)
        case = _CASE.search(text)
        letterhead = _MUNICIPALITY.search(text, 0, headers[0][0] if headers else 0)
        meetings: list[Meeting] = []
        for index, (start, stop, header) in enumerate(headers):
            end = headers[index + 1][0] if index + 1 < len(headers) else len(text)
            block = text[stop:end]
            number = header["number"]
            item = AgendaItem(
                number=number,
                # The protocol has no title line; the sak number is the honest name.
                title=f"Sak {number}",
                case_number=case[1] if case else None,
                closed=_CLOSED.search(text[start:end]) is not None,
                sections=_sections(block),
            )
            meetings.append(
                Meeting(
                    municipality=letterhead[1] if letterhead else None,
                    body=body_from_genitive(header["body"]),
                    date=parse_date(header["date"]),
                    source=name,
                    items=[item],
                )
            )
        return meetings
