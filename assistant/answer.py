"""Answers with citations: extractive and verbatim by default; nothing found says so.

Decision questions get a precedent timeline (oldest first, stages of one case together); fact
questions get the sentences that hold the answer. The frame follows the question's language
(Danish, Norwegian bokmål or English); quotes stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import pairwise

from assistant.archive import Snapshot
from assistant.body_names import short_names
from assistant.catalog import StoredItem
from assistant.labels import item_label
from assistant.meeting_scope import deciding_bodies
from assistant.model import Citation, Section, SectionKind
from assistant.months import MONTH_NAMES, MONTHS
from assistant.nordic import NORDIC_LANGUAGES, danish_forms, single_consonants
from assistant.parties import PARTY_ONLY, PARTY_WORDS
from assistant.question import Question, season_names
from assistant.quotes import (
    APPROVES,
    MAX_QUOTE_CHARS,
    MIN_QUOTE_CHARS,
    Quote,
    best_quote,
    best_quotes,
    counted_places,
    counts_in_a_unit,
    fact_frame,
    kind_check,
    names_time_from,
    part_checks,
    sentence_pairs,
)
from assistant.search import Hit
from assistant.tokens import (
    MIN_HALF,
    Words,
    ascii_folds,
    halves,
    match_weight,
    stem,
    tokenize,
    translatable,
    unit_forms,
)

__all__ = [
    "FRAMES",
    "Answer",
    "ItemWords",
    "StreamEvent",
    "answering_hits",
    "coverage",
    "extractive",
    "item_words",
    "quoted",
    "quoted_citation",
]

# Calibrated on ../shared/eval/dev.jsonl over the whole evaluation archive (EVALUATION.md).
MIN_COVERAGE = 0.5  # the first item that answers
MIN_ALSO = 0.65  # every further item cited beside it
MIN_COVERAGE_ENGLISH = 0.5
TOPICAL_IDF = 3.0  # rarer than everyday words ("ny", "kommune", "plan")
SHORT_TOPIC = 3  # up to this many topical words, every one must be in the answer
MIN_DENSE_ALONE = 0.95  # e5 similarities crowd 0.80–0.92: alone, only a near-verbatim match
# An English question over Danish or Norwegian minutes: its words cannot be counted in the
# item, and e5's similarities across languages run lower (none above 0.83 for the dev set's
# unanswerable English questions); chosen by cross-validation (bench/gate_cv.py, EVALUATION.md)
MIN_DENSE_ALONE_ENGLISH = 0.84
ANSWER_CANDIDATES = 5
# e5 similarity of the question to the first item's nearest sentence that passes it without
# the words: paraphrases of the question reach 0.885–0.91 (fresh2, fresh3), items of `none`
# questions that hold every other check at most 0.871 (dev, fresh, fresh2, paraphrases)
MIN_SENTENCE = 0.88
# the first items whose sentences are compared when their words fall short: where a paraphrase
# blurs the ranking, the item that answers is often second or third (fresh6 r05, paraphrases p08)
SENTENCE_CANDIDATES = 3
MAX_COUNTED = 2  # words after "hvor mange" that may name the counted thing
_YEAR = re.compile(r"(?:19|20)\d\d")
MONTH_REACH = 2  # words between a month and its year ("oktober 2021", "oktober måned 2021")
MIN_HEAD = 9  # shortest head of a compound that stands for it ("institution", not "udvalg")
RELATIVE_SCORE = 0.5
# the first hit's fused score over the next case's that lets it answer a short question whose
# every rare word it does not hold; chosen on training folds by bench/gate_cv.py (EVALUATION.md)
CLEAR_LEAD = 1.35
# what a question may ask for that only a passage stating it answers ("Hvor meget kostede den
# nye tribune?" is not answered by the hall's building cost); a reason has no such mark
STATED_KINDS = frozenset(
    {
        "person",
        "organisation",
        "amount",
        "share",
        "area",
        "count",
        "date",
        "day",
        "duration",
        "deadline",
        "distance",
        "size",
        "name",
    }
)
# the kinds that say when: asked after a year, they are often answered in another
_WHEN_KINDS = frozenset({"date", "day", "deadline", "duration"})
# the Danish forms of an English word that names a council or a committee ("council",
# "city", "committee", "board"), or the municipality that decides through them ("Has Greve
# municipality decided anything about allowing a casino in the town?")
_BODY_FORMS = frozenset(
    stem(body)
    for body in ("byråd", "udvalg", "kommunalbestyrelse", "kommunestyre", "bystyre", "kommune")
)
MAX_DECISIONS = 4  # cases (or loose items) in one answer
MAX_OTHER_ROUNDS = 2  # other rounds of the best case whose recommendations are shown
MAX_FACTS = 3
MAX_STAGES = 4  # stages shown per case: the latest ones

FRAMES = {
    "da": {
        "nothing": "Arkivet indeholder ingen beslutning eller oplysning om dette.",
        "decisions": "Beslutninger om emnet, ældste først:",
        "facts": "Fra referaterne:",
        "meeting": "Mødets beslutninger, punkt for punkt:",
        "case": "Sag",
    },
    "no": {
        "nothing": "Arkivet inneholder ikke noe vedtak eller opplysning om dette.",
        "decisions": "Vedtak om saken, eldste først:",
        "facts": "Fra møtebøkene:",
        "meeting": "Møtets vedtak, sak for sak:",
        "case": "Sak",
    },
    "en": {
        "nothing": "The archive holds no decision or information on this.",
        "decisions": "Decisions on the topic, oldest first:",
        "facts": "From the minutes:",
        "meeting": "The meeting's decisions, item by item:",
        "case": "Case",
    },
}


@dataclass
class Answer:
    answer: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    mode: str = "extractive"  # "generative", or "extractive-fallback" when the model failed
    flagged: bool = False  # the model cited something that did not hold; it was removed


@dataclass(frozen=True)
class StreamEvent:
    """What answering yields: "token" events as the answer is written, then one "done"."""

    kind: str  # "token" or "done"
    text: str = ""
    answer: Answer | None = None  # with "done"
    draft: bool = False  # a language model's text, checked only in the "done" answer


class ItemWords:
    """An item's indexed words, and which stand next to each other ("spejd lejr")."""

    def __init__(
        self,
        sequences: list[list[str]],
        variants: Callable[[str], tuple[str, ...]] | None = None,
        town: frozenset[str] = frozenset(),
        placing: Sequence[list[str]] = (),
    ) -> None:
        self._sequences = [*sequences, *placing]
        self._variants = variants  # other spellings of a question word (nordic.danish_forms)
        self._town = town  # the municipality's name: no word between a compound's parts
        # the words its text writes, without those that place it (its body, its town, its
        # date): "Byråd 2022-2025" names a council, it does not speak of 2025
        # (one set where nothing places it: a passage's words, read for every window)
        self.written = {t for words in sequences for t in words}
        self.tokens = self.written.union(*placing) if placing else self.written
        self._words = Words(self.tokens)

    @cached_property
    def pairs(self) -> dict[str, set[tuple[str, str]]]:
        """Neighbouring words by the first letters of the first (only for a word the item does
        not hold as such: most checks never need them)."""
        found: dict[str, set[tuple[str, str]]] = {}
        for words in self._sequences:
            # (the town's name between them leaves the words neighbours: "valg til Greve
            # Seniorråd" is the "seniorrådsvalg" asked about, as "Greve Seniorråd" is the
            # Seniorråd)
            named = [word for word in words if word not in self._town] if self._town else words
            for first, second in pairwise(named):
                found.setdefault(first[: MIN_HALF - 1], set()).add((first, second))
        return found

    def names_number(
        self, noun: str, number: str, reach: int = 3, forms: tuple[str, ...] = ()
    ) -> bool:
        """Does `number` stand within `reach` words after `noun` (or a compound of it, another
        spelling, or one of `forms`: an English noun's Danish ones), with no other number
        between? "budget for 2021-24" names budget 2021; an item on complaints "i 2021" that
        mentions a budget elsewhere does not, nor "budget 2022 og regnskab 2021"."""
        return number in self.numbers_after(noun, reach, forms)

    def numbers_after(self, noun: str, reach: int = 3, forms: tuple[str, ...] = ()) -> set[str]:
        """The numbers that stand within `reach` words after `noun` (as for `names_number`)."""
        nouns = (noun, *forms, *(self._variants(noun) if self._variants else ()))

        def after_noun(words: list[str], at: int) -> bool:
            for before in reversed(words[max(0, at - reach) : at]):
                if any(n in before for n in nouns):
                    return True
                if before[:1].isdigit():
                    return False
            return False

        return {
            word
            for words in self._sequences
            for i, word in enumerate(words)
            if word[:1].isdigit() and after_noun(words, i)
        }

    def writes_in_a_row(self, phrase: tuple[str, ...]) -> bool:
        """Does the item write these words one after another ("Greve Strand"), each in any of
        its spellings?"""
        forms = [{word, *(self._variants(word) if self._variants else ())} for word in phrase]
        if not all(self.tokens & spellings for spellings in forms):
            return False  # (most items: a word of the name is missing altogether)
        length = len(forms)
        return any(
            all(words[at + k] in forms[k] for k in range(length))
            for words in self._sequences
            for at in range(len(words) - length + 1)
        )

    def holds(self, word: str, shortest_part: int = 5) -> bool:
        """As itself, inside a compound, or as the two words the minutes write a compound of
        the question's as ("spejderlejr" → "Spejdernes Lejr"); or as another spelling of it."""
        if self._holds(word, shortest_part):
            return True
        return self._variants is not None and any(
            self._holds(form, shortest_part) for form in self._variants(word)
        )

    def holds_any(self, groups: Iterable[Iterable[str]], shortest_part: int = 5) -> bool:
        """Does it hold any form of any of the words (each word given as its forms)?"""
        return any(self.holds(form, shortest_part) for forms in groups for form in forms)

    def _holds(self, word: str, shortest_part: int) -> bool:
        if self._words.weight(word, shortest_part) > 0:
            return True
        split = halves(word, MIN_HALF, MIN_HALF - 1)  # (a stem may drop a letter)
        if any(
            first.startswith(head) and second.startswith(tail)
            for head, tail in split
            for first, second in self.pairs.get(head[: MIN_HALF - 1], ())
        ):
            return True
        # or its head first, the small word between them not indexed: "avviksmelding" is the
        # minutes' "melding av avvik", "seniorrådsvalg" their "valg til Greve Seniorråd"
        if any(
            first.startswith(tail) and second.startswith(head)
            for head, tail in split
            for first, second in self.pairs.get(tail[: MIN_HALF - 1], ())
        ):
            return True
        # a compound whose long head the item holds under another first part: a
        # "børneinstitution" is the item's "daginstitution"
        return any(
            self._words.weight(word[cut:], MIN_HEAD) > 0
            for cut in range(MIN_HALF - 1, len(word) - MIN_HEAD + 1)
        )


