"""Reader for Aarhus Kommune's agenda web pages (dagsordener og referater as HTML)."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from assistant.model import AgendaItem, Meeting, Section, SectionKind
from ingest.closed import closed_title
from ingest.dates import find_date
from ingest.html import node_text, parse_html, split_by_headings
from ingest.sections import section_kind

__all__ = ["AarhusWebReader"]

# The agenda site's own markup: items are table rows whose title is an <h2 class="overskrift">.
_SIGNATURE = re.compile(r'<h2\s+class="overskrift\b')
_ROW_SIGNATURE = re.compile(r'class="punktrow\b|id="dagsordenDetaljer"')

# The site is white-labelled per municipality; its stylesheet and logo name the publisher.
_SITE_MUNICIPALITY = re.compile(r'/(?:dist/css/|Content/img/)aarhus(?:_logo\.png|\.css)"', re.I)


def _first_text(tree: LexborHTMLParser, *selectors: str) -> str | None:
    """Text of the first non-empty node matching any selector, in selector order."""
    for selector in selectors:
        for node in tree.css(selector):
            text = node_text(node)
            if text:
                return text
    return None


def _sections(details: LexborNode) -> list[Section]:
    """The headed parts of one item's expanded details, attachments included."""
    # The case number and the "PDF" badges are chrome, not text of any section.
    for node in details.css(".sagsnummer, .pdf-label"):
        node.decompose()
    sections: list[Section] = []
    for heading, text in split_by_headings(details.html or "", ("h3",)):
        # Empty records render as a lone "." paragraph; they carry nothing to cite.
        if not re.search(r"\w", text):
            continue
        heading = (heading or "").strip()
        kind = section_kind(heading) if heading else SectionKind.OTHER
        sections.append(Section(kind=kind, heading=heading, text=text))
    return sections


def _is_closed(row: LexborNode, title: str) -> bool:
    """Closed item: a "Lukket" title or closed-marker markup outside the item's text."""
    if closed_title(title):
        return True
    classes = " ".join(
        (node.attributes.get("class") or "") for node in (row, *row.css("h2, .label"))
    ).lower()
    return "lukket" in classes or "closed" in classes


def _item(row: LexborNode) -> AgendaItem | None:
    """One agenda item from its table row, or None for a row without a title."""
    title_node = row.css_first("h2.overskrift")
    if title_node is None:
        return None
    title = node_text(title_node)
    label = row.css_first("td span.label")
    number = node_text(label) if label is not None else ""
    case = row.css_first(".sagsnummer")
    case_number = node_text(case) if case is not None else ""
    details = row.css_first("div.details")
    return AgendaItem(
        number=number or None,
        title=title,
        case_number=case_number or None,
        closed=_is_closed(row, title),
        sections=_sections(details) if details is not None else [],
    )


class AarhusWebReader:
    """Aarhus Kommune agenda-site pages: one meeting, items as `<h2 class="overskrift">` rows."""

    label = "aarhus-web"

    def accepts(self, text: str, name: str) -> bool:
        """HTML carrying the agenda site's item markup (title headings in item rows)."""
        return bool(_SIGNATURE.search(text) and _ROW_SIGNATURE.search(text))

    def read(self, text: str, name: str) -> list[Meeting]:
        """The page's meeting with every agenda item in page order."""
        tree = parse_html(text)
        for node in tree.css("script, style, noscript, template"):
            node.decompose()
        date = find_date(_first_text(tree, "h1.dato") or "") or find_date(
            _first_text(tree, ".dagsordeninfo .dato") or ""
        )
        deltagere = tree.css_first("td.deltagere")
        participants = node_text(deltagere).splitlines() if deltagere is not None else []
        items = [item for row in tree.css("tr.punktrow") if (item := _item(row)) is not None]
        return [
            Meeting(
                municipality="Aarhus" if _SITE_MUNICIPALITY.search(text) else None,
                body=_first_text(tree, ".title .udvalg", ".dagsordeninfo .udvalg"),
                date=date,
                place=_first_text(tree, ".title .sted", ".dagsordeninfo .sted"),
                participants=[p for p in participants if p.strip()],
                source=name,
                items=items,
            )
        ]
