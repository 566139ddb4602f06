"""The three real ESDH exports ingested into a real archive: each export one document of true
meetings, no chunk with markup, re-ingest idempotent, a changed file of a bundle re-read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.model import SectionKind
from assistant.settings import Settings
from ingest.pipeline import IngestReport, ingest_paths
from tests.support.esdh import ACADRE, EDOC, SBSYS, copy_export

LEADS = {"eDocAgendaPublishing.xml", "Publication32.xml", "Publication553.xml", "XML_1863.xml"}


@pytest.fixture(scope="module")
def ingested(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, cache_dir: Path
) -> Iterator[tuple[Archive, IngestReport]]:
    folder = tmp_path_factory.mktemp("esdh-archive")
    archive = Archive(Settings(data_dir=folder, cache_dir=cache_dir), embedder)
    try:
        yield archive, ingest_paths(archive, [EDOC, SBSYS, ACADRE])
    finally:
        archive.close()


def test_each_export_is_one_document_and_only_its_unusable_files_are_skipped(
    ingested: tuple[Archive, IngestReport],
) -> None:
    archive, report = ingested
    assert {stored.source for stored in report.stored} == LEADS
    assert {d.source for d in archive.catalog.documents()} == LEADS
    skipped = {s.source: s.reason for s in report.skipped}
    assert "scanned PDF" in skipped["eDocAgendaPublishing.xml › 1537646.PDF"]
    assert "named by the export" in skipped["Publication553.xml › Enclosures/3.pdf"]
    assert all(s.source.split(" › ")[0] in LEADS for s in report.skipped)


def test_no_chunk_holds_markup_cdata_or_the_exports_urls(
    ingested: tuple[Archive, IngestReport],
) -> None:
    archive, _ = ingested
    chunks = list(archive.catalog.iter_chunks())
    assert len(chunks) > 100
    for chunk in chunks:
        for residue in ("<", "]]>", "CDATA", "edocfarm", "&nbsp;"):
            assert residue not in chunk.text, (chunk.ref.source, chunk.section_heading, residue)


def test_the_items_are_stored_with_their_meeting(ingested: tuple[Archive, IngestReport]) -> None:
    archive, _ = ingested
    stored = archive.catalog.items_of_source("eDocAgendaPublishing.xml")
    assert [s.item.number for s in stored] == [str(n) for n in range(1, 9)]
    fourth = stored[3]
    assert fourth.meeting.body == "Sundheds- og Forebyggelsesudvalget"
    assert fourth.meeting.date == dt.date(2012, 12, 4)  # not the 30 May 2012 its text mentions
    assert fourth.item.title == "Takstreduktion på aflastningstilbuddet Torvevej i Skovlunde i 2013"
    assert fourth.item.case_number == "2012-31673"
    kinds = [s.kind for s in fourth.item.sections]
    assert SectionKind.DECISION in kinds and SectionKind.ATTACHMENT in kinds
    [acadre] = archive.catalog.items_of_source("XML_1863.xml")
    assert (acadre.item.number, acadre.meeting.date) == ("715", dt.date(2013, 6, 20))


def test_ingesting_the_same_folders_again_changes_nothing(
    ingested: tuple[Archive, IngestReport],
) -> None:
    archive, _ = ingested
    again = ingest_paths(archive, [EDOC, SBSYS, ACADRE])
    assert again.stored == [] and again.skipped == []
    assert set(again.unchanged) == LEADS


def test_a_changed_enclosure_re_reads_its_publication(archive: Archive, tmp_path: Path) -> None:
    folder = copy_export(SBSYS / "Publication32", tmp_path)
    assert [s.source for s in ingest_paths(archive, [folder]).stored] == ["Publication32.xml"]
    assert ingest_paths(archive, [folder]).unchanged == ["Publication32.xml"]
    with (folder / "Enclosures" / "1.pdf").open("ab") as enclosure:
        enclosure.write(b"\n% a later version of the letter\n")
    again = ingest_paths(archive, [folder])
    assert [s.source for s in again.stored] == ["Publication32.xml"]
