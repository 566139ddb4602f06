"""Which items are closed (lukkede punkter), whatever format they came in.

Readers mark what their format says (a ticked "Lukket indstilling"); these rules add what
minutes say in words, in Danish, Norwegian and Swedish, and `--closed` marks a whole document.

Some phrases mean nothing else ("unntatt offentlighet", "U.off.", "offl. § 13",
"sekretessbelagd", "for lukkede døre") and mark an item wherever they stand. Words that also
name topics ("lukket", "lukkede punkter", "fortroligt", "sekretess", "ikke offentlig") mark
a title only where they stand as a label: first ("Lukket: …", "CF - Lukket punkt …"), in
brackets ("(Lukket) …", "… (lukket punkt)") or last after a dash or colon ("… – Sekretess").
So "Lukkede veje", "lukning af skole" and "adgang til lukkede punkter" stay open.
"""

from __future__ import annotations

import re

from assistant.model import Meeting

__all__ = ["closed_text", "closed_title", "mark_closed"]

# What a closed item is called: "lukket punkt", "lukket møte", "ikke offentlig behandling" …
_NOUNS = (
    r"punkt(?:er|et|ene)?|dagsordenspunkt(?:er)?|dagsorden|møde[rt]?|møte[tr]?|behandling|"
    r"sag(?:en|er)?|sak(?:en|er)?|sammanträde[nt]?|ärende[nt]?"
)
# Words that mark only as a label (see the module docstring).
_LABELS = (
    r"lukket|lukkede|lukka|lukt|fortrolig[et]?|konfidentiel[t]?|konfidensiel{1,2}[et]?|"
    r"hemmelig[et]?|hemlig[at]?|sekretess|ikke offentlig[et]?|ikkje offentleg[et]?|"
    r"ej offentlig[at]?|inte offentlig[at]?|icke offentlig[at]?"
)
_ALWAYS = (
    r"unntatt(?: fra)? (?:offentlighet(?:en)?|innsyn|off\b)|"
    r"unnateke(?: frå)? (?:offentlegheit|innsyn)|unntatt offentlegheit|"
    r"u\. ?off\b|uoff\b|offl\.? ?§|offentleglova ?§|"
    r"sekretessbelag[dt]a?\b|sekretessärende|omfattas av sekretess|sekretess enligt|"
    r"taushetsbelagt|tavshedsbelagt|for (?:lukkede|stengte|lukka) dør(?:e|er|ene)?\b"
)
_ANYWHERE = re.compile(rf"\b(?:{_ALWAYS})", re.IGNORECASE)
# Headings and an item's opening text may also say it in words, as they always could.
_IN_TEXT = re.compile(rf"\b(?:{_ALWAYS}|lukket møde|lukket punkt|lukka møte)\b", re.IGNORECASE)
_PREFIX = r"^(?:\w{1,4} ?[-–—.:] ?)?"  # "CF - ", "3. "
_LABEL = re.compile(
    # first with its noun, whatever follows: "Lukket punkt vedr. personalesag"
    rf"{_PREFIX}(?:{_LABELS}) (?:{_NOUNS})\b|"
    # first, in brackets or last, followed by a separator, a bracket or the end
    rf"(?:{_PREFIX}|[(\[] ?|[-–—:|/] )(?:{_LABELS})(?: (?:{_NOUNS}))?(?= ?[-–—:|/)\],;.]|$)",
    re.IGNORECASE,
)


def _flat(text: str) -> str:
    # one space between words, so the patterns never meet runs of whitespace
    return " ".join(text.split())


def closed_title(title: str) -> bool:
    """Whether an item's title marks it closed."""
    flat = _flat(title)
    return _ANYWHERE.search(flat) is not None or _LABEL.search(flat) is not None


def closed_text(text: str) -> bool:
    """Whether a heading or an item's opening text says the item is closed."""
    return _IN_TEXT.search(_flat(text)) is not None


def mark_closed(meetings: list[Meeting], all_closed: bool = False) -> list[Meeting]:
    """The meetings with every closed item marked; never opens an item a reader closed."""
    marked: list[Meeting] = []
    for meeting in meetings:
        items = [
            item.model_copy(update={"closed": True})
            if all_closed
            or item.closed
            or closed_title(item.title)
            or any(closed_text(s.heading[:400]) for s in item.sections)
            or any(closed_text(s.text[:400]) for s in item.sections[:1])
            else item
            for item in meeting.items
        ]
        marked.append(meeting.model_copy(update={"items": items}))
    return marked
