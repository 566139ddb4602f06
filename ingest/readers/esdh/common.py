"""What the ESDH readers share: their result, dates as the XML writes them, item order."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from assistant.model import AgendaItem, Meeting
from ingest.readers.esdh.parts import PartProblem

__all__ = ["ExportRead", "by_number", "xml_date"]

# "04-12-2012 13:00:00" (eDoc, SBSYS) and "2013-06-20 10:30" (Acadre): a field of its own,
# so it is parsed strictly, never searched for in text.
_DMY = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


@dataclass(frozen=True)
class ExportRead:
    """The meetings of an export, and the files of its bundle that could not be used."""

    reader: str
    meetings: list[Meeting]
    problems: list[PartProblem] = field(default_factory=list)


def xml_date(value: str) -> dt.date | None:
    """The date of an XML date field, or None when it holds anything else."""
    value = value.strip()
    try:
        if match := _DMY.match(value):
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        if match := _YMD.match(value):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return None


def by_number(items: list[AgendaItem]) -> list[AgendaItem]:
    """Items in agenda order (exports list them in any order); unnumbered ones keep theirs."""

    def key(indexed: tuple[int, AgendaItem]) -> tuple[int, int]:
        number = indexed[1].number or ""
        return (int(number), indexed[0]) if number.isdigit() else (10**9, indexed[0])

    return [item for _, item in sorted(enumerate(items), key=key)]
