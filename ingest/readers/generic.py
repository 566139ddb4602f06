"""The fallback: any text, markdown or HTML that no specific reader recognised.

Minutes in a layout no reader knows go through the general segmenter (ingest/segmenter):
items from runs of "Punkt N", "PS 21/15", "§ 102", "1." … headers, case numbers, sections,
body and date from the document's own header. Text that shows no such run stays one
meeting with one unnumbered item, sections split at headings, a date only when a short line
near the top states one. Page furniture and web-page chrome never title anything.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.errors import EmptyDocumentError, NoContentError
from assistant.model import AgendaItem, Meeting, Section, SectionKind
from ingest.dates import find_date
from ingest.html import html_to_text, split_by_headings
from ingest.sections import section_kind
from ingest.segmenter import Document, read_header, segment, split_lines
from ingest.segmenter.case_numbers import find_case
from ingest.segmenter.cover import cover_title

__all__ = ["GenericTextReader"]

TITLE_MAX = 120
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(\S.*)$")
_HTML = re.compile(r"^\s*<|<html\b|<body\b|<h[1-6]\b", re.IGNORECASE)
# How far down a date still belongs to the document rather than to its content.
_DATE_LINES = 10
_DATE_LINE_MAX = 100
# How far down a letterhead's case number stands ("Sagsnr: 2012-25401").
_CASE_LINES = 15


def _markdown_heading(line: str) -> str | None:
    """The text of a "## Heading ##" line, or None when the line is no heading."""
    match = _MARKDOWN_HEADING.match(line)
    if match is None:
        return None
    # closing hashes stripped by hand: a lazy group before `\s*#*$` backtracks over long runs
    return match.group(1).rstrip().rstrip("#").rstrip() or match.group(1).rstrip()


def _title(line: str) -> str:
    """A heading or first line cut at a word boundary so it stays a title."""
    line = re.sub(r"\s+", " ", line).strip()
    if len(line) <= TITLE_MAX:
        return line
    cut = line[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(" ,.;:-–")
    return f"{cut}…"


def _is_question_or_label(line: str) -> bool:
    """ "Hva lærte dere av å samarbeide?" or "Formål:" standing alone."""
    return len(line) <= 100 and line.endswith(("?", ":")) and len(line.split()) <= 14


def _is_short_label(line: str) -> bool:
    """ "Kontakt", "Hvilke direktørområder omfatter søknaden": short, capitalised, bare."""
    return (
        len(line) <= 60
        and len(line.split()) <= 8
        and line[:1].isupper()
        and not line.endswith((".", ",", ";", "!", "?", ":"))
        and not find_date(line)
    )


def _paragraphs(text: str) -> list[list[str]]:
    """Runs of non-blank lines, whitespace collapsed inside each line."""
    paragraphs: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = re.sub(r"\s+", " ", raw).strip()
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [paragraph for paragraph in paragraphs if paragraph]


def _split_plain(text: str) -> list[tuple[str | None, str]]:
    """(heading, text) pairs: markdown headings, and lone lines that read as headings.

    A lone short line only counts when the paragraph after it is not itself heading-like:
    two labels in a row are more likely a value ("Klimateamet") and the next question.
    """
    paragraphs = _paragraphs(text)
    pairs: list[tuple[str | None, list[str]]] = [(None, [])]

    def candidate(index: int) -> bool:
        if index >= len(paragraphs) or len(paragraphs[index]) != 1:
            return False
        line = paragraphs[index][0]
        return _markdown_heading(line) is not None or _is_question_or_label(line)

    for index, paragraph in enumerate(paragraphs):
        first = paragraph[0]
        markdown = _markdown_heading(first)
        if markdown is not None:
            pairs.append((markdown.rstrip(":").strip(), paragraph[1:]))
            continue
        lone = len(paragraph) == 1
        follows = index + 1 < len(paragraphs)
        if lone and _is_question_or_label(first):
            pairs.append((first.rstrip(":").strip(), []))
            continue
        if lone and follows and _is_short_label(first) and not candidate(index + 1):
            nxt = paragraphs[index + 1][0]
            if not _is_short_label(nxt) or len(paragraphs[index + 1]) > 1:
                pairs.append((first, []))
                continue
        if pairs[-1][1]:
            pairs[-1][1].append("")
        pairs[-1][1].extend(paragraph)
    return [(heading, "\n".join(lines).strip()) for heading, lines in pairs]


def _top_date(document: Document) -> dt.date | None:
    """A date on one of the first short lines: a document's own date sits in its head.

    A line that refers to another meeting ("… den 30. maj 2012 Punkt 7") dates nothing.
    """
    lines = [line for line in document.content if line][:_DATE_LINES]
    return read_header([line for line in lines if len(line) <= _DATE_LINE_MAX], "").date


def _head_case(document: Document) -> str | None:
    """The case number a letterhead states ("Sagsnr: 2012-25401", "Arkivsak: 15/123")."""
    # labelled only: a bare "2020-2023" under a report's title is a period, no case
    for line in [line for line in document.content if line][:_CASE_LINES]:
        found = find_case(line)
        if found is not None and found[1] == 0:
            return found[0]
    return None


def _not_chrome(pairs: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """(heading, text) pairs whose chrome headings ("Del", "Menu") are dropped."""
    kept: list[tuple[str | None, str]] = []
    for heading, body in pairs:
        if heading is not None and not split_lines(heading).content[0]:
            heading = None  # the heading was navigation; its text stays
        body = split_lines(body).kept().strip()
        if heading is None and kept and body:
            kept[-1] = (kept[-1][0], f"{kept[-1][1]}\n\n{body}".strip())
        elif body or heading:
            kept.append((heading, body))
    return kept


class GenericTextReader:
    """Any non-empty text: its items when it has a run of item headers, else one item."""

    label = "segmenter"

    def accepts(self, text: str, name: str) -> bool:
        """Everything with some text in it; this reader comes last."""
        return bool(text.strip())

    def read(self, text: str, name: str) -> list[Meeting]:
        """The segmented meeting, or one meeting with one item titled by its first heading."""
        if not text.strip():
            raise EmptyDocumentError(name)
        html = _HTML.search(text[:2000]) is not None
        document = split_lines(html_to_text(text) if html else text)
        meeting = segment(document, name)
        if meeting is not None:
            return [meeting]
        plain = document.kept()
        pairs = _not_chrome(split_by_headings(text)) if html else _split_plain(plain)
        first_line = next((line.strip() for line in plain.splitlines() if line.strip()), "")
        markdown = _markdown_heading(first_line)
        if markdown is not None:
            first_line = markdown
        sections: list[Section] = []
        title: str | None = None
        for heading, body in pairs:
            kind = section_kind(heading or "")
            if heading is None:
                # Text before any heading; a lone first line titles the document and heads it.
                head, gap, rest = body.partition("\n\n")
                title = title or head.split("\n")[0]
                if gap and "\n" not in head and len(head) <= TITLE_MAX:
                    # A title, not a section heading: "REFERAT …" must not read as a decision.
                    heading, body, kind = head, rest.strip(), SectionKind.OTHER
                elif not gap and "\n" not in head and len(head) <= TITLE_MAX:
                    continue  # only the title line
            title = title or heading
            if body:
                sections.append(Section(kind=kind, heading=heading or "", text=body))
        if not html and pairs and pairs[0][0] is None:
            # titled by its first line: the cover's title, not its letterhead or addressee
            title = cover_title(document.content) or title
        if not (title or first_line):
            raise NoContentError(name)
        if not sections:  # a title and nothing else: the text is still worth keeping
            sections.append(Section(kind=SectionKind.OTHER, heading="", text=plain.strip()))
        item = AgendaItem(
            number=None,
            title=_title(title or first_line),
            case_number=_head_case(document),
            sections=sections,
        )
        return [Meeting(date=_top_date(document), source=name, items=[item])]
