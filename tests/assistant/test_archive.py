"""The archive over real Chroma and the real e5 embedder, with small hand-built meetings."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from pathlib import Path

import pytest

from assistant.archive import Archive
from assistant.chunking import chunk_meetings
from assistant.embedder import Embedder
from assistant.errors import EmbedderMismatchError, NotFoundError
from assistant.lexical import LexicalIndex
from assistant.model import AgendaItem, Filters, Meeting, Section, SectionKind
from assistant.search import search
from assistant.settings import Settings
from tests.conftest import chroma_modes


@pytest.fixture(params=chroma_modes())
def settings(request: pytest.FixtureRequest, tmp_path: Path, cache_dir: Path) -> Settings:
    """Every test here runs on embedded Chroma and on a real Chroma server."""
    if request.param == "server":
        url = request.getfixturevalue("chroma_server")
        collection = f"t-{uuid.uuid4().hex[:12]}"
        return Settings(
            data_dir=tmp_path / "data", cache_dir=cache_dir, chroma_url=url,
            chroma_collection=collection,
        )  # fmt: skip
    return Settings(data_dir=tmp_path / "data", cache_dir=cache_dir)


def _meeting(
    source: str,
    decision: str,
    *,
    closed: bool = False,
    body: str = "Chefforum",
    date: dt.date = dt.date(2024, 4, 10),
) -> Meeting:
    return Meeting(
        municipality="Albertslund",
        body=body,
        date=date,
        source=source,
        items=[
            AgendaItem(
                number="1",
                title="Godkendelse af dagsorden",
                sections=[
                    Section(
                        kind=SectionKind.DECISION,
                        heading="Beslutning",
                        text="Dagsordenen blev godkendt.",
                    )
                ],
            ),
            AgendaItem(
                number="7",
                title="Genindførelse af miljøledelse",
                case_number="09.00.00-G01-27-23",
                closed=closed,
                sections=[
                    Section(
                        kind=SectionKind.BACKGROUND,
                        heading="Sagsfremstilling",
                        text="Kommunen havde tidligere et certificeret miljøledelsessystem.",
                    ),
                    Section(kind=SectionKind.DECISION, heading="Beslutning", text=decision),
                ],
            ),
        ],
    )


DECISION = "Chefforum godkendte plan for implementering af miljøledelsessystemet."


def test_store_then_search_finds_the_item_with_a_verbatim_quote(archive: Archive) -> None:
    result = archive.store("a.txt", "v1", [_meeting("a.txt", DECISION)])
    assert (result.meetings, result.items, result.chunks) == (1, 2, 3)
    assert archive.stats() == {"documents": 1, "meetings": 1, "items": 2, "chunks": 3}
    assert archive.vectors.count() == 3

    (top, *_) = search(archive, "Hvad blev der besluttet om miljøledelse?")
    citation = top.citation
    assert citation.ref.item_title == "Genindførelse af miljøledelse"
    assert citation.ref.item_number == "7"
    assert citation.ref.case_number == "09.00.00-G01-27-23"
    assert citation.ref.meeting_date == dt.date(2024, 4, 10)
    assert citation.ref.source == "a.txt"
    assert (
        citation.quote in DECISION + "Kommunen havde tidligere et certificeret miljøledelsessystem."
    )


def test_one_hit_per_item(archive: Archive) -> None:
    archive.store("a.txt", "v1", [_meeting("a.txt", DECISION)])
    hits = search(archive, "miljøledelse", top_k=10)
    assert len({h.ref.item_id for h in hits}) == len(hits) == 2


def test_replacing_a_document_leaves_no_trace_of_the_old_version(archive: Archive) -> None:
    archive.store("a.txt", "v1", [_meeting("a.txt", DECISION)])
    result = archive.store("a.txt", "v2", [_meeting("a.txt", "Chefforum udsatte sagen.")])
    assert result.replaced
    assert archive.stats()["chunks"] == 3
    assert archive.vectors.count() == 3
    quotes = {h.citation.quote for h in search(archive, "miljøledelse", top_k=10)}
    assert DECISION not in quotes


def test_delete_removes_a_document_everywhere(archive: Archive) -> None:
    archive.store("a.txt", "v1", [_meeting("a.txt", DECISION)])
    archive.store("b.txt", "v1", [_meeting("b.txt", "Sagen blev taget til efterretning.")])
    assert archive.delete("a.txt") == 3
    assert archive.stats() == {"documents": 1, "meetings": 1, "items": 2, "chunks": 3}
    assert archive.vectors.count() == 3
    assert {h.ref.source for h in search(archive, "miljøledelse", top_k=10)} == {"b.txt"}
    with pytest.raises(NotFoundError, match=r"no document named 'a\.txt'"):
        archive.delete("a.txt")


def test_filters_narrow_and_a_filter_matching_nothing_gives_nothing(archive: Archive) -> None:
    archive.store("a.txt", "v1", [_meeting("a.txt", DECISION, date=dt.date(2020, 1, 16))])
    archive.store("b.txt", "v1", [_meeting("b.txt", DECISION, body="Byråd")])
    assert {h.ref.source for h in search(archive, "miljøledelse", Filters(body="Byråd"))} == {
        "b.txt"
    }
    after_2024 = search(archive, "miljøledelse", Filters(date_from=dt.date(2024, 1, 1)))
    assert {h.ref.meeting_date for h in after_2024} == {dt.date(2024, 4, 10)}
    assert search(archive, "miljøledelse", Filters(body="Planetariet")) == []
    by_case = search(archive, "miljøledelse", Filters(case_number="09.00.00-G01-27-23"), top_k=10)
    assert {h.ref.item_number for h in by_case} == {"7"}


def test_closed_items_are_left_out_unless_asked_for(archive: Archive) -> None:
    archive.store("a.txt", "v1", [_meeting("a.txt", DECISION, closed=True)])
    open_hits = search(archive, "miljøledelse", top_k=10)
    assert [h.ref.item_title for h in open_hits] == ["Godkendelse af dagsorden"]
    all_hits = search(archive, "miljøledelse", top_k=10, include_closed=True)
    assert any(h.ref.closed for h in all_hits)


def test_vectors_of_an_interrupted_write_are_removed_on_open(
    archive: Archive, settings: Settings, embedder: Embedder
) -> None:
    archive.store("a.txt", "v1", [_meeting("a.txt", DECISION)])
    # replay the first half of a write that died before the catalog committed it
    orphan = chunk_meetings([_meeting("b.txt", "Halvt skrevet.")], "v9")
    archive.catalog.journal(c.id for c in orphan)
    archive.vectors.add(orphan, archive.embedder.passages([c.embedding_text() for c in orphan]))
    assert archive.vectors.count() == 6
    archive.close()

    reopened = Archive(settings, embedder)
    try:
        assert reopened.vectors.count() == 3
        assert reopened.stats()["documents"] == 1
        assert {h.ref.source for h in search(reopened, "Halvt skrevet", top_k=10)} == {"a.txt"}
    finally:
        reopened.close()


def test_the_index_refuses_another_embedder(archive: Archive, settings: Settings) -> None:
    archive.store("a.txt", "v1", [_meeting("a.txt", DECISION)])
    archive.close()

    class OtherEmbedder:
        name = "st/all-MiniLM-L6-v2"
        dim = 384

    with pytest.raises(EmbedderMismatchError, match=r"REFERAT_EMBEDDER"):
        Archive(settings, OtherEmbedder())  # type: ignore[arg-type]


def test_opening_the_archive_during_a_write_leaves_that_write_alone(
    archive: Archive, settings: Settings, embedder: Embedder
) -> None:
    pending = chunk_meetings([_meeting("b.txt", "Skrives netop nu.")], "v1")
    with archive._writing():
        # a writer (another process, in real life) is between its vectors and its catalog commit
        archive.catalog.journal(c.id for c in pending)
        archive.vectors.add(
            pending, archive.embedder.passages([c.embedding_text() for c in pending])
        )
        other = Archive(settings, embedder)
        try:
            assert other.recover() == 0
            assert other.vectors.count() == len(pending)
        finally:
            other.close()
    # once no writer holds the lock, what it left uncommitted is debris
    assert archive.recover() == len(pending)
    assert archive.vectors.count() == 0


def test_while_the_word_index_is_rebuilt_readers_go_on_with_the_previous_one(
    archive: Archive,
) -> None:
    archive.store("a.txt", "v1", [_meeting("a.txt", DECISION)])
    previous = archive.lexical()
    # a.txt becomes a closed meeting's minutes, while another thread is rebuilding the index
    archive.store("a.txt", "v2", [_meeting("a.txt", DECISION, closed=True)])
    with archive._lexical_lock:
        seen: list[LexicalIndex] = []
        reader = threading.Thread(target=lambda: seen.append(archive.lexical()))
        reader.start()
        reader.join(timeout=30)
        assert not reader.is_alive() and seen == [previous]  # not held up
        hits = search(archive, "miljøledelse", top_k=10)
        # the previous index still names a.txt's old open chunks: search drops them against
        # the catalog, and the new closed ones stay hidden
        assert hits and not any(h.ref.closed for h in hits)
        assert "Genindførelse af miljøledelse" not in {h.ref.item_title for h in hits}
    current = archive.lexical()
    assert current is not previous
    assert current.generation == archive.catalog.generation()


def test_a_quote_is_checked_in_the_item_the_citation_names(
    settings: Settings, embedder: Embedder
) -> None:
    # one source holding two meetings with the same item number and title: the check must go
    # by the cited item's id (it used to take the first item with that number and title)
    archive = Archive(settings, embedder)
    try:
        first = _meeting("two.txt", DECISION, date=dt.date(2024, 1, 10))
        later = "Chefforum udskød planen for miljøledelse til næste møde."
        second = _meeting("two.txt", later, date=dt.date(2024, 4, 10))
        archive.store("two.txt", "v1", [first, second])
        hits = search(archive, "miljøledelse", top_k=10)
        by_date = {h.ref.meeting_date: h for h in hits if h.ref.item_number == "7"}
        earlier_item, later_item = by_date[dt.date(2024, 1, 10)], by_date[dt.date(2024, 4, 10)]
        assert earlier_item.ref.item_id != later_item.ref.item_id
        quoting_later = later_item.citation.model_copy(update={"quote": later})
        assert archive.holds_quote(quoting_later)
        assert not archive.holds_quote(quoting_later.model_copy(update={"ref": earlier_item.ref}))
    finally:
        archive.close()
