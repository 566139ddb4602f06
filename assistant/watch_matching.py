"""Watches meet what an ingest brought: each watch's query, ranked by search over the items
that are new or changed, kept where ask would call the item an answer.

Nothing here ranks or judges on its own: the query goes through `search.rank` (one meeting
at a time, as a filter: body, municipality and date narrowed to that meeting, so the search
costs what a filtered search costs) and every hit through `answer.answering_hits`, alone
(a new item must answer the question by itself, not beside a better one).

Which items are new: documents whose stored version the watches have not seen, and in them
the items whose text differs from what was seen under the same meeting, number and title
(an agenda replaced by its minutes reports the items the minutes changed, and the rest not).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace

import numpy as np

from assistant.answer import answering_hits, quoted_citation
from assistant.archive import Archive, Snapshot
from assistant.catalog import StoredItem
from assistant.embedder import Vectors
from assistant.keys import KeyRecord
from assistant.locks import held
from assistant.model import Filters, Meeting
from assistant.question import Query
from assistant.search import rank, read
from assistant.watches import RecordedHit, Watch, WatchStore, audience

__all__ = ["MatchReport", "item_digest", "item_key", "match"]

log = logging.getLogger(__name__)

# more than a meeting's items ever are: the meeting filter, not this, bounds the ranking
TOP_K = 200


@dataclass
class MatchReport:
    documents: int = 0  # new or changed documents
    items: int = 0  # new or changed items in them
    watches: int = 0  # watches that looked at them
    hits: int = 0  # newly recorded
    found: list[RecordedHit] = field(default_factory=list)


def item_key(stored: StoredItem) -> str:
    """Which agenda item this is, whichever file it came in: meeting and item as written."""
    m, i = stored.meeting, stored.item
    date = m.date.isoformat() if m.date else None
    fields = [m.municipality, m.body, date, i.number, i.title, i.case_number]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()[:32]


def item_digest(stored: StoredItem) -> str:
    """What the item says (and whether it is closed): a change is news."""
    sections = [[s.heading, s.text] for s in stored.item.sections]
    body = json.dumps([stored.item.closed, sections], ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()[:32]


def _entry(key: str, digest: str) -> str:
    return hashlib.sha256(f"{key}\x00{digest}".encode()).hexdigest()[:32]


def narrowed(flt: Filters, meeting: Meeting) -> Filters | None:
    """The watch's filters narrowed to one meeting; None when they leave it out."""
    update: dict[str, object] = {}
    for name, value in (("body", meeting.body), ("municipality", meeting.municipality)):
        mine = getattr(flt, name)
        if mine and value and mine != value:
            return None
        update[name] = mine or value
    date = meeting.date
    if date is not None:
        if (flt.date_from and date < flt.date_from) or (flt.date_to and date > flt.date_to):
            return None
        update["date_from"] = update["date_to"] = date
    return flt.model_copy(update=update)


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class _Remembering(Snapshot):
    """A snapshot whose question vectors are remembered between ingests: a CLI ingest or a
    sync is a new process each time, and would embed every watch's query again (~22 ms
    each on an idle machine, far more on a busy one)."""

    vectors: dict[str, Vectors] = field(default_factory=dict)
    new: dict[str, Vectors] = field(default_factory=dict)

    @classmethod
    def of(
        cls, view: Snapshot, vectors: dict[str, Vectors], new: dict[str, Vectors]
    ) -> _Remembering:
        return cls(
            **{f.name: getattr(view, f.name) for f in fields(Snapshot)}, vectors=vectors, new=new
        )

    def embed_question(self, text: str) -> Vectors:
        key = _text_key(text)
        if key not in self.vectors:
            self.vectors[key] = self.new[key] = super().embed_question(text)
        return self.vectors[key]


@dataclass
class _Meeting:
    meeting: Meeting
    items: dict[str, str] = field(default_factory=dict)  # item id → hit entry


def _matches(
    archive: Archive, watch: Watch, include_closed: bool, meetings: list[_Meeting],
    vectors: dict[str, Vectors], new: dict[str, Vectors],
) -> list[RecordedHit]:  # fmt: skip
    """The new items that answer the watch's query, as search and ask would have it."""
    read_now, question = read(archive, Query(watch.query, watch.filters, (), include_closed))
    view = _Remembering.of(read_now, vectors, new)
    found: list[RecordedHit] = []
    for group in meetings:
        flt = narrowed(watch.filters, group.meeting)
        if flt is None:
            continue
        asked = replace(question, query=replace(question.query, filters=flt))
        for hit in rank(view, asked, TOP_K):
            entry = group.items.get(hit.ref.item_id)
            if entry is None or (hit.ref.closed and not include_closed):
                continue  # an item seen before, or (never) one the watch may not see
            # by its words (or near-verbatim meaning) only: a watch is asked of every new
            # item for months, and the sentence-by-sentence check embeds an item's sentences
            if answering_hits(view, asked, [hit], min_sentence=math.inf):
                found.append(RecordedHit(watch.id, entry, quoted_citation(view, hit, asked)))
    return found


def match(archive: Archive, store: WatchStore, keys: Sequence[KeyRecord]) -> MatchReport:
    """Record, for every watch, the new or changed items that match it; idempotent, and
    safe beside other processes (they wait for each other)."""
    with held(archive.settings.data_dir, "watches.lock"):
        return _match(archive, store, keys)


def _match(archive: Archive, store: WatchStore, keys: Sequence[KeyRecord]) -> MatchReport:
    catalog = archive.catalog
    documents = {d.source: d.sha256 for d in catalog.documents()}
    seen = store.documents_seen()
    changed = sorted(source for source, version in documents.items() if seen.get(source) != version)
    removed = sorted(source for source in seen if source not in documents)
    report = MatchReport(documents=len(changed))
    if not changed and not removed:
        return report
    watches = store.watches()
    if not watches:  # all removed: keep up with the documents, read no items
        store.record([], {source: documents[source] for source in changed}, removed, {})
        return report
    items = [stored for source in changed for stored in catalog.items_of_source(source)]
    versions = {stored.id: (item_key(stored), item_digest(stored)) for stored in items}
    before = store.items_seen(sorted({key for key, _ in versions.values()}))
    meetings: dict[str, _Meeting] = {}
    for stored in items:
        key, digest = versions[stored.id]
        if before.get(key) != digest:
            group = meetings.setdefault(stored.meeting_id, _Meeting(stored.meeting))
            group.items[stored.id] = _entry(key, digest)
    report.items = sum(len(group.items) for group in meetings.values())
    watching = [(w, audience(w, keys)) for w in watches] if meetings else []
    embedder = archive.embedder_name
    vectors = {
        key: np.frombuffer(blob, dtype=np.float32)
        for key, blob in (store.query_vectors(embedder) if watching else {}).items()
    }
    new: dict[str, Vectors] = {}
    for watch, include_closed in watching:
        if include_closed is None:
            continue  # its key was revoked: it follows nothing any more
        report.watches += 1
        groups = list(meetings.values())
        report.found += _matches(archive, watch, include_closed, groups, vectors, new)
    report.hits = store.record(
        report.found,
        {source: documents[source] for source in changed},
        removed,
        dict(versions.values()),
        (embedder, {key: vector.astype(np.float32).tobytes() for key, vector in new.items()}),
    )
    if report.hits:
        log.info("watches: %d new hit(s) in %d new or changed item(s)", report.hits, report.items)
    return report
