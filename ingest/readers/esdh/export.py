"""An ESDH export read whole: the reader for its kind, and what went wrong said once."""

from __future__ import annotations

from collections.abc import Callable

from ingest.readers.esdh.acadre import read_acadre, read_acadre_agenda
from ingest.readers.esdh.common import ExportRead
from ingest.readers.esdh.edoc import read_edoc
from ingest.readers.esdh.manifest import ExportKind, export_kind
from ingest.readers.esdh.parts import MISSING, PartProblem
from ingest.readers.esdh.sbsys import read_sbsys
from ingest.source import SourceFile

__all__ = ["ExportRead", "read_export"]

_READERS: dict[ExportKind, Callable[[SourceFile], ExportRead]] = {
    ExportKind.EDOC: read_edoc,
    ExportKind.SBSYS: read_sbsys,
    ExportKind.ACADRE: read_acadre,
    ExportKind.ACADRE_AGENDA: read_acadre_agenda,
}


def read_export(source: SourceFile) -> ExportRead | None:
    """The meetings of an export's lead XML, None for any other file; raises InputError."""
    kind = export_kind(source.data)
    if kind is None:
        return None
    read = _READERS[kind](source)
    return ExportRead(f"esdh-{read.reader}", read.meetings, _said_once(source, read.problems))


def _said_once(source: SourceFile, problems: list[PartProblem]) -> list[PartProblem]:
    """An export that came alone (uploaded, or copied without its folder) misses every file
    it names: that is one problem, not one per file."""
    missing = [p for p in problems if p.reason.startswith(MISSING)]
    if source.companions or len(missing) < 2:
        return problems
    others = [p for p in problems if not p.reason.startswith(MISSING)]
    alone = PartProblem(
        f"{len(missing)} files",
        f"the export came without the files it names ({missing[0].part}, …): ingest its whole "
        "folder; the text in the XML was used where it has one",
    )
    return [alone, *others]
