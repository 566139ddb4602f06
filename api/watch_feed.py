"""A watch's hits as an Atom 1.0 feed (feedgen), for feed readers and Outlook."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from assistant.labels import ITEM_WORD, date_label
from assistant.question import Query, analyse
from assistant.watches import Watch, WatchHit

__all__ = ["CASE_WORD", "atom", "entry_title"]

CASE_WORD = {"da": "Sag", "no": "Sak", "en": "Case"}
FEED_TITLE = {"da": "Referat: nyt om", "no": "Referat: nytt om", "en": "Referat: new on"}


def entry_title(hit: WatchHit, language: str) -> str:
    """The entry's title: "Byråd 03-02-2025, punkt 4: Kystbeskyttelse ved Mosede"."""
    ref = hit.citation.ref
    where = " ".join(
        part for part in (ref.body or ref.municipality, date_label(ref.meeting_date)) if part
    )
    number = f", {ITEM_WORD[language]} {ref.item_number}" if ref.item_number else ""
    return f"{where}{number}: {ref.item_title}"


def _content(hit: WatchHit, language: str) -> str:
    citation = hit.citation
    quote = " ".join(citation.quote.split())
    lines = [f"{citation.section}: «{quote}»" if citation.section else f"«{quote}»"]
    if citation.ref.case_number:
        lines.append(f"{CASE_WORD[language]} {citation.ref.case_number}")
    if citation.ref.url and citation.ref.url.startswith(("http://", "https://")):
        lines.append(citation.ref.url)  # where the meeting was published
    return "\n\n".join(lines)


def atom(watch: Watch, hits: list[WatchHit], base_url: str) -> bytes:
    """The feed: one entry per hit, newest first; links open the item in the chat page."""
    language = analyse(Query(watch.query)).reply_language
    base = base_url.rstrip("/")
    feed = FeedGenerator()
    feed.id(f"{base}/v1/watches/{watch.id}")
    feed.title(f"{FEED_TITLE[language]} {watch.query}")
    feed.author({"name": "Referat"})
    feed.generator("Referat")
    feed.link(href=f"{base}/v1/watches/{watch.id}/feed.atom", rel="self")
    feed.link(href=f"{base}/", rel="alternate")
    feed.language({"no": "nb"}.get(language, language))
    created = dt.datetime.fromisoformat(watch.created)
    feed.updated(max((hit.recorded for hit in hits), default=created))
    for hit in reversed(hits):  # feedgen puts each new entry first
        ref = hit.citation.ref
        entry = feed.add_entry()
        entry.id(f"{base}/v1/watches/{watch.id}/hits/{hit.entry}")
        entry.title(entry_title(hit, language))
        entry.updated(hit.recorded)
        # one link, the alternate: feedgen 1.0.0 drops `rel` from entry links (its issue
        # #135), and two links without it would be two alternates; the source goes in the text
        entry.link(href=f"{base}/#item={ref.item_id}")
        entry.content(_content(hit, language), type="text")
    xml: bytes = feed.atom_str(pretty=True)
    return xml
