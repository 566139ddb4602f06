"""Case numbers as printed in Danish, Norwegian and Swedish minutes.

Labelled: "Sagsnr.: 2012-31114", "Sags nr. 23-004512", "J.nr. 09.00.00-G01-27-23",
"Arkivsak: 15/123", "Saksnr. 21/1234", "Dnr KU.2017.3", "Diarienr: KS 2017/123".
Bare, on a line of their own: "EMN-2025-009868", "09.00.00-P00-2-19", "22-012933".
A document number ("Dok.nr.: 2012-202935") is no case number.
"""

from __future__ import annotations

import re

__all__ = ["bare_case", "case_line", "find_case"]

_LABEL = (
    r"(?:sagsnr|sags\.?\s?nr|sagsnummer|sag\s?nr|j\.\s?nr|jnr|journalnr|journal\s?nr"
    r"|journalnummer|arkivsak(?:s?nr|snummer)?|arkivsak-dok|saksnr|saksnummer|sak\s?nr"
    r"|dnr|diarienr|diarienummer|ärendenr|ärendenummer|emnenr|emne\s?nr)"
)
# A letter prefix ("EMN-", "KU.", "KS "), then digits in groups joined by . / - :
_VALUE = (
    r"(?:[A-ZÆØÅÄÖ]{1,6}[ ./\-]?)?\d[\dA-Za-z]*"
    r"(?:[./\-:](?:\d[\dA-Za-z]*|[A-ZÆØÅ]{1,4}\d+))*"
)
_LABELLED = re.compile(
    rf"(?<![\w.])(?P<label>{_LABEL})\.?\s*(?::\s*)?(?P<value>{_VALUE})(?![\w/])", re.IGNORECASE
)
_BARE = re.compile(
    r"EMN-\d{4}-\d{4,8}"
    r"|\d{2}\.\d{2}\.\d{2}(?:-[A-ZÆØÅ]\d{2})?(?:-\d+){1,2}"  # KLE journal number
    r"|\d{2,4}[-/]\d{3,6}(?:-\d{1,3})?"
    r"|[A-ZÅÄÖ]{2,5}[ .]?\d{4}[./:]\d{1,5}"  # Swedish diarienummer without its label
)
# Bounded: the patterns are only tried on lines of up to this length.
_LINE_MAX = 300


def _value(match: re.Match[str]) -> str | None:
    value = match.group("value").rstrip(".:/-")
    if sum(char.isdigit() for char in value) < 3:
        return None
    if match.group("label").lower() == "arkivsak-dok":
        value = re.sub(r"-\d{1,4}$", "", value)  # the document's number within the case
    return value


def find_case(line: str) -> tuple[str, int, int] | None:
    """(case number, start, end) of a labelled case number anywhere in the line, or None."""
    if len(line) > _LINE_MAX:
        return None
    for match in _LABELLED.finditer(line):
        value = _value(match)
        if value is not None:
            return value, match.start(), match.end()
    return None


def bare_case(line: str) -> str | None:
    """The case number a line consists of, unlabelled ("EMN-2025-009868"), or None."""
    text = line.strip()
    if len(text) > 40:
        return None
    match = _BARE.fullmatch(text)
    return match.group(0) if match else None


def case_line(line: str) -> str | None:
    """The case number of a line that is only a case number, labelled or bare, or None.

    "Sagsnr.: 2012-31114" and "EMN-2025-009868" are case lines; "Sagsnr.: 2012-31114
    Dok.nr.: 2012-202935" is one as well (a field line that starts with the label).
    """
    text = " ".join(line.split())
    found = find_case(text)
    if found is not None and found[1] == 0:
        return found[0]
    return bare_case(text)
