""" "Who is chair of …?" is answered by a passage that names the post beside the person (fresh6
r40: "Hvem er formand for foreningen Køge Bugt Stenrev?" over an item naming the
association's contact, never its chair). The fact check alone, on real passages' shapes."""

from __future__ import annotations

import pytest

from assistant.answer import _fact_check
from assistant.catalog import StoredItem
from assistant.model import AgendaItem, Meeting, Section, SectionKind
from assistant.question import analyse
from assistant.tokens import stem


class _Words:
    """The little of a snapshot the fact check reads: every word equally rare, and known."""

    def idf(self, word: str) -> float:
        return 6.0

    def known(self, word: str) -> bool:
        return True

    def bodies(self) -> list[str]:
        return []


def _item(text: str) -> StoredItem:
    section = Section(kind=SectionKind.BACKGROUND, heading="Sagsfremstilling", text=text)
    item = AgendaItem(number="5", title="Stenrev", sections=[section])
    return StoredItem("m-5", "m", Meeting(source="m.json"), item)


@pytest.mark.parametrize(
    ("question", "passage", "answers"),
    [
        (
            "Hvem er formand for foreningen Køge Bugt Stenrev?",
            "Foreningen Køge Bugt Stenrev er repræsenteret ved Hans Jensen og Lone Holm.",
            False,
        ),
        (
            "Hvem er formand for foreningen Køge Bugt Stenrev?",
            "Formand for foreningen Køge Bugt Stenrev er Hans Jensen.",
            True,
        ),
        # a Norwegian post, as the Danish minutes name it
        (
            "Hvem ble ny nestleder i Greves helse- og omsorgsutvalg?",
            "Som næstformand for Sundheds- og Omsorgsudvalget valgtes Mette Holm.",
            True,
        ),
        # fresh10 w36: a post named by the question, not the list; the concert's own name is no
        # one ("Årets Nytårskoncert")
        (
            "Hvem er dirigent for Greve Harmoniorkester ved nytårskoncerten?",
            "Greve Harmoniorkester har udgifter til dirigent. Årets Nytårskoncert gav overskud.",
            False,
        ),
        (
            "Hvem er dirigent for Greve Harmoniorkester ved nytårskoncerten?",
            "Greve Harmoniorkester ledes ved koncerten af dirigent Jens Olsen.",
            True,
        ),
        # fresh5 m35: nor is a noun's genitive opening a sentence, when the question does not
        # name the concert
        (
            "Hvem er dirigent for Greve Harmoniorkester?",
            "Orkestret betaler selv sin dirigent. Årets Nytårskoncert gav et mindre overskud.",
            False,
        ),
        # fresh8 u35: a service's name of capitalised words is no one
        (
            "Hvem er leder af Aktivhuset?",
            "Aktivhuset har fælles ledelse med Pædagogisk Psykologisk Vejledningscenter.",
            False,
        ),
        (
            "Hvem er leder af Aktivhuset?",
            "Aktivhuset ledes af leder Birgitte Holm Hansen, som tiltrådte i 2024.",
            True,
        ),
        # fresh22 l15: the act of appointing is written in the minutes' own words ("deltager"),
        # and a body is still no one
        (
            "Hvem blev udpeget fra Sundheds- og Omsorgsudvalget til stormødet om sundhedsaftalen?",
            "Ad 1 godkendes med bemærkning om, at Liselott Blixt og Charlotte Levin deltager i "
            "stormødet om sundhedsaftalen fra SOU.",
            True,
        ),
        (
            "Hvem blev udpeget fra Sundheds- og Omsorgsudvalget til stormødet om sundhedsaftalen?",
            "Sundheds- og Omsorgsudvalget og Økonomiudvalget beslutter, hvilke medlemmer der "
            "deltager i stormødet om sundhedsaftalen.",
            False,
        ),
        # a Swedish one
        (
            "Vem är ordförande för Greve Seniorråd?",
            "Greve Seniorråd har valgt Jens Olsen som formand.",
            True,
        ),
    ],
)
def test_who_holds_a_post_is_answered_by_a_passage_naming_the_post(
    question: str, passage: str, answers: bool
) -> None:
    check = _fact_check(_Words(), analyse(question))  # type: ignore[arg-type]
    assert check is not None
    assert check(_item(passage)) is answers


