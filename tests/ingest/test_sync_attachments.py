"""`sync --attachments`: each attachment's PDF text is stored with its item, page by page,
searchable and citable; scanned and failing attachments are reported, their items kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import cli
from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.model import SectionKind
from assistant.settings import Settings
from ingest.readers.greve import SYNC_KEY, GreveJsonReader
from ingest.sync.folder import SyncFolder
from tests.conftest import FIXTURES
from tests.ingest.test_sync import FILES, SKOLE
from tests.support.portal_replay import Fault, PortalReplay, serving
from tests.support.synced import assert_equals_direct_ingest, folder_of, run_sync, sync_settings

PDF = FIXTURES / "pdf"
TILSYN = "1becd29f-1333-4459-8226-d725c41c6904"  # Byråd 2022-01-14, item 2
SVOEMMEHAL = "b7c67f92-6b21-4244-b24c-7dba0d7b2315"  # Kultur 2022-12-12, item 2
UDKAST_2 = "4d5753c2-ba02-40b1-b6dc-2fcc11ccbe3c"  # Skole 2023-02-07, item 3
UDKAST_1 = "78b3ebc0-dca1-4a5a-9c63-04df6c957d16"  # Skole 2023-02-07, item 3
KALENDER = "15a78150-b152-40bf-a919-9668cf2d92bc"  # Skole 2023-02-07, item 6


@pytest.fixture
def synced(settings: Settings, embedder: Embedder) -> Iterator[Archive]:
    opened = Archive(sync_settings(settings), embedder)
    yield opened
    opened.close()


def _replay() -> PortalReplay:
    replay = PortalReplay.of(FILES[:3])
    # real PDFs from the corpus stand in for the attachments the meetings name
    replay.attach(TILSYN, PDF / "chefforum-2024-04-10.pdf")
    replay.attach(SVOEMMEHAL, PDF / "Minutes-April-16-2024-Special.pdf")
    replay.attach(UDKAST_2, PDF / "no-text-layer_stemmestyrets-motebok-hordvik-bergen-2019.pdf")
    replay.attach(KALENDER, PDF / "stemmestyrets-motebok-sylling-2019.pdf")
    replay.fail(f"/Vis/Pdf/bilag/{UDKAST_1}", *[Fault(status=500)] * 4)
    return replay


def _attachment_pages(archive: Archive, source: str, number: str) -> list[tuple[str, int | None]]:
    (stored,) = [s for s in archive.catalog.items_of_source(source) if s.item.number == number]
    return [
        (section.heading, section.page)
        for section in stored.item.sections
        if section.kind is SectionKind.ATTACHMENT
    ]


def test_attachments_are_stored_page_by_page_and_failures_reported(
    synced: Archive,
    tmp_path: Path,
    embedder: Embedder,
) -> None:
    replay = _replay()
    with serving(replay) as url:
        report = run_sync(synced, url, attachments=True)

        assert report.failed == [] and len(report.new) == 3
        assert report.attachments == 4  # the scanned one was fetched, but has no text
        problems = {p.what: p.reason for p in report.attachment_problems}
        assert set(problems) == {
            "Børne- og Ungepolitik 2023-2026 1. udkast (2023-02-07_0ea27225.json)",
            "Børne - og Ungepolitik 2023-2026 2. udkast (2023-02-07_0ea27225.json)",
        }
        assert (
            "answered 500"
            in problems["Børne- og Ungepolitik 2023-2026 1. udkast (2023-02-07_0ea27225.json)"]
        )
        assert (
            "ocrmypdf"
            in problems["Børne - og Ungepolitik 2023-2026 2. udkast (2023-02-07_0ea27225.json)"]
        )
        tilsyn = "Tilsynets afgørelse af 15. december 2021"
        assert _attachment_pages(synced, "2022-01-14_8b2f1d8b.json", "2") == [
            (tilsyn, page) for page in range(1, 6)
        ]
        kalender = "Skole-, Børne- og Ungeudvalget - mødekalender 2023 - februar"
        assert [p for _, p in _attachment_pages(synced, "2023-02-07_0ea27225.json", "6")] == [
            1, 2, 3, 4,
        ]  # fmt: skip
        assert {h for h, _ in _attachment_pages(synced, "2023-02-07_0ea27225.json", "6")} == {
            kalender
        }
        # the item whose attachments failed is stored all the same, with its own sections
        (item3,) = [
            s.item
            for s in synced.catalog.items_of_source("2023-02-07_0ea27225.json")
            if s.item.number == "3"
        ]
        assert {s.kind for s in item3.sections} >= {SectionKind.DECISION, SectionKind.ATTACHMENTS}
        assert not any(s.kind is SectionKind.ATTACHMENT for s in item3.sections)

        folder = folder_of(synced)
        assert len(list((folder / ".bilag").glob("*.pdf"))) == 4
        direct = assert_equals_direct_ingest(synced, folder, tmp_path, embedder)
        # ingesting the folder reports the scanned attachment just as the sync did
        assert [(s.source, s.reason) for s in direct.skipped] == [
            (
                "2023-02-07_0ea27225.json › Børne - og Ungepolitik 2023-2026 2. udkast",
                problems["Børne - og Ungepolitik 2023-2026 2. udkast (2023-02-07_0ea27225.json)"],
            )
        ]

        # the attachment that failed is asked for again next time; the rest stays as it is
        replay.attach(UDKAST_1, PDF / "Minutes-April-16-2024.pdf")
        replay.log.clear()
        again = run_sync(synced, url, attachments=True)
    assert again.changed == ["2023-02-07_0ea27225.json"] and again.unchanged == 2
    asked = {e.path.rsplit("/", 1)[1] for e in replay.log if "/dagsorden/" in e.path}
    assert asked == {SKOLE}
    assert [h for h, _ in _attachment_pages(synced, "2023-02-07_0ea27225.json", "3")] == [
        "Børne- og Ungepolitik 2023-2026 1. udkast"
    ] * 2
    assert_equals_direct_ingest(synced, folder, tmp_path, embedder)


def test_attachment_text_is_searchable_and_cited_with_its_name_and_page(
    synced: Archive,
) -> None:
    replay = _replay()
    with serving(replay) as url:
        run_sync(synced, url, attachments=True)
    settings = synced.settings
    result = CliRunner().invoke(
        cli,
        ["--data-dir", str(settings.data_dir), "search", "lov om tidsregistrering", "--json"],
        env={"REFERAT_CACHE_DIR": str(settings.cache_dir)},
    )
    assert result.exit_code == 0, result.output
    citations = [hit["citation"] for hit in json.loads(result.output)["hits"]]
    cited = [c for c in citations if c["section"] == "Tilsynets afgørelse af 15. december 2021"]
    assert cited, citations
    citation = cited[0]
    assert citation["source"] == "2022-01-14_8b2f1d8b.json" and citation["item_number"] == "2"
    assert "tidsregistrering" in citation["quote"].lower()
    # the page cited is the page of the attachment the quote stands on
    (stored,) = [
        s for s in synced.catalog.items_of_source(citation["source"]) if s.item.number == "2"
    ]
    (page,) = [
        " ".join(section.text.split())
        for section in stored.item.sections
        if section.heading == citation["section"] and section.page == citation["page"]
    ]
    assert " ".join(citation["quote"].split()) in page
    assert citation["page"] in (3, 4, 5)  # Lov om tidsregistrering: pages 3-5 of the PDF


def test_the_reader_follows_no_attachment_name_out_of_its_folder(tmp_path: Path) -> None:
    folder = SyncFolder(tmp_path, "http://portal.example")
    name = folder.write_attachment(TILSYN, (PDF / "chefforum-2024-04-10.pdf").read_bytes())
    served = (FILES[0]).read_bytes()
    folder.write_meeting(FILES[0].name, served, "http://portal.example", {TILSYN: name})
    stored = json.loads(folder.meeting_path(FILES[0].name).read_text(encoding="utf-8"))
    assert stored[SYNC_KEY]["attachments"] == {TILSYN: name}
    (tmp_path / "secret.pdf").write_bytes((PDF / "chefforum-2024-04-10.pdf").read_bytes())
    stored[SYNC_KEY]["attachments"] = {TILSYN: "../secret.pdf"}
    text = json.dumps(stored, ensure_ascii=False)
    (meeting,), problems = GreveJsonReader().read_with_attachments(text, FILES[0].name, folder.path)
    assert not any(s.kind is SectionKind.ATTACHMENT for i in meeting.items for s in i.sections)
    assert [(p.part, p.reason) for p in problems] == [
        (
            "Tilsynets afgørelse af 15. december 2021",
            "its file '../secret.pdf' is not in the meeting's folder; the item is stored "
            "without it",
        )
    ]
    # without its folder (an upload of the JSON alone) the attachments are only named
    (alone,) = GreveJsonReader().read(folder.meeting_path(FILES[0].name).read_text(), "x.json")
    assert [s.heading for s in alone.items[1].sections if s.kind is SectionKind.ATTACHMENTS] == [
        "Bilag"
    ]


def test_an_attachment_that_is_not_a_pdf_is_reported_and_its_meeting_stored(
    synced: Archive,
) -> None:
    replay = PortalReplay.of(FILES[:1])
    replay.attach(TILSYN, b"<html>Log ind for at se bilaget</html>")  # a login page
    with serving(replay) as url:
        report = run_sync(synced, url, attachments=True)
    assert report.new == ["2022-01-14_8b2f1d8b.json"] and report.attachments == 0
    assert [(p.what, p.reason) for p in report.attachment_problems] == [
        (
            "Tilsynets afgørelse af 15. december 2021 (2022-01-14_8b2f1d8b.json)",
            "the portal did not serve a PDF for it: skipped",
        )
    ]
