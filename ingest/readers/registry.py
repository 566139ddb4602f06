"""Format detection: which reader turns a source file into meetings.

Formats are detected from content, never from flags. Binary formats (PDF, DOCX) are turned
into text first; every text goes through the text readers in order, most specific first; the
generic reader at the end accepts any text, so nothing readable is refused without reason.
An ESDH export's lead XML is read by its own reader, with the files of its bundle; any other
XML is refused rather than read as text full of tags.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.errors import (
    DocumentTooComplexError,
    InputError,
    LegacyWordError,
    NoContentError,
    UnsupportedFormatError,
)
from assistant.model import Meeting
from ingest.readers.aarhus_web import AarhusWebReader
from ingest.readers.albertslund import PunktMinutesReader
from ingest.readers.base import TextReader
from ingest.readers.chefteam import ChefteamReader
from ingest.readers.docx import blocks_text, docx_blocks, is_docx, is_legacy_word
from ingest.readers.docx_minutes import minutes_from_blocks
from ingest.readers.esdh.export import read_export
from ingest.readers.esdh.parts import PartProblem
from ingest.readers.esdh.xmlsafe import root_tag
from ingest.readers.generic import GenericTextReader
from ingest.readers.greve import GreveJsonReader
from ingest.readers.pdf import assign_pages, extract_pdf_text, is_pdf
from ingest.readers.resolutions import ResolutionMinutesReader
from ingest.readers.saksprotokoll import SaksprotokollReader
from ingest.source import SourceFile

__all__ = ["TEXT_READERS", "PartProblem", "ReadResult", "read_source", "read_text"]

TEXT_READERS: tuple[TextReader, ...] = (
    GreveJsonReader(),
    AarhusWebReader(),
    SaksprotokollReader(),
    PunktMinutesReader(),
    ChefteamReader(),
    ResolutionMinutesReader(),
    GenericTextReader(),
)

# Magic numbers of formats people drop in by mistake; named so the message can say what it was.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "ZIP/Office document other than Word (.xlsx, .pptx, .zip)"),
    (b"\xd0\xcf\x11\xe0", "old Office document (.doc, .xls)"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"{\\rtf", "RTF document"),
)


# Roots of XML that is a web page, which the text readers take as HTML.
_PAGE_ROOTS = frozenset({"html", "HTML"})


@dataclass(frozen=True)
class ReadResult:
    reader: str
    meetings: list[Meeting]
    # files of an export's bundle that could not be used (the rest was read)
    problems: tuple[PartProblem, ...] = ()


def read_text(text: str, name: str, folder: Path | None = None) -> ReadResult:
    """Meetings from text, by the first reader that recognises it; `folder` is where the file
    lies, for a portal meeting whose attachments `referat sync` stored beside it."""
    for reader in TEXT_READERS:
        if reader.accepts(text, name):
            problems: tuple[PartProblem, ...] = ()
            try:
                if folder is not None and isinstance(reader, GreveJsonReader):
                    meetings, problems = reader.read_with_attachments(text, name, folder)
                else:
                    meetings = reader.read(text, name)
            except InputError as error:
                # shared helpers (HTML) raise without the file's name
                if error.source:
                    raise
                raise error.named(name) from error
            except RecursionError as error:
                raise DocumentTooComplexError(name, "the text is nested too deeply") from error
            if not any(meeting.items for meeting in meetings):
                raise NoContentError(name)
            return ReadResult(reader.label, meetings, problems)
    raise NoContentError(name)


def read_source(source: SourceFile) -> ReadResult:
    """Meetings from one source file, whatever its format; raises InputError when it cannot."""
    head = source.head(16)
    if is_pdf(source):
        pdf_text = extract_pdf_text(source)
        result = read_text(pdf_text.text, source.name)
        return ReadResult(f"pdf+{result.reader}", assign_pages(result.meetings, pdf_text))
    if is_docx(source):
        return _read_docx(source)
    if is_legacy_word(source):
        raise LegacyWordError(source.name)
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            raise UnsupportedFormatError(source.name, what)
    export = read_export(source)
    if export is not None:
        if not any(meeting.items for meeting in export.meetings):
            raise NoContentError(source.name)
        return ReadResult(export.reader, export.meetings, tuple(export.problems))
    root = root_tag(source.data) if source.head(5).startswith(b"<?xml") else None
    if root is not None and root not in _PAGE_ROOTS:
        raise UnsupportedFormatError(
            source.name,
            f"XML with the root element <{root}>; of XML, only the publication exports of "
            "eDoc, SBSYS and Acadre are read",
        )
    return read_text(source.text, source.name, source.path.parent if source.path else None)


def _read_docx(source: SourceFile) -> ReadResult:
    """Minutes in Word split at their numbered headings, else the text with its headings."""
    blocks = docx_blocks(source)
    meetings = minutes_from_blocks(blocks, source.name)
    if meetings is not None:
        return ReadResult("docx", meetings)
    result = read_text(blocks_text(blocks), source.name)
    return ReadResult(f"docx+{result.reader}", result.meetings)
