"""bench/structure.py scores a reader against expectations read off the documents: minutes from
outside the corpus (--extra) are scored the same way, row by row."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from assistant.model import AgendaItem, Meeting
from bench.structure_score import Expectation, ExpectedItem, ExpectedMeeting, score
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
CHEFFORUM = FIXTURES / "seeds" / "002_e6b0dd0e402eadb9.txt"
SCANNED = FIXTURES / "pdf" / "no-text-layer_stemmestyrets-motebok-hordvik-bergen-2019.pdf"


def item(number: str, title: str, case: str | None, decision: bool = True) -> dict[str, object]:
    return {"number": number, "title": title, "case_number": case, "decision": decision}


def test_extra_minutes_are_scored_against_their_expectation(tmp_path: Path) -> None:
    extra = tmp_path / "elsewhere"
    extra.mkdir()
    shutil.copy(CHEFFORUM, extra / "chefforum.txt")
    shutil.copy(SCANNED, extra / "scan.pdf")
    expected = {
        "documents": ["chefforum.txt"],
        "format": "minutes",
        "source": "by eye",
        "meetings": [{"date": "2024-04-10", "body": "Direktionen", "items": [
            item("7", "CF - Genindførelse af miljøledelse", "09.00.00-G01-27-23"),
            # as printed in the table of contents, cut: a wrapped title
            item("6", "CF - Implementering af Albertslund Kommunes beredskabsplan", None),
            item("10", "CF - Et punkt referatet ikke har", None),
        ]}],
    }  # fmt: skip
    (extra / "chefforum.expected.json").write_text(json.dumps(expected), encoding="utf-8")
    refusal = {"documents": ["scan.pdf"], "format": "scan", "refusal": "no text layer"}
    (extra / "scan.expected.json").write_text(json.dumps(refusal), encoding="utf-8")
    ran = subprocess.run(
        [sys.executable, "bench/structure.py", "--corpus", str(tmp_path / "no-corpus"),
         "--extra", str(extra), "--only", "extra", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    report = json.loads(ran.stdout)
    row = report["rows"]["extra elsewhere: minutes"]
    assert (row["items"], row["found"], row["matched"]) == (3, 9, 2)
    assert (row["titles"], row["titles_ok"], row["wrapped"]) == (2, 1, 1)
    assert (row["cases"], row["cases_ok"], row["decisions_ok"]) == (1, 1, 2)
    assert (row["dates_ok"], row["bodies"], row["bodies_ok"]) == (1, 1, 0)  # not Direktionen
    assert report["rows"]["extra elsewhere: scan"]["refusals_ok"] == 1
    [document] = [d for d in report["documents"] if d["document"] == "chefforum.txt"]
    assert "missed item 10 'CF - Et punkt referatet ikke har'" in document["problems"]


def test_case_numbers_are_compared_without_spacing_on_both_sides() -> None:
    want = ExpectedItem(number="1", title=None, case_number="KS 2019/123", decision=False)
    expectation = Expectation(
        document=Path("x.txt"), name="x.txt", group="g",
        meetings=(ExpectedMeeting(date=None, bodies=None, items=(want,)),),
    )  # fmt: skip
    for printed in ("KS 2019/123", "KS2019/123", "ks  2019/123"):
        got = AgendaItem(number="1", title="Budget", case_number=printed)
        counts = score(expectation, [Meeting(source="x.txt", items=[got])]).counts
        assert (counts["cases"], counts["cases_ok"]) == (1, 1), printed
