"""Sentence spans in Danish/Norwegian minutes: where a quote may start and end.

A full stop after an abbreviation ("ca. 170 tkr.", "bl.a.", "jf.") or before a lower-case word
or a digit does not end a sentence; a line break always does (minutes are full of lists).
"""

from __future__ import annotations

import re

__all__ = ["sentence_spans", "sentences"]

_ABBREVIATIONS = frozenset(
    [
        "ca",
        "bl.a",
        "fx",
        "f.eks",
        "jf",
        "jfr",
        "nr",
        "kr",
        "mio",
        "mia",
        "pkt",
        "stk",
        "evt",
        "inkl",
        "ekskl",
        "dvs",
        "mv",
        "m.v",
        "osv",
        "ift",
        "vedr",
        "ang",
        "tlf",
        "mht",
        "pga",
        "p.g.a",
        "s.u",
        "kl",
        "dir",
        "adm",
        "afd",
        "ca.",
        "etc",
        "vs",
        "no",
        "ref",
        "resp",
        "dkk",
        "nok",
        "hhv",
    ]
)
_ENUMERATOR = re.compile(r"^\(?(\d{1,2}|[a-z]|[ivx]{1,4})(\.?[-–]\d{1,2})?\)?$", re.IGNORECASE)
_BOUNDARY = re.compile(r"[.!?:;](?=\s)|\n")
_WORD_BEFORE = re.compile(r"(\S+)$")
_NEXT_CHARACTER = re.compile(r"\s*(\S)")


def _ends_sentence(text: str, end: int) -> bool:
    """Is the punctuation at text[end] a real sentence end?"""
    if text[end] == "\n":
        return True
    if text[end] in ";:":
        return text[end + 1 : end + 3].startswith("\n")
    word = _WORD_BEFORE.search(text[max(0, end - 60) : end])  # the word before the mark
    if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
        return False
    if word and _ENUMERATOR.match(word.group(1)):
        return False  # "1. Udvalget ønsker …", "1.-3. Anbefales": a list number opens a sentence
    following = _NEXT_CHARACTER.match(text, end + 1)
    return following is None or not (following.group(1).islower() or following.group(1).isdigit())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed; text[start:end] is verbatim."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if not _ends_sentence(text, match.start()):
            continue
        end = match.start() + (0 if text[match.start()] == "\n" else 1)
        _add(text, start, end, spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + (len(piece) - len(piece.lstrip()))
        spans.append((offset, offset + len(stripped)))


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]
