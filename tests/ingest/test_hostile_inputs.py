"""Every reader on 300 KB built to hit a regex's worst case: each finishes, with the right result.

Before these fixes most of them ran for minutes (e.g. Greve's `<(h[1-6])…>(.*?)</\\1>` on
unclosed `<h3>` tags): a pattern that fails at one start was tried again from every start.
The tests assert on what comes out, never on time; a relapse shows as a test that hangs.
"""

from __future__ import annotations

import json

import pytest

from assistant.errors import DocumentTooComplexError
from assistant.model import Meeting
from ingest.closed import mark_closed
from ingest.dates import parse_date
from ingest.html import html_to_text
from ingest.readers.pdf import _clean
from ingest.readers.registry import read_text
from ingest.sections import section_kind

SIZE = 300_000
GREVE = "Dagsordenpunkter"


def greve(html: str) -> str:
    point = {"Navn": "Budgetopfølgning", "Felter": [{"Html": html}]}
    return json.dumps({"Udvalg": {"Navn": "Byrådet"}, "Moede": {}, GREVE: [point]})


def aarhus(details: str) -> str:
    return (
        '<table><tr class="punktrow"><td><span class="label">1</span></td><td>'
        '<h2 class="overskrift">Budgetopfølgning</h2><div class="details">'
        f"{details}</div></td></tr></table>"
    )


SAKS_HEADER = "Formannskaps behandling av sak 1/2025 i møte den 11.12.2025:\n"
PUNKT_HEADER = "REFERAT Chefforum d. 10-04-2024\n\nPunkt 1: Budgetopfølgning\n\n"
RESOLUTIONS = "\nR2024-1 A. Smith: That the budget be approved.\nCarried.\nR2024-2 A. Smith: x\n"

