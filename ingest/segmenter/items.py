"""An agenda item from the lines under its header: title, case number, sections."""

from __future__ import annotations

import re

from assistant.model import AgendaItem, Section, SectionKind
from ingest.sections import heading_of
from ingest.segmenter.case_numbers import case_line, find_case
from ingest.segmenter.headers import Candidate, strip_leaders
from ingest.segmenter.runs import Content, content_after, has_leaders

__all__ = ["build_item", "is_field"]

# "Dok.nr.: 2012-202935", "Saksbehandler: Ola Nordmann", "Sagen afgøres i: …"
_FIELD = re.compile(r"[A-ZÆØÅÄÖ][\w .\-/]{1,30}:(?:\s.*|\d.*)?")
_TITLE_WRAP_MAX = 2
# A title line this long was probably cut by the page width where it continues.
_WRAP_WIDTH = 40
_CONTINUATION_MAX = 100
_CASE_REACH = 6


def is_field(line: str) -> bool:
    """A "Label: value" line of an item's or meeting's head."""
    return len(line) <= 200 and _FIELD.fullmatch(line) is not None


def _stops_title(line: str) -> bool:
    """Lines that end a title: a heading, a case number, a field."""
    return heading_of(line) is not None or case_line(line) is not None or is_field(line)


def _continues(title: str, line: str, following: str | None) -> bool:
    """Whether `line` is the rest of a title cut at the end of the line before it."""
    if _stops_title(line) or len(line) > _CONTINUATION_MAX or line.endswith((".", ";", "!")):
        return False
    lower = line[:1].islower()
    if not (lower or len(title) >= _WRAP_WIDTH):
        return False
    return lower or following is None or _stops_title(following)


def _title(content: Content, header: Candidate, stop: int) -> tuple[str, str | None, set[int]]:
    """(title, case number on the header line, indexes of lines the title used)."""
    rest = strip_leaders(header.rest) if has_leaders(header.rest) else header.rest
    case: str | None = None
    found = find_case(rest)
    if found is not None:
        case, start, end = found
        rest = f"{rest[:start]} {rest[end:]}".strip(" -–,:")
    used: set[int] = set()
    lines = content_after(content, header.index, stop, _TITLE_WRAP_MAX + 2)
    position = 0
    if not rest:  # "§ 102 Dnr KU.2017.3" / "PS 21/15": the title stands on the next line
        while position < len(lines) and case_line(content[lines[position]] or ""):
            position += 1  # "§ 102" / "Dnr KU.2017.3" / "Verksamhetsplan 2018"
        if position < len(lines) and not _stops_title(content[lines[position]] or ""):
            rest = content[lines[position]] or ""
            used.add(lines[position])
            position += 1
    for _ in range(_TITLE_WRAP_MAX):
        if position >= len(lines):
            break
        line = content[lines[position]] or ""
        following = content[lines[position + 1]] if position + 1 < len(lines) else None
        if not rest or not _continues(rest, line, following):
            break
        rest = f"{rest} {line}"
        used.add(lines[position])
        position += 1
    return rest, case, used


def _case(content: Content, header: Candidate, stop: int, used: set[int]) -> tuple[str | None, int]:
    """The case number under the header, and the index of its line when it is only that."""
    for index in content_after(content, header.index, stop, _CASE_REACH + len(used)):
        if index in used:
            continue
        line = content[index] or ""
        if heading_of(line) is not None:
            break
        found = find_case(line)
        value = case_line(line)
        if value is None and found is not None and is_field(line):
            value = found[0]  # "Saksbehandler: Kari Nordmann Arkivsak: 15/123"
        if value is not None:
            whole = found is None or (found[1] == 0 and found[2] >= len(line.rstrip(" .;")))
            return value, index if whole else -1
    return None, -1


def _sections(lines: list[str], outline: re.Pattern[str] | None = None) -> list[Section]:
    """Sections at the headings, in order; text before the first heading has heading "".

    Under an outline heading ("A Administrative forhold") its sub-headings ("A1 Valgstyret")
    head the sections.
    """
    parts: list[tuple[str, SectionKind, list[str]]] = [("", SectionKind.OTHER, [])]
    for line in lines:
        if outline is not None and outline.match(line):
            parts.append((line, SectionKind.OTHER, []))
            continue
        heading = heading_of(line) if line else None
        if heading is None:
            parts[-1][2].append(line)
            continue
        name, kind, inline = heading
        parts.append((name, kind, [inline] if inline else []))
    sections = []
    for name, kind, body in parts:
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(body)).strip()
        if text:
            sections.append(Section(kind=kind, heading=name, text=text))
    return sections


def build_item(content: Content, header: Candidate, stop: int) -> AgendaItem:
    """The agenda item whose header stands at `header.index` and whose text ends at `stop`."""
    title, case, used = _title(content, header, stop)
    found, case_index = _case(content, header, stop, used)
    case = case or found
    if case_index >= 0:
        used.add(case_index)
    body = [
        line
        for index in range(header.index + 1, min(stop, len(content)))
        if index not in used and (line := content[index]) is not None
    ]
    return AgendaItem(
        number=header.number,
        title=title or f"Punkt {header.number}",
        case_number=case,
        sections=_sections(body, _outline(header)),
    )


def _outline(header: Candidate) -> re.Pattern[str] | None:
    if header.family != "letter":
        return None
    return re.compile(rf"{re.escape(header.number)}\d{{1,2}}(?:\.\d{{1,2}})*\s+\S")
