"""Aarhus Sundhed og Omsorg chefteam proposals with their minutes."""

import datetime as dt
from pathlib import Path

import pytest

from assistant.model import SectionKind
from ingest.readers.chefteam import ChefteamReader

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"
READER = ChefteamReader()


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def test_markdown_proposal_2019():
    [meeting] = READER.read(seed("000_34787664105598ce.txt"), "000_34787664105598ce.txt")
    assert meeting.date == dt.date(2019, 11, 1)
    assert meeting.body == "Chefteam"
    assert meeting.municipality == "Aarhus"  # "Aarhus Kommunes fælles temaer"
    assert meeting.source == "000_34787664105598ce.txt"
    [item] = meeting.items
    assert item.number is None
    # "Chefteamindstilling:" names the form; the proposal's title is what follows it.
    assert item.title == "Sparring: Oplæg til program Klima under Fokus 19"
    assert not any(s.heading.startswith("Chefteamindstilling") for s in item.sections)
    assert item.closed is False  # the X stands in the "Åben indstilling" cell
    kinds = {section.heading: section.kind for section in item.sections}
    assert kinds["Baggrund"] is SectionKind.SUMMARY
    # What the chefteam is asked to decide is a recommendation; the Referat holds the decision.
    assert kinds["Beslutninger"] is SectionKind.RECOMMENDATION
    [decision] = [s for s in item.sections if s.kind is SectionKind.DECISION]
    assert decision.heading == "Referat"
    assert "Chefteamet besluttede at:" in decision.text
    assert "Strategi og Udvikling og Økonomi koordinerer planlægningen." in decision.text
    assert item.sections[-1] is decision


def test_html_table_proposal_2020():
    [meeting] = READER.read(seed("001_02485999139c2553.txt"), "001_02485999139c2553.txt")
    assert meeting.date == dt.date(2020, 5, 13)
    assert meeting.body == "Chefteam"
    assert meeting.municipality is None  # only "MSO" is named, never Aarhus
    assert meeting.participants == ["Jakob Flou"]
    [item] = meeting.items
    assert item.title == "Implementeringsplan for større, udskudte indsatser"
    assert item.closed is False  # <input checked> is on "Åben indstilling"
    headings = [section.heading for section in item.sections]
    assert headings[:3] == ["Baggrund", "Opfølgning", "Beslutninger"]
    assert "<" not in item.full_text()
    [decision] = [s for s in item.sections if s.kind is SectionKind.DECISION]
    assert decision.heading == "Referat"
    assert decision.text.startswith("Chefteamet gennemgik kort oversigten over udskudte indsatser")
    assert "Følgende indsatser tilføjes: Transport / klimavenlig" in decision.text
    economy = [s.heading for s in item.sections if s.kind is SectionKind.ECONOMY]
    assert "Direkte udgifter (tkr.)" in economy


def test_ticked_closed_box_makes_a_closed_item():
    text = seed("001_02485999139c2553.txt").replace(
        '<input checked="" type="checkbox"/> Åben indstilling <input type="checkbox"/> Lukket',
        '<input type="checkbox"/> Åben indstilling <input checked="" type="checkbox"/> Lukket',
    )
    [meeting] = READER.read(text, "001.txt")
    assert meeting.items[0].closed is True


def test_cross_after_closed_label_makes_a_closed_item():
    text = seed("000_34787664105598ce.txt").replace(
        "Åben indstilling\tX\tLukket indstilling", "Åben indstilling\t\tLukket indstilling\tX"
    )
    [meeting] = READER.read(text, "000.txt")
    assert meeting.items[0].closed is True


@pytest.mark.parametrize(
    "name",
    ["002_e6b0dd0e402eadb9.txt", "003_6885af5ed49430c5.txt", "004_1b34d6596bf41414.txt"],
)
def test_does_not_accept_other_seeds(name):
    assert not READER.accepts(seed(name), name)


def test_accepts_both_proposals():
    for name in ("000_34787664105598ce.txt", "001_02485999139c2553.txt"):
        assert READER.accepts(seed(name), name)
