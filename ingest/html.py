"""HTML → text, shared by every reader that meets HTML (Greve fields, web pages, tables).

Minutes text is kept as text: tags go, block elements become line breaks, entities are
decoded, whitespace inside a line is collapsed. Nothing here ever returns markup.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

__all__ = ["HEADING_TAGS", "html_to_text", "node_text", "split_by_headings"]

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
_DROP_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe")


def _clean_lines(raw: str) -> str:
    lines = (re.sub(r"[ \t\u00a0\u200b\r\f\v]+", " ", line).strip() for line in raw.split("\n"))
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def node_text(node: Node) -> str:
    """Text of a node with block structure kept as line breaks."""
    parts: list[str] = []

    def walk(current: Node) -> None:
        child = current.child
        while child is not None:
            tag = child.tag
            if tag == "-text":
                # a line break in HTML source is just a space; blocks make the real breaks
                parts.append(re.sub(r"\s+", " ", child.text_content or ""))
            elif tag in _DROP_TAGS or tag == "_comment":
                pass
            else:
                block = tag in _BLOCK_TAGS
                if block:
                    parts.append("\n")
                if tag in ("td", "th"):
                    parts.append(" ")
                walk(child)
                if block:
                    parts.append("\n")
            child = child.next

    walk(node)
    return _clean_lines("".join(parts))


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment or page."""
    tree = HTMLParser(html)
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    root = tree.body or tree.root
    return node_text(root) if root is not None else ""


def split_by_headings(
    html: str, tags: tuple[str, ...] = HEADING_TAGS
) -> list[tuple[str | None, str]]:
    """(heading, text) pairs in document order; text before the first heading has None.

    Headings are found at any depth, so `<div><h3>Beslutning</h3><span>…</span></div>`
    works as well as flat markup. Empty sections are dropped.
    """
    marker = "\u2063HEADING\u2063"
    tree = HTMLParser(html)
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    for node in tree.css(",".join(tags)):
        heading = re.sub(r"\s+", " ", node.text(separator=" ")).strip()
        node.replace_with(f"\n{marker}{heading}{marker}\n")
    root = tree.body or tree.root
    text = node_text(root) if root is not None else ""
    pieces = re.split(f"{marker}(.*?){marker}", text)
    result: list[tuple[str | None, str]] = []
    lead = pieces[0].strip()
    if lead:
        result.append((None, lead))
    for i in range(1, len(pieces), 2):
        heading = pieces[i].strip()
        body = pieces[i + 1].strip() if i + 1 < len(pieces) else ""
        if body:
            result.append((heading or None, body))
    return result
