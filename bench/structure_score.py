"""Scoring for bench/structure.py: expectations, item matching, and the counts per document.

An expectation (JSON) describes one document, or several byte-identical ones:
    {"documents": ["os2dagsorden/edoc-ballerup/1552823.PDF"], "format": "eDoc item PDF",
     "source": "how it was read", "meetings": [{"date": "2012-12-04", "body": "…",
     "items": [{"number": "2", "title": "…", "case_number": "2012-28504", "decision": true}]}]}
or {"documents": […], "format": "scanned PDF", "refusal": "why"} for a file that must be refused.
A meeting's "date" or "body" left out is not scored; null means the document does not say, so
the reader must not say either; "body" may list the spellings the document itself uses.
An item's "title" or "case_number" null means none is printed (not scored).
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.model import AgendaItem, Meeting, SectionKind

__all__ = [
    "COUNTS", "Expectation", "ExpectedItem", "Score", "case_key", "load_expectations", "score",
]  # fmt: skip

# every count a row of the table adds up; rates are derived from pairs of them
COUNTS = (
    "documents", "refusals", "refusals_ok", "refused", "crashed", "fallback",
    "items", "found", "matched", "titles", "titles_ok", "wrapped", "cases", "cases_ok",
    "decisions", "decisions_ok", "dates", "dates_ok", "bodies", "bodies_ok",
)  # fmt: skip
_UNSCORED = object()


@dataclass(frozen=True)
class ExpectedItem:
    number: str | None
    title: str | None
    case_number: str | None
    decision: bool


@dataclass(frozen=True)
class ExpectedMeeting:
    date: object  # "YYYY-MM-DD", None, or _UNSCORED
    bodies: object  # tuple of accepted spellings, None, or _UNSCORED
    items: tuple[ExpectedItem, ...]


@dataclass(frozen=True)
class Expectation:
    document: Path  # the file to read
    name: str  # as shown: its path under the corpus (or the extra folder)
    group: str  # the table's row: folder and format
    meetings: tuple[ExpectedMeeting, ...]
    refusal: str | None = None


@dataclass
class Score:
    """The counts of one document, and what went wrong, in words."""

    counts: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def _meeting(raw: dict[str, Any]) -> ExpectedMeeting:
    body = raw.get("body", _UNSCORED)
    bodies = tuple(body) if isinstance(body, list) else (body,) if isinstance(body, str) else body
    items = tuple(
        ExpectedItem(i.get("number"), i.get("title"), i.get("case_number"), bool(i["decision"]))
        for i in raw["items"]
    )
    return ExpectedMeeting(raw.get("date", _UNSCORED), bodies, items)


def load_expectations(
    folder: Path, root: Path | None, pattern: str, label: str = ""
) -> list[Expectation]:
    """Every expectation under `folder`; documents are relative to `root` (None: the expected
    file's own folder, as for --extra)."""
    expectations = []
    for path in sorted(folder.rglob(pattern)):
        raw = json.loads(path.read_text(encoding="utf-8"))
        base = root if root is not None else path.parent
        meetings = tuple(_meeting(m) for m in raw.get("meetings", []))
        for document in raw["documents"]:
            group = f"{label or document.split('/')[0]}: {raw['format']}"
            found = Expectation(base / document, document, group, meetings, raw.get("refusal"))
            expectations.append(found)
    return expectations


def number_key(number: str | None) -> str | None:
    """'Punkt 7.' -> '7', 'sak 87/2025' -> '87/2025', 'R2024-019' -> 'r2024-19'."""
    if number is None:
        return None
    key = number.casefold().strip()
    key = re.sub(r"^(?:punkt|pkt\.?|sag|sak|ps|nr\.?|item|#)\s*", "", key)
    key = re.sub(r"\d+", lambda m: str(int(m.group())), key)
    return re.sub(r"\s+", "", key).rstrip(".:") or None


def title_key(title: str | None) -> str:
    """Whitespace collapsed, soft hyphens and a closed-item marker ('Lukket:') dropped."""
    text = unicodedata.normalize("NFC", title or "").replace("\u00ad", "")
    text = re.sub(r"\s+", " ", text).strip().rstrip(" .:")
    return re.sub(r"^lukket\s*[:\-–]\s*", "", text, flags=re.IGNORECASE)


def case_key(case_number: str | None) -> str:
    """'KS 2019/123' and 'ks2019/123' alike: spacing and case are how it is typeset."""
    return re.sub(r"\s+", "", case_number or "").casefold()


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def match(expected: list[ExpectedItem], found: list[AgendaItem]) -> dict[int, int]:
    """Expected index -> found index: by number, then by title, then a lone unnumbered pair."""
    pairs: dict[int, int] = {}
    free = set(range(len(found)))
    for e, item in enumerate(expected):
        key = number_key(item.number)
        if key is None:
            continue
        hit = next((f for f in sorted(free) if number_key(found[f].number) == key), None)
        if hit is not None:
            pairs[e] = hit
            free.discard(hit)
    candidates = sorted(
        (
            (_similar(title_key(item.title), title_key(found[f].title)), e, f)
            for e, item in enumerate(expected)
            if e not in pairs and item.title
            for f in free
        ),
        reverse=True,
    )
    for ratio, e, f in candidates:
        if ratio >= 0.8 and e not in pairs and f in free:
            pairs[e] = f
            free.discard(f)
    left = [e for e in range(len(expected)) if e not in pairs]
    if len(left) == 1 and len(free) == 1 and expected[left[0]].number is None:
        pairs[left[0]] = free.pop()
    return pairs


def has_decision(item: AgendaItem) -> bool:
    return any(s.kind == SectionKind.DECISION and s.text.strip() for s in item.sections)


def _short(text: str | None) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return f"{text[:57]}…" if len(text) > 60 else text


def _score_items(
    expected: list[ExpectedItem], found: list[AgendaItem], score: Score
) -> dict[int, int]:
    c, problems = score.counts, score.problems
    pairs = match(expected, found)
    c["items"] += len(expected)
    c["found"] += len(found)
    c["matched"] += len(pairs)
    for e, item in enumerate(expected):
        if e not in pairs:
            problems.append(f"missed item {item.number or '-'} {_short(item.title)!r}")
            continue
        got = found[pairs[e]]
        if item.title is not None:
            c["titles"] += 1
            want, have = title_key(item.title), title_key(got.title)
            if want == have:
                c["titles_ok"] += 1
            else:
                wrapped = min(len(want), len(have)) >= 3 and (
                    want.startswith(have) or have.startswith(want)
                )
                c["wrapped"] += wrapped
                kind = "wrapped title" if wrapped else "title"
                problems.append(f"{kind} {item.number or '-'}: {_short(have)!r} ≠ {_short(want)!r}")
        if item.case_number is not None:
            c["cases"] += 1
            if case_key(got.case_number) == case_key(item.case_number):
                c["cases_ok"] += 1
            else:
                problems.append(
                    f"case number {item.number}: {got.case_number} ≠ {item.case_number}"
                )
        c["decisions"] += 1
        if has_decision(got) == item.decision:
            c["decisions_ok"] += 1
        else:
            problems.append(f"decision {item.number}: {'none found' if item.decision else 'found'}")
    for f in sorted(set(range(len(found))) - set(pairs.values())):
        problems.append(f"extra item {found[f].number or '-'} {_short(found[f].title)!r}")
    return pairs


def _owner(
    want: int, expectation: Expectation, meetings: list[Meeting], pairs: dict[int, int]
) -> Meeting | None:
    """The found meeting that holds most of expected meeting `want`'s items (else by position)."""
    if not meetings:
        return None
    offsets = [0]
    for m in expectation.meetings:
        offsets.append(offsets[-1] + len(m.items))
    found_at = [k for k, m in enumerate(meetings) for _ in m.items]
    votes = Counter(
        found_at[pairs[e]] for e in range(offsets[want], offsets[want + 1]) if e in pairs
    )
    if votes:
        return meetings[votes.most_common(1)[0][0]]
    return meetings[min(want, len(meetings) - 1)]


def _body_key(body: str) -> str:
    return re.sub(r"\s+", " ", body).strip().casefold()


def _body_ok(have: str | None, accepted: object) -> bool:
    """The reader's body is one the document spells (None: it names none, nor may the reader)."""
    if not isinstance(accepted, tuple):
        return have is None
    return have is not None and _body_key(have) in {_body_key(b) for b in accepted}


def score(expectation: Expectation, meetings: list[Meeting] | None) -> Score:
    """The counts of one document read into `meetings` (None: the reader refused it)."""
    result = Score()
    c, problems = result.counts, result.problems
    c["documents"] += 1
    if expectation.refusal is not None:
        c["refusals"] += 1
        if meetings is None:
            c["refusals_ok"] += 1
        else:
            c["found"] += sum(len(m.items) for m in meetings)
            problems.append(f"read, but should be refused ({expectation.refusal})")
        return result
    if meetings is None:
        c["refused"] += 1
    found_meetings = meetings or []
    expected = [i for m in expectation.meetings for i in m.items]
    found = [i for m in found_meetings for i in m.items]
    pairs = _score_items(expected, found, result)
    for index, want in enumerate(expectation.meetings):
        got = _owner(index, expectation, found_meetings, pairs)
        if want.date is not _UNSCORED:
            c["dates"] += 1
            have = got.date.isoformat() if got and got.date else None
            if have == want.date:
                c["dates_ok"] += 1
            else:
                problems.append(f"date {have} ≠ {want.date}")
        if want.bodies is not _UNSCORED:
            c["bodies"] += 1
            have_body = got.body if got else None
            if _body_ok(have_body, want.bodies):
                c["bodies_ok"] += 1
            else:
                problems.append(f"body {have_body!r} ≠ {want.bodies!r}")
    return result
