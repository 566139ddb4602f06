"""The word index kept current by updates answers exactly as one rebuilt from the catalog:
after adding a meeting, deleting a document, re-storing a changed one (an item closed, another
opened), after merging its delta, and through its files, for both audiences."""

from __future__ import annotations

import datetime as dt
import pickle
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import bm25s
import numpy as np
import pytest

from assistant import lexical_files, lexical_log, postings
from assistant.catalog import Catalog
from assistant.chunking import chunk_meetings
from assistant.lexical import LexicalIndex
from assistant.model import AgendaItem, Filters, Meeting, Section, SectionKind
from assistant.tokens import tokenize
from tests.conftest import FIXTURES

SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
# its words are in no other seed: once its items are closed, the open index must not know them
CLOSED_LATER = SEEDS[4]
FILTERS = [
    Filters(),
    Filters(body="Byråd"),
    Filters(date_from=dt.date(2024, 1, 1)),
    Filters(municipality="Aarhus", date_to=dt.date(2023, 12, 31)),
    Filters(body="Ukendt"),
]


def _meeting(path: Path, source: str, body: str, date: dt.date, closed_every: int) -> Meeting:
    """A meeting of real minutes' paragraphs, three to an item; every `closed_every`th item
    closed (0: none)."""
    paragraphs = [p.strip(" #\n") for p in re.split(r"\n\s*\n", path.read_text()) if p.strip()]
    items = []
    for n, start in enumerate(range(0, len(paragraphs), 3)):
        part = paragraphs[start : start + 3]
        kinds = (SectionKind.BACKGROUND, SectionKind.DECISION, SectionKind.ECONOMY)
        pairs = zip(kinds, part, strict=False)
        sections = [Section(kind=k, heading=k.value, text=t) for k, t in pairs]
        closed = bool(closed_every) and n % closed_every == closed_every - 1
        items.append(
            AgendaItem(
                number=str(n + 1), title=part[0][:60], case_number=f"{n:02d}.00-{path.stem[:3]}",
                closed=closed, sections=sections,
            )
        )  # fmt: skip
    return Meeting(municipality="Aarhus", body=body, date=date, source=source, items=items)


def _store(catalog: Catalog, meeting: Meeting, version: str) -> None:
    chunks = chunk_meetings([meeting], version, 40, 8)  # small chunks: more rows to compare
    tokens = [" ".join(tokenize(c.lexical_text())) for c in chunks]
    catalog.replace_document(meeting.source, version, "test", [meeting], chunks, tokens)


def _a(catalog: Catalog) -> None:
    _store(catalog, _meeting(SEEDS[0], "a.txt", "Byråd", dt.date(2023, 3, 1), 3), "a1")


def _b(catalog: Catalog, closed_every: int = 2, seed: int = 1, version: str = "b1") -> None:
    meeting = _meeting(SEEDS[seed], "b.txt", "Økonomiudvalget", dt.date(2024, 5, 2), closed_every)
    _store(catalog, meeting, version)


def _closed_later(catalog: Catalog, closed_every: int = 0, version: str = "c1") -> None:
    meeting = _meeting(CLOSED_LATER, "c.txt", "Byråd", dt.date(2022, 1, 5), closed_every)
    _store(catalog, meeting, version)


@pytest.fixture
def catalog(tmp_path: Path) -> Iterator[Catalog]:
    opened = Catalog(tmp_path / "catalog.sqlite")
    for store in (_a, _b, _closed_later):
        store(opened)
    yield opened
    opened.close()


# The changes, one write each: a meeting added, a document deleted, one re-stored changed
# (other text, every item closed), and the once-open c.txt now closed throughout
STEPS: list[Callable[[Catalog], object]] = [
    lambda c: _store(c, _meeting(SEEDS[2], "new.txt", "Byråd", dt.date(2025, 2, 3), 4), "n1"),
    lambda c: c.delete_document("a.txt"),
    lambda c: _b(c, closed_every=1, seed=3, version="b2"),
    lambda c: _closed_later(c, closed_every=1, version="c2"),
]


def _changes(catalog: Catalog) -> None:
    for step in STEPS:
        step(catalog)


