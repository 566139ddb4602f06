"""A portal's `udvalgsliste` as meetings: which to fetch, and which minutes replace an agenda."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["GUID", "PortalMeeting", "Scope", "parse_listing", "superseded"]

# ids go into URLs and file names: only GUIDs are taken
GUID = re.compile(r"^[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$")


@dataclass(frozen=True)
class PortalMeeting:
    """One meeting publication as the portal lists it (an agenda, its minutes, a supplement)."""

    id: str
    body: str  # the committee's name (Udvalg.Navn)
    body_id: str
    begins: str  # Dato / MeetingBeginUtc as written: the same meeting's agenda and minutes share it
    date: dt.date | None
    kind: str  # Navn: "Dagsorden", "Referat", "Tillægsdagsorden", "Lukket referat" …
    released: str | None
    supplementary: bool

    @property
    def file_name(self) -> str:
        """The stored file: meeting date + the id's first 8 characters, as in the Greve corpus."""
        day = self.date.isoformat() if self.date else "undated"
        return f"{day}_{self.id[:8].lower()}.json"

    @property
    def stamp(self) -> str:
        """What changes when the portal publishes the meeting anew (agenda → minutes, a fix)."""
        return json.dumps([self.kind, self.released, self.begins], ensure_ascii=False)

    @property
    def minutes(self) -> bool:
        return "referat" in self.kind.lower()

    def describe(self) -> str:
        """'Økonomiudvalget 2025-01-29 (Referat)' for reports."""
        day = self.date.isoformat() if self.date else "undated"
        return f"{self.body} {day} ({self.kind})"


@dataclass(frozen=True)
class Scope:
    """Which meetings a sync looks at (the rest it neither fetches nor removes)."""

    since: dt.date | None = None
    bodies: tuple[str, ...] = ()

    def covers(self, body: str | None, date: dt.date | None) -> bool:
        if self.since is not None and (date is None or date < self.since):
            return False
        return not self.bodies or any(_same_body(body or "", name) for name in self.bodies)


def _same_body(body: str, name: str) -> bool:
    # "Byråd" names "Byråd 2022-2025": committees carry their election period in the name
    body, name = body.casefold().strip(), name.casefold().strip()
    return body == name or body.startswith(f"{name} ")


def parse_listing(data: dict[str, Any]) -> tuple[list[PortalMeeting], list[str]]:
    """The meetings of a listing, each once, and what could not be understood."""
    meetings: dict[str, PortalMeeting] = {}
    problems: list[str] = []
    periods = data.get("Udvalg")
    for committees in (periods or {}).values():
        for committee in _dicts(committees):
            body = _text(committee.get("Navn")) or "(unnamed committee)"
            body_id = _text(committee.get("Id")) or body
            for entry in _dicts(committee.get("Moeder")):
                meeting = _meeting(entry, body, body_id)
                if meeting is None:
                    problems.append(f"a meeting of {body} without a valid id: {entry.get('Id')!r}")
                else:
                    meetings.setdefault(meeting.id, meeting)
    return list(meetings.values()), problems


def _meeting(entry: dict[str, Any], body: str, body_id: str) -> PortalMeeting | None:
    meeting_id = _text(entry.get("Id"))
    if meeting_id is None or not GUID.match(meeting_id) or set(meeting_id) <= {"0", "-"}:
        return None
    begins = _text(entry.get("Dato")) or _text(entry.get("MeetingBeginUtc")) or ""
    kind = _text(entry.get("Navn")) or "Dagsorden"
    return PortalMeeting(
        id=meeting_id.lower(),
        body=body,
        body_id=body_id,
        begins=begins,
        date=_date(begins),
        kind=kind,
        released=_text(entry.get("ReleasedDate")),
        supplementary=bool(entry.get("IsSupplementaryAgenda")) or kind.lower().startswith("tillæg"),
    )


def superseded(meetings: Sequence[PortalMeeting]) -> dict[str, list[str]]:
    """Agendas whose minutes are listed too (same committee, same start), each with the ids
    of those minutes: the minutes replace them, supplementary agendas included (the minutes
    hold their items)."""
    groups: dict[tuple[str, str], list[PortalMeeting]] = defaultdict(list)
    for meeting in meetings:
        if meeting.begins:
            groups[(meeting.body_id, meeting.begins)].append(meeting)
    replaced: dict[str, list[str]] = {}
    for group in groups.values():
        minutes = [m.id for m in group if m.minutes]
        if minutes:
            replaced.update({m.id: minutes for m in group if not m.minutes})
    return replaced


def _date(text: str) -> dt.date | None:
    # "2022-01-14T08:00:00+01:00": local time with its offset, so the date part is the local date
    try:
        return dt.datetime.fromisoformat(text).date() if text else None
    except ValueError:
        return None


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _dicts(value: object) -> Iterable[dict[str, Any]]:
    return (entry for entry in value if isinstance(entry, dict)) if isinstance(value, list) else ()