def item_words(view: Snapshot, hit: Hit, question: Question | None = None) -> ItemWords:
    """The words of a hit's item; its body and municipality belong to it too
    ("Social- og Handicapudvalget"). A Norwegian question's words are looked for in their
    Danish spellings too (the minutes are mostly Danish; Norwegian ones hold the words as
    asked), and a unit in its abbreviations ("kvadratmeter" as "m2")."""
    # (and by what people call it: "skoleudvalget" for "Skole-, Børne- og Ungeudvalget")
    body = [*tokenize(hit.ref.body or ""), *short_names(hit.ref.body or "")]
    # the municipality by its name, as a question writes it ("Greve Kommune"): an item of its
    # minutes is the municipality's though its text never says so in those words
    town = tokenize(f"{hit.ref.municipality} Kommune") if hit.ref.municipality else []
    named_town = frozenset(tokenize(hit.ref.municipality or ""))
    # and its meeting's date, where it is the one the question asks about: "den 16. januar
    # 2020" in "Hvad skete der under punktet 'Bordet rundt' på Chefforums møde den 16. januar
    # 2020?" is what the item is dated, not what its text must say
    asked_day = question is not None and bool(question.in_period(hit.ref.meeting_date))
    dated = _date_words(hit) if asked_day else []
    own = view.item_word_sequences(hit.ref.item_id)
    placing = (body, town, dated)
    nordic = question is not None and question.language in NORDIC_LANGUAGES
    spellings = _nordic_forms if nordic else unit_forms
    if question is None or not question.stem_forms:
        return ItemWords(own, spellings, named_town, placing)

    def variants(word: str) -> tuple[str, ...]:
        # and another stem the index holds the word under ("billet" as "billetter", "købte"
        # as "køber")
        return (*spellings(word), *question.other_stems(word))

    return ItemWords(own, variants, named_town, placing)


def _date_words(hit: Hit) -> list[str]:
    """The words that write the hit's meeting date: its day, its month in each language's
    name, its season ("sommeren 2025" asks for a meeting in June as "juni 2025" does), its
    year."""
    date = hit.ref.meeting_date
    if date is None:
        return []
    months = " ".join(name for name, number in MONTHS.items() if number == date.month)
    seasons = " ".join(season_names(date.month))
    return tokenize(f"{date.day} {months} {seasons} {date.year}")


def _nordic_forms(word: str) -> tuple[str, ...]:
    single = single_consonants(word)
    # and æ/ø typed as "ae"/"oe" where the archive's few "Koege" kept the word from its
    # respelling (tokens.ascii_folds)
    return (
        *danish_forms(word),
        *unit_forms(word),
        *((single,) if single else ()),
        *ascii_folds(word),
    )


def coverage(weights: dict[str, float], words: ItemWords) -> float:
    """Share of the question's topic that an item's words hold, words weighted by rarity.

    A word the archive has never seen weighs most: "skøytebane" missing from the best hit
    means the archive does not speak of skating rinks, however well "ny" matched.
    """
    held = {word for word in weights if words.holds(word)}
    # a party named in words counts where the item writes it out, and is no loss where it
    # writes only its letter ("Imod stemte (A)"), which the word index drops
    counted = {w: weight for w, weight in weights.items() if w in held or w not in PARTY_ONLY}
    total = sum(counted.values())
    found = sum(weight for word, weight in counted.items() if word in held)
    return found / total if total else 0.0