def _probe_words(*indexes: LexicalIndex) -> list[str]:
    """Every word either index holds, the first letters of long ones (compound parts) and
    misspellings (for respelling)."""
    words: set[str] = set()
    for index in indexes:
        words.update(index._base.terms + index._new_terms)
    probes = sorted(words)
    probes += [w[:6] for w in probes if len(w) > 8]
    probes += [w[:3] + w[4:] for w in probes if len(w) > 6][::3]
    return sorted(set(probes))


def assert_same(updated: LexicalIndex, rebuilt: LexicalIndex) -> None:
    """Everything search asks of the index is the same (scores to float32's last bit)."""
    assert len(updated) == len(rebuilt)
    assert sorted(updated.chunk_ids) == sorted(rebuilt.chunk_ids)
    assert updated.generation == rebuilt.generation
    assert (updated.serves_open, updated.serves_closed, updated.hidden) == (
        rebuilt.serves_open, rebuilt.serves_closed, rebuilt.hidden,
    )  # fmt: skip
    words = _probe_words(updated, rebuilt)
    for word in words:
        assert updated.forms(word) == rebuilt.forms(word), word
        assert updated.idf(word) == rebuilt.idf(word), word
    for word in words[::5]:
        assert updated.respell(word) == rebuilt.respell(word), word
    queries = [words[i : i + 3] for i in range(0, len(words), 29)]
    for flt in FILTERS:
        for include_closed in (False, True):
            for query in queries:
                got = updated.search(query, 100_000, flt, include_closed)
                want = rebuilt.search(query, 100_000, flt, include_closed)
                assert {h.chunk_id: h.score for h in got} == {h.chunk_id: h.score for h in want}
            assert updated.filters.dense_count() == rebuilt.filters.dense_count()
            count, ids = updated.filters.dense_allowed(flt, include_closed, 100_000)
            assert (count, sorted(ids or [])) == (
                rebuilt.filters.dense_allowed(flt, include_closed, 100_000)[0],
                sorted(rebuilt.filters.dense_allowed(flt, include_closed, 100_000)[1] or []),
            )
            every = [*rebuilt.chunk_ids, "gone"]
            assert updated.filters.passing(every, flt, include_closed) == (
                rebuilt.filters.passing(every, flt, include_closed)
            )


@pytest.mark.parametrize("include_closed", [False, True])
def test_updates_equal_a_rebuild_step_by_step(catalog: Catalog, include_closed: bool) -> None:
    index = LexicalIndex.build(catalog, include_closed)
    for step in STEPS:
        step(catalog)
        updated = index.caught_up(catalog)
        assert updated is not None and updated.generation == catalog.generation()
        assert updated.has_delta() and not updated.merge_due()  # the delta path, not a merge
        assert_same(updated, LexicalIndex.build(catalog, include_closed))
        assert index.generation == updated.generation - 1  # the old version is untouched
        index = updated
    assert_same(index.merged(), LexicalIndex.build(catalog, include_closed))


def test_words_of_items_closed_since_leave_the_open_index(catalog: Catalog) -> None:
    index = LexicalIndex.build(catalog, include_closed=False)
    only_there = "samhandlingsarena"  # a word of c.txt (seed 004) alone
    assert index.known(only_there) and index.known("handlingsarena")
    _changes(catalog)
    updated = index.caught_up(catalog)
    assert updated is not None
    # the rows are still there (dead until the next merge), the word is not
    assert not updated.known(only_there) and not updated.known("handlingsarena")
    assert updated.idf(only_there) == updated.idf("ordetfindesikke")
    assert updated.respell(only_there[:-1] + "x") == only_there[:-1] + "x"
    assert updated.hidden > index.hidden > 0 and not updated.serves_closed
    everything = LexicalIndex.build(catalog, include_closed=True).caught_up(catalog)
    assert everything is not None and everything.known(only_there)


def test_scores_are_bm25s_own(catalog: Catalog) -> None:
    index = LexicalIndex.build(catalog, include_closed=True)
    rows = catalog.lexical_rows()
    vocab: dict[str, int] = {}
    corpus = [[vocab.setdefault(w, len(vocab)) for w in r[1].split() or ["\x00"]] for r in rows]
    reference = bm25s.BM25(k1=1.2, b=0.75)
    reference.index((corpus, vocab), show_progress=False)
    assert index.chunk_ids == [r[0] for r in rows]
    for word in vocab.keys() - {""}:  # bm25s adds "" (for queries without words)
        assert np.array_equal(index._scores(word), reference.get_scores([word])), word


