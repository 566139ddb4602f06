"""`sync_portal` against a replayed FirstAgenda portal on loopback: faults, changes between
syncs, removals; after each sync the archive equals `ingest` of the sync folder."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.model import SectionKind
from assistant.settings import Settings
from ingest.sync.listing import parse_listing, superseded
from tests.conftest import FIXTURES
from tests.support.portal_replay import LISTING, Fault, PortalReplay, agenda_of, serving
from tests.support.synced import assert_equals_direct_ingest, folder_of, run_sync, sync_settings

GREVE = FIXTURES / "greve"
FILES = sorted(GREVE.glob("*.json"))
BYRAAD = "8b2f1d8b-1257-4858-911b-465533ce6799"  # 2022-01-14, 4 items
KULTUR = "72ddf1fa-ac50-4bb9-96ef-18b04df077b5"  # 2022-12-12, 3 items
SKOLE = "0ea27225-61a0-4ab3-9350-69f973989320"  # 2023-02-07, 7 items
OEKONOMI = "eb813156-9a4b-413b-b59d-371ab2038456"  # 2025-01-29, 3 items
KULTUR_MINUTES = "72ddf1fb-0000-4000-8000-000000000001"


def _data(prefix: str) -> dict[str, object]:
    (path,) = [p for p in FILES if p.name.endswith(f"_{prefix[:8]}.json")]
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def synced(settings: Settings, embedder: Embedder) -> Iterator[Archive]:
    opened = Archive(sync_settings(settings), embedder)
    yield opened
    opened.close()


def test_a_first_sync_rides_out_faults_and_stores_what_ingest_would(
    synced: Archive, tmp_path: Path, embedder: Embedder
) -> None:
    replay = PortalReplay.of(FILES)
    replay.fail(LISTING, Fault(status=500))
    replay.fail(f"/api/agenda/dagsorden/{BYRAAD}", Fault(status=429, retry_after="1"))
    replay.fail(f"/api/agenda/dagsorden/{KULTUR}", Fault(delay=2.5))  # past the 1 s timeout
    replay.fail(f"/api/agenda/dagsorden/{SKOLE}", Fault(truncate=True))
    replay.fail(f"/api/agenda/dagsorden/{OEKONOMI}", Fault(status=503), Fault(status=502))
    with serving(replay) as url:
        report = run_sync(synced, url)

    assert report.failed == []
    assert sorted(report.new) == [p.name for p in FILES]
    assert report.summary()["items"] == 17
    assert len(replay.requested(LISTING)) == 2
    asked = {m: len(replay.requested(f"/api/agenda/dagsorden/{m}")) for m in (BYRAAD, KULTUR)}
    assert asked == {BYRAAD: 2, KULTUR: 2}
    assert len(replay.requested(f"/api/agenda/dagsorden/{SKOLE}")) == 2
    assert len(replay.requested(f"/api/agenda/dagsorden/{OEKONOMI}")) == 3
    # the 429 said "Retry-After: 1": the portal was asked again after a second, not 0.05 s
    first, again = replay.requested(f"/api/agenda/dagsorden/{BYRAAD}")
    assert again.at - first.at >= 0.95
    assert all(entry.user_agent.startswith("Referat/") for entry in replay.log)

    folder = folder_of(synced)
    assert sorted(p.name for p in folder.glob("*.json")) == [p.name for p in FILES]
    assert not list(folder.glob(".tmp-*"))
    assert_equals_direct_ingest(synced, folder, tmp_path, embedder)


def test_minutes_replace_agendas_and_removed_meetings_go(
    synced: Archive, tmp_path: Path, embedder: Embedder
) -> None:
    replay = PortalReplay.of(FILES, agendas=(BYRAAD[:8], KULTUR[:8]))
    with serving(replay) as url:
        first = run_sync(synced, url)
        assert len(first.new) == 4
        decisions = _decisions(synced, "2022-01-14_8b2f1d8b.json")
        assert decisions == []  # the agenda: nothing decided yet

        # the Byråd agenda becomes its minutes under the same id; Kultur's minutes come as a
        # new publication beside the agenda; Økonomiudvalget's meeting is taken down
        replay.publish_minutes(BYRAAD, _data(BYRAAD))
        replay.publish_minutes(KULTUR, _data(KULTUR), new_id=KULTUR_MINUTES)
        replay.remove(OEKONOMI)
        replay.log.clear()
        second = run_sync(synced, url)

        assert second.failed == []
        assert second.changed == ["2022-01-14_8b2f1d8b.json"]
        assert second.new == ["2022-12-12_72ddf1fb.json"]
        assert sorted(second.removed) == ["2022-12-12_72ddf1fa.json", "2025-01-29_eb813156.json"]
        assert second.unchanged == 1
        fetched = sorted(e.path.rsplit("/", 1)[1] for e in replay.log if "/dagsorden/" in e.path)
        assert fetched == sorted([BYRAAD, KULTUR_MINUTES])
        assert "Dagsordenen blev godkendt." in _decisions(synced, "2022-01-14_8b2f1d8b.json")[0]
        sources = {d.source for d in synced.catalog.documents()}
        assert sources == {
            "2022-01-14_8b2f1d8b.json", "2022-12-12_72ddf1fb.json", "2023-02-07_0ea27225.json",
        }  # fmt: skip
        folder = folder_of(synced)
        assert {p.name for p in folder.glob("*.json")} == sources
        assert_equals_direct_ingest(synced, folder, tmp_path, embedder)

        replay.log.clear()
        third = run_sync(synced, url)
    assert (third.new, third.changed, third.removed, third.unchanged) == ([], [], [], 3)
    assert [e.path for e in replay.log] == [LISTING]


def _decisions(archive: Archive, source: str) -> list[str]:
    return [
        section.text
        for stored in archive.catalog.items_of_source(source)
        for section in stored.item.sections
        if section.kind is SectionKind.DECISION
    ]


def test_a_failed_meeting_is_reported_kept_out_and_fetched_next_time(synced: Archive) -> None:
    replay = PortalReplay.of(FILES[:2])
    path = f"/api/agenda/dagsorden/{BYRAAD}"
    replay.fail(path, *[Fault(status=500)] * 4)  # more than the 3 retries
    with serving(replay) as url:
        first = run_sync(synced, url)
        assert [f.what for f in first.failed] == [
            "2022-01-14_8b2f1d8b.json (Byråd 2022-2025 2022-01-14 (Referat))"
        ]
        assert "answered 500" in first.failed[0].reason
        assert "try again later" in first.failed[0].reason
        assert first.new == ["2022-12-12_72ddf1fa.json"]
        second = run_sync(synced, url)
    assert second.failed == [] and second.new == ["2022-01-14_8b2f1d8b.json"]
    assert second.unchanged == 1


def test_a_retry_after_longer_than_allowed_is_not_waited_for(synced: Archive) -> None:
    replay = PortalReplay.of(FILES[:1])
    replay.fail(f"/api/agenda/dagsorden/{BYRAAD}", Fault(status=429, retry_after="3600"))
    with serving(replay) as url:
        report = run_sync(synced, url)
    (failure,) = report.failed
    assert "wait 3600 s" in failure.reason and "REFERAT_SYNC_MAX_WAIT" in failure.reason
    assert len(replay.requested(f"/api/agenda/dagsorden/{BYRAAD}")) == 1


def test_an_instance_that_wants_a_session_cookie_gets_one(synced: Archive) -> None:
    replay = PortalReplay.of(FILES[:1])
    replay.wants_session = True
    with serving(replay) as url:
        report = run_sync(synced, url)
    assert report.new == ["2022-01-14_8b2f1d8b.json"] and report.failed == []
    assert len(replay.requested("/Home/AnonymousAuthentication")) == 1


def test_body_and_since_narrow_what_is_fetched_and_removed(synced: Archive) -> None:
    replay = PortalReplay.of(FILES)
    with serving(replay) as url:
        report = run_sync(synced, url, bodies=("Byråd",), since=None)
        assert report.new == ["2022-01-14_8b2f1d8b.json"]
        later = run_sync(synced, url, since=dt.date(2023, 1, 1))
        # Byråd's 2022 meeting lies outside this sync's scope: kept, not removed
        assert sorted(later.new) == ["2023-02-07_0ea27225.json", "2025-01-29_eb813156.json"]
        assert later.removed == []
    assert {d.source for d in synced.catalog.documents()} == {
        "2022-01-14_8b2f1d8b.json", "2023-02-07_0ea27225.json", "2025-01-29_eb813156.json",
    }  # fmt: skip


def test_minutes_listed_beside_their_agenda_supersede_it() -> None:
    agenda = {"Id": KULTUR, "Navn": "Dagsorden", "Dato": "2022-12-12T15:00:00+01:00"}
    supplement = {**agenda, "Id": BYRAAD, "Navn": "Tillægsdagsorden"}
    minutes = {**agenda, "Id": KULTUR_MINUTES, "Navn": "Referat"}
    other = {**agenda, "Id": OEKONOMI, "Dato": "2022-12-13T15:00:00+01:00"}
    listing = {"Udvalg": {"2022-2025": [{"Id": "k", "Navn": "Kultur", "Moeder": [
        agenda, supplement, minutes, other, {"Id": "../../etc/passwd"}]}]}}  # fmt: skip
    meetings, problems = parse_listing(listing)
    assert [m.id for m in meetings] == [KULTUR, BYRAAD, KULTUR_MINUTES, OEKONOMI]
    assert problems == ["a meeting of Kultur without a valid id: '../../etc/passwd'"]
    assert superseded(meetings) == {KULTUR: [KULTUR_MINUTES], BYRAAD: [KULTUR_MINUTES]}


def test_agenda_of_leaves_the_decisions_out() -> None:
    agenda = agenda_of(_data(BYRAAD))
    text = json.dumps(agenda, ensure_ascii=False)
    assert "<h3>Beslutning</h3>" not in text
    assert "<h3>Beslutning</h3>" in json.dumps(_data(BYRAAD), ensure_ascii=False)
