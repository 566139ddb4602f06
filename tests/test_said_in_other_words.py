"""An item that says what the question asks in other words: the words check misses it, one of
its sentences is as near the question in meaning as a paraphrase (answer.MIN_SENTENCE). Real
minutes (two Greve meetings of August 2025, a few items each), real e5, real Chroma."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.answer import FRAMES, _compose, answering_hits
from assistant.answering import ask
from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.question import Query
from assistant.search import rank, read
from tests.conftest import FIXTURES, archive_of

# fresh3.jsonl h01: the minutes say "pizzabakker" and "papaffald"/"papemballage"
PIZZA = "Kan vi snart smide pizzaæsker i papcontaineren i stedet for i restaffaldet?"
PIZZA_ITEM = "Opfølgning - initiativretsforslag fra (Ø) om pizzabakker som papaffald"


@pytest.fixture(scope="module")
def archive(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, cache_dir: Path
) -> Iterator[Archive]:
    folder = tmp_path_factory.mktemp("other-words")
    with archive_of(folder, embedder, cache_dir, [FIXTURES / "paraphrase"]) as opened:
        yield opened


def _passing(archive: Archive, text: str, min_sentence: float | None = None) -> list[str]:
    view, question = read(archive, Query(text))
    hits = rank(view, question, 10)
    kept = (
        answering_hits(view, question, hits)
        if min_sentence is None
        else answering_hits(view, question, hits, min_sentence=min_sentence)
    )
    return [hit.ref.item_title for hit in kept]


def test_a_paraphrase_is_answered_by_the_sentence_that_says_it(archive: Archive) -> None:
    assert _passing(archive, PIZZA) == [PIZZA_ITEM]
    # by that sentence alone: the words check refuses it ("pizzaæsk", "papcontain", "smid"
    # are not in the item)
    assert _passing(archive, PIZZA, min_sentence=math.inf) == []
    answer = ask(archive, PIZZA)
    assert answer.found and answer.citations[0].ref.item_title == PIZZA_ITEM, answer.answer
    # and the answer quotes first the sentence it answers by: the evidence a reader checks
    view, question = read(archive, Query(PIZZA))
    _, sentence = view.nearest_sentence(question.text, rank(view, question, 1)[0].ref.item_id)
    assert "pizzabakker" in sentence.lower(), sentence
    assert answer.citations[0].quote == sentence, answer.answer


def test_the_nearest_sentence_is_near_for_a_paraphrase_and_far_for_another_topic(
    archive: Archive,
) -> None:
    view, question = read(archive, Query(PIZZA))
    item = rank(view, question, 1)[0].ref.item_id
    assert view.nearest_sentence(question.text, item)[0] >= 0.88
    assert view.nearest_sentence("Hvornår åbner den nye skøjtebane?", item)[0] < 0.85


@pytest.mark.parametrize(
    "question",
    [
        "Hvornår åbner den nye skøjtebane?",
        "Hvad koster en ny svømmehal?",
        "Hvem vandt konkurrencen om det nye logo?",
        "Kan fedtede pizzaæsker komme i skraldespanden på stranden?",
    ],
)
def test_a_topic_the_items_do_not_speak_of_is_still_refused(
    archive: Archive, question: str
) -> None:
    answer = ask(archive, question)
    assert not answer.found and not answer.citations, answer.answer


def test_a_decision_answered_in_other_words_shows_the_sentence_beside_the_decision(
    archive: Archive,
) -> None:
    """A decision ("2. Målgruppen skal udvides.") reads on its own; when the item answered by
    one of its sentences, that sentence is quoted beside the decisions."""
    view, question = read(archive, Query("Hvad blev der besluttet om nødkald til ældre?"))
    assert question.about_decision
    hit = rank(view, question, 1)[0]
    _, sentence = view.nearest_sentence(question.text, hit.ref.item_id)
    assert sentence
    text, citations = _compose(view, [replace(hit, said=sentence)], question, FRAMES["da"])
    assert any(c.quote == sentence for c in citations), text
    assert f'"{" ".join(sentence.split())}"' in text, text
    # without it, the sentence is not among the quotes (it is what the meaning added)
    _, plain = _compose(view, [hit], question, FRAMES["da"])
    assert all(c.quote != sentence for c in plain)


def test_turned_off_it_embeds_nothing(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    """Watches turn it off (min_sentence=inf): asked of every new item for months, they must
    not embed sentences."""
    view, question = read(archive, Query(PIZZA))
    hits = rank(view, question, 10)

    def never(*_: object) -> tuple[float, str]:
        raise AssertionError("embedded sentences with the check turned off")

    monkeypatch.setattr(type(view), "nearest_sentence", never)
    assert answering_hits(view, question, hits, min_sentence=math.inf) == []


def test_an_item_ranked_second_or_third_answers_by_a_sentence_that_stands_out(
    archive: Archive,
) -> None:
    """The item that says it in other words is not always ranked first (fresh6 r05: third). Lower
    down, its sentence must also be nearer the question than its own passage is: one sentence
    saying it stands out from the passage around it; a sentence of an item merely near the
    topic does not (dev d094: "budget 2025 for Strandparken" for beach parking)."""
    view, question = read(archive, Query(PIZZA))
    hits = rank(view, question, 10)
    pizza = next(h for h in hits if h.ref.item_title == PIZZA_ITEM)
    others = [h for h in hits if h.ref.item_title != PIZZA_ITEM]
    similarity, _ = view.nearest_sentence(question.text, pizza.ref.item_id)
    # (in a small archive its passage is near too: the passage's similarity is set here, below
    # and then at the sentence's)
    below = replace(pizza, dense=similarity - 0.01)
    second = [others[0], below, *others[1:]]
    passing = answering_hits(view, question, second, min_sentence=similarity)
    assert [h.ref.item_title for h in passing] == [PIZZA_ITEM]
    assert passing[0].said  # answered by its sentence, which the answer quotes first
    # below the third place it is not looked at; nor where its passage is as near as its
    # best sentence (the sentence adds nothing the ranking did not see)
    fourth = [*others[:3], below, *others[3:]]
    assert answering_hits(view, question, fourth, min_sentence=similarity) == []
    level = replace(pizza, dense=similarity)
    level_second = [others[0], level, *others[1:]]
    assert answering_hits(view, question, level_second, min_sentence=similarity) == []


def test_once_an_item_answers_the_items_below_it_are_not_embedded(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sentences of the second and third item are compared only while nothing above them
    answers: embedding them costs ~0.1 s each, and an answer found by words needs none."""
    view, question = read(archive, Query("Hvad blev der besluttet om pizzabakker som papaffald?"))
    hits = rank(view, question, 10)

    def never(*_: object) -> tuple[float, str]:
        raise AssertionError("embedded the sentences of an item below one that answers")

    monkeypatch.setattr(type(view), "nearest_sentence", never)
    passing = answering_hits(view, question, hits)
    assert passing and passing[0].ref.item_title == PIZZA_ITEM
