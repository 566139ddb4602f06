"""The sync folder: one JSON file per meeting, its attachments' PDFs beside it in `.bilag/`.

Every file is written whole or not at all (a temporary file, then a rename). A meeting's
attachments are written before its JSON, under names that carry their content hash, and the
JSON names them (key `ReferatSync`): whatever moment a sync stops, a meeting file on disk
refers only to complete attachment files, and `referat ingest FOLDER` reads what the sync
read. The attachments folder starts with a dot, so ingesting the folder does not take the
PDFs for documents of their own.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ingest.readers.greve import ATTACHMENTS_FOLDER, SYNC_KEY

__all__ = ["SyncFolder"]


class SyncFolder:
    """`data_dir/sync/<portal host>/`: what a portal published, as files."""

    def __init__(self, root: Path, portal: str) -> None:
        parts = urlsplit(portal)
        name = (parts.hostname or "portal") + (f"_{parts.port}" if parts.port else "")
        path = parts.path.strip("/").replace("/", "_")
        self.path = root / (f"{name}_{path}" if path else name)
        self.attachments = self.path / ATTACHMENTS_FOLDER
        self.attachments.mkdir(parents=True, exist_ok=True)
        for stale in self.path.glob(".tmp-*"):  # left by a sync that was stopped mid-write
            stale.unlink(missing_ok=True)
        for stale in self.attachments.glob(".tmp-*"):
            stale.unlink(missing_ok=True)

    def meeting_path(self, file_name: str) -> Path:
        return self.path / file_name

    def write_attachment(self, document_id: str, data: bytes) -> str:
        """Store an attachment's PDF; its name relative to the folder (the same bytes, the
        same name: written once)."""
        digest = hashlib.sha256(data).hexdigest()[:16]
        name = f"{document_id}.{digest}.pdf"
        target = self.attachments / name
        if not target.exists():
            _write_atomically(target, data)
        return f"{ATTACHMENTS_FOLDER}/{name}"

    def write_meeting(
        self, file_name: str, served: bytes, portal: str, attachments: dict[str, str]
    ) -> bytes:
        """Store a meeting's JSON as served plus what Referat adds; returns the bytes written."""
        data: dict[str, Any] = json.loads(served)
        data[SYNC_KEY] = {"portal": portal, "attachments": attachments}
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        encoded = text.encode("utf-8")
        _write_atomically(self.meeting_path(file_name), encoded)
        return encoded

    def remove_meeting(self, file_name: str) -> None:
        self.meeting_path(file_name).unlink(missing_ok=True)

    def remove_attachments_except(self, keep: set[str]) -> int:
        """Delete attachment files no meeting refers to any more; how many were deleted."""
        removed = 0
        for path in self.attachments.glob("*.pdf"):
            if f"{ATTACHMENTS_FOLDER}/{path.name}" not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def _write_atomically(target: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
