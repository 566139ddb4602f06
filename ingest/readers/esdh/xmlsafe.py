"""XML parsed without entity expansion or DTD fetches, and sniffed without parsing."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import fromstring

from assistant.errors import CorruptDocumentError, UnsafeXmlError

__all__ = ["child_text", "parse_xml", "root_tag"]

# XML 1.0 forbids control characters even written as references; eDoc's <FullText> carries
# form feeds as `&#xC;` all the same, so they become spaces before parsing.
_CONTROL_REFERENCE = re.compile(
    rb"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));"
)
_SNIFF_BYTES = 4096
# The root element's name after the prolog: declaration, comments, processing instructions
# and a DOCTYPE (its internal subset included), all within the sniffed head.
_ROOT = re.compile(
    r"\A\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)*"
    r"<([A-Za-z_][\w.:-]*)",
    re.DOTALL,
)


def root_tag(data: bytes) -> str | None:
    """The name of the root element if the bytes start like XML (no parsing); else None."""
    head = data[:_SNIFF_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff")
    match = _ROOT.match(head)
    return match.group(1) if match else None


def parse_xml(name: str, data: bytes) -> Element:
    """The parsed document; refuses entities and external references, never fetches."""
    data = _CONTROL_REFERENCE.sub(b" ", data)
    try:
        root: Element = fromstring(data, forbid_dtd=False, forbid_entities=True)
    except EntitiesForbidden as error:
        raise UnsafeXmlError(name, f"declares the entity {error.name!r}") from error
    except DTDForbidden as error:
        raise UnsafeXmlError(name, "has a DOCTYPE") from error
    except DefusedXmlException as error:  # external references, unparsed entities
        raise UnsafeXmlError(name, "refers to an external resource") from error
    except ParseError as error:
        raise CorruptDocumentError(name, f"not well-formed XML: {error}") from error
    return root


def child_text(element: Element | None, path: str) -> str:
    """The stripped text of the first element at `path` below `element`, "" when absent."""
    if element is None:
        return ""
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""
