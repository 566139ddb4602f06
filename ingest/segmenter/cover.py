"""The title on the cover of a document that is no minutes (a memo, report, invitation).

Letterheads ("SOCIAL, SUNDHED OG / BESKÆFTIGELSE", "Dato: …", "Tlf.: …", "Sagsnr: …"), the
addressee ("Til kommunalbestyrelsen"), the document kind ("Notat") and page furniture are no
title; a title set in short lines on a cover ("Projektbeskrivelse / for / etablering af …")
or cut at the line end ("… på aflastnings- / institutionen …") is joined again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.dates import parse_date
from ingest.sections import heading_of
from ingest.segmenter.headers import candidate
from ingest.segmenter.items import is_field

__all__ = ["cover_title"]

_TOP = 25
_TITLE_MAX = 200
_LINE_MAX = 70
_KINDS = frozenset({"notat", "referat", "dagsorden", "bilag", "memo", "notits", "brev"})
_ADDRESSEE = re.compile(r"(?:til|kære|to)\b[:\s]", re.IGNORECASE)
_CONNECTOR = re.compile(
    r"(?:(?:^|\s)(?:af|for|og|i|til|med|om|på|fra|av|och|of|and|the)|[-–:,])$", re.IGNORECASE
)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_CONTENTS = frozenset({"indhold", "indholdsfortegnelse", "innhold", "innholdsfortegnelse"})
_CONTENTS |= {"innehåll", "innehållsförteckning", "contents", "table of contents"}
_CONTACT = re.compile(r"@|www\.|https?://|\b\d{2}\s?\d{2}\s?\d{2}\s?\d{2}\b")


def _caps(line: str) -> bool:
    letters = [char for char in line if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def _no_title(line: str) -> bool:
    """Lines of a letterhead or cover that name no document."""
    bare = line.strip(" .:").lower()
    return (
        is_field(line)
        or _caps(line)
        or bare in _KINDS
        or not any(char.isalpha() for char in line)
        or _ADDRESSEE.match(line) is not None
        or _CONTACT.search(line) is not None
        or parse_date(line) is not None
    )


def _joins(above: str, line: str) -> bool:
    """Whether a cover line goes on with the title line above it."""
    if above.endswith((".", "!", "?")):
        return False
    if _YEAR.fullmatch(line):
        return True  # "Kvalitetsstandarder for … alkoholmisbrug" / "2013"
    if not line or _no_title(line) or len(line) > _LINE_MAX or _stops(line):
        return False
    return above.endswith("-") or line[:1].islower() or _CONNECTOR.search(above) is not None


def _stops(line: str) -> bool:
    """A heading, a table of contents or an item header: the text begins."""
    return (
        heading_of(line) is not None
        or line.strip(" :").lower() in _CONTENTS
        or candidate(0, line) is not None
    )


def _letterhead(block: list[str]) -> bool:
    """A block of lines set like a letterhead: a department's name in capitals."""
    caps = [line for line in block if _caps(line)]
    return len(caps) >= 2 or any(len(line.split()) >= 2 for line in caps)


def _blocks(content: Sequence[str | None]) -> list[list[str]]:
    """Runs of non-blank lines at the top of the text, page furniture left out."""
    blocks: list[list[str]] = [[]]
    for line in content:
        if line is None:
            continue
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
        if sum(len(block) for block in blocks) >= _TOP:
            break
    return [block for block in blocks if block]


def cover_title(content: Sequence[str | None]) -> str | None:
    """The document's title from the top of its text (None where furniture stood)."""
    for block in _blocks(content):
        if _letterhead(block):
            continue  # "SOCIAL, SUNDHED OG / BESKÆFTIGELSE / Udviklingshæmmede - …"
        lines = iter(block)
        title = next((line for line in lines if not _no_title(line)), None)
        if title is None:
            continue
        above = title
        for line in lines:
            if not _joins(above, line) or len(title) + len(line) > _TITLE_MAX:
                break
            # a word hyphenated at the line end is one word again ("aflastnings-" "institutionen")
            hyphenated = above.endswith("-") and not above.endswith(" -") and line[:1].islower()
            title = f"{title[:-1]}{line}" if hyphenated else f"{title} {line}"
            above = line
        return title.rstrip(" .")
    return None
