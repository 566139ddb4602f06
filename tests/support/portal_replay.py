"""A FirstAgenda publication portal on loopback, replaying Greve meetings, with faults to inject.

It serves what the real portal serves: `udvalgsliste` (built from the meetings it holds),
`dagsorden/{id}` (the meeting's JSON as collected from Greve's portal) and `Vis/Pdf/bilag/{id}`
(real PDFs from the corpus standing in for the attachments the JSON names). A test can queue
faults per path (500, 429 with Retry-After, a slow answer, cut-off JSON), turn an agenda into
its minutes, remove a meeting, or hold a request until it says so; every request is logged.
"""

from __future__ import annotations

import asyncio
import copy
import json
import re
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from tests.support.server import running

__all__ = ["Fault", "Logged", "PortalReplay", "agenda_of", "serving"]

LISTING = "/api/agenda/udvalgsliste"
SESSION_COOKIE = ".AspNet.Cookies"
_DECISION = re.compile(r"<div><h3>Beslutning</h3>.*?</div>", re.S)


def agenda_of(meeting: dict[str, Any]) -> dict[str, Any]:
    """The agenda a meeting's minutes were made from: the same items without decisions."""
    agenda = copy.deepcopy(meeting)
    agenda["Moede"]["Navn"] = "Dagsorden"
    for point in agenda["Dagsordenpunkter"]:
        for field_ in point.get("Felter") or []:
            html = field_.get("Html")
            if isinstance(html, str):
                # a closed item's minutes are its decision alone, bare: its agenda shows none
                field_["Html"] = _DECISION.sub("", html) if "<h3>" in html else ""
    return agenda


@dataclass
class Fault:
    """What the portal does instead of answering, once: a status (with Retry-After), a
    delay before answering, a cut-off body, or holding the request until `release()`."""

    status: int | None = None
    retry_after: str | None = None
    delay: float = 0.0
    truncate: bool = False
    hold: bool = False


@dataclass(frozen=True)
class Logged:
    path: str
    at: float
    user_agent: str


@dataclass
class _Meeting:
    data: dict[str, Any]
    kind: str
    released: str


@dataclass
class PortalReplay:
    """The portal's state; `app()` serves it."""

    meetings: dict[str, _Meeting] = field(default_factory=dict)
    documents: dict[str, bytes] = field(default_factory=dict)
    faults: dict[str, list[Fault]] = field(default_factory=lambda: defaultdict(list))
    log: list[Logged] = field(default_factory=list)
    wants_session: bool = False
    released: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def of(cls, files: list[Path], agendas: tuple[str, ...] = ()) -> PortalReplay:
        """A portal publishing these meeting files as minutes; meetings whose id starts with
        one of `agendas` are published as their agenda (decisions left out) instead."""
        replay = cls()
        for path in files:
            data = json.loads(path.read_text(encoding="utf-8"))
            if agendas and data["Id"].startswith(agendas):
                replay.add(agenda_of(data), "Dagsorden", "2020-01-01T12:00:00+01:00")
            else:
                replay.add(data, "Referat", "2020-01-02T12:00:00+01:00")
        return replay

    def add(self, data: dict[str, Any], kind: str, released: str) -> None:
        self.meetings[data["Id"]] = _Meeting(data, kind, released)

    def attach(self, document_id: str, pdf: Path | bytes) -> None:
        self.documents[document_id] = pdf if isinstance(pdf, bytes) else pdf.read_bytes()

    def fail(self, path: str, *faults: Fault) -> None:
        self.faults[path].extend(faults)

    def publish_minutes(
        self, agenda_id: str, minutes: dict[str, Any], new_id: str | None = None
    ) -> None:
        """The minutes replace the agenda: under the same id (most portals), or as a new
        publication beside it (`new_id`)."""
        data = copy.deepcopy(minutes)
        data["Moede"]["Navn"] = "Referat"
        if new_id is None:
            self.add({**data, "Id": agenda_id}, "Referat", "2020-02-01T12:00:00+01:00")
        else:
            self.add({**data, "Id": new_id}, "Referat", "2020-02-01T12:00:00+01:00")

    def remove(self, meeting_id: str) -> None:
        del self.meetings[meeting_id]

    def requested(self, path: str) -> list[Logged]:
        return [entry for entry in self.log if entry.path == path]

    def listing(self) -> dict[str, Any]:
        committees: dict[str, dict[str, Any]] = {}
        for meeting_id, meeting in self.meetings.items():
            body = meeting.data["Udvalg"]
            committee = committees.setdefault(
                body["Id"],
                {"Id": body["Id"], "Navn": body["Navn"], "Historisk": False,
                 "OrganisationId": "00000000-0000-0000-0000-000000000000", "Moeder": []},
            )  # fmt: skip
            moede = meeting.data["Moede"]
            committee["Moeder"].append(
                {"Id": meeting_id, "Navn": meeting.kind, "Dato": moede["Dato"],
                 "MeetingBeginUtc": moede["MeetingBeginUtc"], "Sted": moede.get("Sted"),
                 "IsSupplementaryAgenda": False, "ReleasedDate": meeting.released},
            )  # fmt: skip
        return {"Udvalg": {"Udvalg 2022-2025": list(committees.values())}}

    def app(self) -> Starlette:
        async def answer(request: Request) -> Response:
            path = request.url.path
            self.log.append(Logged(path, time.monotonic(), request.headers.get("user-agent", "")))
            if path == "/Home/AnonymousAuthentication":
                response = RedirectResponse(request.query_params.get("callback", "/"), 302)
                response.set_cookie(SESSION_COOKIE, "anonymous")
                return response
            if self.wants_session and SESSION_COOKIE not in request.cookies:
                return Response("log in", status_code=401)
            body = self._body(path)
            fault = self.faults[path].pop(0) if self.faults.get(path) else None
            if fault is not None:
                if fault.hold:
                    await asyncio.to_thread(self.released.wait, 60)
                await asyncio.sleep(fault.delay)
                if fault.status is not None:
                    headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                    return Response("busy", status_code=fault.status, headers=headers)
                if fault.truncate and body is not None:
                    body = body[: len(body) // 2]
            if body is None:
                return Response("not found", status_code=404)
            kind = "application/pdf" if path.startswith("/Vis/") else "application/json"
            return Response(body, media_type=kind)

        return Starlette(routes=[Route("/{path:path}", answer)])

    def _body(self, path: str) -> bytes | None:
        if path == LISTING:
            return json.dumps(self.listing(), ensure_ascii=False).encode()
        if path.startswith("/api/agenda/dagsorden/"):
            meeting = self.meetings.get(path.rsplit("/", 1)[1])
            if meeting is None:
                return None
            data = {**meeting.data, "Moede": {**meeting.data["Moede"], "Navn": meeting.kind}}
            return json.dumps(data, ensure_ascii=False).encode()
        if path.startswith("/Vis/Pdf/bilag/"):
            return self.documents.get(path.rsplit("/", 1)[1])
        return None


@contextmanager
def serving(replay: PortalReplay) -> Iterator[str]:
    """The replay on a free loopback port; yields its base URL."""
    try:
        with running(replay.app()) as url:  # type: ignore[arg-type]
            yield url
    finally:
        replay.released.set()
