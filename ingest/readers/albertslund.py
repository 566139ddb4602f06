"""Danish "Punkt N:" minutes and agendas (Albertslund style), from text or PDF-extracted text.

REFERAT Chefforum d. 10-04-2024        → body, date
Mødested 915                           → place
Punkt 7: CF - Genindførelse af …       → item number and title (wrapped titles joined)
09.00.00-G01-27-23                     → journal number (case number; also EMN-2025-009868,
                                         "Sagsnr.: 23-004512" …, see ingest/segmenter)
Anledning / Sagsfremstilling / …       → sections

The same layout is FirstAgenda's PDF export ("REFERAT Aarhus Byråd d. 27-08-2025"), whose
items add Beslutninger / BESLUTNINGSFORSLAG / Resume / Beslutningspunkter / Sagsforløb:
every known heading ends the section before it, so a party's proposal never runs on as the
council's decision.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.model import AgendaItem, Meeting, Section, SectionKind
from ingest.dates import find_date
from ingest.sections import heading_of, section_kind
from ingest.segmenter.case_numbers import case_line
from ingest.segmenter.furniture import furniture_mask
from ingest.segmenter.runs import has_leaders

__all__ = ["PunktMinutesReader", "named_municipality"]

_PUNKT = re.compile(r"^Punkt\s+(\d{1,3}[a-zA-Z]?)\s*[:.\-–]\s*(\S.*)$")
_HEADER = re.compile(r"^(?:REFERAT|DAGSORDEN|Referat|Dagsorden)\b[\s:\-–]*(.*)$")
# Page furniture that PDF extraction leaves between paragraphs: "3", "Side 3 af 17", "…Side 3".
_PAGE_FURNITURE = re.compile(
    r"^(?:side\s*)?\d{1,3}(?:\s*(?:af|/)\s*\d{1,3})?$|\bside\s+\d+(?:\s*af\s*\d+)?$", re.I
)
_RECOMMENDS = re.compile(r"\bindstiller\s*[,:]?$")
_MUNICIPALITY = re.compile(
    r"(?<![\w-])([A-ZÆØÅ][a-zæøåé]+(?:-[A-ZÆØÅ][a-zæøåé]+)?)\s+[Kk]ommunes?\b"
)
_NOT_NAMES = frozenset({"Den", "Denne", "Hele", "Vores", "Hver", "Enhver", "Samme", "Anden", "Ny"})

# Exact section headings; other short lines (e.g. "Udvalgsbetjening") are sub-headings that
# belong to the section around them.
_HEADINGS = frozenset(
    {
        "anledning", "resume", "resumé", "sagsfremstilling", "sagsbeskrivelse", "baggrund",
        "indstilling", "indstillinger", "beslutning", "beslutninger", "bilag", "historik",
        "sagens forløb", "tidligere behandling", "tidligere beslutninger", "økonomi",
        "økonomiske konsekvenser", "økonomiske forhold", "lovgrundlag", "lovhjemmel",
        "retsgrundlag", "vurdering", "personalekonsekvenser", "miljøkonsekvenser",
    }
)  # fmt: skip
# "Beslutning Økonomiudvalget den 02-04-2024", "Indstilling i Kommunalbestyrelsen"
_QUALIFIED_HEADING = re.compile(
    r"^(?:Beslutning|Indstilling|Historik|Behandling)\s+(?:(?:i|på|fra|for)\s+)?[A-ZÆØÅ\d]"
)
# A title line this long was probably cut by the page width where it goes on.
_WRAP_WIDTH = 40


def named_municipality(text: str) -> str | None:
    """The municipality the text names most often as "X Kommune", or None if it names none."""
    names = Counter(
        match.group(1) for match in _MUNICIPALITY.finditer(text) if match.group(1) not in _NOT_NAMES
    )
    return names.most_common(1)[0][0] if names else None


def _heading(line: str) -> str | None:
    """The line as a section heading, or None when it is text."""
    bare = line.rstrip(":").strip()
    if bare.lower() in _HEADINGS:
        return bare
    if len(bare) <= 80 and not bare.endswith((".", ",", ";")) and _QUALIFIED_HEADING.match(bare):
        return bare
    # the headings every layout shares ("BESLUTNINGSFORSLAG", "Sagsforløb", "Vedtak")
    known = heading_of(line)
    return known[0] if known is not None and not known[2] else None


@dataclass
class _Item:
    number: str
    title: str
    case_number: str | None = None
    # (heading, lines) in order; the first heading may be "" for text before any heading.
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    # Kinds that the heading alone does not tell (a recommendation headed by the item's name).
    kinds: dict[str, SectionKind] = field(default_factory=dict)

    def add(self, line: str) -> None:
        if not self.sections:
            if not line:
                return
            self.sections.append(("", []))
        self.sections[-1][1].append(line)

    def build(self) -> AgendaItem:
        sections = []
        for heading, lines in self.sections:
            text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
            if text:
                kind = self.kinds.get(heading) or section_kind(heading)
                sections.append(Section(kind=kind, heading=heading, text=text))
        return AgendaItem(
            number=self.number,
            title=self.title,
            case_number=self.case_number,
            sections=sections,
        )


def _clean_lines(text: str, running: bool = True) -> list[str]:
    """Lines with whitespace collapsed and page furniture dropped; blank lines kept as "".

    `running=False` keeps running headers: the first of them is the document's own header.
    """
    raws = text.replace("\r\n", "\n").split("\n")
    collapsed = [re.sub(r"\s+", " ", raw).strip() for raw in raws]
    mask = furniture_mask(collapsed) if running else [False] * len(collapsed)
    lines: list[str] = []
    for raw, line, furniture in zip(raws, collapsed, mask, strict=True):
        if furniture or has_leaders(raw) or _PAGE_FURNITURE.search(line):
            continue
        lines.append(line)
    return lines


def _header(lines: list[str]) -> tuple[str | None, str | None]:
    """(header line, body) from the "REFERAT <body> d. <date>" line near the top."""
    for line in [line for line in lines if line][:12]:
        match = _HEADER.match(line)
        if match is None:
            continue
        rest = match.group(1)
        # The body is what stands before the date: "Chefforum d. 10-04-2024" → "Chefforum".
        rest = re.split(r"\s+(?:d\.|den)\s+|\s+\d{1,2}[.\-/ ]", rest, maxsplit=1)[0]
        rest = re.sub(r"^(?:fra|for)\s+", "", rest).strip(" -–,:")
        # "Økonomiudvalgets møde" → "Økonomiudvalget"
        if re.search(r"s\s+møde(?:t)?$", rest):
            rest = re.sub(r"s\s+møde(?:t)?$", "", rest)
        return line, rest or None
    return None, None


def _field(lines: list[str], names: tuple[str, ...]) -> str | None:
    """The value of a "Mødested 915" / "Sted: Rådhuset" line before the first item."""
    pattern = re.compile(rf"^(?:{'|'.join(names)})\b\s*:?\s*(\S.*)$", re.I)
    for line in lines:
        if _PUNKT.match(line):
            break
        match = pattern.match(line)
        if match:
            return match.group(1).strip()
    return None


class PunktMinutesReader:
    """Danish minutes and agendas whose items are "Punkt N: title" followed by a journal number."""

    label = "punkt-minutes"

    def accepts(self, text: str, name: str) -> bool:
        """At least one "Punkt N:" line, plus a REFERAT/DAGSORDEN header or several items."""
        head = text[:200_000]
        punkt = len(
            re.findall(r"(?m)^[ \t]*Punkt[ \t]+\d{1,3}[a-zA-Z]?[ \t]*[:.\-–][ \t]*\S", head)
        )
        if punkt == 0:
            return False
        top = "\n".join(line for line in head.splitlines()[:40] if line.strip())
        has_header = re.search(r"(?m)^[ \t]*(?:REFERAT|DAGSORDEN|Referat|Dagsorden)\b", top)
        return bool(has_header) or punkt >= 3

    def read(self, text: str, name: str) -> list[Meeting]:
        """One meeting with its numbered items; the table of contents is skipped."""
        lines = _clean_lines(text)
        header, body = _header(_clean_lines(text, running=False))
        date_line = _field(lines, ("Mødedato", "Dato", "Tidspunkt"))
        date = find_date(header or "") or find_date(date_line or "")
        items: list[_Item] = []
        current: _Item | None = None
        since_title = 0  # non-blank lines since the Punkt line, for the journal number
        for index, line in enumerate(lines):
            if header is not None and line == header and index > 0 and items:
                continue  # the header repeated at the top of every PDF page
            punkt = _PUNKT.match(line)
            if punkt:
                current = _Item(number=punkt.group(1), title=punkt.group(2).strip())
                items.append(current)
                since_title = 0
                continue
            if current is None or not line:
                if current is not None:
                    current.add("")
                continue
            since_title += 1
            case = case_line(line)
            if case and not current.sections and since_title <= 3:
                current.case_number = case
                continue
            heading = _heading(line)
            if heading is not None:
                current.sections.append((heading, []))
                continue
            if (
                not current.sections
                and since_title <= 2
                and self._wraps(current, line, lines, index)
            ):
                current.title = f"{current.title} {line}"  # a title wrapped over two lines
                continue
            if _RECOMMENDS.search(line):
                self._retitle_recommendation(current)
            current.add(line)
        items = self._drop_duplicates(items)
        meeting = Meeting(
            municipality=named_municipality(text),
            body=body,
            date=date,
            place=_field(lines, ("Mødested", "Sted")),
            source=name,
            items=[item.build() for item in items],
        )
        return [meeting]

    @staticmethod
    def _wraps(item: _Item, line: str, lines: list[str], index: int) -> bool:
        """Whether `line` goes on with the item's title, cut where the PDF's line ended.

        So when a case number follows within two lines, or, after a long title line, the
        next line is a heading ("Beslutninger") and this one reads as no sentence.
        """
        if item.case_number is not None:
            return False
        following = [other for other in lines[index + 1 : index + 6] if other][:2]
        if any(case_line(other) for other in following):
            return True
        cut = len(item.title) >= _WRAP_WIDTH or line[:1].islower()
        sentence = line.endswith((".", ";", "!", "?")) or len(line) > 100
        return cut and not sentence and bool(following) and _heading(following[0]) is not None

    @staticmethod
    def _retitle_recommendation(item: _Item) -> None:
        """Make "X indstiller," a recommendation when its heading is not "Indstilling".

        Some minutes head the recommendation with the item's own name ("Miljøarbejdet
        nytænkt"); that short line, alone before "… indstiller,", becomes its heading.
        """
        if not item.sections:
            return
        heading, lines = item.sections[-1]
        if section_kind(heading) is SectionKind.RECOMMENDATION:
            return
        content = [i for i, line in enumerate(lines) if line]
        if not content:
            return
        last = lines[content[-1]]
        if len(last) > 80 or last.endswith((".", ",", ";", ":")):
            return
        earlier = content[-2] if len(content) > 1 else -1
        if earlier >= 0 and content[-1] - earlier < 2:
            return  # not standalone: part of a paragraph
        del lines[content[-1] :]
        item.sections.append((last, []))
        item.kinds[last] = SectionKind.RECOMMENDATION

    @staticmethod
    def _drop_duplicates(items: list[_Item]) -> list[_Item]:
        """Drop empty items whose number recurs (a table of contents written as "Punkt N:")."""
        counts = Counter(item.number for item in items)
        return [
            item
            for item in items
            if counts[item.number] == 1 or item.sections or item.case_number is not None
        ]
