"""Body, date, place and municipality from a document's own header, never from its content.

The header is the text above the first item (or the first lines of a document without
items): "REFERAT Aarhus Byråd d. 27-08-2025", "Sundheds- og Forebyggelsesudvalget / Referat /
Dato: 04.12.2012", "Møteprotokoll / Formannskapet / Dato: 15.03.2021". A date that refers to
another meeting ("… den 30. maj 2012 Punkt 7", "Tidligere behandling") is never the meeting's.
Unknown stays None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from assistant.model import AgendaItem, SectionKind
from ingest.dates import find_date, parse_date

__all__ = ["HeaderMeta", "decided_at", "is_minutes_header", "opening_date", "read_header"]

_KIND = re.compile(
    r"(?:(?:åbent|åben|lukket|endeligt?|foreløbigt?|godkendt|offentligt?|ordinært?|"
    r"ekstraordinært?)\s+)?"
    r"(?P<kind>referat|dagsorden|beslutningsprotokol|mødeprotokol|protokol|møtebok|valgprotokoll"
    r"|møteprotokoll|protokoll|sammanträdesprotokoll|kallelse|møteinnkalling|innkalling"
    r"|saksliste|föredragningslista|minutes|agenda)\b[\s:\-–]*(?P<rest>.*)",
    re.IGNORECASE,
)
_BODY_WORD = re.compile(
    r"\b(?:\w*udvalg\w*|\w*utvalg\w*|\w*utskott\w*|\w*nämnd\w*|\w*nemnd\w*|\w*råd(?:et)?"
    r"|\w*bestyrelsen?|\w*styret?|\w*styrelsen?|\w*formannskap\w*|\w*fullmäktige|\w*forum"
    r"|chefteam\w*|direktion\w*|\w*komit[eé]\w*|council|committee|board|\w*fylkesting\w*"
    r"|magistrat\w*)\b",
    re.IGNORECASE,
)
_BODY_FIELD = re.compile(
    r"(?:udvalg|utvalg|organ|nämnd|instans|forum|møte i|mødeforum|committee|body)\s*:\s*(?P<v>.*)",
    re.IGNORECASE,
)
_DATE_FIELD = re.compile(
    r"(?:dato|mødedato|møtedato|sammanträdesdatum|datum|mødetidspunkt|møtetidspunkt|tidspunkt"
    r"|tid|date|meeting date|dato og tid|mødedag|møtedag)\b\s*:?\s*(?P<v>.*)",
    re.IGNORECASE,
)
_PLACE_FIELD = re.compile(
    r"(?:(?:mødested|møtested|mødelokale|plats och tid|tid och plats)\s*:?"
    r"|(?:sted|plats|lokale|location)\s*:)\s*(?P<v>.+)",
    re.IGNORECASE,
)
_DATE_VALUE = re.compile(r"(?:\w+dag,?\s+)?(?:den\s+|d\.\s*)?\d", re.IGNORECASE)
# A date on such a line belongs to another meeting, a deadline or a print run.
_REFERENCE = re.compile(
    r"\b(?:punkt|pkt|sak|sag|behandl\w*|beslut\w*|vedt\w*|tidligere|godkendt|udsendt|"
    r"offentliggjort|publiceret|printet|udskrevet|utskrift|frist|høringsfrist|senest)\b|§",
    re.IGNORECASE,
)
# Where the body's name stops in a header line: at its date.
_BODY_END = re.compile(
    r"\s+(?:d\.|den|dato|date|kl\.)\s|\s*[-–,]?\s*\d{1,2}[.\-/]\d{1,2}[.\-/]\d{2,4}"
    r"|\s*[-–,]?\s*\d{1,2}\.?\s+[a-zæøå]+\.?\s+\d{4}|\s*[-–,]?\s*\d{4}-\d{2}-\d{2}"
    r"|\s+(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|tisdag|måndag|lördag|söndag)\b",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"(?:\s+(?:i|for|på|af|av|fra|til|og|och))+$", re.IGNORECASE)
_LEAD = re.compile(
    r"(?:for|fra|från|för|til|i|af|over|møde|mødet|møte|møtet|sammanträde|ordinært|ordinært)\s+",
    re.IGNORECASE,
)
_MUNICIPALITY = re.compile(
    r"(?<![\w-])([A-ZÆØÅÄÖ][a-zæøåäöé]+(?:-[A-ZÆØÅÄÖ][a-zæøåäöé]+)?)\s+[Kk]ommun(?:e|es|s)?\b"
)
# "Nordre Land kommune" standing alone as the letterhead
_LETTERHEAD = re.compile(r"((?:[A-ZÆØÅÄÖ][\w\-]+ ){0,2}[A-ZÆØÅÄÖ][\w\-]+) [Kk]ommun(?:e|s)?")
_MUNICIPALITY_FIELD = re.compile(r"(?:kommune|kommun)\s*:\s*(?P<v>[A-ZÆØÅÄÖ][\w\- ]{1,40})$", re.I)
_NOT_NAMES = frozenset(
    {"Den", "Denne", "Hele", "Vores", "Hver", "Enhver", "Samme", "Anden", "Ny", "Vår", "Din"}
)
# "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 4": an item's decision
# heading that names the item's own number names its meeting (body and date) as well
_DECIDED = re.compile(
    r"(?P<owner>.{3,90}?s)\s+(?i:beslutning|vedtak|beslut)\s+(?:(?i:den|d\.)\s+)?"
    r"(?P<date>.{6,30}?)\s+(?i:punkt|pkt\.?)\s*(?P<number>\d{1,3}[a-z]?)"
)
_LINE_MAX = 120
_BODY_MAX = 90
_OPENING_LINES = 10
_OUTLINE_LABEL = re.compile(r"^[A-H]?\d{1,2}(?:\.\d{1,2})*\.?\s+")
_NEAR = 2  # lines around a "Referat" line where the body's name may stand


@dataclass(frozen=True)
class HeaderMeta:
    """What the document's header says about its meeting."""

    kind: str | None = None  # "referat", "dagsorden", "møteprotokoll" … as written, lower-case
    body: str | None = None
    date: dt.date | None = None
    place: str | None = None
    municipality: str | None = None


