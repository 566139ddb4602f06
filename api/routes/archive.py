"""Reading the archive: meetings, agenda items (what a citation opens) and cases."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ArchiveDep, Reader
from api.schemas import (
    ERRORS,
    CasePublic,
    CitationPublic,
    ItemPublic,
    ItemSummary,
    MeetingPublic,
    MeetingsPage,
    MeetingSummary,
    SectionPublic,
    StagePublic,
)
from assistant.errors import NotFoundError
from assistant.model import Meeting

__all__ = ["router"]

router = APIRouter(prefix="/v1", responses=ERRORS, tags=["archive"])


def _summary(meeting_id: str, meeting: Meeting, items: int) -> MeetingSummary:
    return MeetingSummary(
        id=meeting_id,
        source=meeting.source,
        municipality=meeting.municipality,
        body=meeting.body,
        date=meeting.date,
        place=meeting.place,
        url=meeting.url,
        items=items,
    )


@router.get("/meetings", response_model=MeetingsPage, summary="List meetings, newest first")
def list_meetings(
    archive: ArchiveDep,
    who: Reader,
    body: Annotated[str | None, Query(max_length=200)] = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> MeetingsPage:
    total, page = archive.meetings(body, date_from, date_to, limit, offset, who.sees_closed)
    return MeetingsPage(
        total=total,
        limit=limit,
        offset=offset,
        meetings=[_summary(mid, meeting, n) for mid, meeting, n in page],
    )


@router.get("/meetings/{meeting_id}", response_model=MeetingPublic, summary="One meeting")
def get_meeting(meeting_id: str, archive: ArchiveDep, who: Reader) -> MeetingPublic:
    """The meeting with its agenda items (closed ones only for keys with that scope)."""
    found = archive.meeting(meeting_id, who.sees_closed)
    if found is None or not found[1]:
        # a meeting the caller sees no item of is not there for them: ids are sha1(source +
        # index), so a name guessed from a file name must not learn its date and place
        raise NotFoundError(f"no meeting with id {meeting_id!r}: GET /v1/meetings lists them")
    meeting, items = found
    agenda = [
        ItemSummary(
            id=s.id,
            number=s.item.number,
            title=s.item.title,
            case_number=s.item.case_number,
            closed=s.item.closed,
        )
        for s in items
    ]
    summary = _summary(meeting_id, meeting, len(agenda))
    return MeetingPublic(**summary.model_dump(), participants=meeting.participants, agenda=agenda)


@router.get("/items/{item_id}", response_model=ItemPublic, summary="One agenda item, whole")
def get_item(item_id: str, archive: ArchiveDep, who: Reader) -> ItemPublic:
    """An agenda item with all its sections: what a citation opens."""
    stored = archive.item(item_id, who.sees_closed)
    if stored is None:
        # a closed item is answered exactly like one that does not exist
        raise NotFoundError(f"no agenda item with id {item_id!r}")
    item, meeting = stored.item, stored.meeting
    # the meeting's own count of items this caller sees (it read 0 here before)
    agenda = archive.meeting(stored.meeting_id, who.sees_closed)
    return ItemPublic(
        id=stored.id,
        number=item.number,
        title=item.title,
        case_number=item.case_number,
        closed=item.closed,
        page_start=item.page_start,
        page_end=item.page_end,
        meeting=_summary(stored.meeting_id, meeting, len(agenda[1]) if agenda else 0),
        sections=[
            SectionPublic(kind=s.kind.value, heading=s.heading, text=s.text, page=s.page)
            for s in item.sections
        ],
    )


@router.get("/cases/{case_number}", response_model=CasePublic, summary="A case's stages")
def get_case(case_number: str, archive: ArchiveDep, who: Reader) -> CasePublic:
    """Every stage of the case across bodies, oldest first, with its decision and votes."""
    stages = archive.case(case_number, who.sees_closed)
    return CasePublic(
        case_number=case_number,
        stages=[
            StagePublic(decided=s.decided, votes=s.votes, citation=CitationPublic.of(s.citation))
            for s in stages
        ],
    )
