"""Section captions of Danish agenda systems → section kinds, judged against the meeting date.

ESDH systems (eDoc, SBSYS, Acadre) print their item fields under fixed captions
(Sammendrag, Beslutningen træffes af, "Sundheds- og Forebyggelsesudvalgets beslutning den
04.12.2012 Punkt 4", "Beslutning i Udvalget for … den 10-04-2013"). A decision caption dated
another day than the meeting is the item's history, an earlier meeting's decision: calling it
this meeting's decision would cite the wrong meeting.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.model import SectionKind
from ingest.dates import find_date
from ingest.sections import section_kind

__all__ = ["CAPTIONS", "caption_kind", "is_caption"]

# Field captions as the systems print them (lower case, without a trailing colon).
CAPTIONS = frozenset(
    {
        "sammendrag", "resume", "resumé", "baggrund", "sagsfremstilling",
        "supplerende sagsfremstilling", "sagsbeskrivelse", "økonomi",
        "økonomiske konsekvenser", "økonomiske konsekvenser og finansiering",
        "økonomi og organisatoriske konsekvenser", "beslutningen træffes af",
        "sagen afgøres af", "sagen afgøres i", "indstilling", "administrationens indstilling",
        "supplerende indstilling", "beslutning", "bilag", "tidligere behandling",
        "punktet behandlet tidligere", "lovgrundlag", "retsgrundlag", "kommunikation",
        "høring", "vurdering", "sagens forløb", "miljøvurdering",
    }
)  # fmt: skip
_WHO_DECIDES = ("beslutningen træffes af", "sagen afgøres af", "sagen afgøres i")
_HISTORY = ("tidligere behandling", "punktet behandlet tidligere", "behandlet tidligere")
_DATE = r"\d{1,2}[.\-/]\d{1,2}[.\-/]\d{4}|\d{1,2}\.?\s+[a-zæøå]+\.?\s+\d{4}"
# "Økonomiudvalgets beslutning den 04.12.2012 Punkt 4", "Beslutning i PUK den 20-06-2013"
_DATED_DECISION = re.compile(
    rf"^(?:[^\n]{{0,150}}?\s)?beslutning(?:\s+i\s+[^\n]{{1,150}}?)?\s+(?:den|d\.)\s+"
    rf"(?P<date>{_DATE})(?:\s+(?:punkt|pkt\.?)\s*\d{{1,4}}[a-z]?)?\s*:?$",
    re.IGNORECASE,
)
_MAX_CAPTION = 250


def _key(caption: str) -> str:
    return " ".join(caption.lower().split()).rstrip(" :.")


def _decision_date(caption: str) -> dt.date | None:
    line = " ".join(caption.split())
    if len(line) > _MAX_CAPTION:
        return None
    match = _DATED_DECISION.match(line)
    return find_date(match.group("date")) if match else None


def is_caption(line: str) -> bool:
    """Whether a line of item text is a field caption (a section heading)."""
    return _key(line) in CAPTIONS or _decision_date(line) is not None


def caption_kind(caption: str, meeting_date: dt.date | None) -> SectionKind:
    """The kind of a section under this caption, in a meeting held on `meeting_date`."""
    key = _key(caption)
    if key.startswith(_WHO_DECIDES):
        return SectionKind.OTHER  # who decides, not what was decided
    decided = _decision_date(caption)
    if decided is not None:
        return (
            SectionKind.HISTORY
            if meeting_date and decided != meeting_date
            else SectionKind.DECISION
        )
    if key.startswith(_HISTORY):
        return SectionKind.HISTORY
    if key.endswith("beslutning"):  # "Forretningsudvalgets beslutning"
        return SectionKind.DECISION
    if key.endswith("indstilling"):  # "Administrationens indstilling"
        return SectionKind.RECOMMENDATION
    return section_kind(caption)