def answering_hits(
    view: Snapshot,
    question: Question,
    hits: list[Hit],
    dense_alone: float | None = None,
    clear_lead: float = CLEAR_LEAD,
    min_sentence: float = MIN_SENTENCE,
) -> list[Hit]:
    """The hits among the first few that actually speak to the question, best first.

    An item speaks to a question when it holds most of its topic (by rarity-weighted
    coverage) and every name the question mentions: "cykelstier på Roskildevej" is not
    answered by an item on cycle paths elsewhere. English questions over Danish minutes
    are judged by how many of their words have a Danish form in the item
    (tokens.english_concepts).
    """
    # rarity of each topic word, once per question (each idf looks through the vocabulary)
    # (a hyphenated word joined, "NTE-fondet" → "ntefond", that the archive never writes counts
    # through its parts: as an unknown word it would weigh most and be missing from every item)
    # (the words that ask for the fact are no topic: "stort" in "hvor stort er området?")
    parts = set(question.parts)
    frame = fact_frame(question)
    weights = {
        word: view.idf(word)
        for word in dict.fromkeys(question.words)
        if (word in parts or view.known(word)) and word not in frame
    }
    states_fact = _fact_check(view, question)  # once per question, not per candidate
    if question.language == "sv" and states_fact is not None:
        # a Swedish word the archive never writes in any form is Swedish, not a topic the
        # Danish minutes lack ("trägången", "huvudbyggnaden"): no item can hold it. Where a
        # fact of the kind asked must stand beside the topic, that check speaks for the
        # item; without one ("Har Greve kommun beslutat att plantera fruktträd?") the
        # unwritten word is all that tells the archive lacks the topic, and it stays
        weights = {
            word: weight for word, weight in weights.items() if _written(view, question, word, True)
        } or weights
    # a name the archive has never seen cannot tell items apart (the document may simply not
    # repeat its own municipality's name); a name it knows must be in the answering item
    unknown_names = {n for n in question.names if not view.known(n)}
    # (but a party is written by its letter: "Kenneth Jerkel (A)", not "Socialdemokratiet");
    # and a number that names the thing asked about ("budget 2021") is a name too
    required_names = [
        n for n in question.names if n not in unknown_names and n not in PARTY_WORDS
    ] + [n for n in question.numbers if n not in question.names]
    # a year that neither places the question ("in 2024") nor follows a noun ("budget 2027")
    # qualifies one written after it: "the 2027 budget for Strandparken" is not answered by an
    # item that never speaks of 2027 (a range that spans it does: "budget 2024-27")
    qualifying_years = [
        word
        for word in dict.fromkeys(question.words)
        if _YEAR.fullmatch(word)
        and word not in question.numbers
        and word not in question.period_years
    ]
    # an English question's number names its thing in Danish: "bus route 224" is the item's
    # "buslinje 224"
    # (found inside the item's words, so not by a stem short enough to sit inside others: "rut")
    # (a town before a year places the question, it names nothing: "the Aarhus 2026 budget")
    # (the archive is asked only when the question has such a number: it reads every item)
    towns = view.municipality_words() if question.named_numbers else frozenset()
    named_numbers = [named for named in question.named_numbers if named[0] not in towns]
    noun_forms = {
        noun: tuple(form for form in forms if len(form) >= MIN_HALF)
        for noun, *_ in named_numbers
        for forms in question.concepts
        if noun in forms
    }
    # a hyphenated noun is also its head: "EU-valget 2024" is the item's "Europa-Parlamentsvalg
    # 2024"
    for noun, *_ in named_numbers:
        heads = tuple(p for p in parts if p != noun and noun.endswith(p) and len(p) >= MIN_HALF)
        if heads:
            noun_forms[noun] = (*noun_forms.get(noun, ()), *heads)
        # and a compound noun the words it is made of, where the archive writes both: the
        # item's "lokalplan 12.50" and "planområde 12.50" name what "lokalplanområde 12.50" asks
        # about (a question often writes the longer compound)
        made_of = tuple(
            part
            for pair in halves(noun, MIN_HALF, MIN_HALF)
            if all(view.known(part) for part in pair)
            for part in pair
        )
        if made_of:
            noun_forms[noun] = (*noun_forms.get(noun, ()), *dict.fromkeys(made_of))
    # and a name of several words as written together: an item on Greve that mentions a beach
    # does not answer "… et kasino ved Greve Strand?"
    required_phrases = [
        phrase for phrase in question.name_phrases if not unknown_names.intersection(phrase)
    ]
    # a name of several words the archive writes none of (nor their Danish forms) is someone
    # or something it never mentions: "What did council member Jannik Skovgaard propose about
    # school meals?" is not answered by the best item on school meals. So is one with a word
    # the archive never writes that is no slip of a word it writes: an archive naming "Birgitte
    # Holmen" never named "Birgitte Holmgaard" (but "Greve Musuem" is its museum mistyped)
    if any(
        all(_never_written(view, question, w, unknown_names) for w in phrase)
        or any(
            _never_written(view, question, w, unknown_names) and not view.slip_of_a_word(w)
            for w in phrase
        )
        for phrase in (*question.name_phrases, question.opening_names)
        if phrase
    ):
        return []
    # a short question's topic words (the ones rarer than everyday words) must all be there:
    # "nye cykelstier på Roskildevej" is not answered by Roskildevej 42 without a cycle path
    topical = [
        w
        for w in dict.fromkeys(question.parts)  # a subset of `words`
        if w in weights
        and w not in unknown_names
        and w not in PARTY_ONLY
        and weights[w] >= TOPICAL_IDF
    ]
    if dense_alone is None:
        english = question.language == "en"
        dense_alone = MIN_DENSE_ALONE_ENGLISH if english else MIN_DENSE_ALONE
    # an English question's names are checked as names (below); as concepts they would make
    # "Did the Albertslund Chefforum decide anything about a four-day week?" half held by any
    # item of that body. A capitalised word the archive has never seen is no name to check
    # there, but part of what is asked: "New Year's Eve" in "Did Greve ban fireworks on New
    # Year's Eve?", which a midsummer item without fireworks does not answer
    names = set(question.names)
    known_names = names - unknown_names
    # nor do years and numbers say what it is about: nearly every item holds "2024"
    # and the body that decided places the question as a name does: "What did the city
    # council decide about allowing a casino in Greve?" is not half answered by any item of
    # the council that allows something (a body asked about is topic: "… the recommendations
    # for Aarhus' next city council")
    bodies = _BODY_FORMS if question.about_decision else frozenset()
    topic_concepts = [
        forms
        for forms in question.concepts
        if not known_names.intersection(map(stem, forms))
        and not forms[0].isdigit()
        and not bodies.intersection(forms)
    ] or [forms for forms in question.concepts if not forms[0].isdigit()]
    # an English word the term list gives Danish words for, none of which the archive writes
    # (nor the word itself), names what the archive never speaks of: "Has Greve's city council
    # decided to support a new cinema …?" (no "biograf", "kino" anywhere) is not answered by
    # what it decided to support in the town centre, as a Danish word the archive never writes
    # is missing from every item
    if any(
        translatable(forms[0]) and not any(view.known(form) for form in forms)
        for forms in topic_concepts
    ):
        return []
    if states_fact is not None or not (question.about_decision or question.yes_or_no):
        # an English word with no form the archive writes (no Danish word for it on the list,
        # no loanword: "lessons", "promise", "asked") can be held by no item; where a fact of
        # the kind asked must stand beside the topic, that check speaks for the item (as for
        # a Swedish word above). So it is in a question asking how or which, whose unwritten
        # words say how it asks ("How was the trial … *supposed* to be *paid* for?"); in one
        # asking what was decided or whether, such a word is the topic the archive lacks
        # ("Has Greve decided to accept payments in cryptocurrency?")
        topic_concepts = [
            forms for forms in topic_concepts if any(view.known(form) for form in forms)
        ] or topic_concepts
    # a clear lead is measured on the topic without its names: a town's only item leads any
    # question naming the town ("Hva vedtok Steinkjer kommunestyre om et nytt kulturhus?")
    topic_weights = {w: weight for w, weight in weights.items() if w not in names}
    nearest = max((h.dense for h in hits), default=1.0)  # the hits' best e5 similarity
    deciders = deciding_bodies(view, question)
    passing: list[Hit] = []
    for position, hit in enumerate(hits[:ANSWER_CANDIDATES]):
        stored = view.item(hit.ref.item_id)
        if stored is None:
            continue  # deleted since it was ranked: nothing to cite
        if deciders and not _before(view, hit, deciders):
            continue
        words = item_words(view, hit, question)
        if question.concepts:
            # the archive's word rarities say nothing about English words: count concepts,
            # more than half of them held (one of two is half a question: "Has Greve decided
            # to build a cinema?" is not answered by a building); an English head word may
            # close a Danish compound ("plan" in "beredskabsplan")
            held = sum(1 for forms in topic_concepts if any(words.holds(f, 4) for f in forms))
            enough = held > MIN_COVERAGE_ENGLISH * len(topic_concepts)
        elif 0 < len(topical) <= SHORT_TOPIC:
            missing = [w for w in topical if not words.holds(w)]
            enough = (
                not missing
                # ranked first by a clear lead (words and meaning together), and holding most
                # of the topic: the question paraphrases it ("Hvad gør vi ved at der mangler
                # dagplejere?" over "Fremtidens dagpleje", which never says "mangler")
                or (
                    _leads(hit, hits, clear_lead) and coverage(topic_weights, words) >= MIN_COVERAGE
                )
                # or the item nearest in meaning misses one word, not the topic's rarest: the
                # question says how it asks in its own words ("hvem skal *sidde* i det nye
                # sundhedsråd", "DI's *måling* af erhvervsvenlighed"); the rarest word missing
                # is another topic ("nye cykelstier på Roskildevej" over Roskildevej 42)
                or (
                    len(missing) == 1
                    and weights[missing[0]] < max(weights[w] for w in topical)
                    and hit.dense >= nearest > 0
                )
            )
        else:
            floor = MIN_COVERAGE if not passing else MIN_ALSO
            # and the topic without its names half held, unless the item leads clearly: names
            # place a question, they do not say what it asks ("Hva vedtok Steinkjer
            # kommunestyre om et nytt kulturhus?" is not answered by Steinkjer's budget)
            enough = coverage(weights, words) >= floor and (
                not topic_weights
                or coverage(topic_weights, words) >= floor
                or _leads(hit, hits, clear_lead)
            )

        times = _years_as_times(words, named_numbers, noun_forms)
        if not (
            times is not None
            and all(
                words.holds_any([(name, *question.other_stems(name))]) for name in required_names
            )
            and all(_writes_year(words, year) for year in qualifying_years)
            and all(words.writes_in_a_row(phrase) for phrase in required_phrases)
            and _of_the_period(question, hit, words)
            and (states_fact is None or states_fact(stored, times))
        ):
            continue
        if enough or hit.dense >= dense_alone:
            passing.append(hit)
        elif (position == 0 or (position < SENTENCE_CANDIDATES and not passing)) and (
            min_sentence <= 1.0
        ):
            # the item says it in other words: one of its sentences is as near the question in
            # meaning as a paraphrase ("alarmknap derhjemme" → "nødkald"); asked last, as it
            # embeds that item's sentences (a threshold above 1, as watches give, turns it off
            # without embedding anything). Below the first place, and only while no item above
            # answers, the sentence must also stand out from its own passage: an item merely
            # near the topic has a sentence about as near as its passage ("budget 2025 for
            # Strandparken" for beach parking)
            similarity, sentence = view.nearest_sentence(question.text, hit.ref.item_id)
            if similarity >= min_sentence and (position == 0 or similarity > hit.dense):
                passing.append(replace(hit, said=sentence))
    return passing