def test_the_saved_base_and_delta_load_as_the_updated_index(
    catalog: Catalog, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    built = LexicalIndex.load_or_build(catalog, folder, include_closed=False)
    assert built.base_saved() and (folder / "lexical-open.pickle").exists()
    _changes(catalog)
    updated = LexicalIndex.load_or_build(catalog, folder, include_closed=False, previous=built)
    assert updated.has_delta() and updated.generation == catalog.generation()
    assert (folder / "lexical-open-delta.pickle").exists()
    loaded = lexical_files.load(folder, include_closed=False)
    assert loaded is not None and loaded is not updated
    assert_same(loaded, LexicalIndex.build(catalog, include_closed=False))
    # a merge writes a new base and drops the delta of the old one
    lexical_files.save(updated.merged(), folder)
    assert not (folder / "lexical-open-delta.pickle").exists()
    assert_same(lexical_files.load(folder, False), LexicalIndex.build(catalog, False))  # type: ignore[arg-type]


def test_a_delta_beside_another_base_is_ignored(catalog: Catalog, tmp_path: Path) -> None:
    built = LexicalIndex.load_or_build(catalog, tmp_path, include_closed=True)
    _changes(catalog)
    updated = LexicalIndex.load_or_build(catalog, tmp_path, include_closed=True, previous=built)
    delta = (tmp_path / "lexical-delta.pickle").read_bytes()
    # another process rebuilt the base meanwhile (and crashed before removing the delta)
    lexical_files.save(LexicalIndex.build(catalog, include_closed=True), tmp_path)
    (tmp_path / "lexical-delta.pickle").write_bytes(delta)
    loaded = lexical_files.load(tmp_path, include_closed=True)
    assert loaded is not None and not loaded.has_delta()
    assert_same(loaded, updated)


def test_an_index_older_than_the_log_is_rebuilt(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = LexicalIndex.build(catalog, include_closed=True)
    monkeypatch.setattr(lexical_log, "KEEP_GENERATIONS", 1)
    _changes(catalog)
    assert index.caught_up(catalog) is None  # too far behind: the caller rebuilds
    current = LexicalIndex.load_or_build(catalog, tmp_path, include_closed=True, previous=index)
    assert not current.has_delta() and current.generation == catalog.generation()


def test_a_write_the_log_missed_is_caught_by_the_counts(catalog: Catalog) -> None:
    index = LexicalIndex.build(catalog, include_closed=True)
    _store(catalog, _meeting(SEEDS[2], "new.txt", "Byråd", dt.date(2025, 2, 3), 4), "n1")
    with catalog.transaction() as db:  # as a writer from before the log would leave it
        db.execute("DELETE FROM lexical_log")
    assert index.caught_up(catalog) is None


def test_old_versions_stay_readable_while_new_ones_are_made(catalog: Catalog) -> None:
    index = LexicalIndex.build(catalog, include_closed=True)
    before = {h.chunk_id: h.score for h in index.search(["klima"], 1000, Filters(), True)}
    frozen = pickle.dumps(index)
    _changes(catalog)
    updated = index.caught_up(catalog)
    assert updated is not None and updated.merged() is not None
    assert {h.chunk_id: h.score for h in index.search(["klima"], 1000, Filters(), True)} == before
    assert pickle.dumps(index) == frozen


def test_merging_in_small_slices_gives_the_same_index(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = LexicalIndex.build(catalog, include_closed=True)
    _changes(catalog)
    updated = index.caught_up(catalog)
    assert updated is not None
    whole = updated.merged()._base.postings
    monkeypatch.setattr(postings, "SLICE", 50)  # many slices, and columns longer than one
    sliced = updated.merged()
    for name in ("indptr", "rows", "tf"):
        assert np.array_equal(getattr(sliced._base.postings, name), getattr(whole, name))
    assert_same(sliced, LexicalIndex.build(catalog, include_closed=True))
