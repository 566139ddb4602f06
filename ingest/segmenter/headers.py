"""Lines that may open an agenda item, in the families minutes use for them.

    punkt     "Punkt 7: Title", "Pkt. 7 Title", "Dagsordenspunkt 7"
    slash     "PS 21/15 Title", "RS 3/15", "Sak 12/24 Title", "Saksnr. 12/24 Title"
    paragraph "§ 102 Title", "§ 102 Dnr KU.2017.3"
    word      "Ärende 5 Title", "Sag 5: Title", "Item 5 Title"
    letter    "A Administrative forhold" (an outline over "A1 …", "A2 …")
    numbered  "1. Meddelelser", "715. Kulturkommune 2017", "3) Title"
    bare      "1" alone, its title on the next line (web pages)

A line is only a candidate here; whether candidates are the items is decided by runs.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.months import MONTHS
from ingest.segmenter.case_numbers import case_line

__all__ = ["STRONG_FAMILIES", "Candidate", "candidate", "clean_line", "strip_leaders"]

STRONG_FAMILIES = frozenset({"punkt", "slash", "paragraph", "word"})

_NO_MORE_DIGITS = r"(?!\d|[/,]\d|\.\d)"
_REST = r"\s*[:.\-–)]?\s*(?P<rest>.*)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "punkt",
        re.compile(
            r"(?i:punkt|pkt\.?|dagsordens?punkt|dagsordenspkt\.?)\s*(?i:nr\.?\s*)?"
            rf"(?P<n>\d{{1,3}})(?P<l>[a-z])?{_NO_MORE_DIGITS}{_REST}"
        ),
    ),
    (
        "slash",
        re.compile(
            r"(?P<code>PS|RS|DS|OS)?(?P<word>(?i:sak|sag|saksnr\.?|saknr\.?|sak\.?\s?nr\.?|utvalgssak"
            r"|utv\.?\s?sak))?\s*:?\s*"
            rf"(?P<a>\d{{1,4}})(?!\d)\s*/\s*(?P<b>\d{{2,4}}){_NO_MORE_DIGITS}{_REST}"
        ),
    ),
    (
        "paragraph",
        re.compile(
            r"§\s*(?P<n>\d{1,4})(?!\d)(?P<l>[a-z])?"
            r"(?![\-–,.]\d|\s*(?:stk|nr|litra|,|\(|i lov|i lag|i forvaltningsloven))"
            rf"{_REST}"
        ),
    ),
    (
        "word",
        re.compile(
            r"(?i:ärende|ärendenr\.?|sag|sak|item|agenda item|dagordningspunkt|sag nr\.?)"
            rf"\s+(?P<n>\d{{1,3}})(?P<l>[a-z])?{_NO_MORE_DIGITS}{_REST}"
        ),
    ),
    # outline headings of protocols: "A Administrative forhold" over "A1 Valgstyret"
    ("letter", re.compile(r"(?P<n>[A-H])\s+(?P<rest>[A-ZÆØÅ][\w\-]+(?:\s.*)?)")),
    ("numbered", re.compile(r"(?P<n>\d{1,3})(?!\d)(?P<l>[a-z])?\s*[.)]\s+(?P<rest>\S.*)")),
    ("bare", re.compile(r"(?P<n>\d{1,3})\.?")),
)
_LINE_MAX = 300
_MARKUP = re.compile(r"^#{1,6}\s+|^\*\*|\*\*$")


@dataclass(frozen=True)
class Candidate:
    """A line that opens an agenda item if it belongs to a run of its family."""

    index: int  # line index in the document
    family: str
    seq: int  # the number that ascends through a run, ×10 plus a letter ("7a" → 71; "B" → 20)
    number: str  # the item number to store: "7", "PS 21/15", "§ 102"
    rest: str  # what follows the number on the same line (title, case number, or nothing)

    @property
    def strong(self) -> bool:
        return self.family in STRONG_FAMILIES


def clean_line(line: str) -> str:
    """A line with whitespace collapsed and markdown heading or bold marks removed."""
    text = " ".join(line.split())
    return _MARKUP.sub("", text).strip() if text[:1] in "#*" else text


def strip_leaders(text: str) -> str:
    """A table-of-contents entry without its dot leaders and page number."""
    # read from the end by hand: a regex for "dots then digits" backtracks over long runs
    end = len(text.rstrip())
    while end and text[end - 1].isdigit():
        end -= 1
    body = text[:end].rstrip(" \t.…")
    return body if body else text.strip()


def _title_like(rest: str) -> bool:
    """Titles begin with a capital, a digit or a quote ("iPad" and "eDagsorden" too)."""
    if not rest:
        return True
    first = rest[0]
    if first.isupper() or first.isdigit() or first in "\"'«»”“„(§":
        return True
    return first.islower() and len(rest) > 1 and rest[1].isupper()


def candidate(index: int, line: str) -> Candidate | None:
    """The item header this line could be, or None."""
    text = clean_line(line)
    if not text or len(text) > _LINE_MAX or not (text[0].isalnum() or text[0] == "§"):
        return None
    for family, pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = match.groupdict()
        rest = (groups.get("rest") or "").strip()
        if not _title_like(rest) or rest.split(" ", 1)[0].lower().rstrip(".") in MONTHS:
            return None  # "1. at dagsorden godkendes", "10. april 2024"
        if family == "numbered" and rest.endswith((".", ";", ",")) and not rest.endswith(".."):
            return None  # "1. Budgettet godkendes.": a list in the text, not a title
        if family == "slash":
            if not (groups["code"] or groups["word"]) or (not rest and case_line(text)):
                return None  # "21/15" or "Saksnr.: 24/456" alone is a case number, no item
            return _slash(index, groups, rest)
        number, letter = groups["n"], groups.get("l") or ""
        if family == "letter":
            return Candidate(index, family, (ord(number) - ord("A") + 1) * 10, number, rest)
        seq = int(number) * 10 + (ord(letter) - ord("a") + 1 if letter else 0)
        label = f"§ {number}{letter}" if family == "paragraph" else f"{number}{letter}"
        return Candidate(index, family, seq, label, rest)
    return None


def _slash(index: int, groups: dict[str, str], rest: str) -> Candidate:
    first, second = groups["a"], groups["b"]
    # "PS 21/15" counts sak 21 of 2015; "Sak 2021/28" writes the year first
    seq = int(second) if len(first) == 4 and first.startswith(("19", "20")) else int(first)
    number = f"{first}/{second}"
    if groups["code"]:
        number = f"{groups['code']} {number}"
    return Candidate(index, "slash", seq * 10, number, rest)
