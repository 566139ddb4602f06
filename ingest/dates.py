"""Dates as written in Danish, Norwegian and English minutes → `datetime.date`.

Understood: "10-04-2024", "10.04.2024", "10/04/2024", "2024-04-10", "10. april 2024",
"1 mai 2019", "10. apr. 2024", "April 10, 2024". Two-digit years are not: journal numbers
such as 09.00.00 would read as dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from assistant.months import MONTHS

__all__ = ["MONTHS", "find_date", "find_dates", "parse_date"]

# Longest names first so "marts" is not read as "mar" + "ts".
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 10-04-2024, 10.04.2024, 10/04/2024: the same separator twice, so "10.04-2024" is no date.
    ("dmy", re.compile(r"(?<![\d.\-/])(\d{1,2})([-./])(\d{1,2})\2(\d{4})(?![\d\-/]|\.\d)")),
    ("ymd", re.compile(r"(?<![\d.\-/])(\d{4})-(\d{2})-(\d{2})(?![\d\-/])")),
    # 10. april 2024, 1 mai 2019, 10. apr. 2024, 10 April, 2024
    (
        "d_month_y",
        re.compile(rf"(?<![\w.])(\d{{1,2}})\.?\s+({_MONTH})\.?,?\s+(\d{{4}})(?!\d)", re.I),
    ),
    # April 10, 2024 / April 10th 2024
    (
        "month_d_y",
        re.compile(
            rf"(?<!\w)({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.I
        ),
    ),
)

# What may surround a date that is the whole of a field: "Onsdag d. 10. april 2024 kl. 09:00".
_WEEKDAYS = (
    "mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_PREFIX = re.compile(rf"^(?:(?:{_WEEKDAYS}),?\s+)?(?:(?:d\.|den)\s+)?", re.I)
_SUFFIX = re.compile(r"\s*(?:,?\s*(?:kl\.?|klokken|at)\s*\d{1,2}[:.]\d{2}.*)?[.,;]?$", re.I)


def _build(kind: str, groups: tuple[str, ...]) -> dt.date | None:
    """The date a match stands for, or None when it names no real day (31-02-2024)."""
    if kind == "dmy":
        day, month, year = int(groups[0]), int(groups[2]), int(groups[3])
    elif kind == "ymd":
        year, month, day = (int(g) for g in groups)
    elif kind == "d_month_y":
        day, month, year = int(groups[0]), MONTHS[groups[1].lower()], int(groups[2])
    else:
        month, day, year = MONTHS[groups[0].lower()], int(groups[1]), int(groups[2])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _matches(text: str) -> Iterator[tuple[int, int, dt.date]]:
    """(start, end, date) of every valid date in the text, in no particular order."""
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            date = _build(kind, match.groups())
            if date is not None:
                yield match.start(), match.end(), date


def find_dates(text: str) -> list[dt.date]:
    """Every date in the text, in the order they are written."""
    return [date for _, _, date in sorted(_matches(text), key=lambda found: found[0])]


def find_date(text: str) -> dt.date | None:
    """The first date written in the text, or None."""
    found = min(_matches(text), key=lambda match: match[0], default=None)
    return found[2] if found is not None else None


def parse_date(text: str) -> dt.date | None:
    """The date a field holds ("d. 10. april 2024", "10-04-2024"), or None if it holds more."""
    # whitespace collapsed first: _SUFFIX's neighbouring `\s*` would split a long run every way
    core = _SUFFIX.sub("", _PREFIX.sub("", " ".join(text.split())))
    for start, end, date in _matches(core):
        if start == 0 and end == len(core):
            return date
    return None