def test_the_posts_asked_of_are_read_once_with_the_question() -> None:
    assert analyse("Hvem er formand for foreningen?").roles == ("formand",)
    # a post the list does not know, named by the question's own syntax (fresh10 w36)
    conductor = analyse("Hvem er dirigent for Greve Harmoniorkester ved nytårskoncerten?")
    assert conductor.roles == ("dirigent",) and conductor.who == "person"
    assert analyse("Hvem er den nye projektleder på skolen?").roles == (stem("projektleder"),)
    # not a stance or a state: "Hvem var imod …", "Hvem var ikke til stede …"
    assert analyse("Hvem var ikke til stede på mødet?").roles == ()
    assert analyse("Hvem var ansvarlig for projektet?").roles == ()
    # the act of appointing asks for a person but is no post: the post beside it is
    assert analyse("Hvem blev valgt som borgmester i 2022?").roles == ("borgmest",)
    appointed = analyse("Hvem blev udpeget fra udvalget til stormødet om sundhedsaftalen?")
    assert appointed.roles == () and appointed.who == "person"
    assert analyse("Who is the mayor of Greve?").roles == ()  # English: the minutes' words differ
    assert analyse("Hvem står for opgaven?").roles == ()  # not asked of a post


class _KnowsSome(_Words):
    """An archive that writes only the words given (as stems)."""

    def __init__(self, known: set[str]) -> None:
        self._known = known

    def known(self, word: str) -> bool:
        return word in self._known


@pytest.mark.parametrize(
    ("question", "passage", "answers"),
    [
        # fresh9 v37: a park's financing names a foundation, not the architects asked for
        (
            "Hvilket arkitektfirma skal tegne Mosede Klimapark?",
            "Finansieringen af Mosede Klimapark er på plads, da Nordea-fonden har givet støtte.",
            False,
        ),
        (
            "Hvilket arkitektfirma skal tegne Mosede Klimapark?",
            "Mosede Klimapark tegnes af arkitekterne i Vandkunsten.",
            True,
        ),
        # a firm of any kind is answered by any name beside the topic (fresh g17, d084)
        (
            "Hvilket firma skal levere tryghedsvagterne?",
            "Tryghedsvagterne leveres af Dansk Vagtservice fra 1. maj.",
            True,
        ),
        (
            "Hvilket firma skal levere tryghedsvagterne?",
            "Tryghedsvagterne skal i udbud i foråret.",
            False,
        ),
        # an English kind of firm, by its Danish forms (fresh10 w37)
        (
            "Which contractor submitted the lowest bid for the roof at Troldehøjen?",
            "Taget på Troldehøjen renoveres; Dansk Tag A/S har meldt sig.",
            False,
        ),
        (
            "Which contractor submitted the lowest bid for the roof at Troldehøjen?",
            "Entreprenøren Dansk Tag A/S gav det laveste bud på taget på Troldehøjen.",
            True,
        ),
        # a kind of firm the archive never writes is no word to look for (fresh3 h26: the
        # minutes name "Erhverv Aarhus", never "bransjeorganisasjoner")
        (
            "Hvilke bransjeorganisasjoner skal høres om stengingen av torvet?",
            "Ved lukningen af torvet høres Erhverv Aarhus og Aarhus håndværkerforening.",
            True,
        ),
    ],
)
def test_which_firm_is_answered_by_a_passage_naming_one_of_its_kind(
    question: str, passage: str, answers: bool
) -> None:
    known = {"arkitekt", "arkitek", "mosed", "klimapark", "tryghedsvagt", "lev", "levere", "torv"}
    known |= {"entreprenør", "troldehøj"}
    check = _fact_check(_KnowsSome(known), analyse(question))  # type: ignore[arg-type]
    assert check is not None
    assert check(_item(passage)) is answers
