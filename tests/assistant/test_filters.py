"""The metadata filter engine on a handful of hand-made catalog rows, and the lexical index that
carries it through a pickle."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.catalog import Catalog
from assistant.chunking import chunk_meetings
from assistant.filters import FilterIndex
from assistant.lexical import LexicalIndex
from assistant.model import AgendaItem, Filters, Meeting, Section, SectionKind
from assistant.tokens import tokenize

# (chunk id, tokens, body, municipality, case number, date, closed, dense): catalog.lexical_rows()
ROWS: list[tuple[Any, ...]] = [
    ("c0", "miljø plan", "Byråd", "Greve", "01-1", "2023-01-10", 0, 1),
    ("c1", "budget", "Økonomiudvalget", "Greve", "01-2", "2023-06-01", 0, 1),
    ("c2", "grund salg", "Byråd", "Albertslund", None, "2024-02-01", 1, 1),
    ("c3", "miljø", "Byråd", "Greve", "01-1", None, 0, 0),
    ("c4", "", None, "Greve", None, "2022-12-31", 0, 1),
    ("c5", "klima", "Chefforum", "Albertslund", "01-3", "2024-04-10", 0, 0),
]
ALL = {r[0] for r in ROWS}
OPEN = ALL - {"c2"}


@pytest.fixture
def index() -> FilterIndex:
    return FilterIndex(ROWS)


def _selected(index: FilterIndex, flt: Filters, include_closed: bool = True) -> set[str]:
    mask = index.mask(flt, include_closed)
    if mask is None:
        return set(ALL)
    assert mask.shape == (len(ROWS),)
    return {r[0] for r, keep in zip(ROWS, mask, strict=True) if keep}


def test_no_filter_is_no_mask_and_closed_items_are_hidden_unless_asked(index: FilterIndex) -> None:
    assert len(index) == len(ROWS)
    assert index.mask(Filters(), include_closed=True) is None
    assert _selected(index, Filters(), include_closed=False) == OPEN


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (Filters(body="Byråd"), {"c0", "c2", "c3"}),
        (Filters(municipality="Albertslund"), {"c2", "c5"}),
        (Filters(case_number="01-1"), {"c0", "c3"}),
        (Filters(date_from=dt.date(2023, 6, 1)), {"c1", "c2", "c5"}),
        (Filters(date_to=dt.date(2023, 1, 10)), {"c0", "c4"}),  # undated chunks fail a range
        (Filters(date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 12, 31)), {"c0", "c1"}),
        (Filters(body="Byråd", municipality="Greve"), {"c0", "c3"}),
        (Filters(body="Byråd", date_from=dt.date(2024, 1, 1)), {"c2"}),
    ],
)
def test_each_filter_cuts(index: FilterIndex, flt: Filters, expected: set[str]) -> None:
    assert _selected(index, flt, include_closed=True) == expected
    assert _selected(index, flt, include_closed=False) == expected - {"c2"}
    assert index.passing(sorted(ALL), flt, include_closed=True) == expected


@pytest.mark.parametrize(
    "flt",
    [
        Filters(body="Kommunalbestyrelsen"),
        Filters(municipality="Steinkjer"),
        Filters(case_number="99-9"),
        Filters(body="byråd"),  # exact names only
        Filters(date_from=dt.date(2030, 1, 1)),
    ],
)
def test_a_filter_matching_nothing_gives_nothing(index: FilterIndex, flt: Filters) -> None:
    mask = index.mask(flt, include_closed=True)
    assert mask is not None and not mask.any()
    assert index.passing(sorted(ALL), flt, include_closed=True) == set()
    assert index.dense_allowed(flt, include_closed=True, limit=100) == (0, [])


def test_passing_drops_ids_it_does_not_know(index: FilterIndex) -> None:
    ids = ["c0", "nope", "c2", "c3", ""]
    assert index.passing(ids, Filters(), include_closed=True) == {"c0", "c2", "c3"}
    assert index.passing(ids, Filters(), include_closed=False) == {"c0", "c3"}
    assert index.passing(ids, Filters(body="Byråd"), include_closed=True) == {"c0", "c2", "c3"}
    assert index.passing([], Filters(), include_closed=True) == set()


def test_dense_allowed_lists_ids_only_up_to_the_limit(index: FilterIndex) -> None:
    assert index.dense_count() == 4  # c0, c1, c2, c4 have vectors
    assert index.dense_allowed(Filters(), include_closed=True, limit=4) == (
        4,
        ["c0", "c1", "c2", "c4"],
    )
    assert index.dense_allowed(Filters(), include_closed=True, limit=3) == (4, None)
    assert index.dense_allowed(Filters(), include_closed=False, limit=3) == (3, ["c0", "c1", "c4"])
    # c3 passes the body filter but has no vector
    assert index.dense_allowed(Filters(body="Byråd"), include_closed=True, limit=2) == (
        2,
        ["c0", "c2"],
    )
    assert index.dense_allowed(Filters(body="Byråd"), include_closed=True, limit=1) == (2, None)
    assert index.dense_allowed(Filters(body="Byråd"), include_closed=False, limit=1) == (1, ["c0"])


def test_an_empty_index_passes_nothing() -> None:
    empty = FilterIndex([])
    assert len(empty) == 0 and empty.dense_count() == 0
    assert empty.dense_allowed(Filters(), include_closed=True, limit=10) == (0, [])
    assert empty.passing(["c0"], Filters(), include_closed=True) == set()


def test_a_given_chunk_id_list_is_shared_not_copied() -> None:
    ids = [r[0] for r in ROWS]
    shared = FilterIndex(ROWS, ids)
    assert shared._chunk_ids is ids
    with pytest.raises(ValueError):
        FilterIndex(ROWS, ids[:-1])


def test_a_pickle_leaves_out_the_row_lookup(index: FilterIndex) -> None:
    assert index.passing(["c0"], Filters(), include_closed=True) == {"c0"}  # builds _rows
    assert "_rows" in index.__dict__
    loaded = pickle.loads(pickle.dumps(index))
    assert "_rows" not in loaded.__dict__
    assert loaded.passing(sorted(ALL), Filters(case_number="01-1"), True) == {"c0", "c3"}
    assert loaded.dense_allowed(Filters(municipality="Greve"), True, 10) == (3, ["c0", "c1", "c4"])


def _meeting(source: str, body: str, date: dt.date, decision: str, closed: bool) -> Meeting:
    return Meeting(
        municipality="Greve",
        body=body,
        date=date,
        source=source,
        items=[
            AgendaItem(
                number="1",
                title="Sag",
                case_number=f"{source}-1",
                closed=closed,
                sections=[Section(kind=SectionKind.DECISION, heading="Beslutning", text=decision)],
            )
        ],
    )


@pytest.fixture
def catalog(tmp_path: Path) -> Iterator[Catalog]:
    opened = Catalog(tmp_path / "catalog.sqlite")
    documents = [
        (
            "a.txt",
            "Byråd",
            dt.date(2023, 3, 1),
            "Byrådet godkendte planen for miljøledelse.",
            False,
        ),
        ("b.txt", "Økonomiudvalget", dt.date(2024, 5, 2), "Udvalget bevilgede tilskud.", False),
        ("c.txt", "Byråd", dt.date(2024, 9, 3), "Byrådet solgte grunden ved havnen.", True),
    ]
    for source, body, date, decision, closed in documents:
        meetings = [_meeting(source, body, date, decision, closed)]
        chunks = chunk_meetings(meetings, "v1")
        tokens = [" ".join(tokenize(c.lexical_text())) for c in chunks]
        opened.replace_document(source, "v1", None, meetings, chunks, tokens)
    yield opened
    opened.close()


def test_the_lexical_index_round_trips_through_its_pickle_with_working_filters(
    catalog: Catalog, tmp_path: Path
) -> None:
    words = tokenize("miljøledelse")
    built = LexicalIndex.load_or_build(catalog, tmp_path, include_closed=True)
    assert built.filters._chunk_ids is built.chunk_ids  # one list, not two
    flt = Filters(body="Byråd")
    expected = built.filters.passing(built.chunk_ids, flt, include_closed=True)
    assert expected and len(built.filters) == len(built)
    built.filters.passing(built.chunk_ids, Filters(), True)  # the row lookup exists now

    loaded = LexicalIndex.load_or_build(
        catalog, tmp_path, include_closed=True
    )  # from the pickle this time
    assert loaded is not built and loaded.format == LexicalIndex.FORMAT
    assert loaded.chunk_ids == built.chunk_ids
    assert loaded.filters._chunk_ids is loaded.chunk_ids  # still one list after the pickle
    assert "_rows" not in loaded.filters.__dict__
    assert loaded.filters.passing(loaded.chunk_ids, flt, include_closed=True) == expected
    for include_closed in (False, True):
        for f in (Filters(), flt, Filters(date_from=dt.date(2024, 1, 1)), Filters(body="Ukendt")):
            assert loaded.filters.dense_allowed(f, include_closed, 100) == (
                built.filters.dense_allowed(f, include_closed, 100)
            )
            assert [h.chunk_id for h in loaded.search(words, 5, f, include_closed)] == [
                h.chunk_id for h in built.search(words, 5, f, include_closed)
            ]
    assert loaded.search(words, 5, flt)  # the filter lets the matching chunk through
    assert not loaded.search(words, 5, Filters(body="Økonomiudvalget"))


def test_an_index_pickled_in_an_older_format_is_rebuilt(catalog: Catalog, tmp_path: Path) -> None:
    built = LexicalIndex.load_or_build(catalog, tmp_path, include_closed=True)
    built.format = LexicalIndex.FORMAT - 1
    (tmp_path / "lexical.pickle").write_bytes(pickle.dumps(built))
    rebuilt = LexicalIndex.load_or_build(catalog, tmp_path, include_closed=True)
    assert rebuilt.format == LexicalIndex.FORMAT
    with (tmp_path / "lexical.pickle").open("rb") as handle:
        assert pickle.load(handle).format == LexicalIndex.FORMAT
