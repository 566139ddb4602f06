from __future__ import annotations

import datetime as dt

from assistant.chunking import chunk_meetings, split_text
from assistant.model import AgendaItem, Meeting, Section, SectionKind
from tests.conftest import FIXTURES

DECISION = "Chefforum godkendte plan for implementering af miljøledelsessystemet."
TEXT = (FIXTURES / "seeds" / "002_e6b0dd0e402eadb9.txt").read_text(encoding="utf-8")


def test_chunks_are_verbatim_slices_of_bounded_size() -> None:
    chunks = split_text(TEXT, 80, 15)
    assert len(chunks) > 10
    for chunk in chunks:
        assert chunk in TEXT
        assert len(chunk.split()) <= 80
    # nothing is lost: every word of the text is in some chunk
    covered = set(" ".join(chunks).split())
    assert set(TEXT.split()) <= covered


def test_a_long_sentence_is_cut_at_words() -> None:
    sentence = " ".join(f"ord{i}" for i in range(250))
    chunks = split_text(sentence, 100, 0)
    assert [len(c.split()) for c in chunks] == [100, 100, 50]
    assert chunks[1].startswith("ord100 ")


def test_chunks_carry_their_items_identity() -> None:
    meeting = Meeting(
        body="Chefforum",
        municipality="Albertslund",
        date=dt.date(2024, 4, 10),
        source="x.txt",
        items=[
            AgendaItem(
                number="7",
                title="CF - Genindførelse af miljøledelse",
                case_number="09.00.00-G01-27-23",
                sections=[
                    Section(
                        kind=SectionKind.DECISION,
                        heading="Beslutning",
                        text=DECISION,
                    )
                ],
            )
        ],
    )
    (chunk,) = chunk_meetings([meeting], "abcdef0123456789")
    assert chunk.ref.item_number == "7"
    assert chunk.ref.case_number == "09.00.00-G01-27-23"
    assert chunk.ref.meeting_date == dt.date(2024, 4, 10)
    assert chunk.section_heading == "Beslutning"
    assert chunk.id.endswith("abcdef0123")
    assert "Genindførelse af miljøledelse" in chunk.embedding_text()
