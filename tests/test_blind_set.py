"""bench/blind_set.py: what earlier sets use, and the checks a new blind set must pass."""

from __future__ import annotations

import json
from pathlib import Path

from bench.blind_set import Greve, check, used


def _meeting(folder: Path, name: str, body: str, items: list[tuple[str, str, str, str]]) -> None:
    """A Greve portal file: items as (number, title, case number, section html)."""
    points = [
        {"Punktnummer": number, "Navn": title, "SagsNummer": case,
         "Felter": [{"Navn": "Beslutning", "Html": f"<p>{text}</p>"}]}
        for number, title, case, text in items
    ]  # fmt: skip
    payload = {"Udvalg": {"Navn": body}, "Dagsordenpunkter": points}
    (folder / name).write_text(json.dumps(payload), encoding="utf-8")


def _write(path: Path, questions: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(q) for q in questions) + "\n", encoding="utf-8")
    return path


def test_an_earlier_sets_items_cases_and_meetings_are_used(tmp_path: Path) -> None:
    _meeting(tmp_path, "2024-01-01_a.json", "Økonomiudvalget", [
        ("1", "Budget", "24-000001", "Godkendt med 1.250.000 kr."),
        ("2", "Lukket: Salg af grund", "24-000002", "Godkendt."),
    ])  # fmt: skip
    greve = Greve.read(tmp_path)
    earlier = _write(tmp_path / "earlier.jsonl", [
        {"id": "a", "q": "?", "expect": [{"source": "2024-01-01_a.json", "item": 1}]},
        {"id": "b", "q": "?", "expect": [{"case": "23-999999"}, {"source": "2023-05-05_b.json"}]},
    ])  # fmt: skip
    assert used([earlier], greve) == {
        "pairs": [["2024-01-01_a.json", 1]],
        # the case of a used item is used too
        "cases": ["23-999999", "24-000001"],
        "sources": ["2023-05-05_b.json", "2024-01-01_a.json"],
    }


def test_a_new_set_is_checked_against_the_minutes_and_the_earlier_sets(tmp_path: Path) -> None:
    corpus = tmp_path / "greve"
    corpus.mkdir()
    _meeting(corpus, "2024-01-01_a.json", "Økonomiudvalget", [
        ("1", "Budget", "24-000001", "Godkendt med 1.250.000 kr."),
        ("2", "Lukket: Salg af grund", "24-000002", "Godkendt."),
        ("3", "Cykelstier", "24-000003", "Der anlægges 2,5 km cykelsti."),
    ])  # fmt: skip
    greve = Greve.read(corpus)
    earlier = used([_write(tmp_path / "earlier.jsonl", [
        {"id": "a", "q": "?", "expect": [{"source": "2024-01-01_a.json", "item": 1}]},
    ])], greve)  # fmt: skip
    item = {"lang": "da", "kind": "fact"}
    new = _write(tmp_path / "fresh99.jsonl", [
        {"id": "C01", **item, "q": "Hvor lang bliver cykelstien?", "answer_contains": ["2,5 km"],
         "expect": [{"source": "2024-01-01_a.json", "item": 3}]},
        {"id": "C02", **item, "q": "Hvad blev budgettet?", "answer_contains": ["1.250.000"],
         "expect": [{"source": "2024-01-01_a.json", "item": 1}]},
        {"id": "C03", **item, "q": "Hvad blev grunden solgt for?", "answer_contains": ["kr."],
         "expect": [{"source": "2024-01-01_a.json", "item": 2}]},
        {"id": "C05", "lang": "da", "kind": "none", "q": "Hvem er borgmester?", "expect": [],
         "answer_contains": []},
    ])  # fmt: skip
    (tmp_path / "fresh99_evidence.md").write_text("## C01\n## C02\n## C03\n", encoding="utf-8")
    problems = check(new, "C", greve, earlier)
    # C01 is right: none of its own
    assert not [p for p in problems if p.startswith("C01")]
    assert (
        "C02: item {'source': '2024-01-01_a.json', 'item': 1} is expected by an earlier set"
        in problems
    )
    assert (
        "C02: the case 24-000001 of {'source': '2024-01-01_a.json', 'item': 1} is an earlier set's"
        in problems
    )
    assert "C03: a closed item is expected" in problems
    assert "C03: 'kr.' stands verbatim in no expected item" in problems
    assert "C05: the id should be C04" in problems
    assert "fresh99_evidence.md: no heading for C04" in problems
    assert "composition: answerable 3, want 30" in problems
