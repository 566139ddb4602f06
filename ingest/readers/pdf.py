"""PDF sniffing, text extraction with page offsets, and mapping sections back to pages."""

from __future__ import annotations

import bisect
import io
import logging
import re
import warnings
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from assistant.errors import CorruptDocumentError, EncryptedPdfError, ScannedPdfError
from assistant.model import AgendaItem, Meeting
from ingest.source import SourceFile

__all__ = ["PAGE_SEPARATOR", "PdfText", "assign_pages", "extract_pdf_text", "is_pdf"]

PAGE_SEPARATOR = "\n\n"
# What may stand before the "%PDF-" header: a BOM or a few bytes of whitespace, no more (a
# text file that mentions "%PDF-" in its first lines is text).
_MAGIC_PREFIX = b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n\x0c"
_MAGIC_OFFSET = 8
# Fewer non-space characters than this per page on average means there is no real text layer
# (scanned pages often carry a stray page number or a few OCR-less glyphs).
_MIN_CHARS_PER_PAGE = 20
# A section is located by this many characters of its whitespace-normalised start: long enough
# to be unique in practice, short enough to survive a reader trimming the section's end.
_MATCH_PREFIX = 60
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")

# pypdf logs every malformed xref or font as a WARNING; one bad PDF must not flood the CLI.
logging.getLogger("pypdf").setLevel(logging.ERROR)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfText:
    """The text of a whole PDF, pages joined by PAGE_SEPARATOR, with where each page starts."""

    text: str
    page_offsets: list[int]
    pages: int

    def page_at(self, offset: int) -> int:
        """The 1-based page holding the character at `offset`."""
        return max(1, bisect.bisect_right(self.page_offsets, offset))


def is_pdf(source: SourceFile) -> bool:
    """True when the file starts with the PDF header, after at most a BOM or a little space."""
    head = source.data[: _MAGIC_OFFSET + 5]
    return head.lstrip(_MAGIC_PREFIX).startswith(b"%PDF-")


def _clean(text: str) -> str:
    """Page text without NULs and control characters, line ends normalised."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # pypdf ends most lines with a space; readers match headings line by line (rstrip per
    # line: `[ \t]+\n` is tried again from every space of a long run without a line end)
    lines = _CONTROL.sub("", text).split("\n")
    return "\n".join(line.rstrip(" \t") for line in lines).strip()


def _open(source: SourceFile) -> PdfReader:
    """A reader for the source's bytes, decrypted if it only has an empty user password."""
    try:
        reader = PdfReader(io.BytesIO(source.data), strict=False)
    except Exception as error:  # damaged files fail anywhere in pypdf's parser, with any type
        raise CorruptDocumentError(source.name, _detail(error)) from error
    if reader.is_encrypted:
        # Many "protected" PDFs only restrict printing/copying and open with an empty password.
        try:
            if reader.decrypt("") == 0:
                raise EncryptedPdfError(source.name)
        except (FileNotDecryptedError, NotImplementedError, PdfReadError) as error:
            raise EncryptedPdfError(source.name) from error
    return reader


def _detail(error: Exception) -> str:
    """A short, single-line description of a parser error."""
    message = _SPACE.sub(" ", str(error)).strip() or type(error).__name__
    return message[:120]


def extract_pdf_text(source: SourceFile) -> PdfText:
    """The text layer of a PDF; raises Encrypted/Scanned/CorruptDocumentError when there is none."""
    with warnings.catch_warnings():
        # pypdf also reports some damage through `warnings`; the errors below say it once.
        warnings.simplefilter("ignore")
        reader = _open(source)
        try:
            page_count = len(reader.pages)
            texts = [_clean(page.extract_text() or "") for page in reader.pages]
        except (FileNotDecryptedError, NotImplementedError) as error:
            raise EncryptedPdfError(source.name) from error
        except Exception as error:  # pypdf raises a wide range of errors on damaged streams
            raise CorruptDocumentError(source.name, _detail(error)) from error
    if page_count == 0:
        raise CorruptDocumentError(source.name, "no pages")
    visible = sum(len(_SPACE.sub("", text)) for text in texts)
    if visible < _MIN_CHARS_PER_PAGE * page_count:
        raise ScannedPdfError(source.name, page_count)
    offsets: list[int] = []
    position = 0
    for text in texts:
        offsets.append(position)
        position += len(text) + len(PAGE_SEPARATOR)
    return PdfText(text=PAGE_SEPARATOR.join(texts), page_offsets=offsets, pages=page_count)


class _Locator:
    """Finds section texts in order in the PDF text, compared with whitespace collapsed."""

    def __init__(self, pdf_text: PdfText) -> None:
        self._pdf = pdf_text
        chars: list[str] = []
        origins: list[int] = []  # normalised index -> offset in the original text
        pending_space = False
        for offset, char in enumerate(pdf_text.text):
            if char.isspace():
                pending_space = bool(chars)
                continue
            if pending_space:
                chars.append(" ")
                origins.append(offset)
                pending_space = False
            chars.append(char)
            origins.append(offset)
        self._flat = "".join(chars)
        self._origins = origins
        self._cursor = 0

    def pages_of(self, text: str) -> tuple[int, int] | None:
        """First and last page of `text`, searching on from the last match; None if absent."""
        flat = _SPACE.sub(" ", text).strip()
        if not flat:
            return None
        start = self._flat.find(flat[:_MATCH_PREFIX], self._cursor)
        if start < 0:
            return None
        # The end is located by the text's own tail, since readers drop page headers in between.
        tail = flat[-_MATCH_PREFIX:]
        end = start + len(flat) - 1 if len(flat) <= _MATCH_PREFIX else -1
        if end < 0:
            found = self._flat.find(tail, start + 1)
            end = found + len(tail) - 1 if found >= 0 else start
        self._cursor = start + 1 if end == start else min(end, len(self._flat) - 1)
        return self._pdf.page_at(self._origins[start]), self._pdf.page_at(self._origins[end])


def _paged_item(item: AgendaItem, locator: _Locator) -> AgendaItem:
    sections = []
    starts: list[int] = []
    ends: list[int] = []
    for section in item.sections:
        pages = locator.pages_of(section.text)
        if pages is not None:
            starts.append(pages[0])
            ends.append(pages[1])
        sections.append(section.model_copy(update={"page": pages[0] if pages else None}))
    return item.model_copy(
        update={
            "sections": sections,
            "page_start": min(starts) if starts else None,
            "page_end": max(ends) if ends else None,
        }
    )


def assign_pages(meetings: list[Meeting], pdf_text: PdfText) -> list[Meeting]:
    """Copies of the meetings with section and item pages located in the PDF text."""
    locator = _Locator(pdf_text)
    paged = [
        meeting.model_copy(update={"items": [_paged_item(item, locator) for item in meeting.items]})
        for meeting in meetings
    ]
    log.debug("assigned pages for %d meetings from %d pages", len(paged), pdf_text.pages)
    return paged