def _years_as_times(
    words: ItemWords,
    named_numbers: list[tuple[str, ...]],
    noun_forms: dict[str, tuple[str, ...]],
) -> tuple[str, ...] | None:
    """The question's numbers after a noun that, in this item, say when rather than name the
    thing; None when one names another thing here. A number names the thing where the item
    writes it after the noun ("budget 2021"), and another thing where the item names the noun
    by another number ("budget 2022" for "budget 2021"). A year after a noun the item never
    names by a year says when: "Beredskab 4K merudgift 2025" over "merudgiften på 0,188 mio.
    kr. … i budget 2025-28", "ombyggnaden av bussterminalen vid Hundige station 2022" (the item
    still holds the noun, and the year, as every number asked: an item on another project's
    kick-off does not answer "Hva kostet kick-off-arrangementet for klimabudsjett 2025?").
    A period is a range of years: one that holds the year asked names the same thing ("budget
    2023-2026" for "sundhedsfremmepuljen budget 2024"), and the period asked, written anywhere
    in the item, places it ("budgetmidler byggesagsbehandling 2025-28" over "Med budget 2025-28
    har Byrådet besluttet …", whatever year stands after "byggesagsbehandlingen")."""
    times: list[str] = []
    for noun, number, *period in named_numbers:
        after = words.numbers_after(noun, forms=noun_forms.get(noun, ()))
        if number in after or number in _years_covered(after, words):
            continue
        if len(period) == 2 and period[1] in words.tokens:
            continue  # the range as a whole ("2025-28" is indexed as 2025, 28 and 202528)
        forms = (noun, *noun_forms.get(noun, ()))
        if (
            not _YEAR.fullmatch(number)
            or any(_YEAR.fullmatch(n) for n in after)
            or not words.holds_any([forms])
        ):
            return None
        times.append(number)
    return tuple(times)


def _writes_year(words: ItemWords, year: str) -> bool:
    """Does the item write the year, alone or inside a range ("2024-27")?"""
    return year in words.tokens or year in _years_covered(
        {token for token in words.tokens if _YEAR.fullmatch(token)}, words
    )


def _before(view: Snapshot, hit: Hit, bodies: frozenset[str]) -> bool:
    """Was the hit's case before one of `bodies` (at this stage or another)?"""
    if hit.ref.body in bodies:
        return True
    case = hit.ref.case_number
    return case is not None and any(stage.citation.ref.body in bodies for stage in view.case(case))


def _years_covered(after: set[str], words: ItemWords) -> set[str]:
    """The years spanned by the ranges that begin with a year in `after`: the item indexes
    "2023-2026" as 2023, 2026 and 20232026, "2025-28" as 2025, 28 and 202528."""
    covered: set[str] = set()
    for joined in words.tokens:
        first, last = joined[:4], joined[4:]
        if len(joined) in (6, 8) and joined.isdigit() and first in after:
            last = first[: 4 - len(last)] + last
            covered.update(str(year) for year in range(int(first), int(last) + 1))
    return covered


def _leads(hit: Hit, hits: list[Hit], clear_lead: float) -> bool:
    """Is `hit` ranked first by a clear lead (words and meaning together) over another case?"""
    return hit is hits[0] and hit.score >= clear_lead * _next_case_score(hits)


def _next_case_score(hits: list[Hit]) -> float:
    """The score of the best hit of another case than the first hit's (its other stages
    share its words and would always be close behind)."""
    first = hits[0].ref.case_number
    others = (h.score for h in hits[1:] if not (first and h.ref.case_number == first))
    return next(others, 0.0)


