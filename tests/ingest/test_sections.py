"""Section headings in Danish, Norwegian and Swedish minutes, and lines that only look like one."""

from __future__ import annotations

import pytest

from assistant.model import SectionKind
from ingest.sections import heading_of, section_kind

K = SectionKind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Beslutning", K.DECISION),
        ("Beslutninger", K.DECISION),
        ("Vedtak:", K.DECISION),
        ("Beslut", K.DECISION),
        ("Beslutning i Økonomiudvalget den 2. maj 2023", K.DECISION),
        ("Beslutning Økonomiudvalget den 02-04-2024", K.DECISION),
        ("Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 4", K.DECISION),
        ("Kulturnämndens beslut", K.DECISION),
        ("Formannskapets vedtak 15.03.2021:", K.DECISION),
        ("KST- 28/21 Vedtak:", K.DECISION),
        ("INDSTILLING", K.RECOMMENDATION),
        ("Rådmannens forslag til vedtak:", K.RECOMMENDATION),
        ("Kommunedirektørens innstilling", K.RECOMMENDATION),
        ("Förslag till beslut", K.RECOMMENDATION),
        ("Arbetsutskottets förslag till beslut", K.RECOMMENDATION),
        ("Beslutningspunkter", K.RECOMMENDATION),
        ("Sagsfremstilling", K.BACKGROUND),
        ("Saksopplysninger:", K.BACKGROUND),
        ("Ärendebeskrivning", K.BACKGROUND),
        ("Økonomiske konsekvenser og finansiering", K.ECONOMY),
        ("Behandling i Formannskapet - 15.03.2021", K.HISTORY),
        ("Sagsforløb:", K.HISTORY),
        ("Propositionsordning", K.VOTES),
        ("Beslutsunderlag", K.ATTACHMENTS),
        ("Vedlegg", K.ATTACHMENTS),
        # known, but no decision: a party's proposal, who decides
        ("BESLUTNINGSFORSLAG", K.OTHER),
        ("ÆNDRINGSFORSLAG", K.OTHER),
        ("Beslutningen træffes af", K.OTHER),
        ("Yrkanden", K.OTHER),
    ],
)
def test_headings_and_their_kinds(line, kind):
    found = heading_of(line)
    assert found is not None
    assert found[1] is kind
    assert found[0] == line.rstrip(":")


@pytest.mark.parametrize(
    "line",
    [
        "Beslutningen om også at finde tilpasninger hos de takstfinansierede institutioner",
        "Behandling af sagen udsættes",
        "Vedtak i samsvar med innstillingen",
        "Udvalget tog sagens beslutning den 3. marts 2024",
        "Forslag fra V, KF, LA og DD om afledte konsekvenser af lukning af Vesterbro Torv",
        "Ændringsforslag fra EL: Byrådet beder Kultur og Borgerservice undersøge, om",
        "Indstillingen godkendt",
        "Beslutning om budget blev taget.",
        "Dato: 04.12.2012",
        "- Beslutning",
    ],
)
def test_sentences_that_begin_like_a_heading_are_text(line):
    assert heading_of(line) is None


def test_a_heading_with_its_text_on_the_same_line():
    assert heading_of("Vedtak: Innkalling og saksliste godkjennes.") == (
        "Vedtak",
        K.DECISION,
        "Innkalling og saksliste godkjennes.",
    )
    assert heading_of("Beslutning: Godkendt") == ("Beslutning", K.DECISION, "Godkendt")


def test_a_longer_word_is_not_the_heading_it_begins_with():
    # "Beslutningsforslag" began with "beslutning" and was read as the council's decision
    assert section_kind("Beslutningsforslag") is K.OTHER
    assert section_kind("Beslutningen træffes af") is K.OTHER
    assert section_kind("Beslutning i Byrådet") is K.DECISION
    assert section_kind("Økonomiske konsekvenser og finansiering") is K.ECONOMY
