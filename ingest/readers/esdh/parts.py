"""The files of an export's bundle as its readers see them: found by the name the XML gives,
read as text, and what went wrong with each kept as a problem to report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from assistant.errors import InputError, LegacyWordError, UnsupportedFormatError
from assistant.model import Section, SectionKind
from ingest.readers.docx import blocks_text, docx_blocks, is_docx, is_legacy_word
from ingest.readers.esdh.manifest import relative_name
from ingest.readers.pdf import extract_pdf_text, is_pdf
from ingest.source import SourceFile

__all__ = ["MISSING", "PartProblem", "Parts", "part_text"]

MISSING = (
    "named by the export but not beside it: ingest the export's whole folder, with the files "
    "it names"
)


@dataclass(frozen=True)
class PartProblem:
    """A file of a bundle that could not be used; the rest of the bundle is stored."""

    part: str  # the file as the export names it
    reason: str


def part_text(source: SourceFile) -> str:
    """The text of an item document or attachment (PDF, DOCX or plain text)."""
    if is_pdf(source):
        return extract_pdf_text(source).text
    if is_docx(source):
        return blocks_text(docx_blocks(source), markdown=False)
    if is_legacy_word(source):
        raise LegacyWordError(source.name)
    if source.data[:8].startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise UnsupportedFormatError(source.name, "an Office file other than Word")
    return source.text


@dataclass
class Parts:
    """The companions of a lead file, looked up by the (relative) names its XML gives."""

    lead: SourceFile
    folder: str = ""  # where the names are relative to, inside the lead's folder
    problems: list[PartProblem] = field(default_factory=list)
    _index: dict[str, SourceFile] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = {part.name.casefold(): part for part in self.lead.companions}

    def find(self, name: str) -> SourceFile | None:
        """The file the export names `name` (case does not matter), if it came with the lead."""
        relative = relative_name(name)
        if relative is None:
            return None
        if self.folder:
            relative = str(PurePosixPath(self.folder) / relative)
        return self._index.get(relative.casefold())

    def text(self, name: str) -> str | None:
        """The text of the named file; None (and a problem noted) when missing or unreadable."""
        return self.first_text([name])

    def first_text(self, names: list[str]) -> str | None:
        """The text of the first of these files that is there and readable.

        Exports give one document in several forms (2531342E2.DOC and a PDF of it): the first
        readable one is used, and only when none is does the first one's trouble count.
        """
        trouble: PartProblem | None = None
        tried: set[str] = set()
        for name in names:
            part = self.find(name)
            if part is None:
                trouble = trouble or PartProblem(self.shown(name), MISSING)
                continue
            if part.sha256 in tried:
                continue  # a copy under another name fails the same way
            tried.add(part.sha256)
            try:
                return part_text(part)
            except InputError as error:
                if trouble is None or trouble.reason == MISSING:
                    trouble = PartProblem(self.shown(name), error.reason)
        if trouble is not None:
            self.problems.append(trouble)
        return None

    def attachment(self, title: str, names: list[str]) -> Section | None:
        """An attachment's text as a section headed by its name; None when it cannot be read."""
        text = self.first_text(names)
        if text is None or not text.strip():
            return None
        return Section(kind=SectionKind.ATTACHMENT, heading=f"Bilag: {title}", text=text.strip())

    def shown(self, name: str) -> str:
        """How a file the export names is shown in a problem: relative to the lead's folder."""
        relative = relative_name(name) or name
        return str(PurePosixPath(self.folder) / relative) if self.folder else relative
