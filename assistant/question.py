"""What a question asks for, beyond its words: language, whether it is about a decision, and
the period it names ("i 2024", "i januar 2020", "sidste år")."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from assistant.tokens import content_words

__all__ = ["Question", "analyse", "with_context"]

_DECISION = re.compile(
    r"\b(beslut\w*|vedt\w*|godkend\w*|godkj\w*|decid\w*|decision\w*|resolv\w*|resolution\w*|"
    r"approv\w*|afgjort|afgør\w*|bestemt\w*|bevilg\w*|bevilget)\b",
    re.IGNORECASE,
)
_NORWEGIAN = re.compile(
    r"\b(hva|hvem|ble|blir|vedtatt|vedtak|kommunestyret|formannskapet|ikke|også|etter|"
    r"hvordan|hvorfor|skjedde|møte|sak|bruken|av)\b",
    re.IGNORECASE,
)
_DANISH = re.compile(
    r"\b(hvad|hvem|blev|bliver|besluttet|beslutning|ikke|også|efter|hvordan|hvorfor|skete|"
    r"møde|sagen|af|om|hvornår|hvilke)\b",
    re.IGNORECASE,
)
_ENGLISH = re.compile(
    r"\b(what|who|when|how|why|was|were|the|about|decided|which|did|is|of)\b", re.IGNORECASE
)
_MONTHS = {
    "januar": 1, "january": 1, "februar": 2, "february": 2, "marts": 3, "mars": 3, "march": 3,
    "april": 4, "maj": 5, "mai": 5, "may": 5, "juni": 6, "june": 6, "juli": 7, "july": 7,
    "august": 8, "september": 9, "oktober": 10, "october": 10, "november": 11, "december": 12,
    "desember": 12,
}  # fmt: skip
_MONTH_YEAR = re.compile(
    r"\b(?:i|in|during|under)\s+(" + "|".join(_MONTHS) + r")\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# "i 2024" is a period; "budget 2024" or "målsætninger 2024" is a name and narrows nothing
_YEAR = re.compile(r"\b(?:i|in|during|under|året|year)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_LAST_YEAR = re.compile(r"\b(sidste år|sist år|i fjor|ifjor|last year|forrige år)\b", re.I)
_THIS_YEAR = re.compile(r"\b(i år|this year)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Question:
    text: str
    language: str  # "da", "no" or "en"
    about_decision: bool
    date_from: dt.date | None
    date_to: dt.date | None


def _language(text: str) -> str:
    scores = {
        "no": len(_NORWEGIAN.findall(text)) + 0.5 * len(re.findall(r"\bhva\b|\bble\b", text, re.I)),
        "da": len(_DANISH.findall(text)),
        "en": len(_ENGLISH.findall(text)),
    }
    return max(scores, key=lambda k: (scores[k], k == "da"))


def _period(text: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    if match := _MONTH_YEAR.search(text):
        month, year = _MONTHS[match.group(1).lower()], int(match.group(2))
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    if match := _YEAR.search(text):
        year = int(match.group(1))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if _LAST_YEAR.search(text):
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if _THIS_YEAR.search(text):
        return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    return None, None


def analyse(text: str, today: dt.date | None = None) -> Question:
    """Read a question for what retrieval should do with it."""
    date_from, date_to = _period(text, today or dt.date.today())
    return Question(
        text=text,
        language=_language(text),
        about_decision=bool(_DECISION.search(text)),
        date_from=date_from,
        date_to=date_to,
    )


def with_context(question: str, previous: list[str]) -> str:
    """What to search for in a follow-up ("og hvad kostede det?"): short questions borrow the
    topic of the one before; full questions stand on their own."""
    if previous and len(content_words(question)) < 3:
        return f"{previous[-1]} {question}"
    return question
