"""Council minutes recorded as numbered resolutions (Township of Nipissing, Ontario)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.model import Meeting, SectionKind
from ingest.readers.pdf import extract_pdf_text
from ingest.readers.registry import read_source
from ingest.readers.resolutions import ResolutionMinutesReader, parse_english_date
from ingest.source import SourceFile

FIXTURES = Path(__file__).parent.parent / "fixtures" / "pdf"
REGULAR = FIXTURES / "Minutes-April-16-2024.pdf"
SPECIAL = FIXTURES / "Minutes-April-16-2024-Special.pdf"
DANISH = FIXTURES / "chefforum-2024-04-10.pdf"

READER = ResolutionMinutesReader()


def read(path: Path) -> Meeting:
    text = extract_pdf_text(SourceFile.from_path(path)).text
    assert READER.accepts(text, path.name)
    [meeting] = READER.read(text, path.name)
    return meeting


def test_regular_meeting_header():
    meeting = read(REGULAR)
    assert meeting.municipality == "Nipissing"
    assert meeting.body == "Council"
    assert meeting.date == dt.date(2024, 4, 16)
    assert meeting.place == "Township of Nipissing Community Centre"
    assert meeting.participants == [
        "Mayor Tom Piper",
        "Councillor Stephen Kirkey",
        "Councillor Shelly Foote",
        "Councillor Dave Yemm",
    ]
    assert meeting.source == REGULAR.name


def test_each_resolution_is_an_item_with_its_decision():
    meeting = read(REGULAR)
    numbers = [item.number for item in meeting.items if item.number]
    resolutions = [f"R2024-{n:03d}" for n in range(89, 98)]
    assert [n for n in numbers if n.startswith("R")] == resolutions
    vacancy = next(item for item in meeting.items if item.number == "R2024-090")
    assert vacancy.case_number is None
    assert vacancy.title.startswith("WHEREAS per Section 259(1)(d) of the Municipal Act, 2001")
    [decision] = [s for s in vacancy.sections if s.kind is SectionKind.DECISION]
    assert decision.heading == "Resolution R2024-090"
    assert decision.text.startswith("R2024-090 S. Foote, S. Kirkey:\nWHEREAS per Section")
    assert "hereby declares the seat of one\n(1) Councillor to be vacant." in decision.text
    assert decision.text.endswith("Carried.")
    minutes = next(item for item in meeting.items if item.number == "R2024-089")
    assert (
        minutes.title
        == "That the minutes of the Council Meeting held April 2, 2024 be adopted as published"
    )
    bylaw = next(item for item in meeting.items if item.number == "R2024-096")
    assert bylaw.title.startswith("That we pass By-Law No. 2024-19, being a By-Law to confirm")


def test_proceedings_are_sections_of_the_neighbouring_resolution_not_items():
    meeting = read(REGULAR)
    assert all(item.number and item.number.startswith("R2024-") for item in meeting.items)
    first = meeting.items[0]
    assert first.number == "R2024-089"
    opening, resolution = first.sections[0], first.sections[1]
    assert (opening.kind, opening.heading) == (SectionKind.OTHER, "Proceedings")
    assert "Disclosure of pecuniary interest:  None." in opening.text
    assert resolution.heading == "Resolution R2024-089"
    notes = [s for item in meeting.items for s in item.sections if s.heading == "Item #10"]
    [deferred] = notes
    assert deferred.kind is SectionKind.OTHER
    assert deferred.text.endswith("Deferred.")
    assert "Commanda Community Centre" in deferred.text
    for item in meeting.items:
        text = item.full_text()
        assert "Page 2" not in text  # page header dropped
        assert "Mayor:" not in text and "Minutes prepared" not in text  # signature footer


def test_no_text_is_lost_when_proceedings_join_resolutions():
    text = extract_pdf_text(SourceFile.from_path(REGULAR)).text
    [meeting] = READER.read(text, REGULAR.name)
    kept = " ".join(s.text for item in meeting.items for s in item.sections).split()
    # The title block becomes the meeting's fields; the signature block is dropped.
    body = text[text.index("A regular meeting") : text.rindex("Mayor:")]
    for line in body.split("\n"):
        if "Page " in line or line.startswith(("Mayor:", "Minutes prepared")):
            continue
        for word in line.split():
            assert word in kept or word.rstrip("-") in " ".join(kept), word


def test_special_meeting():
    meeting = read(SPECIAL)
    assert (meeting.body, meeting.date) == ("Council", dt.date(2024, 4, 16))
    resolutions = [item for item in meeting.items if item.number and item.number[0] == "R"]
    assert [item.number for item in resolutions] == ["R2024-086", "R2024-087", "R2024-088"]
    assert "labour relations or employee negotiations" in resolutions[0].sections[1].text
    assert all(item.closed is False for item in meeting.items)


def test_nipissing_pdf_end_to_end_with_pages():
    result = read_source(SourceFile.from_path(REGULAR))
    assert result.reader == "pdf+resolution-minutes"
    [meeting] = result.meetings
    items = {item.number: item for item in meeting.items}
    assert items["R2024-091"].sections[0].page == 1
    assert items["R2024-092"].sections[0].page == 2
    assert (items["R2024-097"].page_start, items["R2024-097"].page_end) == (2, 2)
    assert all(s.page for item in meeting.items for s in item.sections)


TEXT = """MINUTES
TOWNSHIP OF NIPISSING
Tuesday, February 21, 2023

