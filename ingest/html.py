"""HTML → text, shared by every reader that meets HTML (Greve fields, web pages, tables).

Minutes text is kept as text: tags go, block elements become line breaks, entities are
decoded, whitespace inside a line is collapsed. Nothing here ever returns markup.

Everything here is linear in the size of the markup: the tree is walked without recursion,
headings are found in the tree (never by a regex over the document), and markup nested
deeper than MAX_DEPTH is refused before it is parsed, since building the tree costs the
parser time in proportion to the depth for every element.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from assistant.errors import DocumentTooComplexError

__all__ = [
    "HEADING_TAGS",
    "MAX_DEPTH",
    "html_to_text",
    "node_text",
    "parse_html",
    "split_by_headings",
]

HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "hr",
        "td",
        "th",
        "span.block",
        *HEADING_TAGS,
    }
)
_DROP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})

# Real minutes nest a few dozen elements deep (an XML export with self-closed tags, which
# HTML nests, ~1,100); 100,000 nested <div>s take lexbor minutes, 3,000 about a second.
MAX_DEPTH = 3000
# Elements that never hold others, or that the parser closes by itself when the next one
# starts: they do not deepen the tree however many there are.
_FLAT = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"),
        *("source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image"),
        *("p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp"),
        *("rtc", "tbody", "thead", "tfoot", "colgroup", "caption", "html", "head", "body"),
        *HEADING_TAGS,
    }
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_SPACES = re.compile(r"\s+")


def _depth(html: str) -> int:
    """The deepest nesting the markup asks for, counting the elements that nest."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        if match.group(2).lower() in _FLAT:
            continue
        if match.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def parse_html(html: str) -> HTMLParser:
    """The parsed tree; raises DocumentTooComplexError (without a source) for absurd nesting."""
    depth = _depth(html)
    if depth > MAX_DEPTH:
        raise DocumentTooComplexError("", f"the HTML is nested {depth} levels deep")
    return HTMLParser(html)


def _clean_lines(raw: str) -> str:
    lines = (re.sub(r"[ \t\u00a0\u200b\r\f\v]+", " ", line).strip() for line in raw.split("\n"))
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_BOLD_TAGS = frozenset({"strong", "b"})


def _is_bold_line(node: Node) -> bool:
    """Is the node a paragraph that is all bold, `<p><strong>Indstilling</strong></p>`, as an
    editor writes a heading it has no heading style for? Read as a heading only where the
    reader knows its headings (`split_by_headings(keep=…)`): elsewhere a bold line is as often
    emphasis."""
    if node.tag != "p":
        return False
    inner = [
        child
        for child in _children(node)
        if child.tag != "-text" or (child.text_content or "").strip()
    ]
    return len(inner) == 1 and inner[0].tag in _BOLD_TAGS


def _children(node: Node) -> list[Node]:
    children = []
    child = node.child
    while child is not None:
        children.append(child)
        child = child.next
    return children


def _sections(root: Node, heading_of: Callable[[Node], str | None]) -> list[tuple[str | None, str]]:
    """(heading, text) for the text before the first heading and under each heading.

    `heading_of` says which elements head a section (their text), None for the rest.
    """
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    # a stack instead of recursion: markup may nest deeper than Python's call stack
    todo: list[Node | str] = [*reversed(_children(root))]
    while todo:
        current = todo.pop()
        parts = sections[-1][1]
        if isinstance(current, str):
            parts.append(current)
            continue
        tag = current.tag
        if tag == "-text":
            # a line break in HTML source is just a space; blocks make the real breaks
            parts.append(_SPACES.sub(" ", current.text_content or ""))
            continue
        if tag in _DROP_TAGS or tag == "_comment":
            continue
        heading = heading_of(current)
        if heading is not None:
            sections.append((heading, []))
            continue
        rows = _table_rows(current) if tag == "table" else None
        if rows is not None:
            parts.append("\n\n" + "\n".join(rows) + "\n\n")
            continue
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
            todo.append("\n")
        if tag in ("td", "th"):
            parts.append(" ")
        todo.extend(_children(current)[::-1])
    return [(heading, _clean_lines("".join(parts))) for heading, parts in sections]


# a cell longer than this is prose laid out in a table (a whole case in one cell), not a value
MAX_CELL = 300
_CELLS = "td, th"
_HEADINGS = ", ".join(HEADING_TAGS)


def _table_rows(table: Node) -> list[str] | None:
    """A table of values as one line per row, its cells apart by a space ("I alt 9.654 12.271
    10.657"), so that a row's label stands beside its figures in one paragraph; None for a
    table that lays out prose, holds headings or other tables, or is no grid (it is read as
    the rest of the markup is). Cell by cell, each a paragraph of its own, a table's figures
    were parted from what they count. (No mark is put between cells: a quote stays the
    minutes' own words, as a reader of the portal or a PDF of it sees them.)"""
    # (a node's selectors match the node itself: one table is this one)
    if len(table.css("table")) > 1 or table.css_first(_HEADINGS) is not None:
        return None
    rows: list[list[str]] = []
    for row in table.css("tr"):
        cells = [" ".join(node_text(cell).split()) for cell in row.css(_CELLS)]
        if any(len(cell) > MAX_CELL for cell in cells):
            return None
        cells = [cell for cell in cells if cell]
        if cells:
            rows.append(cells)
    if len(rows) < 2 or max(map(len, rows)) < 2:
        return None
    return [" ".join(cells) for cells in rows]


def _no_heading(node: Node) -> None:
    return None


def node_text(node: Node) -> str:
    """Text of a node with block structure kept as line breaks."""
    return _sections(node, _no_heading)[0][1]


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment or page."""
    tree = parse_html(html)
    root = tree.body or tree.root
    return node_text(root) if root is not None else ""


def split_by_headings(
    html: str,
    tags: tuple[str, ...] = HEADING_TAGS,
    keep: Callable[[str], bool] | None = None,
) -> list[tuple[str | None, str]]:
    """(heading, text) pairs in document order; text before the first heading has None.

    Headings are found at any depth, so `<div><h3>Beslutning</h3><span>…</span></div>`
    works as well as flat markup. A heading `keep` refuses stays text of its section, as a
    paragraph. Empty sections are dropped.
    """
    wanted = frozenset(tags)

    def heading_of(node: Node) -> str | None:
        if node.tag not in wanted and (keep is None or not _is_bold_line(node)):
            return None
        # node text, not the parser's own: Word splits words across spans ("I<span>ndstilling")
        heading = " ".join(node_text(node).split())
        return heading if keep is None or keep(heading) else None

    tree = parse_html(html)
    root = tree.body or tree.root
    if root is None:
        return []
    result: list[tuple[str | None, str]] = []
    for index, (heading, body) in enumerate(_sections(root, heading_of)):
        if body:
            result.append((heading or None, body) if index else (None, body))
    return result
