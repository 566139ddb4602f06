"""Format detection: which reader turns a source file into meetings.

Formats are detected from content, never from flags. Binary formats (PDF) are turned into
text first; every text goes through the text readers in order, most specific first; the
generic reader at the end accepts any text, so nothing readable is refused without reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.errors import (
    DocumentTooComplexError,
    InputError,
    NoContentError,
    UnsupportedFormatError,
)
from assistant.model import Meeting
from ingest.readers.aarhus_web import AarhusWebReader
from ingest.readers.albertslund import PunktMinutesReader
from ingest.readers.base import TextReader
from ingest.readers.chefteam import ChefteamReader
from ingest.readers.generic import GenericTextReader
from ingest.readers.greve import GreveJsonReader
from ingest.readers.pdf import assign_pages, extract_pdf_text, is_pdf
from ingest.readers.resolutions import ResolutionMinutesReader
from ingest.readers.saksprotokoll import SaksprotokollReader
from ingest.source import SourceFile

__all__ = ["TEXT_READERS", "ReadResult", "read_source", "read_text"]

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
    (b"PK\x03\x04", "ZIP/Office document (.docx, .xlsx, .zip)"),
    (b"\xd0\xcf\x11\xe0", "old Office document (.doc, .xls)"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"{\\rtf", "RTF document"),
)


@dataclass(frozen=True)
class ReadResult:
    reader: str
    meetings: list[Meeting]


def read_text(text: str, name: str) -> ReadResult:
    """Meetings from text, by the first reader that recognises it."""
    for reader in TEXT_READERS:
        if reader.accepts(text, name):
            try:
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
            return ReadResult(reader.label, meetings)
    raise NoContentError(name)


def read_source(source: SourceFile) -> ReadResult:
    """Meetings from one source file, whatever its format; raises InputError when it cannot."""
    head = source.head(16)
    if is_pdf(source):
        pdf_text = extract_pdf_text(source)
        result = read_text(pdf_text.text, source.name)
        return ReadResult(f"pdf+{result.reader}", assign_pages(result.meetings, pdf_text))
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            raise UnsupportedFormatError(source.name, what)
    return read_text(source.text, source.name)
