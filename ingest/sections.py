"""Headings as written → section kinds, for Danish and Norwegian minutes."""

from __future__ import annotations

from assistant.model import SectionKind

__all__ = ["section_kind"]

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
            "rådmannens innstilling",
            "kommunedirektørens innstilling",
            "indstillinger",
            "supplerende indstilling",
            "beslutningspunkter",
            "recommendation",
        ),
    ),
    (SectionKind.SUMMARY, ("resume", "resumé", "anledning", "sammendrag", "formål", "baggrund")),
    (
        SectionKind.BACKGROUND,
        (
            "sagsfremstilling",
            "sagsbeskrivelse",
            "saksopplysninger",
            "saksutredning",
            "fremstilling",
            "sagsprocedure",
            "vurdering",
            "beskrivelse",
            "forslag",
            "supplerende sagsfremstilling",
            "supplerende sagsbeskrivelse",
            "ny supplerende sagsfremstilling",
        ),
    ),
    (SectionKind.ECONOMY, ("økonomi", "økonomiske konsekvenser", "økonomiske forhold")),
    (SectionKind.LEGAL_BASIS, ("lovgrundlag", "lovhjemmel", "hjemmel", "retsgrundlag")),
    (
        SectionKind.HISTORY,
        ("sagens forløb", "sagsforløb", "historik", "behandling", "tidligere behandling"),
    ),
    (SectionKind.VOTES, ("votering", "afstemning", "stemmer")),
    (SectionKind.ATTACHMENTS, ("bilag", "vedlegg", "vedlagte dokumenter", "attachments")),
]

_LOOKUP = {heading: kind for kind, headings in _KINDS for heading in headings}


def section_kind(heading: str) -> SectionKind:
    """The kind of a section from its heading as written; OTHER when unknown."""
    # whitespace collapsed first: `[\s:.]+$` alone is tried again from every character of a
    # long run that does not end the heading
    key = " ".join(heading.lower().split()).rstrip(" :.")
    if key in _LOOKUP:
        return _LOOKUP[key]
    for kind, headings in _KINDS:
        if any(key.startswith(h) for h in headings):
            return kind
    return SectionKind.OTHER
