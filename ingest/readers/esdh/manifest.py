"""Which export a lead XML is, which files it names, and where they lie beside it on disk.

Used before reading (by `SourceFile.from_path` and the pipeline's `discover`), so it never
imports `ingest.source`: it only turns a lead's path and bytes into the paths of its bundle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element

from assistant.errors import InputError
from ingest.readers.esdh.xmlsafe import child_text, parse_xml, root_tag

__all__ = [
    "ExportKind",
    "Manifest",
    "acadre_fields",
    "bundle_paths",
    "export_kind",
    "read_manifest",
    "relative_name",
]

_SNIFF_BYTES = 4096


class ExportKind(StrEnum):
    """The publication exports Referat reads as XML."""

    EDOC = "edoc"  # eDocAgendaPublishing.xml
    SBSYS = "sbsys"  # PublicationNN.xml of SBSYS eDagsorden
    ACADRE = "acadre"  # XML_NNNN.xml: names the Files_… folder of the agenda
    ACADRE_AGENDA = "acadre-agenda"  # the agenda XML in that folder: meeting, items, bullets


@dataclass(frozen=True)
class Manifest:
    """The files an export names, relative to its folder ('/'-separated, as written)."""

    kind: ExportKind
    files: tuple[str, ...]
    folders: tuple[str, ...] = ()  # folders that belong wholly to the export


def export_kind(data: bytes) -> ExportKind | None:
    """The export a file is, from its root element and first lines; None for anything else."""
    root = root_tag(data)
    head = data[:_SNIFF_BYTES]
    if root == "Meeting" and b"<MeetingDate>" in head and b"<Committee>" in head:
        return ExportKind.EDOC
    if root == "Publication" and (b"<PublishedBy" in head or b"<Agendas" in head):
        return ExportKind.SBSYS
    if root == "root" and (b"<org>" in head or b'name="producedAgenda"' in head):
        return ExportKind.ACADRE
    if root == "root" and b'<table name="agenda">' in head:
        return ExportKind.ACADRE_AGENDA
    return None


def relative_name(raw: str) -> str | None:
    """A file name from an export as a safe relative path; None if it leaves the folder."""
    parts = raw.strip().replace("\\", "/").split("/")
    if not parts or any(p in ("", ".", "..") or ":" in p for p in parts):
        return None
    return str(PurePosixPath(*parts))


def acadre_fields(table: Element, as_attributes: bool) -> dict[str, str]:
    """An Acadre table's fields: `<field name="k">v</field>`, or `<field k="v"/>` in XML_*."""
    fields: dict[str, str] = {}
    group = table.find("fields")
    for field in group if group is not None else ():
        if as_attributes:
            fields.update({key: value.strip() for key, value in field.attrib.items()})
        elif "name" in field.attrib:
            fields[field.attrib["name"]] = (field.text or "").strip()
    return fields


def read_manifest(name: str, data: bytes, folder: str = "") -> Manifest | None:
    """The files an export names (raises InputError for unsafe or broken XML); None if no export.

    `folder` is the name of the folder the file lies in: an Acadre agenda XML owns it whole
    when it is the agenda's own Files_<agenda>_… folder.
    """
    kind = export_kind(data)
    if kind is None:
        return None
    root = parse_xml(name, data)
    if kind is ExportKind.EDOC:
        files = [e.text or "" for e in root.iter("PDFDocument")]
        return Manifest(kind, _clean(files))
    if kind is ExportKind.SBSYS:
        files = [_enclosure_path(e) for e in root.iter("Enclosure")]
        enclosures = child_text(root, "RelativeEnclosureOutputPath")
        return Manifest(kind, _clean(files), _clean([enclosures]))
    if kind is ExportKind.ACADRE:
        files, folders = [], []
        for group in _produced(root):
            if group.get("filesfolder"):
                folders.append(group["filesfolder"])
                for key in ("xmlfilename", "docfilename", "pdffilename"):
                    if group.get(key):
                        files.append(f"{group['filesfolder']}/{group[key]}")
        return Manifest(kind, _clean(files), _clean(folders))
    files = [
        acadre_fields(table, as_attributes=False).get("filename", "")
        for table in root.iter("table")
        if table.get("name") == "enclosure"
    ]
    agenda = root.find("table[@name='agenda']")
    agenda_id = acadre_fields(agenda, False).get("sysid") if agenda is not None else None
    owns_folder = bool(agenda_id) and re.match(rf"Files_{agenda_id}_\d+$", folder) is not None
    return Manifest(kind, _clean(files), (".",) if owns_folder else ())


def _produced(root: Element) -> list[dict[str, str]]:
    """Acadre's produced documents (agenda, minutes), one dict of attributes per <fields>."""
    groups: list[dict[str, str]] = []
    for table in root.iter("table"):
        if table.get("name") == "producedAgenda":
            for fields in table.findall("fields"):
                group: dict[str, str] = {}
                for field in fields:
                    group.update({key: value.strip() for key, value in field.attrib.items()})
                groups.append(group)
    return groups


def _enclosure_path(enclosure: Element) -> str:
    relative = child_text(enclosure, "InstantiationFilePathRelative")
    return relative or child_text(enclosure, "InstantiationFileName")


def _clean(names: list[str]) -> tuple[str, ...]:
    safe = (relative_name(name) for name in names if name.strip())
    return tuple(dict.fromkeys(name for name in safe if name))


def find_path(folder: Path, relative: str) -> Path | None:
    """The file or folder at `relative` below `folder`, matching names without regard to case."""
    current = folder
    for part in PurePosixPath(relative).parts:
        exact = current / part
        if exact.exists():
            current = exact
            continue
        wanted = part.casefold()
        try:
            current = next(p for p in current.iterdir() if p.name.casefold() == wanted)
        except (StopIteration, NotADirectoryError, OSError):
            return None
    # the export must not reach outside its folder (through a symlink either)
    return current if current.resolve().is_relative_to(folder.resolve()) else None


def bundle_paths(path: Path, data: bytes) -> list[Path]:
    """The files of the bundle a lead XML heads (empty for any other file).

    These are the files it names, the folders it owns, and byte-identical copies of named
    files beside it (exports are often unpacked with a second copy under the title).
    """
    if export_kind(data) is None:
        return []
    folder = path.parent
    try:
        manifest = read_manifest(path.name, data, folder.name)
    except InputError:
        return []  # the reader reports what is wrong with the XML
    if manifest is None:
        return []
    found: set[Path] = set()
    for relative in manifest.files:
        named = find_path(folder, relative)
        if named is not None and named.is_file():
            found.add(named)
    for relative in manifest.folders:
        owned = folder if relative == "." else find_path(folder, relative)
        if owned is not None and owned.is_dir():
            found.update(p for p in owned.rglob("*") if p.is_file() and _visible(p, owned))
    found.update(_copies(folder, found))
    found.discard(path)
    return sorted(found)


def _visible(path: Path, folder: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(folder).parts)


def _copies(folder: Path, named: set[Path]) -> set[Path]:
    """Files beside the lead with the same bytes as a file of the bundle."""
    by_size: dict[int, list[Path]] = {}
    for path in named:
        by_size.setdefault(path.stat().st_size, []).append(path)
    copies: set[Path] = set()
    for candidate in folder.iterdir():
        if candidate in named or not candidate.is_file() or candidate.name.startswith("."):
            continue
        twins = by_size.get(candidate.stat().st_size, [])
        if twins and any(candidate.read_bytes() == twin.read_bytes() for twin in twins):
            copies.add(candidate)
    return copies
