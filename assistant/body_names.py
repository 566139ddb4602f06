"""What people call a committee of several parts: "Skole-, Børne- og Ungeudvalget" is
"skoleudvalget", "børneudvalget" or "ungeudvalget" to them, and "Beskæftigelses- og
Erhvervsudvalget" the "beskæftigelsesudvalget": any one part with the head word its name ends
in.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.tokens import stem

__all__ = ["short_names"]

# the words a committee's or a board's name ends in (Danish, Norwegian, Swedish)
_HEADS = ("udvalg", "utvalg", "utskott", "nævn", "nemnd", "styre", "styrelse", "komite", "råd")
_WORD = re.compile(r"[^\W\d_]+")
MIN_PART = 4  # a part a body is called by: "børne" (Børneudvalget), not "it"


@lru_cache(maxsize=1024)  # (asked of each ranked item's body, for every question)
def short_names(body: str) -> tuple[str, ...]:
    """The stems of the one-part names of `body` ("skoleudvalg", "skoludvalg", …), each part
    with and without the letter that links it to the head (Swedish "skolutskottet" drops it);
    none for a body of one part."""
    words = [w.lower() for w in _WORD.findall(body)]
    last = words[-1] if len(words) > 1 else ""
    head = next((h for h in _HEADS if h in last and last.index(h) > 0), None)
    if head is None:
        return ()
    parts = [*words[:-1], last[: last.index(head)]]
    return tuple(
        dict.fromkeys(
            stem(form + head)
            for part in parts
            if len(part) >= MIN_PART
            for form in (part, re.sub(r"(?<=\w{4})[es]$", "", part))
        )
    )