R2023-043 T. Butler, S. Kirkey:
WHEREAS Council approved the purchase of a Tandem Axle Diesel Truck, Resolution
R2022-35 and the financing of the purchase in accordance with By-Law 2022-60(2).  Carried.

R2023-186 D. Yemm, S. Foote;
THAT Council authorizes the procurement of a peer review.
Defeated.
Ed Veldboom left the meeting.

R2023-49: S. Foote, D. Yemm: That the meeting be adjourned.  Carried.
"""


def test_a_cited_resolution_at_a_line_start_is_not_a_new_resolution():
    [meeting] = READER.read(TEXT, "inline.txt")
    assert meeting.municipality == "Nipissing"
    assert meeting.body is None  # the text never says which body met
    assert [item.number for item in meeting.items] == ["R2023-043", "R2023-186", "R2023-49"]
    assert meeting.items[0].sections[0].text.endswith("By-Law 2022-60(2).  Carried.")
    decision, left = meeting.items[1].sections
    assert decision.text.endswith("Defeated.")
    assert (left.kind, left.heading) == (SectionKind.OTHER, "Proceedings")
    assert left.text == "Ed Veldboom left the meeting."
    assert meeting.items[2].title == "That the meeting be adjourned"


def test_text_without_resolutions_is_one_unnumbered_item():
    [meeting] = READER.read("MINUTES\nTuesday, February 21, 2023\n\nCouncil met.\n", "x.txt")
    [item] = meeting.items
    assert item.number is None
    assert item.sections[0].text == "Council met."


@pytest.mark.parametrize(
    "text",
    [
        "REFERAT Chefforum d. 10-04-2024\nPunkt 1: CF - Godkendelse",
        "Council approved Resolution R2022-35 and R2022-58 last year.",
        "R2024-001 is cited once.\nR2024-002 and again.",
    ],
)
def test_accepts_is_specific(text):
    assert not READER.accepts(text, "x.txt")


def test_danish_pdf_is_not_taken():
    assert not READER.accepts(extract_pdf_text(SourceFile.from_path(DANISH)).text, DANISH.name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuesday, April 16, 2024", dt.date(2024, 4, 16)),
        ("held on Tuesday, March 17, 2026, starting", dt.date(2026, 3, 17)),
        ("September 2 2025", dt.date(2025, 9, 2)),
        ("February 30, 2024 then May 1, 2024", dt.date(2024, 5, 1)),
        ("16. april 2024", None),
    ],
)
def test_parse_english_date(text, expected):
    assert parse_english_date(text) == expected
