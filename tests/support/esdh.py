"""The real ESDH publication exports in ../shared/corpus/os2dagsorden, for the reader tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from ingest.source import SourceFile

__all__ = ["ACADRE", "EDOC", "SBSYS", "copy_export", "lead"]

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "os2dagsorden"
EDOC = CORPUS / "edoc-ballerup"
SBSYS = CORPUS / "sbsys-ballerup"
ACADRE = CORPUS / "acadre-syddjurs"


def lead(path: Path) -> SourceFile:
    """An export's XML as ingest reads it: with the files of its bundle."""
    assert path.is_file(), f"{path} is missing: the tests read ../shared/corpus beside the repo"
    return SourceFile.from_path(path)


def copy_export(folder: Path, into: Path) -> Path:
    """A writable copy of an export folder (the corpus is read-only)."""
    target = into / folder.name
    shutil.copytree(folder, target)
    for path in target.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    target.chmod(0o755)
    return target
