"""SaksprotokollReader on the real Steinkjer case protocols."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.model import Meeting, SectionKind
from ingest.readers.aarhus_web import AarhusWebReader
from ingest.readers.saksprotokoll import SaksprotokollReader, body_from_genitive

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STEINKJER = FIXTURES / "steinkjer"


def _read(name: str) -> list[Meeting]:
    path = STEINKJER / name
    return SaksprotokollReader().read(path.read_text(encoding="utf-8"), name)


@pytest.mark.parametrize(
    ("name", "body", "number", "date"),
    [
        ("7588.txt", "Formannskapet", "87/2025", dt.date(2025, 12, 11)),
        ("7589.txt", "Kommunestyret", "63/2025", dt.date(2025, 12, 17)),
        ("7601.txt", "Hovedutvalg plan næring og miljø", "3/2026", dt.date(2026, 1, 27)),
        ("7625.txt", "Administrasjonsutvalget", "2/2026", dt.date(2026, 2, 12)),
    ],
)
def test_one_meeting_per_file(name: str, body: str, number: str, date: dt.date) -> None:
    meetings = _read(name)
    assert len(meetings) == 1
    (meeting,) = meetings
    assert (meeting.body, meeting.date, meeting.source) == (body, date, name)
    assert meeting.municipality is None
    (item,) = meeting.items
    assert (item.number, item.title) == (number, f"Sak {number}")
    assert item.case_number is None
    assert not item.closed


def test_formannskapet_sections() -> None:
    (item,) = _read("7588.txt")[0].items
    kinds = [section.kind for section in item.sections]
    assert kinds[0] is SectionKind.RECOMMENDATION
    assert kinds[-1] is SectionKind.DECISION
    # One votes section per "Dermed ble … vedtatt." result in the protocol.
    assert kinds.count(SectionKind.VOTES) == 11
    first_vote = item.sections[1]
    assert (first_vote.kind, first_vote.heading) == (SectionKind.VOTES, "Votering")
    assert first_vote.text.startswith("For forslaget stemte 13: Gunnar Thorsen (AP),")
    assert first_vote.text.endswith("Dermed ble innstillingen vedtatt.")
    # The "1)"/"2)" labels the votes refer to stay with the proposals they number.
    proposal = item.sections[3]
    assert proposal.kind is SectionKind.OTHER
    assert proposal.heading == "2) Christine Agdestein (Høyre) fremmet følgende alternative forslag"
    assert proposal.text == (
        "b. Tiltak av engangskarakter som gir kostnadsbesparelser og effektivisering av "
        "kommunens ordinære drift"
    )
    assert item.sections[2].heading == "1) Innstilling"
    assert item.sections[2].text.endswith("Dette ble satt opp mot:")
    additions = [s for s in item.sections if "tilleggsforslag" in s.heading]
    assert len(additions) == 3
    decision = item.sections[-1]
    assert decision.heading == "Vedtak"
    assert decision.text.startswith("1. Bruk av utviklingsfond NTE-utbytte skal knyttes til")
    assert (
        "7. Kommunedirektøren bes sikre tilfredsstillende bekjentgjøring av søknadsordningen."
        in decision.text
    )
    assert "For forslag" not in decision.text


def test_postponed_case_has_no_empty_decision() -> None:
    (item,) = _read("7589.txt")[0].items
    assert [(s.kind, s.heading, s.text) for s in item.sections] == [
        (
            SectionKind.HISTORY,
            "Behandling",
            "Saken ble vedtatt utsatt til kommunestyrets møte i februar.",
        )
    ]


def test_votes_and_decision_of_hovedutvalg() -> None:
    (item,) = _read("7601.txt")[0].items
    assert [s.kind for s in item.sections] == [
        SectionKind.RECOMMENDATION,
        SectionKind.VOTES,
        SectionKind.DECISION,
    ]
    assert item.sections[1].text.startswith("For forslaget stemte 9: Anne Marthe Høgsnes (AP)")
    assert item.sections[2].text.endswith(
        "At vedtatt fradelt areal på gnr/bnr 86/6 sammenføyes med gnr/bnr 86/1."
    )


def test_unanimous_decision() -> None:
    (item,) = _read("7625.txt")[0].items
    assert [(s.heading, s.text) for s in item.sections] == [
        ("Behandling", "Forslag til vedtak enstemmig vedtatt."),
        ("Vedtak", "Prosedyre for melding av avvik godkjenne"),
    ]


def test_several_behandlinger_and_closed() -> None:
    first = (STEINKJER / "7625.txt").read_text(encoding="utf-8")
    second = (
        "Kommunestyres behandling av sak 5/2026 i møte den 05.03.2026:\n"
        "Behandling\nSaken ble behandlet i lukket møte.\n\nVedtak\nSaken tas til orientering.\n"
    )
    meetings = SaksprotokollReader().read(f"{first}\n\n{second}", "combined.txt")
    assert [(m.body, m.date) for m in meetings] == [
        ("Administrasjonsutvalget", dt.date(2026, 2, 12)),
        ("Kommunestyret", dt.date(2026, 3, 5)),
    ]
    assert [m.items[0].closed for m in meetings] == [False, True]
    assert meetings[1].items[0].sections[-1].text == "Saken tas til orientering."


def test_municipality_only_from_a_letterhead() -> None:
    text = (STEINKJER / "7625.txt").read_text(encoding="utf-8")
    reader = SaksprotokollReader()
    assert reader.accepts(f"Steinkjer kommune\nSaksprotokoll\n\n{text}", "x.txt")
    (meeting,) = reader.read(f"Steinkjer kommune\nSaksprotokoll\n\n{text}", "x.txt")
    assert meeting.municipality == "Steinkjer"
    # "i Steinkjer kommune" inside a decision is about a property, not the publisher.
    (meeting,) = _read("7601.txt")
    assert meeting.municipality is None


@pytest.mark.parametrize(
    ("genitive", "body"),
    [
        ("Formannskaps", "Formannskapet"),
        ("Kommunestyres", "Kommunestyret"),
        ("Hovedutvalg plan næring og miljøs", "Hovedutvalg plan næring og miljø"),
        ("Administrasjonsutvalgets", "Administrasjonsutvalget"),
        ("Kontrollutvalgs", "Kontrollutvalget"),
    ],
)
def test_body_from_genitive(genitive: str, body: str) -> None:
    assert body_from_genitive(genitive) == body


def test_accepts_only_case_protocols() -> None:
    reader = SaksprotokollReader()
    for path in sorted(STEINKJER.glob("*.txt")):
        assert reader.accepts(path.read_text(encoding="utf-8"), path.name)
    greve = FIXTURES / "greve" / "2025-01-29_eb813156.json"
    assert not reader.accepts(greve.read_text(encoding="utf-8"), greve.name)
    plain = "REFERAT Chefforum d. 10-04-2024\n\nPunkt 1: Godkendelse af dagsorden\nGodkendt.\n"
    assert not reader.accepts(plain, "plain.txt")
    # The line must open the document, not be quoted somewhere in a longer text.
    buried = "Referat\n" * 10 + "Formannskaps behandling av sak 87/2025 i møte den 11.12.2025:\n"
    assert not reader.accepts(buried, "buried.txt")


def test_aarhus_reader_refuses_case_protocols() -> None:
    reader = AarhusWebReader()
    for path in sorted(STEINKJER.glob("*.txt")):
        assert not reader.accepts(path.read_text(encoding="utf-8"), path.name)