# (reader that must take it, text): each text aims at one pattern that used to backtrack
HOSTILE = {
    "greve: unclosed <h3> tags": ("greve-json", greve("<h3>" * (SIZE // 4))),
    "greve: headings without end tags": ("greve-json", greve("<h3>Beslutning" * (SIZE // 14))),
    "aarhus: unclosed <h3> tags": ("aarhus-web", aarhus("<h3>" * (SIZE // 4))),
    "saksprotokoll: a long line of spaces": ("saksprotokoll", SAKS_HEADER + "a" + " " * SIZE),
    "saksprotokoll: saksnr and spaces": ("saksprotokoll", SAKS_HEADER + "saksnr" + " " * SIZE),
    "punkt: dot leaders without a page": ("punkt-minutes", PUNKT_HEADER + "." * SIZE + "x"),
    "punkt: tabs without a page": ("punkt-minutes", PUNKT_HEADER + "\t" * SIZE + "x"),
    "chefteam: '<a' without '>'": (
        "chefteam",
        "Chefteam\nLukket indstilling\n" + "<a" * (SIZE // 2),
    ),
    "chefteam: tabs after the box label": (
        "chefteam",
        "Chefteam\nLukket indstilling" + "\t" * SIZE,
    ),
    "chefteam: checked checked …": (
        "chefteam",
        "Chefteam\nÅben indstilling <input " + "checked " * (SIZE // 8) + "Lukket indstilling",
    ),
    "resolutions: blank lines before": ("resolution-minutes", "\n" * SIZE + RESOLUTIONS),
    "resolutions: place without an end": (
        "resolution-minutes",
        "held in person at " * (SIZE // 18) + RESOLUTIONS,
    ),
    "resolutions: township and spaces": (
        "resolution-minutes",
        "TOWNSHIP OF NIPISSING" + " " * SIZE + "x" + RESOLUTIONS,
    ),
    "resolutions: participants and spaces": (
        "resolution-minutes",
        "Present: Mayor Smith" + " " * SIZE + "x\n" + RESOLUTIONS,
    ),
    "generic: markdown heading of hashes": ("segmenter", "# Budget" + "#" * SIZE + "x\n\nTekst.\n"),
    "segmenter: item headers on every line": (
        "segmenter",
        "Referat\n" + "1. Punkt\n" * (SIZE // 9),
    ),
    "segmenter: ascending headers": (
        "segmenter",
        "Referat\n" + "".join(f"§ {n % 999 + 1} Dnr KS 2024/{n}\nSag\n" for n in range(SIZE // 22)),
    ),
    "segmenter: page numbers on every line": ("segmenter", "Side 1 af 2\n" * (SIZE // 12) + "x"),
    "segmenter: a headed page number run": (
        "segmenter",
        "".join(
            f"Referat\nDato: 04.12.2012\nSide {n}\nSag {'x' * (n % 7)}.\n"
            for n in range(SIZE // 30)
        ),
    ),
    "segmenter: case labels and spaces": ("segmenter", "Sagsnr" + " " * SIZE + "x\nTekst"),
    "segmenter: section-looking owners": (
        "segmenter",
        ("Udvalgets og Rådets og Nævnets " * 20 + "\n") * (SIZE // 600),
    ),
    "generic: heading ending in ' :' runs": (
        "segmenter",
        "<h2>Budget" + " :" * (SIZE // 2) + "x</h2><p>Tekst.</p>",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_each_reader_finishes_a_hostile_input(case: str) -> None:
    reader, text = HOSTILE[case]
    assert len(text) >= SIZE
    result = read_text(text, "hostile.txt")
    assert result.reader == reader
    meetings: list[Meeting] = mark_closed(result.meetings)  # the closed rules read titles too
    assert meetings and all(meeting.source == "hostile.txt" for meeting in meetings)
    assert any(meeting.items for meeting in meetings)


def test_the_greve_reader_still_splits_its_template_headings() -> None:
    html = "<h3>Sagsfremstilling</h3><p>Baggrund.</p><h3>Beslutning</h3><p>Godkendt.</p>"
    html += "<h3>Ikke en skabelonoverskrift</h3><p>Mere beslutning.</p>" + "<h3>" * 10_000
    item = read_text(greve(html), "greve.json").meetings[0].items[0]
    assert [(s.heading, s.text) for s in item.sections] == [
        ("Sagsfremstilling", "Baggrund."),
        ("Beslutning", "Godkendt.\n\nIkke en skabelonoverskrift\n\nMere beslutning."),
    ]


def test_markup_nested_absurdly_deep_is_refused_with_a_reason() -> None:
    # lexbor takes minutes to build a tree 60,000 elements deep: refused before parsing
    with pytest.raises(DocumentTooComplexError) as refused:
        read_text("<div>" * (SIZE // 5) + "Referat", "deep.html")
    assert refused.value.source == "deep.html"
    assert "the HTML is nested 60000 levels deep" in refused.value.reason
    assert "export it again" in refused.value.reason
    # a normal depth is read, and walked without recursion
    assert html_to_text("<div>" * 2000 + "Referat") == "Referat"


def test_a_json_document_nested_too_deeply_is_refused_with_a_reason() -> None:
    deep = '{"' + GREVE + '": [], "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with pytest.raises(DocumentTooComplexError) as refused:
        read_text(deep, "deep.json")
    assert "the JSON is nested too deeply" in refused.value.reason


def test_shared_helpers_finish_hostile_input() -> None:
    assert _clean("a" + " " * SIZE + "b\n" + "c" + " \t" * SIZE) == "a" + " " * SIZE + "b\nc"
    assert section_kind("Beslutning" + " ." * SIZE + "x").name == "DECISION"
    assert section_kind("Beslutning" + " :." * SIZE).name == "DECISION"
    assert parse_date("10. april 2024" + " " * SIZE + "x") is None
    assert str(parse_date("d. 10. april 2024" + " " * 10 + "kl. 09.00")) == "2024-04-10"
