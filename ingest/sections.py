"""Headings as written → section kinds, for Danish, Norwegian and Swedish minutes.

`section_kind` names the kind of a heading a reader already found; `heading_of` decides
whether a line of running text is a section heading at all (for readers that only see lines).
"""

from __future__ import annotations

import re

from assistant.model import SectionKind

__all__ = ["heading_of", "section_kind"]

_KINDS: list[tuple[SectionKind, tuple[str, ...]]] = [
    (
        SectionKind.DECISION,
        (
            "beslutning",
            "beslutninger",
            "vedtak",
            "referat",
            "afgørelse",
            "protokol",
            "udvalgets beslutning",
            "byrådets beslutning",
            "beslut",
            "decision",
            "resolution",
        ),
    ),
    (
        SectionKind.RECOMMENDATION,
        (
            "indstilling",
            "innstilling",
            "forslag til vedtak",
            "forslag til beslutning",
            "förslag till beslut",
            "rådmannens innstilling",
            "kommunedirektørens innstilling",
            "indstillinger",
            "supplerende indstilling",
            "beslutningspunkter",
            "recommendation",
        ),
    ),
    (
        SectionKind.SUMMARY,
        (
            "resume",
            "resumé",
            "anledning",
            "sammendrag",
            "sammenfatning",
            "sammanfattning",
            "formål",
            "baggrund",
            "bakgrunn",
            "bakgrund",
        ),
    ),
    (
        SectionKind.BACKGROUND,
        (
            "sagsfremstilling",
            "sagsbeskrivelse",
            "saksopplysninger",
            "saksutredning",
            "saksframstilling",
            "saksfremstilling",
            "ärendebeskrivning",
            "ärendet",
            "fremstilling",
            "sagsprocedure",
            "sagsprocedurer",
            "vurdering",
            "bedömning",
            "beskrivelse",
            "forslag",
            "supplerende sagsfremstilling",
            "supplerende sagsbeskrivelse",
            "ny supplerende sagsfremstilling",
        ),
    ),
    (
        SectionKind.ECONOMY,
        (
            "økonomi",
            "økonomiske konsekvenser",
            "økonomiske forhold",
            "ekonomiska konsekvenser",
            "ekonomi",
        ),
    ),
    (SectionKind.LEGAL_BASIS, ("lovgrundlag", "lovhjemmel", "hjemmel", "retsgrundlag")),
    (
        SectionKind.HISTORY,
        (
            "sagens forløb",
            "sagsforløb",
            "historik",
            "behandling",
            "tidligere behandling",
            "tidligere beslutninger",
            "saksgang",
        ),
    ),
    (
        SectionKind.VOTES,
        ("votering", "afstemning", "stemmer", "avstemning", "omröstning", "propositionsordning"),
    ),
    (
        SectionKind.ATTACHMENTS,
        ("bilag", "vedlegg", "vedlagte dokumenter", "beslutsunderlag", "attachments"),
    ),
]

# Headings that are known but say nothing about the kind: a party's proposal is no decision
# ("Beslutningsforslag" begins like "Beslutning"), nor is who decides ("Beslutningen træffes af").
_OTHER = (
    "beslutningsforslag",
    "ændringsforslag",
    "beslutningen træffes af",
    "sagen afgøres i",
    "tidsplan",
    "kommunikation",
    "høring",
    "høringssvar",
    "yrkanden",
    "yrkande",
    "reservation",
    "reservasjon",
    "protokollsanteckning",
    "protokolltilførsel",
    "expedieras till",
    "beslutet skickas till",
    "påtegning",
)

_LOOKUP = {heading: kind for kind, headings in _KINDS for heading in headings}
_LOOKUP.update({heading: SectionKind.OTHER for heading in _OTHER})
# A known heading at the start of a longer one ends at a word boundary, so its first word is
# the longer one's first word: looked up by that word, longest first.
_PREFIXES: dict[str, list[str]] = {}
for _heading in sorted(_LOOKUP, key=len, reverse=True):
    _PREFIXES.setdefault(_heading.split(" ", 1)[0], []).append(_heading)


def _key(heading: str) -> str:
    # whitespace collapsed first: `[\s:.]+$` alone is tried again from every character of a
    # long run that does not end the heading
    return " ".join(heading.lower().split()).rstrip(" :.")


def _first_word(key: str) -> str:
    return re.split(r"\W", key, maxsplit=1)[0]


def section_kind(heading: str) -> SectionKind:
    """The kind of a section from its heading as written; OTHER when unknown."""
    key = _key(heading)
    if key in _LOOKUP:
        return _LOOKUP[key]
    # "Beslutning i Økonomiudvalget", "Økonomiske konsekvenser og finansiering": the known
    # heading must end at a word boundary ("Beslutningsforslag" is not "Beslutning")
    for prefix in _PREFIXES.get(_first_word(key), ()):
        if key.startswith(prefix) and not key[len(prefix) : len(prefix) + 1].isalnum():
            return _LOOKUP[prefix]
    if len(heading) <= _HEADING_MAX:
        return _owned_kind(" ".join(heading.split()).rstrip(" :.")) or SectionKind.OTHER
    return SectionKind.OTHER


