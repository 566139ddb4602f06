"""AarhusWebReader on the real Aarhus agenda-site pages (Teknisk Udvalg minutes, Byråd agenda)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.model import AgendaItem, Meeting, SectionKind
from ingest.readers.aarhus_web import AarhusWebReader
from ingest.readers.saksprotokoll import SaksprotokollReader

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINUTES = FIXTURES / "aarhus" / "aarhus-teknisk-udvalg-minutes.html"
AGENDA = FIXTURES / "aarhus" / "aarhus-byraad-agenda-2025-10-08.html"

# Site chrome that must never end up in a section: menus, buttons, dialogs, script strings.
CHROME = (
    "Hent som PDF",
    "Kopier link",
    "Tilbage til forsiden",
    "Menu til punktet",
    "Tip en ven",
    "Hent hele",
    "localizationKeys",
    "Mødedeltagere",
    "EMN-20",
)


def _read(path: Path) -> Meeting:
    meetings = AarhusWebReader().read(path.read_text(encoding="utf-8"), path.name)
    assert len(meetings) == 1
    return meetings[0]


@pytest.fixture(scope="module")
def minutes() -> Meeting:
    return _read(MINUTES)


@pytest.fixture(scope="module")
def agenda() -> Meeting:
    return _read(AGENDA)


def _item(meeting: Meeting, number: str) -> AgendaItem:
    return next(item for item in meeting.items if item.number == number)


def test_minutes_meeting_fields(minutes: Meeting) -> None:
    assert minutes.municipality == "Aarhus"
    assert minutes.body == "Teknisk Udvalg"
    assert minutes.date == dt.date(2025, 10, 1)
    assert minutes.place == "Udvalgsværelse 398"
    assert minutes.source == MINUTES.name
    assert [item.number for item in minutes.items] == ["1", "2", "3", "4", "5", "6"]


def test_minutes_items_and_decision(minutes: Meeting) -> None:
    item = _item(minutes, "2")
    assert item.title == "Udviklingsplan Aarhus Ø - endelig vedtagelse"
    assert item.case_number == "EMN-2025-009242"
    assert not item.closed
    decision = item.sections[0]
    assert (decision.kind, decision.heading) == (SectionKind.DECISION, "Beslutninger")
    assert decision.text.startswith(
        "Et flertal i udvalget kunne tiltræde indstillingen i overensstemmelse med "
        "Magistratens anbefaling."
    )
    assert "Solveig Munk kunne ikke tiltræde indstillingen." in decision.text
    kinds = {section.heading: section.kind for section in item.sections}
    assert kinds["Resume"] is SectionKind.SUMMARY
    assert kinds["Beslutningspunkter"] is SectionKind.RECOMMENDATION
    assert kinds["Sagsforløb"] is SectionKind.HISTORY
    assert kinds["Bilag"] is SectionKind.ATTACHMENTS
    attachments = next(s for s in item.sections if s.heading == "Bilag")
    assert "Bilag 2: Høringssvar" in attachments.text.splitlines()


def test_item_without_case_number(minutes: Meeting) -> None:
    item = _item(minutes, "5")
    assert item.title == "Eventuelt"
    assert item.case_number is None


def test_unheaded_lead_text_is_kept(minutes: Meeting) -> None:
    lead = next(s for s in _item(minutes, "2").sections if s.heading == "")
    assert lead.text.startswith("Udviklingsplan for Pier 3 og tilstødende arealer")


def test_agenda_meeting_fields(agenda: Meeting) -> None:
    assert agenda.municipality == "Aarhus"
    assert agenda.body == "Aarhus Byråd"
    assert agenda.date == dt.date(2025, 10, 8)
    assert agenda.place == "Byrådssalen"
    assert len(agenda.items) == 33
    assert agenda.items[0].title == "Godkendelse af dagsorden"
    assert agenda.items[-1].number == "33"


def test_agenda_has_recommendations_not_decisions(agenda: Meeting) -> None:
    item = _item(agenda, "11")
    assert item.title == "Svar på forslag fra S, SF, RV, M og ALT om vindmøller på Aarhus Havn"
    assert item.case_number == "EMN-2025-000502"
    recommendation = next(s for s in item.sections if s.kind is SectionKind.RECOMMENDATION)
    assert recommendation.text.startswith("Det indstilles:")
    assert "Byrådet tager resultaterne af den foreløbige dialog med Aarhus Havn" in (
        recommendation.text
    )
    assert all(s.kind is not SectionKind.DECISION for i in agenda.items for s in i.sections)


def test_placeholder_text_is_dropped(agenda: Meeting) -> None:
    # Item 3 renders an empty record as a lone "."; only Sagsforløb and Bilag are real.
    assert [s.heading for s in _item(agenda, "3").sections] == ["Sagsforløb:", "Bilag"]


@pytest.mark.parametrize("path", [MINUTES, AGENDA], ids=["minutes", "agenda"])
def test_no_site_chrome_in_sections(path: Path) -> None:
    meeting = _read(path)
    for item in meeting.items:
        assert not item.closed
        for section in item.sections:
            for chrome in CHROME:
                assert chrome not in section.text, (item.number, section.heading, chrome)
            assert "<" not in section.text or "</" not in section.text
            assert not section.text.startswith("PDF")


def test_closed_item_is_marked() -> None:
    row = (
        '<table id="dagsordenDetaljer"><tr class="punktrow"><td><span class="label">4</span></td>'
        '<td><h2 class="overskrift text-left">Lukket punkt: Køb af ejendom</h2>'
        '<div class="details"><div><h3>Beslutninger</h3><span>Godkendt.</span></div></div>'
        "</td></tr></table>"
    )
    reader = AarhusWebReader()
    assert reader.accepts(row, "lukket.html")
    (item,) = reader.read(row, "lukket.html")[0].items
    assert item.closed
    assert item.sections[0].text == "Godkendt."


def test_accepts_only_its_own_pages() -> None:
    reader = AarhusWebReader()
    assert reader.accepts(MINUTES.read_text(encoding="utf-8"), MINUTES.name)
    assert reader.accepts(AGENDA.read_text(encoding="utf-8"), AGENDA.name)
    greve = FIXTURES / "greve" / "2025-01-29_eb813156.json"
    assert not reader.accepts(greve.read_text(encoding="utf-8"), greve.name)
    for path in sorted((FIXTURES / "steinkjer").glob("*.txt")):
        assert not reader.accepts(path.read_text(encoding="utf-8"), path.name)
    generic = "<html><body><h1>Referat</h1><h2>Punkt 1</h2><p>Godkendt.</p></body></html>"
    assert not reader.accepts(generic, "generic.html")
    plain = "REFERAT Chefforum d. 10-04-2024\n\nPunkt 1: Godkendelse af dagsorden\nGodkendt.\n"
    assert not reader.accepts(plain, "plain.txt")


def test_saksprotokoll_reader_refuses_aarhus_pages() -> None:
    reader = SaksprotokollReader()
    for path in (MINUTES, AGENDA):
        assert not reader.accepts(path.read_text(encoding="utf-8"), path.name)