def is_minutes_header(lines: list[str]) -> bool:
    """Whether the lines hold a Referat / Dagsorden / Møteprotokoll / Protokoll line."""
    return any(_kind(line) is not None for line in lines)


def _kind(line: str) -> re.Match[str] | None:
    return _KIND.fullmatch(line) if len(line) <= _LINE_MAX else None


def _as_body(text: str) -> str | None:
    """The text as a body's name ("Aarhus Byråd", "Kulturnämnden"), or None."""
    text = _TRAILING.sub("", text.strip(" -–,:"))  # "Valgprotokoll for valgstyret i"
    if not text or len(text) > _BODY_MAX or len(text.split()) > 10 or text.endswith("."):
        return None
    if ":" in text or find_date(text) is not None or _BODY_WORD.search(text) is None:
        return None
    return text[:1].upper() + text[1:]  # "for valgstyret" names "Valgstyret"


def _body_from_rest(rest: str) -> str | None:
    """The body named after "REFERAT": "… Aarhus Byråd d. 27-08-2025" → "Aarhus Byråd"."""
    name = _BODY_END.split(rest, maxsplit=1)[0].strip(" -–,:")
    while (lead := _LEAD.match(name)) is not None:  # "af møde i Ældrerådet"
        name = name[lead.end() :]
    name = re.sub(
        r"s\s+(?:møde|mødet|møte|møtet|sammanträde)$", "", name
    )  # "Økonomiudvalgets møde"
    return _as_body(name)


def _field_value(lines: list[str], index: int, value: str) -> str:
    """A field's value, on its own line or on the next ("Udvalg:" / "Teknisk Udvalg")."""
    if value.strip() or index + 1 >= len(lines):
        return value.strip()
    return lines[index + 1].strip()


