"""Month names as minutes and questions write them (Danish, Norwegian, Swedish, English;
common abbreviations): one table for reading dates in documents and periods in questions."""

from __future__ import annotations

__all__ = ["MONTHS", "MONTH_NAMES", "MONTH_TYPED"]

_FULL: dict[str, int] = {
    "januar": 1, "january": 1, "februar": 2, "february": 2, "marts": 3, "mars": 3, "march": 3,
    "april": 4, "maj": 5, "mai": 5, "may": 5, "juni": 6, "june": 6, "juli": 7, "july": 7,
    "august": 8, "september": 9, "oktober": 10, "october": 10, "november": 11,
    "december": 12, "desember": 12,
    # Swedish
    "januari": 1, "februari": 2, "augusti": 8,
}  # fmt: skip
_SHORT: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9, "sep": 9,
    "okt": 10, "oct": 10, "nov": 11, "dec": 12, "des": 12,
}  # fmt: skip

MONTHS: dict[str, int] = {**_FULL, **_SHORT}
# full names only, longest first so that "marts" is never read as "mar" + "ts"
MONTH_NAMES: tuple[str, ...] = tuple(sorted(_FULL, key=len, reverse=True))
# as a question may type them, abbreviations too ("i feb 2025", "26. okt. 2023", "Sept 2024"),
# as a pattern: a name first, then an abbreviation and its full stop outside the group
MONTH_TYPED = (
    r"(" + "|".join((*MONTH_NAMES, *sorted(_SHORT, key=len, reverse=True))) + r")(?:\.(?!\d))?"
)