# the year an item's title says it reports on: "… i 2021", "… in 2021", and the year of the
# accounts or budget it presents ("Beredskab 4K - godkendelse af regnskab 2022", "Budget 2024")
# (not a range: "i 2024-2027" is a plan's period)
_REPORTED_YEAR = re.compile(
    r"\b(?:i|in|(?:års)?regnskab(?:et)?|budget(?:tet)?|årsrapport(?:en)?)(?:\s+for)?"
    r"\s+((?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)",
    re.IGNORECASE,
)


def _of_the_period(question: Question, hit: Hit, words: ItemWords) -> bool:
    """A question that names a year ("… in 2023", "i 2024") is answered by an item of a meeting
    in that period or one that speaks of the year (a 2024 evaluation of the 2022 jamboree), not
    by the same topic in another year; one that names a meeting's month only by an item of a
    meeting then ("på sit møde i januar 2026" is not answered in June 2025 by "… til byrådets
    møde i januar 2026")."""
    if question.date_from is None or question.date_to is None:
        return True
    # a report on a year, by its title, is of that year, whenever the meeting it came to: "How
    # many associations shared the grants … in 2022?" is answered by "Udbetalt tilskud til
    # foreninger og aftenskoler i 2022" (March 2023), not by "… i 2021" (February 2022). What
    # was decided in a year is still the year's meetings'
    # a quarterly report, by the quarters its title names, answers a question on quarters it
    # covers: "… i perioden fra 2. kvartal 2021 til 1. kvartal 2022?" is not answered by the
    # report on "4. kvartal 2022 til 3. kvartal 2023", which compares with the year before
    covers = question.title_covers(hit.ref.item_title)
    if covers is not None and not question.about_decision:
        return covers
    # (or the year the question names the report by: "… i 2025 på baggrund af udgifterne i
    # regnskab 2024?" asks about 2025 from the accounts for 2024)
    reported = _REPORTED_YEAR.findall(hit.ref.item_title)
    if reported and not question.about_decision and not question.within_a_month:
        return any(year in question.period_years or year in question.numbers for year in reported)
    if question.in_period(hit.ref.meeting_date):
        return True
    if question.at_a_meeting:
        return False
    # what was decided in a month was decided at a meeting then: "Which … did the Planning and
    # Safety Committee approve in September 2024?" is not answered by its June decisions
    if question.about_decision and question.within_a_month:
        return False
    # what happened in a month is told by a meeting then or after it; one before it only saw it
    # coming, unless the question too asks what was to come ("Hvem blev valgt som borgmester,
    # da det nye byråd konstituerede sig i december 2025?" is not answered in June 2025 by "…
    # som led i konstitueringen i forbindelse med den nye byrådsperiode"); a month that places
    # a thing decided before it ("the IT contract from July 2024", "the referendum on 1 June
    # 2022") is answered by the decision, so only the month of a "when" clause counts
    if (
        question.within_a_month
        and question.month_of_event
        and hit.ref.meeting_date is not None
        and hit.ref.meeting_date < question.date_from
        and not question.speaks_ahead
    ):
        return False
    if not any(year in words.written for year in question.period_years):
        return False
    # and an item of another month speaks of the month asked by its name, with its year ("den
    # 31. oktober 2021") or in a meeting of that year ("den 7. januar" in March 2024 is January
    # 2024): one of September 2022 that writes "oktober" and "2021" apart does not tell how the
    # council voted in October 2021
    if not question.within_a_month:
        return True
    months = _month_stems(question.date_from.month if question.date_from else 0)
    meeting = hit.ref.meeting_date
    if meeting is not None and str(meeting.year) in question.period_years:
        return bool(words.tokens.intersection(months))
    return any(
        year in words.numbers_after(month, MONTH_REACH)
        for month in months
        for year in question.period_years
    )


@lru_cache(maxsize=13)
def _month_stems(month: int) -> tuple[str, ...]:
    """The stems of a month's full name in every language (the month a question places itself
    in; stemmed once per month, not for every item weighed)."""
    return tuple(dict.fromkeys(stem(name) for name in MONTH_NAMES if MONTHS[name] == month))


def _never_written(view: Snapshot, question: Question, word: str, unknown: set[str]) -> bool:
    """Is a name's word one the archive never writes, in any of its Danish forms?"""
    return word in unknown and not _concept_written(view, question, word)


def _written(view: Snapshot, question: Question, word: str, norwegian: bool) -> bool:
    """Does the archive write the question's word, as itself, in a form it may take there or
    by its compound's head ("børneinstitution" is the minutes' "daginstitution")?"""
    forms = (word, *(danish_forms(word) if norwegian else ()), *question.other_stems(word))
    heads = (word[cut:] for cut in range(MIN_HALF - 1, len(word) - MIN_HEAD + 1))
    return (
        any(view.known(form) for form in (*forms, *heads))
        # or both its parts, as the minutes write it apart: "konsesjonssøknad" is Steinkjer's
        # "søknad om konsesjon"
        or any(view.known(a) and view.known(b) for a, b in halves(word, MIN_HALF + 1, MIN_HALF))
        or _concept_written(view, question, word)
    )


def _concept_written(view: Snapshot, question: Question, word: str) -> bool:
    """Does the archive write any form of an English question's concept that holds `word`?"""
    return any(
        view.known(form) for concept in question.concepts if word in concept for form in concept
    )


