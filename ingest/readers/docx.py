"""Word files: DOCX recognised by content and read with python-docx, structure kept; a Word 97
.doc recognised so it gets a clear answer.

A DOCX becomes blocks in reading order (body paragraphs and table rows; page headers,
footers and text boxes are page furniture and left out). A block keeps what Word shows but
its text does not hold: the heading level of its style or outline level, and the list
number Word draws in front of it ("3.", "b)"), computed from the numbering definitions.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from docx.styles.style import CharacterStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml.etree import _Element

from assistant.errors import CorruptDocumentError, DocumentTooComplexError
from ingest.source import SourceFile

__all__ = ["Block", "blocks_text", "docx_blocks", "is_docx", "is_legacy_word"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream every Word 97-2003 file holds, as its name is written in the OLE directory.
_WORD_STREAM = "WordDocument".encode("utf-16-le")
# Minutes unpack to a few MB of XML; far more is a zip bomb or not minutes.
_MAX_UNPACKED = 200_000_000
_MAX_TABLE_DEPTH = 20
_HEADING_STYLE = re.compile(r"^heading (\d)$", re.IGNORECASE)
_TOC_STYLE = re.compile(r"^toc \d|^table of contents", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class Block:
    """One paragraph or table row as Word shows it."""

    text: str
    level: int | None = None  # heading level 1-9; None for body text
    number: str | None = None  # the list number Word draws ("3.", "a)"), if any

    def line(self) -> str:
        """The text with its list number in front, as read on the page."""
        return f"{self.number} {self.text}" if self.number else self.text


def is_docx(source: SourceFile) -> bool:
    """True for a zip holding word/document.xml, whatever the file is called."""
    if not source.data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(source.data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError):
        return False


def is_legacy_word(source: SourceFile) -> bool:
    """True for a Word 97-2003 .doc (an OLE compound file with a WordDocument stream)."""
    return source.data.startswith(_OLE_MAGIC) and _WORD_STREAM in source.data


def docx_blocks(source: SourceFile) -> list[Block]:
    """The paragraphs and table rows of a DOCX body, in order, empty ones left out."""
    document = _open(source)
    numbers = _Numbering(document)
    blocks: list[Block] = []
    try:
        for part in document.iter_inner_content():
            if isinstance(part, Paragraph):
                blocks.extend(_paragraph_block(part, numbers))
            else:
                blocks.extend(_table_blocks(part, numbers, 1))
    except RecursionError as error:
        raise DocumentTooComplexError(source.name, "tables nested too deeply") from error
    return blocks


def blocks_text(blocks: list[Block], markdown: bool = True) -> str:
    """Blocks as text, one paragraph each; headings as markdown headings when `markdown`."""
    lines = []
    for block in blocks:
        if markdown and block.level:
            lines.append(f"{'#' * min(block.level, 6)} {block.line()}")
        else:
            lines.append(block.line())
    return "\n\n".join(lines)


def _open(source: SourceFile) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(source.data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise CorruptDocumentError(source.name, f"not a readable Word file: {error}") from error
    if unpacked > _MAX_UNPACKED:
        raise CorruptDocumentError(source.name, "it unpacks to more than 200 MB")
    try:
        return docx.Document(io.BytesIO(source.data))
    except Exception as error:  # python-docx fails in zip, XML and package code alike
        detail = " ".join(str(error).split())[:120] or type(error).__name__
        raise CorruptDocumentError(source.name, f"not a readable Word file: {detail}") from error


def _clean(text: str) -> str:
    lines = (_SPACE.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _paragraph_block(paragraph: Paragraph, numbers: _Numbering) -> Iterator[Block]:
    style = _style(paragraph)
    if style is not None and _TOC_STYLE.match(style.name or ""):
        return  # a table of contents repeats the item titles with page numbers
    text = _clean(paragraph.text)
    if text:
        level = _heading_level(paragraph, style)
        yield Block(text, level, numbers.next(paragraph, style))


def _table_blocks(table: Table, numbers: _Numbering, depth: int) -> Iterator[Block]:
    """Headings inside cells stay headings; the other text of a row becomes one block."""
    if depth > _MAX_TABLE_DEPTH:
        raise RecursionError
    last_heading: Block | None = None
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(id(cell._tc))
            for block in _cell_blocks(cell, numbers, depth):
                if block.level is None:
                    cells.append(block.line())
                elif block != last_heading:  # the same heading in two merged-looking cells
                    last_heading = block
                    yield block
        if cells:
            yield Block("\t".join(dict.fromkeys(cells)))


def _cell_blocks(cell: _Cell, numbers: _Numbering, depth: int) -> Iterator[Block]:
    for part in cell.iter_inner_content():
        if isinstance(part, Paragraph):
            yield from _paragraph_block(part, numbers)
        else:
            yield from _table_blocks(part, numbers, depth + 1)


def _style(paragraph: Paragraph) -> CharacterStyle | None:
    try:
        return paragraph.style
    except (KeyError, ValueError):  # a style id the styles part does not define
        return None


def _styles(style: CharacterStyle | None) -> Iterator[CharacterStyle]:
    """The style and the styles it is based on, nearest first (cycles cut)."""
    seen: set[str] = set()
    while style is not None and (style.style_id or "") not in seen:
        seen.add(style.style_id or "")
        yield style
        style = style.base_style


def _heading_level(paragraph: Paragraph, style: CharacterStyle | None) -> int | None:
    outline = _child_val(paragraph._p.pPr, "w:outlineLvl")
    for each in _styles(style):
        match = _HEADING_STYLE.match(each.name or "")
        if match:
            return int(match.group(1))
        outline = outline or _child_val(each.element.pPr, "w:outlineLvl")
    level = _int(outline, 9)
    return level + 1 if level < 9 else None  # outline level 9 is body text


def _child_val(element: _Element | None, tag: str) -> str | None:
    if element is None:
        return None
    child = element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


@dataclass(frozen=True)
class _Level:
    start: int
    format: str  # decimal, lowerLetter, upperRoman, bullet, none …
    text: str  # "%1.", "%1.%2)", or the bullet character


class _Numbering:
    """Word's list numbers, counted the way Word counts them while the body is read in order."""

    def __init__(self, document: Document) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstract, overrides)
        self._counters: dict[str, list[int | None]] = {}
        self._restarted: set[str] = set()
        try:
            part = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING)
        except KeyError:
            return  # no lists in this document
        root = cast(XmlPart, part).element
        for abstract in root.iterchildren(qn("w:abstractNum")):
            levels = {}
            for level in abstract.iterchildren(qn("w:lvl")):
                levels[_int(level.get(qn("w:ilvl")))] = _Level(
                    start=_int(_child_val(level, "w:start"), 1),
                    format=_child_val(level, "w:numFmt") or "decimal",
                    text=_child_val(level, "w:lvlText") or "",
                )
            self._abstract[abstract.get(qn("w:abstractNumId")) or ""] = levels
        for num in root.iterchildren(qn("w:num")):
            overrides = {
                _int(o.get(qn("w:ilvl"))): _int(_child_val(o, "w:startOverride"), 1)
                for o in num.iterchildren(qn("w:lvlOverride"))
                if o.find(qn("w:startOverride")) is not None
            }
            abstract_id = _child_val(num, "w:abstractNumId") or ""
            self._nums[num.get(qn("w:numId")) or ""] = (abstract_id, overrides)

    def next(self, paragraph: Paragraph, style: CharacterStyle | None) -> str | None:
        """The number Word draws before this paragraph, counting it; None if unnumbered."""
        found = self._num_pr(paragraph, style)
        if found is None or found[0] not in self._nums:
            return None
        num_id, level = found
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        if level not in levels:
            return None
        counters = self._counters.setdefault(abstract_id, [None] * 10)
        if num_id not in self._restarted and overrides:
            self._restarted.add(num_id)  # a list restarted by its own num: count anew
            counters[:] = [None] * 10
        current = counters[level]
        start = overrides.get(level, levels[level].start)
        counters[level] = start if current is None else current + 1
        counters[level + 1 :] = [None] * (9 - level)
        return self._render(levels, counters, level)

    def _num_pr(self, paragraph: Paragraph, style: CharacterStyle | None) -> tuple[str, int] | None:
        sources = [paragraph._p.pPr, *(each.element.pPr for each in _styles(style))]
        for properties in sources:
            if properties is None:
                continue
            num_pr = properties.find(qn("w:numPr"))
            if num_pr is not None:
                num_id = _child_val(num_pr, "w:numId")
                if num_id in (None, "0"):
                    return None  # numbering switched off for this paragraph
                return num_id or "", _int(_child_val(num_pr, "w:ilvl"))
        return None

    @staticmethod
    def _render(levels: dict[int, _Level], counters: list[int | None], level: int) -> str | None:
        own = levels[level]
        if own.format == "none":
            return None
        if own.format == "bullet":
            return "•"

        def value(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            count = counters[index] if 0 <= index < len(counters) else None
            shown = levels.get(index, own)
            return _format(count if count is not None else shown.start, shown.format)

        return re.sub(r"%([1-9])", value, own.text).strip() or None


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _format(number: int, style: str) -> str:
    if style in ("lowerLetter", "upperLetter"):
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if style == "upperLetter" else letters
    if style in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman if style == "upperRoman" else roman.lower()
    return str(number)


def _roman(number: int) -> str:
    digits = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = ""
    for value, letters in digits:
        count, number = divmod(number, value)
        out += letters * count
    return out