def _body(lines: list[str]) -> str | None:
    for index, line in enumerate(lines):
        field = _BODY_FIELD.fullmatch(line)
        if field is not None:
            body = _as_body(_field_value(lines, index, field.group("v")))
            if body is not None:
                return body
    for index, line in enumerate(lines):
        kind = _kind(line)
        if kind is None:
            continue
        body = _body_from_rest(kind.group("rest"))
        if body is not None:
            return body
        near = [
            *lines[index + 1 : index + 1 + _NEAR],
            *reversed(lines[max(0, index - _NEAR) : index]),
        ]
        for other in near:
            if _kind(other) is None and (body := _as_body(other)) is not None:
                return body
    return None


def _date(lines: list[str]) -> dt.date | None:
    for index, line in enumerate(lines):
        field = _DATE_FIELD.fullmatch(line)
        if field is None or _REFERENCE.search(line):
            continue
        value = _field_value(lines, index, field.group("v"))
        # the field holds the date ("Dato: 04.12.2012", "Møtedato: Tirsdag 17. mars 2015"),
        # not a sentence with one ("Datum då anslaget sätts upp 2017-05-23")
        if _DATE_VALUE.match(value) and (date := find_date(value)) is not None:
            return date
    for line in lines:
        kind = _kind(line)
        if kind is not None and (date := find_date(kind.group("rest"))) is not None:
            return date
    for line in lines:
        if len(line) <= _LINE_MAX and not _REFERENCE.search(line):
            date = find_date(line)
            if date is not None:
                return date
    return None


def _place(lines: list[str]) -> str | None:
    for line in lines:
        field = _PLACE_FIELD.fullmatch(line)
        if field is not None and find_date(field.group("v")) is None:
            return field.group("v").strip()
    return None


def _municipality(lines: list[str], text: str) -> str | None:
    for line in lines:
        field = _MUNICIPALITY_FIELD.fullmatch(line)
        if field is not None:
            return field.group("v").strip()
        letterhead = _LETTERHEAD.fullmatch(line)
        if letterhead is not None:
            return letterhead.group(1)
    named = _named(" ".join(lines))
    if named is not None:
        return named[0]
    # named in the text only: the town it names most, and more than once
    named = _named(text[:200_000])
    return named[0] if named is not None and named[1] > 1 else None


def _named(text: str) -> tuple[str, int] | None:
    names = Counter(
        m.group(1) for m in _MUNICIPALITY.finditer(text) if m.group(1) not in _NOT_NAMES
    )
    return names.most_common(1)[0] if names else None


def read_header(lines: list[str], text: str) -> HeaderMeta:
    """The meeting facts in a header's lines (cleaned, non-blank); `text` names the town."""
    lines = [line for line in lines if line and len(line) <= 300]
    kind = next((k.group("kind").lower() for line in lines if (k := _kind(line))), None)
    return HeaderMeta(
        kind=kind,
        body=_body(lines),
        date=_date(lines),
        place=_place(lines),
        municipality=_municipality(lines, text),
    )


def decided_at(items: list[AgendaItem]) -> tuple[str | None, dt.date | None]:
    """(body, date) that the items' own decision headings state, when they all agree.

    Per-item PDFs have no meeting header; "Xs beslutning den 04.12.2012 Punkt 4" under item 4
    is its decision at this meeting. A heading naming another number is another meeting's.
    """
    found: set[tuple[str | None, dt.date]] = set()
    for item in items:
        for section in item.sections:
            if section.kind is not SectionKind.DECISION or len(section.heading) > _LINE_MAX:
                continue
            match = _DECIDED.fullmatch(section.heading)
            if match is None or match.group("number") != item.number:
                continue
            date = find_date(match.group("date"))
            if date is not None:
                found.add((_as_body(match.group("owner")[:-1]), date))
    if len(found) != 1:
        return None, None
    return next(iter(found))


def opening_date(lines: list[str]) -> dt.date | None:
    """A date standing alone on one of the first lines ("A1 Mandag 9. september 2019")."""
    for line in lines[:_OPENING_LINES]:
        date = parse_date(_OUTLINE_LABEL.sub("", line)) if len(line) <= _LINE_MAX else None
        if date is not None:
            return date
    return None
