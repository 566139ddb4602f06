"""What people call a committee of several parts: "Skole-, Børne- og Ungeudvalget" is
"skoleudvalget", "børneudvalget" or "ungeudvalget" to them, and "Beskæftigelses- og
Erhvervsudvalget" the "beskæftigelsesudvalget": any one part with the head word its name ends
in.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.tokens import stem

__all__ = ["initials", "short_names"]

# the words a committee's or a board's name ends in (Danish, Norwegian, Swedish)
_HEADS = ("udvalg", "utvalg", "utskott", "nævn", "nemnd", "styre", "styrelse", "komite", "råd")
_WORD = re.compile(r"[^\W\d_]+")
MIN_PART = 4  # a part a body is called by: "børne" (Børneudvalget), not "it"


@lru_cache(maxsize=1024)  # (asked of each ranked item's body, for every question)
def short_names(body: str) -> tuple[str, ...]:
    """The stems of the one-part names of `body` ("skoleudvalg", "skoludvalg", …), each part
    with and without the letter that links it to the head (Swedish "skolutskottet" drops it),
    and its initials; none but the initials for a body of one part."""
    words = [w.lower() for w in _WORD.findall(body)]
    last = words[-1] if len(words) > 1 else ""
    head = _head(last)
    if head is None:
        return initials(body)
    parts = [*words[:-1], last[: last.index(head)]]
    return tuple(
        dict.fromkeys(
            [
                *(
                    stem(form + head)
                    for part in parts
                    if len(part) >= MIN_PART
                    for form in (part, re.sub(r"(?<=\w{4})[es]$", "", part))
                ),
                *initials(body),
            ]
        )
    )


def initials(body: str) -> tuple[str, ...]:
    """What a committee is called in short, in lower case: its parts' first letters and its
    head's ("Sundheds- og Omsorgsudvalget" is "sou", "Økonomiudvalget" "øu"), a doubled last
    letter once ("Skole-, Børne- og Ungeudvalget" is "sbu" as well as "sbuu"). None for a
    body without a head word ("Chefforum"), nor for a council of one word ("Byrådet")."""
    words = [w.lower() for w in _WORD.findall(body) if w.lower() not in _JOINING]
    if not words:
        return ()
    last = words[-1]
    head = _head(last)
    if head is None and last not in _HEADS:
        return ()
    if len(words) == 1 and head not in _COMMITTEES:
        return ()  # "Byrådet" and "Kommunestyret" go by their names ("KS" is an association)
    letters = "".join(w[0] for w in words) + (head[0] if head else "")
    return tuple(dict.fromkeys((letters, re.sub(r"(\w)\1$", r"\1", letters))))


def _head(word: str) -> str | None:
    """The head word a name's last word ends in, after a part of its own ("omsorgsudvalget" →
    "udvalg"); none for the head alone ("udvalg") or another word."""
    return next((head for head in _HEADS if head in word and word.index(head) > 0), None)


_COMMITTEES = frozenset({"udvalg", "utvalg", "utskott", "nævn", "nemnd"})
_JOINING = frozenset({"og", "i", "for", "och", "of", "and"})