def _fact_check(
    view: Snapshot, question: Question
) -> Callable[[StoredItem, tuple[str, ...]], bool] | None:
    """For a question asking for a fact of a kind (who, how much, how many, how long, when):
    does a sentence of an item, with the one after it, hold such a fact together with what
    the question is about? "Hvem er borgmester …" is not answered by an item that mentions the
    mayor's office but names no one beside it, nor "Hvornår blev Karlslunde Bibliotek lukket?"
    by one that says it closed and names a year three sentences before. The sentence after
    counts because minutes often name the topic first and state the fact next ("… KMD's
    flexregistrering. … ca. 170 tkr."). None for other questions."""
    wanted = question.wants
    if wanted not in STATED_KINDS or (wanted in ("date", "day") and question.about_decision):
        return None  # "when was it decided?": the meeting's date answers
    if question.frame:
        # a kind named by a noun among keywords says which passage to quote, not what the
        # item must state beside the topic: "Sagsbehandlingsfrist ved VISO-henvisning?" is
        # answered by the recommendation "… en sagsbehandlingsfrist på 4 uger på ansøgninger
        # om udredning hos VISO", a section apart from the one that writes "henvisning"
        return None
    holds_one = kind_check(question)
    if holds_one is None:
        return None
    # names (and parties) place the question, and "penge", "antal" ask for the fact: neither is
    # its topic
    not_topic = set(question.names) | fact_frame(question) | PARTY_ONLY
    norwegian = question.language in NORDIC_LANGUAGES
    # everyday words ("kommune", "ny") stand beside any amount: the topic is the rarer words
    # (rarer than everyday words, or in a small archive, where few are, the rarer half) and
    # the year asked about ("Hvad er timeprisen for byggesagsbehandling i 2026?" over
    # "byggesagsgebyret for 2026 godkendes til 809 kr. pr. time": the item holds the topic,
    # the passage the year and the amount)
    parts = [w for w in question.parts if w not in not_topic]
    # a word the archive never writes in any form stands beside no fact, and would make the
    # rarer half of the question's words ("Senast när måste kommunerna lämna in en gemensam
    # lösning …": "lämna", "gemensam" are no Danish words)
    written = [w for w in parts if _written(view, question, w, norwegian)]
    parts = written or parts
    rarity = {w: view.idf(w) for w in parts}
    ordered = sorted(rarity.values())
    floor = min(TOPICAL_IDF, ordered[len(ordered) // 2]) if ordered else 0.0
    parts = [w for w in parts if rarity[w] >= floor or w in question.period_years]
    if all(w in question.period_years for w in parts):
        # a question about a name and nothing else ("Hvem kom ind i Hegnssynet i 2024?"): the
        # name is its topic (the period is the meeting's, checked on the item)
        parts = [w for w in question.names if view.known(w)] or parts
    topic = [forms for forms in question.concepts if not not_topic.intersection(forms)] or [
        (w, *(_danish_stems(w) if norwegian else ()), *question.other_stems(w)) for w in parts
    ]
    roles = [(r, *danish_forms(r)) for r in question.roles] if wanted == "person" else []
    # a count is of the thing asked about: the passage names the thing, and the count stands
    # within a few words (quotes.REACH) of it or of another word of the topic ("Hvor mange
    # beboere bliver der plads til?" over "Beboerne … et botilbud med 12 pladser"). "Hvor mange
    # høns holder ejeren?" is not answered by "tre udhuse … anvendes som hønsehus". The thing
    # is among the first words after "hvor mange" rarer than everyday words ("nye" in "hvor
    # mange nye boliger" is not) that the archive writes in some form (an English one by its
    # Danish forms, a compound by its head: "skoler" for "folkeskolerne"); a count in a unit
    # is of the unit ("how many kilometres of cable"). A thing named by one word is that word,
    # however everyday ("Hvor mange sager skulle jobcentret gennemgå?" counts "sager")
    lone = len(question.counted) == 1
    counted = (
        [
            forms
            for word in question.counted
            if word not in not_topic and (lone or view.idf(word) >= floor)
            for forms in [_counted_forms(question, word, norwegian)]
            if any(view.known(form) for form in forms)
        ][:MAX_COUNTED]
        if wanted == "count" and not counts_in_a_unit(question)
        else []
    )
    places = counted_places(question)  # (asked only when `counted` holds something)
    beside_count = [*counted, *topic]  # what a count may stand beside
    if wanted == "organisation":
        # (a kind of firm the archive never writes cannot be looked for: "bransjeorganisasjoner"
        # are the minutes' "Erhverv Aarhus og Aarhus håndværkerforening")
        kinds = [(*forms, *danish_forms(forms[0])) for forms in question.firm_kinds]
        roles = [forms for forms in kinds if any(view.known(form) for form in forms)]
    bodies: set[str] = set()
    if wanted == "person" and question.who == "anyone":
        # the archive's one-word bodies answer "who" too, however they are written
        # ("formannskapet", "byrådet"); words of longer names ("Teknisk Udvalg") are too common
        named = ([t for t in tokenize(body) if t.isalpha()] for body in view.bodies())
        bodies = {words[0] for words in named if len(words) == 1} - not_topic

    # (what was decided in a year is the year's meetings', whatever years its passages name;
    # a month with its year places a meeting, "… som Hovedutvalg behandlet i januar 2026";
    # and "when" asked of a year is often answered in the next: "Hvornår skal politikerne
    # have et nyt forslag, efter at Økonomiudvalget drøftede dem i sommeren 2025?")
    asked_years = (
        frozenset(question.period_years)
        if not (question.about_decision or question.within_a_month or wanted in _WHEN_KINDS)
        else frozenset()
    )

    def check(stored: StoredItem, times: tuple[str, ...] = ()) -> bool:
        # the number that names the thing asked about ("Hvem stemte imod budget 2021?") stands
        # in the passage or in the item's title: a vote on budget 2023 names other voters
        title = set(tokenize(stored.item.title))
        meeting_day = stored.meeting.date if question.asks_ahead else None

        def holds_it(window: str) -> bool:
            if not holds_one(window):
                return False
            return meeting_day is None or names_time_from(window, meeting_day)

        def states_it(window: str) -> bool:
            # the cheap word checks first: most passages fail them (a compound's head stands
            # for it: "den nye institution" is the question's "børneinstitution")
            words = ItemWords([tokenize(window)])
            tokens = words.tokens
            if topic and not words.holds_any(topic, 4):
                return False
            # a fact of a year asked stands in a passage of that year: "Hvor mange møder holdt
            # Handicaprådet i 2025 ifølge rådets årsberetning?" is not answered by "på deres 7
            # ordinære møder … i 2024" (a passage that names no year may still be of it)
            if asked_years and not _of_years(window, words, asked_years):
                return False
            # (a year that says when, not which, may stand anywhere in the item: `times`)
            if not all(
                match_weight(n, tokens | title, 4) > 0 for n in question.numbers if n not in times
            ):
                return False
            # "Hvem er formand for foreningen Køge Bugt Stenrev?" is not answered by a passage
            # naming a member of the association: the post is named beside the person
            if roles and not words.holds_any(roles, 4):
                return False
            if counted and not (
                words.holds_any(counted, 4)
                and any(
                    ItemWords([tokenize(place)]).holds_any(beside_count, 4)
                    for place in places(window)
                )
            ):
                return False
            return bool(bodies & tokens) or holds_it(window)

        return any(states_it(pair) for pair in sentence_pairs(stored.item))

    return check


# a year that places what a sentence says: "på deres 7 ordinære møder i 2024"
_IN_A_YEAR = re.compile(r"\b(?:i|in|for|under|during|året|year)\s+(?:19|20)\d\d\b(?!\s*[-–/]\s*\d)")


def _of_years(window: str, words: ItemWords, years: frozenset[str]) -> bool:
    """Does a passage name one of the years, alone or inside a range ("2024-27"), or place
    what it says in no single other year (in none, or in several: "fra 6 pct. til 5 pct.
    sammenlignet med 2021"; a table's row, "2021 (fra okt.) 696 stk.", is placed by no word)?"""
    named = {token for token in words.tokens if _YEAR.fullmatch(token)}
    if len(named) != 1 or not _IN_A_YEAR.search(window):
        return True
    return not years.isdisjoint(named | _years_covered(named, words))


def _counted_forms(question: Question, word: str, norwegian: bool) -> tuple[str, ...]:
    """The forms a counted thing may take in the minutes: an English word's Danish forms, a
    Norwegian word's Danish spelling as the index stems it ("leiligheter" → "lej"), and the head
    of a compound."""
    english = next((forms for forms in question.concepts if word in forms), None)
    if english is not None:
        return english
    heads = tuple(tail for _, tail in halves(word, MIN_HALF, MIN_HALF))
    # ("eneboligtomter" are the minutes' "villagrunde": the head "tomt" is a "grund")
    danes = [f for w in (word, *heads) for f in _danish_stems(w)] if norwegian else []
    return tuple(dict.fromkeys((word, *heads, *danes, *question.other_stems(word))))


def _danish_stems(word: str) -> tuple[str, ...]:
    """A Norwegian word's Danish spellings, and each as the index stems it ("leiligheter" →
    "lejlighed" → "lej")."""
    danes = danish_forms(word)
    return tuple(dict.fromkeys((*danes, *map(stem, danes))))


def quoted(
    view: Snapshot, stored: StoredItem, citation: Citation, question: Question,
    decision: bool = False, holding: Callable[[str], bool] | None = None,
) -> Citation:  # fmt: skip
    """`citation` of the stored item, quoting what answers the question (from the decision,
    when `decision` is set or the question is about one and the item has a decision; only
    passages `holding` what the question asks for, when given)."""
    about_decision = decision or question.about_decision
    return _with_quote(
        citation, best_quote(stored.item, question, about_decision, view.idf, holding)
    )


def _with_quote(citation: Citation, quote: Quote | None) -> Citation:
    if quote is None or not quote.text:
        return citation
    return citation.model_copy(
        update={"quote": quote.text, "section": quote.section.heading or None,
                "page": quote.section.page}
    )  # fmt: skip


def _fact_citations(view: Snapshot, hit: Hit, question: Question) -> list[Citation]:
    """The passages of the best item that answer a fact question (see `best_quotes`); first
    the sentence that says it in other words, when the item answers by that."""
    stored = view.item(hit.ref.item_id)
    if stored is None:
        return [hit.citation]
    quotes = best_quotes(stored.item, question, view.idf)
    said = _said_quote(stored, hit)
    if said is not None:
        # the words' best passage beside it, unless it holds the sentence already
        quotes = [said, *[q for q in quotes if said.text not in q.text]][:2]
    return [_with_quote(hit.citation, quote) for quote in quotes] or [hit.citation]


def _said_quote(stored: StoredItem, hit: Hit) -> Quote | None:
    """The sentence an item answers by in other words (Hit.said), as a quote of its section."""
    if not hit.said:
        return None
    for section in stored.item.sections:
        start = section.text.find(hit.said)
        if start >= 0:
            return Quote(section, hit.said, 1.0, start, start + len(hit.said))
    return None  # a chunk's text is the section's; kept apart only if that ever changes


def quoted_citation(
    view: Snapshot, hit: Hit, question: Question, decision: bool = False,
    holding: Callable[[str], bool] | None = None,
) -> Citation:  # fmt: skip
    """The hit's citation with the quote that answers the question (see `quoted`)."""
    stored = view.item(hit.ref.item_id)
    if stored is None:
        return hit.citation
    return quoted(view, stored, hit.citation, question, decision, holding)


def _date_key(citation: Citation) -> str:
    date = citation.ref.meeting_date
    return date.isoformat() if date else "9999"


@dataclass
class _Case:
    """Hits that share a case number (or one loose hit), with the case's latest stage."""

    hits: list[Hit]
    stages: list[Citation] = field(default_factory=list)


def _cases(view: Snapshot, hits: list[Hit], question: Question, limit: int) -> list[_Case]:
    cases: dict[str, _Case] = {}
    for hit in hits:
        key = hit.ref.case_number or hit.ref.item_id
        if key not in cases and len(cases) == limit:
            continue
        cases.setdefault(key, _Case([])).hits.append(hit)
    for rank, case in enumerate(cases.values()):
        case.stages = [quoted_citation(view, hit, question, decision=True) for hit in case.hits]
        number = case.hits[0].ref.case_number
        if number:
            now = view.case(number)  # empty if the case was deleted while answering
            seen = {c.ref.item_id for c in case.stages}
            # the latest stage is where the case stands now: always show it; the best case,
            # when short, whole ("why was it not moved at first?" is the first stage's
            # decision, the question's words the second's)
            whole = rank == 0 and len(now) <= MAX_STAGES
            for stage in now if whole else now[-1:]:
                if stage.item_id not in seen and stage.citation.quote:
                    case.stages.append(stage.citation)
        case.stages.sort(key=_date_key)
        case.stages = case.stages[-MAX_STAGES:]
    return list(cases.values())


def _compose(
    view: Snapshot, hits: list[Hit], question: Question, frame: dict[str, str]
) -> tuple[str, list[Citation]]:
    """The answer text and its citations: per case, the fact asked for (if it is a fact
    question) and then the decisions of its stages, oldest first."""
    citations: list[Citation] = []
    language = question.reply_language

    def cite(citation: Citation) -> int:
        for index, known in enumerate(citations, 1):
            if known.ref.item_id == citation.ref.item_id and known.quote == citation.quote:
                return index
        citations.append(citation)
        return len(citations)

    limit = MAX_DECISIONS if question.about_decision else MAX_FACTS
    cases = _cases(view, hits, question, limit)
    best = cases[0] if cases else None  # the case of the best hit, before any reordering
    if question.about_decision:
        cases.sort(key=lambda case: _date_key(case.stages[0]))
    lines = [frame["decisions" if question.about_decision else "facts"]]
    # each kind of fact asked for ("how much?", "who?", "how long?", "when?") that the quotes
    # shown do not hold: the item's best passage that holds one follows them. A decision's
    # stages are dated, but "when was it first approved?" is often a date in the case's text
    checks = part_checks(question, view.idf)
    for case in cases:
        shown: set[str] = set()
        indent = ""
        if not question.about_decision:
            # the best case's passages; one for each further case
            facts = (
                _fact_citations(view, case.hits[0], question)
                if case is best
                else [quoted_citation(view, case.hits[0], question)]
            )
            fact = facts[0]
            where = item_label(fact.ref, language)
            lines.append(f'[{cite(fact)}] "{_flat(fact.quote)}" — {where}')
            shown.add(_flat(fact.quote))
            indent = "    "
            for more in facts[1:]:
                lines.append(f'{indent}[{cite(more)}] "{_flat(more.quote)}"')
                shown.add(_flat(more.quote))
            for passage in _kind_passages(view, case.hits[0], question, checks, shown):
                lines.append(f'{indent}[{cite(passage)}] "{_flat(passage.quote)}"')
        elif len(case.stages) > 1:
            lines.append(f"{frame['case']} {case.stages[0].ref.case_number}:")
            indent = "  "
        for stage in case.stages:
            if not stage.quote or _flat(stage.quote) in shown:
                continue
            shown.add(_flat(stage.quote))
            heading = f"{stage.section}: " if stage.section else ""
            where = item_label(stage.ref, language)
            lines.append(f'{indent}[{cite(stage)}] {where} — {heading}"{_flat(stage.quote)}"')
        if question.about_decision and case is best:
            # the sentence the item answers by, when it answers in other words: what the
            # decision ("Godkendt.") decided about ("Målgruppen skal udvides")
            stored = view.item(case.hits[0].ref.item_id)
            said = _said_quote(stored, case.hits[0]) if stored is not None else None
            if said is not None and _flat(said.text) not in shown:
                passage = _with_quote(case.hits[0].citation, said)
                shown.add(_flat(said.text))
                where = item_label(passage.ref, language)
                lines.append(f'{indent}[{cite(passage)}] {where} — "{_flat(passage.quote)}"')
            # "hvor mange penge fik borgmesteren bevilget?": the amount is in the case, not in
            # "Byrådet godkendte Økonomiudvalgets indstilling"
            for passage in _kind_passages(view, case.hits[0], question, checks, shown):
                where = item_label(passage.ref, language)
                lines.append(f'{indent}[{cite(passage)}] {where} — "{_flat(passage.quote)}"')
        for approved in (
            _approved_recommendations(view, case, question, shown) if case is best else []
        ):
            where = f"{item_label(approved.ref, language)} — {approved.section}"
            lines.append(f'{indent}[{cite(approved)}] {where}: "{_flat(approved.quote)}"')
        if case is best:
            for passage in _vote_on_proposal(view, case.hits[0], question, shown):
                where = f"{item_label(passage.ref, language)} — {passage.section}"
                lines.append(f'{indent}[{cite(passage)}] {where}: "{_flat(passage.quote)}"')
    return "\n".join(lines), citations


def _vote_on_proposal(
    view: Snapshot, hit: Hit, question: Question, shown: set[str]
) -> list[Citation]:
    """A proposal put to the vote that holds the question's words better than the item's
    decision does, and the vote on it: a proposal voted down is nowhere in the decision ("Ble
    forslaget om at søkere må legge ved budsjett og levere regnskap vedtatt?" is answered by
    Lisbeth Melhus' tilleggsforslag and "For forslaget stemte 2 … Dermed ble tilleggsforslag
    ikke vedtatt", not by the decision's eight points). A proposal is the section a vote
    follows (the readers give named votes a section of their own); none when the item records
    no vote."""
    stored = view.item(hit.ref.item_id)
    if stored is None:
        return []
    sections = stored.item.sections
    voted = [
        (section, after)
        for section, after in pairwise(sections)
        if after.kind is SectionKind.VOTES
        and section.kind not in (SectionKind.VOTES, SectionKind.DECISION)
    ]
    if not voted:
        return []
    # a proposal already quoted (as the passage a fact question is answered by) is followed by
    # the vote on it: "Hvor mange stemte for Lisbeth Melhus' tilleggsforslag om budsjett og
    # regnskap?" is answered by that proposal's "For forslaget stemte 2", not another's
    quoted = next(
        (vote for put, vote in voted
         if any(text in _flat(put.text) for text in shown) and _flat(vote.text) not in shown),
        None,
    )  # fmt: skip
    if quoted is not None:
        quotes = [Quote(quoted, quoted.text, 1.0, 0, len(quoted.text))]
    else:
        proposal = _best_among(view, stored, [section for section, _ in voted], question)
        decisions = [s for s in sections if s.kind is SectionKind.DECISION]
        decided = (
            _best_among(view, stored, decisions, question, decision=True) if decisions else None
        )
        if proposal is None or not proposal.text or (decided and decided.score >= proposal.score):
            return []
        votes = next((after for section, after in voted if section is proposal.section), None)
        if votes is None:
            return []  # (the quote's section is one of `voted`'s; kept safe should that change)
        quotes = [proposal, Quote(votes, votes.text, proposal.score, 0, len(votes.text))]
    found = []
    for quote in quotes:
        if _flat(quote.text) not in shown:
            shown.add(_flat(quote.text))
            found.append(_with_quote(hit.citation, quote))
    return found


def _best_among(
    view: Snapshot,
    stored: StoredItem,
    sections: list[Section],
    question: Question,
    decision: bool = False,
) -> Quote | None:
    """The item's best passage for the question from `sections` only (its recommendation,
    its proposals put to the vote, its decision)."""
    only = stored.item.model_copy(update={"sections": sections})
    return best_quote(only, question, decision, view.idf)


def _approved_recommendations(
    view: Snapshot, case: _Case, question: Question, shown: set[str]
) -> list[Citation]:
    """When a decision of the case shown approves the recommendation without saying what it
    was ("Byrådet godkendte Økonomiudvalgets indstilling"), the passage of the latest stage's
    recommendation (in the period asked, if any) that best answers the question: what was
    chosen is there ("at Model A … godkendes"). And that of each other round of the case (in
    the period asked), a stage at another meeting whose own decision approves a recommendation
    of its own: a committee that postponed a project in March 2022 and again in April 2023
    ("Godkendt." both times) approved "udskydes et år" first and "udskydes til 2024" next (the
    stages of one round through committee and council repeat one recommendation, shown
    once)."""
    approving = [s for s in case.stages if s.section and s.quote and APPROVES.search(s.quote)]
    if not approving:
        return []
    # (of the period the question names first: "Hva bestemte udvalget i juni 2022 om …?" is
    # answered by June 2022's recommendation, not by a later stage's on another matter)
    latest = sorted(
        reversed(case.stages), key=lambda s: question.in_period(s.ref.meeting_date) is False
    )
    for advised in latest:
        stored = view.item(advised.ref.item_id)
        if stored is not None and _advice(stored):
            break
    else:
        return []
    first = _recommendation(view, advised, stored, question, shown)
    if first is None:
        return []
    found = [first]
    meetings = {advised.ref.meeting_date}
    for stage in reversed(approving):
        if (
            stage.ref.meeting_date in meetings
            or question.in_period(stage.ref.meeting_date) is False
            or len(found) > MAX_OTHER_ROUNDS
        ):
            continue
        meetings.add(stage.ref.meeting_date)
        stored = view.item(stage.ref.item_id)
        if stored is None:
            continue  # (deleted since it was ranked)
        if (approved := _recommendation(view, stage, stored, question, shown)) is not None:
            found.append(approved)
    return found


def _advice(stored: StoredItem) -> list[Section]:
    """The recommendation sections of an item."""
    return [s for s in stored.item.sections if s.kind is SectionKind.RECOMMENDATION]


def _recommendation(
    view: Snapshot, stage: Citation, stored: StoredItem, question: Question, shown: set[str]
) -> Citation | None:
    """The passage of the recommendation of the stage's item `stored` that best answers the
    question, unless it is shown already (`shown` takes it in); None for an item without one."""
    advice = _advice(stored)
    if not advice:
        return None
    # (a short recommendation is what was approved, whole: "1.-3. Anbefales" approves the
    # point on the waste yards as much as the grant in the first)
    whole = advice[0].text.strip()
    if len(advice) == 1 and MIN_QUOTE_CHARS <= len(whole) <= MAX_QUOTE_CHARS:
        start = advice[0].text.index(whole)
        quote: Quote | None = Quote(advice[0], whole, 0.0, start, start + len(whole))
    else:
        quote = _best_among(view, stored, advice, question)
    if quote is None or not quote.text or _flat(quote.text) in shown:
        return None
    shown.add(_flat(quote.text))
    return _with_quote(stage, quote)


def _kind_passages(
    view: Snapshot,
    hit: Hit,
    question: Question,
    checks: list[Callable[[str], bool]],
    shown: set[str],
) -> list[Citation]:
    """For each check no passage in `shown` passes, the item's best passage that does (from
    any section); `shown` takes them in."""
    stored = view.item(hit.ref.item_id)
    found: list[Citation] = []
    if stored is None:
        return found
    for check in checks:
        if any(check(text) for text in shown):
            continue
        quote = best_quote(stored.item, question, False, view.idf, check)
        if quote is not None and quote.text and _flat(quote.text) not in shown:
            found.append(_with_quote(hit.citation, quote))
            shown.add(_flat(quote.text))
    return found


def _flat(text: str) -> str:
    return " ".join(text.split())


def extractive(view: Snapshot, question: Question, hits: list[Hit]) -> Answer:
    """The answer quoted from the items among `hits` that answer the question; found=false
    when none does."""
    frame = FRAMES[question.reply_language]
    passing = answering_hits(view, question, hits)
    if not passing:
        return Answer(frame["nothing"], False, [])
    top = passing[0].score
    chosen = [hit for hit in passing if hit.score >= RELATIVE_SCORE * top]
    text, citations = _compose(view, chosen, question, frame)
    return Answer(text, True, citations)