# Headings that may go on with any words ("Økonomi og organisatoriske konsekvenser"); the
# others only with a qualifier, since "Behandling af sagen udsættes" is a sentence.
_OPEN = frozenset(
    {
        "økonomi", "økonomiske konsekvenser", "ekonomiska konsekvenser", "sagsfremstilling",
        "supplerende sagsfremstilling", "sagsbeskrivelse", "saksopplysninger", "lovgrundlag",
        "ärendebeskrivning", "tidligere behandling",
    }
)  # fmt: skip
# Headings that take a body or a date after them ("Beslutning i Økonomiudvalget den …");
# "Forslag fra SF om …" or "Ændringsforslag fra EL: …" is a title or a sentence.
_QUALIFIABLE = frozenset(
    {
        "beslutning", "beslutninger", "vedtak", "behandling", "indstilling", "innstilling",
        "beslut", "historik", "afgørelse", "votering", "afstemning", "avstemning",
    }
)  # fmt: skip
_WORD = r"[^\W\d_][\w\-]*"
_NAME = r"[A-ZÆØÅÄÖ][\w\-]*"
# "i Økonomiudvalget", "Økonomiudvalget den …", "den 04.12.2012", "- 15.03.2021", "Punkt 4";
# case-sensitive on purpose: "Vedtak i samsvar med innstillingen" is a sentence
_QUALIFIER = re.compile(
    r"(?:(?:i|på|fra|for|hos|vid|från|för|i møte|i mødet)\s+)?[A-ZÆØÅÄÖ\d(]"
    r"|(?:den|d\.)\s+\d|[-–]\s*[A-ZÆØÅÄÖ\d]|(?i:punkt)\s+\d"
)
# "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 4",
# "Rådmannens forslag til vedtak", "Formannskapets behandling 15.03.2021"
_OWNED = re.compile(
    rf"(?P<owner>{_NAME}(?:\s+(?:og|och|for|för|i|&)\s+{_WORD}|\s+{_NAME}){{0,5}}s)\s+"
    r"(?P<word>(?i:beslutning|vedtak|behandling|innstilling|indstilling|forslag til vedtak"
    r"|forslag til beslutning|förslag till beslut|beslut|anbefaling|påtegning))"
    r"(?P<tail>\b.*)$"
)
# Elements' "KST- 28/21 Vedtak:", "FSK-12/24 Behandling:"
_CODED = re.compile(
    r"[A-ZÆØÅ]{1,8}\s*-\s*\d{1,4}/\d{2,4}\s+(?P<word>(?i:vedtak|behandling|innstilling))\s*:?"
)
_HEADING_MAX = 120
_INLINE_HEAD_MAX = 40


def _owned_kind(text: str) -> SectionKind | None:
    """The kind of an owned or coded heading ("Formannskapets vedtak 15.03.2021"), or None."""
    owned = _OWNED.fullmatch(text)
    if owned is not None:
        tail = owned.group("tail").strip(" :")
        if not tail or _QUALIFIER.match(tail):
            return section_kind(owned.group("word"))
    coded = _CODED.fullmatch(text)
    return section_kind(coded.group("word")) if coded is not None else None


def _known(text: str) -> SectionKind | None:
    """The kind of a heading that is known as a whole, with a qualifier, or owned."""
    key = _key(text)
    if key in _LOOKUP:
        return _LOOKUP[key]
    for prefix in _PREFIXES.get(_first_word(key), ()):
        if not key.startswith(prefix) or key[len(prefix)].isalnum():
            continue  # "Beslutningsforslag" is a longer word, not "Beslutning"
        rest = text[len(prefix) :].strip()
        if prefix in _OPEN or (prefix in _QUALIFIABLE and _QUALIFIER.match(rest)):
            return _LOOKUP[prefix]
        return None
    return _owned_kind(text)


def heading_of(line: str) -> tuple[str, SectionKind, str] | None:
    """(heading, kind, text after it) when a line is a section heading, else None.

    "Beslutning", "INDSTILLING", "Beslutning i Økonomiudvalget den 2. maj 2023",
    "Formannskapets vedtak 15.03.2021:" and "Vedtak: Godkjent." are headings; a sentence
    that merely begins with such a word is not.
    """
    text = " ".join(line.split())
    if not text or len(text) > _HEADING_MAX or text[0] in "-•*–(":
        return None
    bare = text.rstrip(":").strip()
    if not bare.endswith((".", ",", ";")):
        kind = _known(bare)
        if kind is not None:
            return bare, kind, ""
    head, colon, tail = text.partition(":")
    if colon and tail.strip() and len(head) <= _INLINE_HEAD_MAX:
        key = _key(head)
        if key in _LOOKUP:
            return head.strip(), _LOOKUP[key], tail.strip()
    return None
