"""Page furniture: page numbers, running headers and footers, web-page chrome.

None of it is content: it never becomes a title, a heading or a section's text. Running
headers are found next to page numbers ("Side 3", "Sida 5 (22)", "3 of 5"): lines that stand
in that block on many pages, digits aside, are the header ("Dato: 04.12.2012").
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter

from ingest.segmenter.headers import candidate

__all__ = ["furniture_mask", "is_chrome", "is_page_number"]

_PAGE_LABEL = re.compile(
    r"(?:side|sida|page|pg\.?|s\.)\s*\d{1,4}(?:\s*(?:af|av|of|fra|/)\s*\d{1,4}|\s*\(\s*\d{1,4}\s*\))?",
    re.IGNORECASE,
)
_PAGE_OF = re.compile(
    r"[-–—]?\s*\d{1,4}\s*(?:(?:af|av|of)\s*\d{1,4}|\(\s*\d{1,4}\s*\))\s*[-–—]?|[-–—]\s*\d{1,4}\s*[-–—]",
    re.IGNORECASE,
)
# "10.09.2019 17:55:17 Valgprotokoll for valgstyret Side 2": a footer ending in its page
_PAGE_SUFFIX = re.compile(
    r"(?:^|\s)(?:side|sida|page)\s+\d{1,4}(?:\s*(?:af|av|of)\s*\d{1,4}|\s*\(\s*\d{1,4}\s*\))?$",
    re.IGNORECASE,
)
_SUFFIX_LINE_MAX = 120
_BARE_NUMBER = re.compile(r"\d{1,3}")

# Whole lines that web pages put around the text: navigation, tools, search, cookie buttons.
_CHROME = re.compile(
    r"(?:[•·|›»>*]\s*)*(?:"
    r"no results found|ingen resultater(?: fundet)?|inga (?:sök)?resultat|ingen treff"
    r"|(?:tekst|skrift|text)?størrelse:?\s*\d*\s*px|(?:tekst|skrift)størrelse|textstorlek"
    r"|størrelse:?\s*[+\-]?\s*\d*\s*(?:px|%)?|a\s*a\s*a"
    r"|(?:gå|spring|hop|hopp) til (?:indhold|hovedindhold|innhold|hovedinnhold|menu|meny)"
    r"|gå till (?:innehåll|huvudinnehåll)|skip to (?:main )?content"
    r"|tilbage(?: til (?:forsiden|toppen|oversigten))?|til toppen|tillbaka|tilbake|back"
    r"|menu|meny|søg|søk|sök|search|luk|lukk|stäng|close|print|udskriv|skriv ut"
    r"|del(?: på \w+| siden)?|dela|share|lyt|læs op|lytt|lyssna|listen"
    r"|hent som pdf|kopi[eé]r link|tip en ven|send til en ven|forside|startsida|home"
    r"|kontakt os|kontakt oss|kontakta oss|contact us|tilgængelighedserklæring"
    r"|tilgjengelighetserklæring|tillgänglighetsredogörelse|læs mere|les mer|läs mer|read more"
    r"|accepter(?: alle)?(?: cookies)?|afvis(?: alle)?(?: cookies)?|tillad (?:alle|valgte)"
    r"|kun nødvendige(?: cookies)?|godta(?: alle)?|avvis(?: alle)?|acceptera(?: alla)?(?: kakor)?"
    r"|neka|endast nödvändiga|cookie-?(?:indstillinger|innstillinger|inställningar|settings)"
    r"|(?:du er her|du är här|you are here):?.*"
    r"|(?:sidst opdateret|senest oppdatert|senast uppdaterad|last updated):?.*"
    r")[.:]?",
    re.IGNORECASE,
)
_CHROME_MAX = 80
# Cookie banners are sentences: "Vi bruger cookies til at …" near the top or the bottom.
_COOKIE = re.compile(
    r"\b(?:bruger|anvender|benytter|bruker|använder|uses?|sætter|setter)\s+"
    r"(?:cookies|informasjonskapsler|kakor)\b|\bcookie(?:s|politik|politikk|policy)\b",
    re.IGNORECASE,
)
_COOKIE_REACH = 60
_BREADCRUMB = re.compile(r"[^>›»]{1,40}(?:\s[>›»]\s[^>›»]{1,40}){2,}|[^>›»]{1,40}\s[>›»]")

# A block of running header or footer lines reaches this far from its page number.
_WINDOW = 6
# Share of pages on which a line must recur next to the page number to be a running header.
_RECURRING = 0.4
_AGAIN_MAX = 100


def is_page_number(line: str) -> bool:
    """ "Side 3", "Side 3 af 17", "Sida 5 (22)", "3 of 5", "- 3 -", "… Valgprotokoll Side 2"."""
    text = " ".join(line.split())
    if not text:
        return False
    if _PAGE_LABEL.fullmatch(text) or _PAGE_OF.fullmatch(text):
        return True
    return len(text) <= _SUFFIX_LINE_MAX and _PAGE_SUFFIX.search(text) is not None


def is_chrome(line: str, near_edge: bool = True) -> bool:
    """Web-page navigation, tools and cookie text standing on a line of its own."""
    text = " ".join(line.split())
    if not text:
        return False
    if not text.strip("•·|›»>* "):
        return True  # "•", "|", "›": bullets and separators alone (a lone "-" is text)
    if len(text) <= _CHROME_MAX and (_CHROME.fullmatch(text) or _BREADCRUMB.fullmatch(text)):
        return True
    return near_edge and len(text) <= 400 and _COOKIE.search(text) is not None


def _signature(line: str) -> str:
    """The line with its digits masked: "Dato: 04.12.2012 Side 3" recurs as one signature."""
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _running_lines(lines: list[str], anchors: list[int]) -> set[int]:
    """Indexes of the running header/footer lines that stand next to the page numbers.

    A line is counted at its distance from the page number: a running header stands at
    the same place on every page, a case number under an item only happens to be near one.
    """
    if len(anchors) < 2:
        return set()
    anchor_set = set(anchors)
    counts: Counter[tuple[int, str]] = Counter()
    reach: list[list[tuple[int, int]]] = []
    for anchor in anchors:
        for step in (-1, 1):
            side = [
                (step * (distance + 1), index)
                for distance, index in enumerate(_neighbours(lines, anchor, step, anchor_set))
            ]
            reach.append(side)
            counts.update({(offset, _signature(lines[index])) for offset, index in side})
    need = max(2, math.ceil(len(anchors) * _RECURRING))
    found: set[int] = set()
    for side in reach:
        for offset, index in side:  # nearest first: the block ends at the first line of content
            if counts[(offset, _signature(lines[index]))] < need or _opens_item(lines[index]):
                break
            found.add(index)
    # the same lines where no page number stands near (the last page's footer)
    texts = Counter(lines[index] for index in found)
    again = {text for text, count in texts.items() if count >= 2 and len(text) <= _AGAIN_MAX}
    found.update(index for index, line in enumerate(lines) if line in again)
    return found


def _opens_item(line: str) -> bool:
    """ "§ 45" at the top of every page opens an item there; it is no running header."""
    header = candidate(0, line)
    return header is not None and header.strong


def _neighbours(lines: list[str], start: int, step: int, anchors: set[int]) -> list[int]:
    """Up to _WINDOW non-blank line indexes from `start` in one direction, nearest first."""
    found: list[int] = []
    index = start + step
    while 0 <= index < len(lines) and len(found) < _WINDOW and index not in anchors:
        if lines[index].strip():
            found.append(index)
        index += step
    return found


def _page_counters(lines: list[str]) -> set[int]:
    """Bare page numbers ("3") at the edge of a page: an ascending run of them, one per page."""
    edges: list[int] = []
    for index, line in enumerate(lines):
        if not _BARE_NUMBER.fullmatch(line.strip()):
            continue
        above = index == 0 or not lines[index - 1].strip()
        below = index + 1 == len(lines) or not lines[index + 1].strip()
        if above or below:
            edges.append(index)
    if len(edges) < 3:
        return set()
    values = [int(lines[i].strip()) for i in edges]
    steps = sum(1 for a, b in itertools.pairwise(values) if b == a + 1)
    return set(edges) if steps >= 0.6 * (len(edges) - 1) else set()


def furniture_mask(lines: list[str]) -> list[bool]:
    """For every line, whether it is page furniture (page numbers, running headers, chrome)."""
    anchors = [i for i, line in enumerate(lines) if is_page_number(line)]
    furniture = set(anchors) | _running_lines(lines, anchors) | _page_counters(lines)
    count = len(lines)
    for index, line in enumerate(lines):
        near_edge = index < _COOKIE_REACH or index >= count - _COOKIE_REACH
        if index not in furniture and is_chrome(line, near_edge):
            furniture.add(index)
    return [index in furniture for index in range(count)]
