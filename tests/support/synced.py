"""What the sync tests share: short retry settings, running a sync, comparing archives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.settings import Settings
from ingest.pipeline import IngestOptions, IngestReport, ingest_paths
from ingest.sync import SyncOptions, SyncReport, sync_portal

__all__ = ["assert_equals_direct_ingest", "content", "folder_of", "run_sync", "sync_settings"]


def sync_settings(settings: Settings) -> Settings:
    """Short waits: a retry costs a tenth of a second, a slow answer one second."""
    return settings.model_copy(
        update={"sync_timeout": 1.0, "sync_backoff": 0.05, "sync_max_wait": 5.0, "sync_retries": 3}
    )


def run_sync(archive: Archive, url: str, **options: Any) -> SyncReport:
    return sync_portal(archive, SyncOptions(url=url, municipality="Greve", **options))


def folder_of(archive: Archive) -> Path:
    """The sync folder of the one portal an archive was synced from."""
    (folder,) = [p for p in (archive.settings.data_dir / "sync").iterdir() if p.is_dir()]
    return folder


def content(archive: Archive) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    """What an archive holds: its documents (name, version, counts) and every chunk."""
    documents = {
        (d.source, d.sha256, d.meetings, d.items, d.chunks) for d in archive.catalog.documents()
    }
    chunks = {
        (c.id, c.ref.item_title, c.section_kind, c.section_heading, c.page, c.text, c.dense)
        for c in archive.catalog.iter_chunks()
    }
    return documents, chunks


def assert_equals_direct_ingest(
    archive: Archive, folder: Path, tmp_path: Path, embedder: Embedder
) -> IngestReport:
    """The archive after a sync is what ingesting the sync folder gives; the ingest's report
    (it skips no meeting, only attachments that cannot be read)."""
    data_dir = tmp_path / f"direct-{len(list(tmp_path.glob('direct-*')))}"
    direct = Archive(Settings(data_dir=data_dir, cache_dir=archive.settings.cache_dir), embedder)
    try:
        report = ingest_paths(direct, [folder], IngestOptions(municipality="Greve"))
        assert [s for s in report.skipped if " › " not in s.source] == []
        assert content(direct) == content(archive)
        return report
    finally:
        direct.close()
