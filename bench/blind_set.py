"""Writing a blind question set (not a test): what earlier sets use, and the new set's checks.

    python bench/blind_set.py used --new bench/eval/fresh27.jsonl > /tmp/blind/used.json
    python bench/blind_set.py check bench/eval/fresh27.jsonl --prefix C
    python /tmp/blind/blind_set.py check fresh27.jsonl --prefix C --used /tmp/blind/used.json

A blind set is written by a helper that never reads the code, the notes, the other sets nor
any result (bench/eval/README.md). `used` gives it the one thing it needs from the earlier
sets: which Greve items, cases and whole meetings they expect (no question, no answer), so the
new set asks about something else. `check` is its validation: ids, fields, the composition the
sets since fresh16 share, every `answer_contains` string verbatim in an expected item, no
closed item expected, nothing expected that an earlier set expects. It prints PASS or the
problems, one a line, and exits 1 on any. A copy away from the repository (the helper's
folder) has no earlier sets beside it: `--used` gives it the `used` output instead.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GREVE = ROOT.parent / "shared" / "corpus" / "greve"
EARLIER = [
    ROOT.parent / "shared" / "eval" / "dev.jsonl",
    *sorted((ROOT / "bench" / "eval").glob("*.jsonl")),
]

# the composition of fresh16 … fresh26: answerable by language and kind, `none` questions,
# short search-box questions (2–4 words) among all
COMPOSITION = {
    "answerable": 30, "none": 10, "da": 19, "en": 6, "no": 3, "sv": 2,
    "decision": 11, "fact": 19, "short (2-4 words)": 5,
}  # fmt: skip
MIN_WHOLE_MEETINGS = 2  # questions expecting a whole meeting (a source alone, or 3+ of its items)
MIN_THREE_BODIES = 2  # questions whose expected items span three bodies


@dataclass
class GreveItem:
    text: str
    case: str | None
    closed: bool
    body: str | None


@dataclass
class Greve:
    """The Greve minutes as the checks read them: an item's title and sections, tags gone —
    straight from the portal's JSON, not through ingest's reader, so that a set is checked
    against what the minutes say, whatever Referat makes of them."""

    items: dict[tuple[str, int], GreveItem] = field(default_factory=dict)
    by_case: dict[str, list[GreveItem]] = field(default_factory=dict)
    by_source: dict[str, list[GreveItem]] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> Greve:
        greve = cls()
        for path in sorted(folder.glob("*.json")):
            meeting = json.loads(path.read_text(encoding="utf-8"))
            body = (meeting.get("Udvalg") or {}).get("Navn")
            for raw in meeting["Dagsordenpunkter"]:
                item = GreveItem(_text(raw), raw.get("SagsNummer") or None,
                                 (raw.get("Navn") or "").startswith("Lukket"), body)  # fmt: skip
                greve.items[(path.name, int(raw["Punktnummer"]))] = item
                greve.by_source.setdefault(path.name, []).append(item)
                if item.case:
                    greve.by_case.setdefault(item.case, []).append(item)
        return greve


def _text(raw: dict[str, Any]) -> str:
    parts = [raw.get("Navn") or ""]
    for section in raw.get("Felter") or []:
        parts += [section.get("Navn") or "", re.sub(r"<[^>]+>", " ", section.get("Html") or "")]
    return _flat(html.unescape(" ".join(parts)))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _questions(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def used(sets: Iterable[Path], greve: Greve) -> dict[str, list[Any]]:
    """The items (source, number), case numbers and whole meetings the sets expect; an item's
    case counts as used too."""
    pairs: set[tuple[str, int]] = set()
    cases: set[str] = set()
    sources: set[str] = set()
    for path in sets:
        for question in _questions(path):
            for entry in question.get("expect", []):
                if "case" in entry:
                    cases.add(str(entry["case"]))
                elif "item" in entry:
                    pairs.add((entry["source"], int(entry["item"])))
                    sources.add(entry["source"])
                else:
                    sources.add(entry["source"])
    cases |= {item.case for pair in pairs if (item := greve.items.get(pair)) and item.case}
    return {"pairs": sorted(map(list, pairs)), "cases": sorted(cases), "sources": sorted(sources)}


def check(new: Path, prefix: str, greve: Greve, earlier: dict[str, list[Any]]) -> list[str]:
    """The problems of the set at `new` (none: it passes)."""
    used_pairs = {(source, number) for source, number in earlier["pairs"]}
    used_cases, used_sources = set(earlier["cases"]), set(earlier["sources"])
    problems: list[str] = []
    questions = _questions(new)
    if len(questions) != sum(COMPOSITION[k] for k in ("answerable", "none")):
        problems.append(f"{len(questions)} questions")
    whole = three_bodies = 0
    for number, question in enumerate(questions, 1):
        qid = question.get("id")
        bad = problems.append
        if qid != f"{prefix}{number:02d}":
            bad(f"{qid}: the id should be {prefix}{number:02d}")
        if set(question) != {"id", "lang", "kind", "q", "expect", "answer_contains"}:
            bad(f"{qid}: fields {sorted(question)}")
        if question.get("lang") not in ("da", "en", "no", "sv"):
            bad(f"{qid}: lang {question.get('lang')!r}")
        if question.get("kind") not in ("decision", "fact", "none"):
            bad(f"{qid}: kind {question.get('kind')!r}")
        expect, contains = question.get("expect", []), question.get("answer_contains", [])
        if question.get("kind") == "none":
            if expect or contains:
                bad(f"{qid}: a none question expects nothing and lists nothing to contain")
            continue
        if not expect or not contains:
            bad(f"{qid}: an answerable question needs expect and answer_contains")
            continue
        items: list[GreveItem] = []
        for entry in expect:
            if set(entry) == {"source", "item"}:
                key = (entry["source"], int(entry["item"]))
                item = greve.items.get(key)
                if item is None:
                    bad(f"{qid}: no item {entry}")
                    continue
                if key in used_pairs:
                    bad(f"{qid}: item {entry} is expected by an earlier set")
                if item.case in used_cases:
                    bad(f"{qid}: the case {item.case} of {entry} is an earlier set's")
                items.append(item)
            elif set(entry) == {"case"}:
                if entry["case"] in used_cases:
                    bad(f"{qid}: the case {entry['case']} is an earlier set's")
                if entry["case"] not in greve.by_case:
                    bad(f"{qid}: no case {entry}")
                items += greve.by_case.get(entry["case"], [])
            elif set(entry) == {"source"}:
                if entry["source"] in used_sources:
                    bad(f"{qid}: the meeting {entry['source']} is an earlier set's")
                items += greve.by_source.get(entry["source"], [])
            else:
                bad(f"{qid}: expect entry {entry}")
        if any(item.closed for item in items):
            bad(f"{qid}: a closed item is expected")
        for fragment in contains:
            if not any(_flat(fragment) in item.text for item in items):
                bad(f"{qid}: {fragment!r} stands verbatim in no expected item")
        by_meeting = Counter(e.get("source") for e in expect if "item" in e)
        whole += (
            any(set(e) == {"source"} for e in expect) or max(by_meeting.values(), default=0) >= 3
        )
        three_bodies += len({item.body for item in items}) >= 3
    answerable = [q for q in questions if q.get("kind") != "none"]
    counted = {
        "answerable": len(answerable),
        "none": len(questions) - len(answerable),
        **{
            lang: sum(q.get("lang") == lang for q in answerable)
            for lang in ("da", "en", "no", "sv")
        },
        **{kind: sum(q.get("kind") == kind for q in answerable) for kind in ("decision", "fact")},
        "short (2-4 words)": sum(2 <= len(str(q.get("q", "")).split()) <= 4 for q in questions),
    }
    problems += [f"composition: {name} {counted[name]}, want {want}"
                 for name, want in COMPOSITION.items() if counted[name] != want]  # fmt: skip
    if whole < MIN_WHOLE_MEETINGS:
        problems.append(f"composition: {whole} whole-meeting questions, want {MIN_WHOLE_MEETINGS}")
    if three_bodies < MIN_THREE_BODIES:
        problems.append(f"composition: {three_bodies} questions over three bodies")
    evidence = new.with_name(f"{new.stem}_evidence.md")
    if not evidence.exists():
        problems.append(f"no {evidence.name}")
    else:
        heads = set(re.findall(rf"^#+.*?\b({prefix}\d\d)\b", evidence.read_text("utf-8"), re.M))
        ids = [f"{prefix}{n:02d}" for n in range(1, len(questions) + 1)]
        if missing := [qid for qid in ids if qid not in heads]:
            problems.append(f"{evidence.name}: no heading for {', '.join(missing)}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    used_parser = commands.add_parser("used", help="what the earlier sets expect, as JSON")
    used_parser.add_argument("--new", type=Path, help="the set being written (left out)")
    check_parser = commands.add_parser("check", help="validate a new set")
    check_parser.add_argument("set", type=Path)
    check_parser.add_argument("--prefix", required=True, help="the ids' letter, e.g. C")
    check_parser.add_argument("--used", type=Path, help="`used` output, instead of the sets")
    for sub in (used_parser, check_parser):
        sub.add_argument("--greve", type=Path, default=GREVE)
    args = parser.parse_args()
    greve = Greve.read(args.greve)
    new = args.new if args.command == "used" else args.set
    earlier = [p for p in EARLIER if new is None or p.resolve() != new.resolve()]
    if args.command == "used":
        print(json.dumps(used(earlier, greve), ensure_ascii=False))
        return
    taken = json.loads(args.used.read_text()) if args.used else used(earlier, greve)
    problems = check(args.set, args.prefix, greve, taken)
    print("\n".join(problems) if problems else "PASS")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
