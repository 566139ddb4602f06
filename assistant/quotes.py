"""The verbatim sentences of an agenda item that answer a question.

A quote is always a slice of one section's text, so it stands verbatim in the item. Candidates
are single sentences and pairs of neighbours (the fact often sits in the sentence after the one
that names the topic: "… KMD's flexregistrering. … ca. 170 tkr."); a sentence ending in a colon
takes the list under it. Question words count by how rare they are in the archive; decision
questions quote the decision itself when the item has one; "how much / when" questions prefer
sentences with numbers.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assistant.model import AgendaItem, Section, SectionKind
from assistant.months import MONTH_NAMES, MONTHS
from assistant.nordic import NORDIC_LANGUAGES, danish_forms
from assistant.question import Question
from assistant.sentences import sentence_spans
from assistant.tokens import Words, stem, swedish_stem, tokenize, unit_forms

__all__ = [
    "APPROVES",
    "Quote",
    "best_quote",
    "best_quotes",
    "counts_in_a_unit",
    "decision_quote",
    "fact_frame",
    "kind_check",
    "part_checks",
    "sentence_pairs",
    "shown_checks",
]

_DECISION_KINDS = (SectionKind.DECISION, SectionKind.RECOMMENDATION)
MIN_QUOTE_CHARS = 60
MAX_QUOTE_CHARS = 700
PAIR_PENALTY = 0.25
TITLE_SHARE = 0.25  # of a question word's weight in choosing a passage, when the title holds it
# further passages are shown beside the best when they score at least this share of the
# best's score, up to MAX_PASSAGES in all; on the fifteen read sets (650 questions) 0.9 and two
# passages → 0.8 and three adds 3 expected facts and loses none (0.9 and three: +1; 0.8 and
# two: +1; EVALUATION.md, fifteenth step)
RUNNER_UP = 0.8
# added to a passage's score when it holds the kind of figure asked for: more than any words
# score, so such a passage is quoted first whenever the item has one ("7,2 procent af
# kontanthjælpsmodtagerne …", not the comparison of two quarters that names no share);
# cross-validated over the 312 read questions asking for a figure or a vote among 1, 0, 2, 3,
# 5 and 50 (bench/constant_cv.py, EVALUATION.md twentieth step): 50 chosen on 36 of 50 splits,
# 5 on 14; expected fact held out of sample 0.833 ± 0.055 against 0.813 ± 0.058 with 1
FIGURE_BONUS = 50.0
MAX_PASSAGES = 3
# the rarity-weighted words a further passage must add that no passage chosen holds
COVER_WEIGHT = 5.0  # cross-validated (EVALUATION.md, twenty-first step)
MAX_LIST_LINES = 8
# a decision is quoted on through its next sentences up to this length: chosen by
# cross-validation over the 219 decision questions of the read sets (bench/constant_cv.py;
# EVALUATION.md, eighteenth step: 500 in 49 of 50 folds; 300 → 500 → 700 hold 1, 3, 3 more
# expected facts in sample, none fewer)
DECISION_CHARS = 500


@dataclass(frozen=True)
class Quote:
    section: Section
    text: str
    score: float
    start: int = 0  # where `text` stands in the section's text
    end: int = 0


# the words that ask for the fact, not what it is about, for the passage that states it as for
# the item: "Hvor mange penge fik kommunen for Villa Sitka?" is not answered by "… afsætte
# pengene …" beside another amount (g27), nor "Hvor stort et areal skal oasen dække?" by "… et
# fælles friareal på minimum 250 m2" (k36)
_FRAME_WORDS = {
    # (and the verbs that spend it or set it aside: "hvor mange penge skal Greve bruge på …",
    # "lägga på", "har Byrådet sat af til", where the item writes "budgetteret med")
    "amount": "penge penger pengene beløb beløp beløbet pris prisen sum summen money amount price"
    " bruge bruger brugt bruke bruker brukt lægge lægger lägga lägger lagt spend spends spent"
    " sat sætte sætter afsat afsætte afsætter satt sette setter avsatt avsette avsätta",
    # (and where people live: "Hvor mange ukrainere boede der i Greve …?" is answered by "…
    # folkeregisterregistreret 208 ukrainere i Greve Kommune")
    "count": "antal antallet number bor bo boede boet bodde bott boende bosat",
    "share": "procent procentdel andel andelen prosent prosentandel percentage share proportion",
    "date": "dato datoen date senest senast seinast frist fristen deadline",
    "day": "dato datoen date datum datumet dag dagen day",
    "area": "areal arealet størrelse størrelsen area size",
    "distance": "afstand afstanden avstand længde længden lengde distance length",
    "name": "navn navnet name",
    "size": "stor stort store lang lange størrelse størrelsen længde længden size big large",
}
# (as the question's words are stemmed: a Swedish question's by the Swedish stemmer, "senast"
# → "sen")
_FRAMES = {
    kind: frozenset(form for word in words.split() for form in (stem(word), swedish_stem(word)))
    for kind, words in _FRAME_WORDS.items()
}


# the words that ask for a vote: "Vilket parti röstade emot …?" is not about voting, and an
# item need not write them in the question's language. They are no frame of the passage
# quoted: the one recording the vote says "imod" ("… og hvorfor var Socialdemokratiet imod?")
_VOTE_WORDS = frozenset(
    form
    for word in """stemte stemde stemt stemmer stemmerne stemmene imod imot mot emot against
    voted vote votes voting röstade röstat röst röster afstemning afstemningen avstemning
    avstemningen omröstning omröstningen votering voteringen""".split()  # noqa: SIM905
    for form in (stem(word), swedish_stem(word))
)


def fact_frame(question: Question) -> frozenset[str]:
    """The words of the question that ask for the kinds of fact it wants, which the item
    need not hold: "areal" asks for a size in "Hvor stort et areal …?", and is the topic in
    "Hvad koster arealet?"; "röstade emot" asks for a vote; and the nouns a question of
    keywords names its kind by ("længde" in "kronikervejleder forløb længde")."""
    votes = _VOTE_WORDS if "vote" in question.kinds else frozenset()
    return frozenset(question.frame) | _kind_frame(question) | votes


def _kind_frame(question: Question) -> frozenset[str]:
    return frozenset().union(*(_FRAMES.get(kind, frozenset()) for kind in question.kinds))


# (weight, forms): a question word, or an English word's Danish forms, with its rarity
Terms = list[tuple[float, tuple[str, ...]]]


def _terms(question: Question, idf: Callable[[str], float] | None) -> Terms:
    """What a passage is scored by: each topic word with its rarity in the archive, looked for
    in its Danish spellings too (nordic.danish_forms); for an English question, each concept's
    Danish forms, weighed as the commonest of them (an unknown form weighs most)."""
    rarity = idf or (lambda _: 1.0)
    # (a noun that names the kind asked still leads to the passage that states it where the
    # item writes it: "overskud" in "nytårskoncert 2023 overskud")
    frame = _kind_frame(question)
    # "How much … did it get the money?": "money" says a sum is asked for, and would lead to
    # any passage about "midler" rather than to the one with the sum
    if question.concepts:
        return [
            (min(rarity(f) for f in forms), forms)
            for forms in question.concepts
            if not frame.intersection(forms)
        ]
    nordic = question.language in NORDIC_LANGUAGES
    # and a unit in its other spellings, and the word under its other stems ("rådede" as
    # "råder"), as the answer check holds it (answer.item_words)
    return [
        (
            rarity(word),
            (
                word,
                *(danish_forms(word) if nordic else ()),
                *unit_forms(word),
                *question.other_stems(word),
            ),
        )
        for word in dict.fromkeys(question.words)
        if word not in frame
    ]


def _word_score(terms: Terms, tokens: set[str]) -> float:
    words = Words(tokens)
    return sum(weight * max(map(words.weight, forms)) for weight, forms in terms)


# a sentence that breaks the one before down ("Heraf er 49 …", "Av disse kom 58 …")
_BREAKDOWN = re.compile(
    r"(heraf|deraf|herav|derav|heriblandt|herunder|af disse|av disse|blandt disse|blant disse|"
    r"of these|of which)\b",
    re.IGNORECASE,
)


def _windows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, float]]:
    """(start, end, penalty) candidates: one to three sentences, and lines that run on.

    A line that ends in a colon or without a full stop ("… skal knyttes til") continues on the
    next lines (a list, a wrapped sentence): that run is one candidate, without penalty. A
    sentence whose next one breaks its figure down ("… registreret 5.989 hjemløse. Heraf er 49
    … tilhørende Greve Kommune.") is never quoted without it.
    """
    found: list[tuple[int, int, float]] = []
    for i, (start, end) in enumerate(spans):
        last = _run_end(text, spans, i, start)
        if last == i or text[end - 1] != ":":
            found.append((start, end, 0.0))  # a line ending in a colon never stands alone
        if last > i:
            found.append((start, spans[last][1], 0.0))
        for extra in (1, 2):
            j = i + extra
            if j < len(spans) and j > last and spans[j][1] - start <= MAX_QUOTE_CHARS:
                # nor do two sentences whose second opens a list ("… settes følgende vilkår
                # for konsesjonen:") or heads what follows ("… rammer der kunne være for
                # planen. Stop for udlejning af supplementsboliger"): the conditions, and what
                # the heading heads, are read with them; a passage too long for that is none
                end_of = _run_end(text, spans, j, start)
                if end_of == j and _heads(text, spans, j):
                    continue
                found.append((start, spans[end_of][1], PAIR_PENALTY * extra))
    return list(dict.fromkeys(_with_breakdown(text, spans, window) for window in found))


def _heads(text: str, spans: list[tuple[int, int]], j: int) -> bool:
    """Is line `j` a heading over what follows it (no full stop, no colon, not the last)?"""
    return j + 1 < len(spans) and text[spans[j][1] - 1] not in ".!?:"


def _run_end(text: str, spans: list[tuple[int, int]], i: int, start: int) -> int:
    """The last line of the run that begins with line `i`: lines that end in a colon or with
    no full stop read on, up to MAX_LIST_LINES and MAX_QUOTE_CHARS from `start`."""
    last = i
    while (
        last + 1 < len(spans)
        and last - i < MAX_LIST_LINES
        and text[spans[last][1] - 1] not in ".!?"
        and spans[last + 1][1] - start <= MAX_QUOTE_CHARS
    ):
        last += 1
    return last


def _with_breakdown(
    text: str, spans: list[tuple[int, int]], window: tuple[int, int, float]
) -> tuple[int, int, float]:
    """The window read on through the sentences after it that break its figures down."""
    start, end, penalty = window
    index = bisect.bisect_left(spans, (end,), key=lambda span: (span[1],))
    while (
        index + 1 < len(spans)
        and _BREAKDOWN.match(text, spans[index + 1][0])
        and spans[index + 1][1] - start <= MAX_QUOTE_CHARS
    ):
        index += 1
        end = spans[index][1]
    return start, end, penalty


def _candidates(section: Section, spans: list[tuple[int, int]]) -> list[tuple[int, int, float]]:
    """A short decision is one candidate, whole: what the body did is read to its end ("Der var
    foretræde … Udvalget besluttede herefter at udsætte sagen"; "Godkendt. Imod stemte: …"),
    and who voted, was chosen or was absent sits in its last lines."""
    if section.kind is SectionKind.DECISION and spans[-1][1] - spans[0][0] <= MAX_QUOTE_CHARS:
        return [(spans[0][0], spans[-1][1], 0.0)]
    return _windows(section.text, spans)


def _names(window: str) -> int:
    """Capitalised words that do not open a sentence: names of people, bodies, places."""
    return len(re.findall(r"(?<![.!?:\n-]\s)(?<!^)(?<=\s)[A-ZÆØÅ][a-zæøåé]+", window))


def best_quote(
    item: AgendaItem,
    question: Question,
    about_decision: bool = False,
    idf: Callable[[str], float] | None = None,
    holding: Callable[[str], bool] | None = None,
) -> Quote | None:
    """The sentence(s) of the item that best answer the question (of those `holding` what
    the question asks for, when given)."""
    return max(_scored(item, question, about_decision, idf, holding), key=_by_score, default=None)


def best_quotes(
    item: AgendaItem, question: Question, idf: Callable[[str], float] | None = None
) -> list[Quote]:
    """The best passage and the others, up to MAX_PASSAGES, that do not overlap it and score
    nearly as well (best first). Rarity-weighted words cannot tell which of two passages holds
    the fact when both name the topic ("… kick-off for klimabudsjett 2025" and the sentence
    after it with the count); showing both costs a line, and a wrong single guess costs the
    answer."""
    ranked = sorted(_scored(item, question, False, idf, None), key=_by_score, reverse=True)
    if not ranked:
        return []
    best = ranked[0]
    chosen = [best]
    for other in ranked[1:]:
        if other.score < RUNNER_UP * best.score or len(chosen) == MAX_PASSAGES:
            break
        if all(_apart(other, shown) for shown in chosen):
            if not any(_repeats(shown.text, other.text) for shown in chosen):
                chosen.append(other)  # (a summary repeating the case says nothing new)
            continue
        start, end = min(best.start, other.start), max(best.end, other.end)
        if (
            len(chosen) == 1
            and (start, end) != (best.start, best.end)
            and (end - start <= MAX_QUOTE_CHARS)
        ):
            # the runner-up reads on from the best (or leads into it): quote both as one
            chosen = [Quote(best.section, best.section.text[start:end], best.score, start, end)]
            break
    if len(chosen) < MAX_PASSAGES:
        covering = _covering(ranked, chosen, item, question, idf)
        if covering is not None:
            chosen.append(covering)
    return chosen


def _covering(
    ranked: list[Quote],
    chosen: list[Quote],
    item: AgendaItem,
    question: Question,
    idf: Callable[[str], float] | None,
) -> Quote | None:
    """The passage that holds what the question asks and no passage chosen holds, where that
    weighs at least COVER_WEIGHT: a question of two parts ("Hvornår blev der skruet op for
    varmen i svømmehallen igen, og hvad med saunaen?") is answered by a passage for each. Of
    those holding most of it, the best scored."""
    title = set(tokenize(item.title))
    shown = set().union(*(tokenize(quote.text) for quote in chosen))
    missing = [
        (weight, forms)
        for weight, forms in _terms(question, idf)
        if not title.intersection(forms) and _word_score([(weight, forms)], shown) == 0
    ]
    # (a passage holds a word at most whole, weight 1: where all that is missing weighs less than
    # COVER_WEIGHT no passage can add enough, and none need be tokenised again)
    if sum(weight for weight, _ in missing) < COVER_WEIGHT:
        return None
    gains = [
        (_word_score(missing, set(tokenize(quote.text))), quote.score, index)
        for index, quote in enumerate(ranked)
        if all(_apart(quote, other) for other in chosen)
        and not any(_repeats(other.text, quote.text) for other in chosen)
    ]
    gain, _, index = max(gains, default=(0.0, 0.0, -1))
    return ranked[index] if gain >= COVER_WEIGHT else None


def _apart(one: Quote, other: Quote) -> bool:
    """Do two passages not overlap?"""
    return one.section is not other.section or one.end <= other.start or one.start >= other.end


def sentence_pairs(item: AgendaItem) -> Iterator[str]:
    """Each sentence of the item's quotable sections together with the one after it (a
    section's last sentence alone). A section of one sentence is a form's field and comes
    with its heading, which says what it is ("Kontakt" over "heidi.wold@baerum.kommune.no")."""
    for section in _quotable(item):
        spans = sentence_spans(section.text)
        if len(spans) == 1 and section.heading:
            yield f"{section.heading}\n{section.text}"
            continue
        for index, (start, end) in enumerate(spans):
            after = spans[index + 1][1] if index + 1 < len(spans) else end
            yield section.text[start:after]


def _quotable(item: AgendaItem) -> list[Section]:
    """Sections a quote may come from: not the list of attachments' names."""
    return [s for s in item.sections if s.kind is not SectionKind.ATTACHMENTS]


def _repeats(one: str, other: str) -> bool:
    """Do two passages say mostly the same (half the words of the shorter in the other)?"""
    a, b = set(one.lower().split()), set(other.lower().split())
    return len(a & b) > 0.5 * min(len(a), len(b))


def _by_score(quote: Quote) -> float:
    return quote.score


# the kinds of fact a passage shows by a mark of its own: a figure, or a vote's record
_MARKED_KINDS = frozenset(
    {
        "amount",
        "share",
        "area",
        "count",
        "duration",
        "deadline",
        "distance",
        "size",
        "date",
        "day",
        "vote",
    }
)


def _scored(
    item: AgendaItem,
    question: Question,
    about_decision: bool,
    idf: Callable[[str], float] | None,
    holding: Callable[[str], bool] | None,
) -> Iterator[Quote]:
    """Every candidate passage of the item with its score, in the item's order."""
    # the words of the item's title say what the whole item is about, and the question names
    # the item by them: a passage is chosen by what else it asks ("Hvilken landsorganisation
    # er Lundegårdens Frie Børnehave medlem af?" is answered by the sentence on "medlem", not
    # the recommendation naming the kindergarten)
    # (the title's words themselves: a compound of the title ("Driftstilskudsaftale") holds a
    # word the question asks beside it ("tilskud"))
    title = set(tokenize(item.title))
    weights = [
        (weight * TITLE_SHARE if title.intersection(forms) else weight, forms)
        for weight, forms in _terms(question, idf)
    ]
    numeric, who = question.asks_number, question.asks_who
    unstated = _unstated(question)
    figure = kind_check(question) if question.wants in _MARKED_KINDS else None
    # a vote is recorded after what it is on ("Forslag 6: … realavkastning …" then "For
    # forslag 1 stemte 10: …", often a section of its own): the sentence before a vote, in its
    # section or closing the one before, says which vote it is
    before = question.wants == "vote"
    carried: set[str] = set()  # the words of the last sentence of the section before
    sections = _quotable(item)
    decisions = [s for s in sections if s.kind is SectionKind.DECISION]
    if about_decision and decisions:
        sections = decisions  # what was decided is quoted from the decision, not the case
    for section in sections:
        text = section.text
        heading = 0.5 * _word_score(weights, set(tokenize(section.heading)))
        spans = sentence_spans(text)
        if not spans:
            continue
        # each sentence is tokenised once; a window's words are its sentences' words
        words_at = {start: set(tokenize(text[start:end])) for start, end in spans}
        starts = [start for start, _ in spans]
        opening, carried = carried, words_at[starts[-1]]
        for start, end, penalty in _candidates(section, spans):
            window = text[start:end]
            if holding is not None and not holding(window):
                continue
            first = bisect.bisect_left(starts, start)
            inside = starts[first : bisect.bisect_left(starts, end)]
            if before and first > 0:
                inside = [starts[first - 1], *inside]
            tokens = set().union(*(words_at[s] for s in inside))
            if before and first == 0:
                tokens |= opening
            score = heading + _word_score(weights, tokens) - penalty
            if figure is not None:
                # a passage with the kind of figure asked for, not any number: "fem år" answers
                # "Hvor længe …?", "træder i kraft den 1. juli 2024" does not
                score += FIGURE_BONUS if figure(window) else 0.0
            elif numeric and re.search(r"\d", unstated(window)):
                score += 1.0
            if who and _names(window) >= 2:
                score += 1.0
            if section.kind in _DECISION_KINDS:
                # what the body did outranks what the case file says, all else equal
                score += 0.5 if section.kind is SectionKind.DECISION else 0.25
            if len(window) < MIN_QUOTE_CHARS:
                score -= 0.1  # a stub ("Godkendt.") only when nothing better says more
            yield Quote(section, window, score, start, end)


# an amount as minutes write it: "854 kr.", "2,025 mio. kr.", "81.400 kr", "5 %"
_MONEY_UNIT = r"kr\b|kroner|mio\b|mia\b|mill\w*|tkr|t\.kr|nok\b|dkk\b"
# a price as minutes write it in words: nothing to pay ("Kurset er gratis", "vederlagsfrit",
# "uden egenbetaling", "free of charge"), or a sum spelt out ("en halv million kroner")
_PRICE_IN_WORDS = (
    r"\b(gratis|vederlagsfri\w*|omkostningsfri\w*|kostnadsfri\w*|kostfri\w*|gebyrfri\w*|"
    r"betalingsfri\w*|free of charge|uden (?:egen)?betaling|uten (?:egen)?betaling|"
    r"ingen egenbetaling|uden beregning|uten kostnad|"
    r"(?:en|et|to|tre|fire|fem|seks|syv|sju|otte|åtte|ni|ti|halv|halvanden|hundrede|hundre|"
    r"tusinde?|tusen)\s+(?:halv\s+)?(?:mio|million\w*|milliard\w*|mia|tusinde?|tusen|kroner|"
    r"kr))\b"
)
_AMOUNT = re.compile(
    rf"\d[\d.,]*\s*({_MONEY_UNIT}|%|procent|prosent)"
    r"|\b(kr|dkk|nok)\.?\s*\d"  # and the unit first: "fastsat til kr. 64.400"
    rf"|{_PRICE_IN_WORDS}",
    re.I,
)
# a sum of money, with the numbers before it of a range or a list ("10.000 - 25.000 kr.",
# "2,2 og 3 mio. kr.")
_MONEY = re.compile(
    rf"\d[\d.,]*(?:\s*(?:-|–|til|og|and)\s*\d[\d.,]*)*\s*({_MONEY_UNIT})"
    r"|\b(kr|dkk|nok)\.?\s*\d[\d.,]*",
    re.I,
)
# (a day in figures has one separator twice and a month no later than 12: "7.30-10" is a
# time of day, "10-11 12-14" opening hours)
_DATE_OR_YEAR = re.compile(
    r"\b\d{1,2}\.\s*\w+\s+\d{4}\b|\b\d{1,2}([-./])(?:0?[1-9]|1[0-2])\1\d{2,4}\b|\b(19|20)\d\d\b"
)
# the times a passage names, as far as it names them: a day, a month of a year, a year
_DAY_WRITTEN = re.compile(rf"\b(\d{{1,2}})\.\s*({'|'.join(MONTH_NAMES)})\s+((?:19|20)\d\d)\b", re.I)
_DAY_IN_FIGURES = re.compile(r"\b(\d{1,2})([-./])(\d{1,2})\2((?:19|20)\d\d)\b")
_MONTH_OF_YEAR = re.compile(rf"\b({'|'.join(MONTH_NAMES)})\s+((?:19|20)\d\d)\b", re.I)
_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DAY = re.compile(rf"\b\d{{1,2}}\.\s*({'|'.join(MONTH_NAMES)})\b", re.I)


def _names_a_day(window: str) -> bool:
    """Does the passage write a day, in words or in figures ("1. januar", "12.02.2026")?"""
    return bool(_DAY.search(window) or _DAY_IN_FIGURES.search(window))


def names_time_from(window: str, day: dt.date) -> bool:
    """Does the passage name a time not before the month before `day` (a day in it or after,
    a month or a year that ends then or after), or a time it does not place in a year ("i
    marts", "den 1. juni")? "Administrationen modtog den 24. maj 2024 ansøgning …" in minutes
    of October 2024 does not say when the shop will open."""
    found: list[dt.date | None] = []
    rest = window
    for match in _DAY_WRITTEN.finditer(rest):
        found.append(_day(int(match[3]), MONTHS[match[2].lower()], int(match[1])))
    rest = _DAY_WRITTEN.sub(" ", rest)  # (a day's year is no year of its own)
    for match in _DAY_IN_FIGURES.finditer(rest):
        found.append(_day(int(match[4]), int(match[3]), int(match[1])))
    rest = _DAY_IN_FIGURES.sub(" ", rest)
    for match in _MONTH_OF_YEAR.finditer(rest):
        year, month = int(match[2]), MONTHS[match[1].lower()]
        found.append(dt.date(year, month, calendar.monthrange(year, month)[1]))
    rest = _MONTH_OF_YEAR.sub(" ", rest)
    found += [dt.date(int(year), 12, 31) for year in _A_YEAR.findall(rest)]
    times = [time for time in found if time is not None]
    if not times:
        return bool(_MONTH.search(window))  # a month without a year: not placed
    # from the first of the month before the meeting's: minutes decide with effect from the
    # start of their month or the one before ("bortfalder pr. 1. oktober 2025" decided on 8
    # October, dev d089)
    month_before = (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return max(times) >= month_before


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# a time of day, or two: "kl. 19 - 21", "kl. 16.30"
_TIME = re.compile(r"\bkl\.?\s*\d{1,2}(?:[.:]\d\d)?(?:\s*[-–]\s*\d{1,2}(?:[.:]\d\d)?)?")
# a number that is part of a name: after a capitalised word ("Pier 3", "Lokalplan 1221") or
# after a word minutes number things by, in any case ("lokalplan 1246", "bilag 4", "pkt. 9");
# not after a word of about how many opening a sentence ("Omkring 1.349 børn og unge har
# deltaget", "Cirka 40 borgere")
_ABOUT = (
    "(?:Omkring|Cirka|Ca|Knap|Knapt|Godt|Næsten|Nesten|Over|Under|Mindst|Minst|Højst|Høyst|"
    "Kun|Bare|Heraf|Herav|Yderligere|Ytterligere|Omtrent|Rundt|About|Around|Approximately|"
    "Nearly|Almost|Only|Some|Ungefär|Drygt|Knappt|Nästan)"
)
_NAMED_NUMBER = re.compile(
    rf"(\b(?!{_ABOUT}\b)[A-ZÆØÅ][\wæøå-]*|\b(?i:nr|pkt|punkt|sag|sak|bilag|vedlegg|kapitel|"
    r"afsnit|tillæg|lokalplan\w*|kommuneplan\w*|budget\w*|rute|linje|etape|fase|paragraf\w*|"
    r"stk|indstillingspunkt\w*))"
    r"\.?:?\s+\d[\d./-]*"
    # (a section sign, after a space where no word boundary is, and often with no space before
    # its number: "ifølge § 29 i lov om almene boliger" counts no homes, nor "§79-puljen")
    r"|§\s*\d[\d./-]*"
)
# an ordinal or a list's number: "2. behandling", "1) forslag til lokalplan …"
_ORDINAL = re.compile(r"(?<![\d.,])\(?\d{1,3}[.)](?=\s)")
_MONTH = re.compile(r"\b(" + "|".join(MONTH_NAMES) + r")\b", re.IGNORECASE)
# a length of time as minutes write it: "fem år", "3 måneder", "to uger", "14 dage"
_DURATION = re.compile(
    r"\b(\d+|en|et|ét|to|tre|fire|fem|seks|syv|sju|otte|åtte|ni|ti|tolv|halvt?|one|two|three|"
    r"four|five|six|ten|twelve)\s+(år|års|måned\w*|måneds|uge\w*|uke\w*|dage?|døgn|timer?|"
    r"years?|months?|weeks?|days?|hours?)\b",
    re.I,
)
# a span of time by its end, or of years: "frem til 31. december 2026", "til og med 2025",
# "2023-2026" (not "til 2026" alone, which is as often "for 2026")
_SPAN = re.compile(
    rf"\b(?:frem til|indtil|til og med|t\.o\.m\.|until|through|fram till|fram til)\s+"
    rf"(?:den\s+)?(?:\d{{1,2}}\.?\s*(?:{'|'.join(MONTH_NAMES)})\s+)?(?:19|20)\d\d\b"
    rf"|\btil\s+(?:den\s+)?{_DAY_WRITTEN.pattern}"
    r"|\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b",
    re.I,
)
# an area as minutes write it: "ca. 20.000 m²", "15,1 ha", "36,9 daa", "500 kvadratmeter", or
# by its sides ("20 m x 60 m", "19 x 60 meter")
_AREA = re.compile(
    r"\d[\d.,]*\s*(m²|m2|kvm|kvadratmeter|km²|km2|kvadratkilometer|ha|hektar|daa|dekar|"
    r"tdr\.? land|tønder land|acres?|square (?:metres|meters|feet))(?!\w)"
    r"|\d[\d.,]*\s*(?:m|meter)?\s*[x×]\s*\d[\d.,]*\s*(?:m|meter)(?!\w)",
    re.I,
)
# a length or a distance as minutes write it: "ca. 2 km", "50 meter ud", "en sømil ud"
_DISTANCE = re.compile(
    r"(\d[\d.,]*|\b(?:en|et|én|ét|to|tre|fire|fem|ti|halv|one|two|three))\s*(km|kilometer|m(?!\.\s?m\b)|meter|"
    r"metre|cm|centimeter|mil|sømil|nautical miles?|miles?|feet|ft)(?!\w)",
    re.I,
)
# a height asked ("hvor højt må der bygges?", "how tall …?") is also answered in storeys: "én
# etage med udnyttet tagetage (1½ etage)", "op til tre etager"
_ASKS_HEIGHT = re.compile(r"\b(?:hvor (?:højt?|høyt?)|how (?:high|tall)|hur hög\w*)\b", re.I)
# ("plan" only after a figure: "1½ plan" is a height, "en plan" a plan)
_STOREYS = re.compile(
    r"(?:\d[\d,½]*|½|\b(?:en|et|én|ét|to|tre|fire|fem|halvanden|one|two|three|four|five))\s*"
    r"(?:etage|etager|etagers|etasje|etasjer|våning|våningar|storeys?|stories|floors?)\b"
    r"|(?:\d[\d,½]*|½)\s*plan\b",
    re.I,
)


def _height(window: str) -> bool:
    return bool(_DISTANCE.search(window) or _STOREYS.search(window))


# a name given in the minutes' words: a quoted one, capitalised ("navngives ”Børnehuset
# Rådhushaven”", "navngivet "Turbinevej"", not "en "intern vej"") or a capitalised word after
# a word that gives a name ("beslutter vejnavnet Vandvejen")
_MARK = r'[“”"«»„]'  # a quotation mark, as minutes type them
_NOT_MARK = r'[^“”"«»„\n]'
_QUOTED = re.compile(rf"{_MARK}([A-ZÆØÅ]{_NOT_MARK}{{1,79}}){_MARK}")
_NAMED_AS = re.compile(
    r"\b(?i:\w*navn\w*|navngiv\w*|kaldes|kaldet|hedde|hedder|heter|hete|called|named)\s+"
    r"(?:\w+\s+){0,2}?([A-ZÆØÅ][\wæøå-]+)"
)


def _names_a_name(window: str, own: set[str]) -> bool:
    """Does the passage give a name that is not the question's own words? "(herefter
    ”Friskolen”)" does not name the free school the question asks about."""
    found = [m.group(1) for m in _QUOTED.finditer(window)]
    found += [m.group(1) for m in _NAMED_AS.finditer(window)]
    return any(not set(tokenize(name)) <= own for name in found if tokenize(name))


# a reason as minutes give one: "fordi", "idet", "skyldes", "på grund af", "derfor", "because"
_REASON = re.compile(
    r"\b(fordi|idet|skyldes|skyldtes|grundet|på grund af|pga\.?|p\.g\.a\.|derfor|begrund\w*|"
    r"årsag\w*|med henblik på|for at|da (?:der|det|den|de|man|vi|administrationen|byrådet)|"
    r"because|due to|since|in order to|ettersom|på grunn av)\b",
    re.I,
)


# a vote as minutes record one: "Imod stemte: (Ø) og (F)", "(Ø) stemmer imod", "Med stemmerne
# 19 for og 2 imod", "For forslag 1 stemte 10: …", "vedtatt med 8 mot 5 stemmer", "enstemmig",
# "Liselott Blixt undlod at stemme"
_VOTE = re.compile(
    r"\b(?:for|imod|imot|mot|against)\s+(?:\w+\s+){0,2}?(?:stemte|stemde|stemmer|voted|röstade)\b|"
    r"\b(?:stemte|stemde|stemmer|voted|votes?|röstade)\s+(?:\w+\s+){0,3}?(?:for|imod|imot|mot|"
    r"against|nej|ja)\b|\b\d+\s+(?:stemmer\s+|votes\s+)?(?:for|imod|mod|mot|against)\b|"
    r"\bstemmerne\s+\d+|\b\d+\s+mot\s+\d+|\benstemmig\w*|\bunanim\w*|\bundl(?:od|ader|ot)\s+at\s+stemme|"
    r"\bavsto\b|\babstain\w*|\bvotering\w*",
    re.I,
)


def _holds_count(window: str, measures: tuple[re.Pattern[str], ...] = ()) -> bool:
    """A count is a number that is not a date, a time, a sum of money, an ordinal or part of a
    name ("Pier 3", "Lokalplan 1221", "pkt. 9", "CO2", "matrikel 21a"), nor a measure
    (`measures`: "7,5 ha", "2 km", "1000 t"): "Hvor mange borgere mødte op?" is not answered by
    "udgifter … i størrelsesordenen 10.000 - 25.000 kr." nor by "kl. 19 - 21", "Hvor mange
    træer plantes?" not by "Arealet er på 7,5 ha" (a share, "45 %", still counts; so does a
    number in words)."""
    return bool(_counts(window, measures))


def _counts(window: str, measures: tuple[re.Pattern[str], ...]) -> list[tuple[int, int]]:
    """Where the passage writes a count (`_holds_count`), as spans of `window`."""
    # "seks ud af ni skoler"; not "fire ugers høring", unless years or weeks are counted
    in_words = _DURATION.sub(_blank, window) if _DURATION in measures else window
    spans = [match.span() for match in _COUNT_WORD.finditer(in_words)]
    # a range is one figure, and what follows its last number says what it is: "300–500 meter"
    # is a distance, "10.000 - 25.000 kr." a sum (blanked, not cut, to keep the places)
    figures = _RANGE_START.sub(_blank, window)
    not_counts = (_TIME, _MONEY, _DATE_OR_YEAR, _NAMED_NUMBER, _ORDINAL, _POSTCODE, _CODE)
    for not_a_count in (*not_counts, *measures):
        figures = not_a_count.sub(_blank, figures)
    return spans + [match.span() for match in re.finditer(r"\d[\d.,]*", figures)]


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def counted_places(question: Question) -> Callable[[str], list[str]]:
    """The words around each count a passage writes (`REACH` each side), for a question that
    counts things: the count must stand beside the thing asked about (or another word of the
    question's topic), not merely in the same sentences ("Hvor mange høns holder ejeren?" is
    not answered by "tre udhuse … anvendes som hønsehus", nor "Hvor mange besøgende har
    Valhallen?" by "… én eller to børnehavegrupper. Børnene … kan besøge legepladsen")."""
    measures = _measures(question)

    def places(window: str) -> list[str]:
        words = [match.span() for match in re.finditer(r"\S+", window)]
        found = []
        for start, end in _counts(window, measures):
            at = [i for i, (first, last) in enumerate(words) if first < end and last > start]
            if at:
                first, last = max(at[0] - REACH, 0), min(at[-1] + REACH, len(words) - 1)
                found.append(window[words[first][0] : words[last][1]])
        return found

    return places


# words each side of a count that may name what it counts: "ni personer", "forældrevalgte
# medlemmer, i alt fire" (chosen by bench/constant_cv.py, EVALUATION.md)
REACH = 5


_RANGE_START = re.compile(r"(?<![\d.,])\d[\d.,]*\s*[-–]\s*(?=\d)")
# a postcode before its town in an address: "Hedelunden 2, 2670 Hundige"
_POSTCODE = re.compile(r"\b\d{4}\s+(?=[A-ZÆØÅ][a-zæøå])")
# a number written into a word is a name or a code, not a count: "CO2", "21a", "4G", "M2"
_CODE = re.compile(r"\w*[^\W\d_]\d+\w*|\b\d+[^\W\d_]\w*")
# a weight as minutes write it: "1000 t CO2", "40 tons", "2,5 kg"
_WEIGHT = re.compile(r"\d[\d.,]*\s*(t|tons?|ton|tonnes?|kg|kilo)(?![\w.]\w)", re.I)
# the units a question may count in: (the measure they belong to, how a question names the
# unit, how minutes write it after a number). A question naming a measure's unit asks for that
# measure ("Hvor mange kilometer …", "hvor mange timer om ugen"), so it is then no measure to
# keep from its count; the unit right after "hvor mange" is one the answer must state
_UNITS: tuple[tuple[re.Pattern[str] | None, str, str], ...] = (
    (_AREA, r"m2|m²|kvm|kvadrat\w*|square", r"m2|m²|kvm|kvadratmeter\w*|square \w+"),
    (_AREA, r"ha|hektar\w*|hectares?", r"ha|hektar\w*|hectares?"),
    (_AREA, r"daa|dekar", r"daa|dekar"),
    (_AREA, r"acres?", r"acres?"),
    (_DISTANCE, r"km|kilomet\w*", r"km|kilomet\w*"),
    (_DISTANCE, r"cm|centimet\w*", r"cm|centimet\w*"),
    (_DISTANCE, r"meter|metre\w*", r"m|meter\w*|metre\w*"),
    (_DISTANCE, r"mil|sømil|miles?", r"mil|sømil|nautical miles?|miles?"),
    (_DISTANCE, r"feet", r"feet|ft"),
    (_DURATION, r"år|året|years?", r"år\w*|years?"),
    (_DURATION, r"måned\w*|months?", r"måned\w*|months?"),
    (_DURATION, r"uge\w*|uke\w*|weeks?", r"uge\w*|uke\w*|weeks?"),
    (_DURATION, r"dage?|døgn|days?", r"dag\w*|døgn|days?"),
    (_DURATION, r"timer?|timen|timers|hours?", r"time\w*|t|hours?"),  # not "how many times"
    (_WEIGHT, r"tons?|tonnes?", r"t|tons?|tonnes?"),
    (_WEIGHT, r"kg|kilo", r"kg|kilo\w*"),
    (None, r"kwh|kilowatt\w*", r"kwh|kilowatt\w*"),
    (None, r"mwh|megawatt\w*", r"mwh|megawatt\w*"),
    (None, r"liter|litres?|liters?", r"l|liter\w*|litres?"),
    (None, r"kubikmeter|m3|m³", r"m3|m³|kubikmeter"),
    (None, r"millioner|mio|millions?", r"mio\.?|million\w*|mill\."),
    (None, r"milliarder|mia|billions?", r"mia\.?|milliard\w*|billions?"),
    (None, r"procent\w*|prosent\w*|percent", r"%|procent|prosent|pct\.?|percent"),
)
# (measure, the unit as a question names it, compiled; the unit as minutes write it)
_UNIT_PATTERNS = [
    (measure, re.compile(rf"\b({named})\b", re.I), written) for measure, named, written in _UNITS
]
# a number as minutes write one before a unit: "130 km", "2,5 mio.", "fem år", "ti procent"
_BEFORE_UNIT = (
    r"(?:\d[\d.,]*|\b(?:en|et|én|ét|to|tre|fire|fem|seks|syv|sju|otte|åtte|ni|ti|elleve|tolv|"
    r"femten|tyve|tjue|tredive|tretti|fyrre|førti|halvtreds|femti|hundrede|hundre|halvt?|one|"
    r"two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|hundred))"
)
# a share as minutes write one: "45 %", "ti procent", "halvdelen", "to tredjedele"
_SHARE = re.compile(
    rf"{_BEFORE_UNIT}\s*(?:%|pct\.?(?!\w)|procent\w*|prosent\w*|percent)|"
    r"\b(?:halvdel\w*|halvpart\w*|tredjedel\w*|fjerdedel\w*|femtedel\w*|half|third|quarter)\b",
    re.I,
)
_HOW_MANY = re.compile(r"\b(?:hvor mange|how many|hur många)\s+([\w²³-]+)", re.I)


def _count_check(question: Question) -> Callable[[str], bool]:
    """The count check for this question: measures are no count, but for one it counts in."""
    measures = _measures(question)
    return lambda window: _holds_count(window, measures)


def _measures(question: Question) -> tuple[re.Pattern[str], ...]:
    """The measures whose figures are no count for this question: all but the one it counts
    in ("Hvor mange kvadratmeter …")."""
    named = {m for m, unit, _ in _UNIT_PATTERNS if m is not None and unit.search(question.text)}
    return tuple(dict.fromkeys(m for m, _, _ in _UNIT_PATTERNS if m is not None and m not in named))


def _size_check(question: Question) -> Callable[[str], bool]:
    """A size asked by its adjective ("hvor stor en bøde", "hvor lang en grusvej") is stated by
    a figure of any measure: money, an area, a length, a time, a share, or a number of things."""
    counts = _count_check(question)
    measures = [_CHECKS[kind] for kind in ("amount", "area", "distance", "duration", "share")]
    return lambda window: any(check(window) for check in measures) or counts(window)


def counts_in_a_unit(question: Question) -> bool:
    """Does the question count in a unit ("Hvor mange kilometer …?") rather than things?"""
    return _unit_check(question) is not None


def _unit_check(question: Question) -> re.Pattern[str] | None:
    """What a passage must write for a question that counts in a unit: a number with that
    unit. "How many kilowatt-hours would Greve save …?" is not answered by savings in per cent,
    nor "Hvor mange centimeter blev terrænet hævet …?" by "0,35 meter fra skel"."""
    asked = _HOW_MANY.search(question.text)
    if asked is None:
        return None
    word = asked.group(1)
    for _, named, written in _UNIT_PATTERNS:
        if named.match(word):
            # or the question's unit word closing a compound a few words on: "9 (ulige år)
            # årlige stævnelukkedage" answers "hvor mange dage …"
            closing = rf"(?:\W+\w+){{0,3}}?\W+\w*{re.escape(word)}\b" if len(word) > 2 else ""
            return re.compile(rf"{_BEFORE_UNIT}(?:\s*(?:{written})(?!\w)|{closing})", re.I)
    return None


# a count written in words: "seks ud af ni skoler", "tolv medlemmer" ("en", "et", "to" only
# as a share: they are everyday words too; "én", "ét" are accented only as the number: "Der er
# modtaget én indberetning")
_COUNT_WORD = re.compile(
    r"\b(én|ét|tre|fire|fem|seks|syv|sju|otte|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|tyve|"
    r"tjue|tredive|fyrre|hundrede|hundre|three|four|five|six|seven|eight|nine|ten|twelve|"
    r"twenty|hundred)\b|\b(en|et|to|tre|one|two)\s+(ud\s+)?af\b",
    re.IGNORECASE,
)


_CHECKS: dict[str, Callable[[str], bool]] = {
    "amount": lambda window: bool(_AMOUNT.search(window)),
    # (a count: _count_check, which depends on the units the question counts in)
    # a date is a day, a month or a year as minutes write them, not any number ("48 timer")
    "date": lambda window: bool(_DATE_OR_YEAR.search(window) or _MONTH.search(window)),
    # (or a span with its end: "gældende for perioden 1. februar 2024 og frem til 31. december
    # 2026" answers "hvor længe gælder aftalen?")
    "duration": lambda window: bool(_DURATION.search(window) or _SPAN.search(window)),
    # (a day, not a month or a year: "inden den 30. juni 2023", not "i september 2024")
    "deadline": lambda window: bool(_DURATION.search(window)) or _names_a_day(window),
    # (a day asked for by its noun: "hvilken dato", "what date")
    "day": _names_a_day,
    "area": lambda window: bool(_AREA.search(window)),
    "distance": lambda window: bool(_DISTANCE.search(window)),
    "reason": lambda window: bool(_REASON.search(window)),
    "vote": lambda window: bool(_VOTE.search(window)),
    "share": lambda window: bool(_SHARE.search(window)),
}


# a capitalised word that names a body or its meeting, not a person: "Økonomiudvalget",
# "Byrådet", "Center", "Ekstraordinært Byrådsmøde"
_BODY_WORD = re.compile(
    r"\w*(udvalg|utvalg|råd|styre|kommune|forvaltning|cent[e]?r|sekretariat|administration|"
    r"afdeling|avdeling|formannskap|forum|direktion|ledelse|møde|møte)\w{0,4}",
    re.IGNORECASE,
)
# the lines of a decision listing who was away ("Afbud: Per Lund Sørensen"): they name someone
# in nearly every item, and answer only a question about attendance
_ATTENDANCE_LINE = re.compile(
    r"(?:^|(?<=[.!?])\s)[ \t]*(afbud|fraværende|fravær|forfald|forfall|meldt forfall|"
    r"ikke til stede|ikke mødt|deltog ikke|absent)\b[^\n]*",
    re.IGNORECASE | re.MULTILINE,
)


_MAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def _names_someone(window: str, own: set[str], people_only: bool = False) -> bool:
    """Does the passage name a person, a party member or an organisation other than the
    question's own names? Two capitalised words in a row ("Bjarke Abel", "John T. Olsen"),
    two joined by "og" ("Strategi og Udvikling"), a name with a party letter ("Jensen (V)") or
    an acronym ("KLAR"); "Greve Kommune" in a question about Greve is no one. With
    `people_only`, a person only: two capitalised words in a row, neither a body's
    ("Økonomiudvalget og Byrådet" is no one). An e-mail address is someone to ask ("Hvem kan
    man kontakte om klimaprosessen?" over "Kontakt heidi.wold@baerum.kommune.no"), though no
    one holding a post."""
    if not people_only and _MAIL.search(window):
        return True
    run: list[str] = []
    # (a person's two names, unless a body's or a place's word goes on with them: "Pædagogisk
    # Psykologisk Vejledningscenter" is a service, "Hundige Strand Havn" a place)
    person = False
    for match in re.finditer(r"\S+|\n", window):
        word = match.group().strip(".,;:!?\"'")
        if not word:
            if person:
                return True
            run = []  # a name does not run on over a line's end ("Byrådsmøde\n\nMøder …")
            continue
        acronym = word.isupper() and len(word) > 1 and word.isalpha()
        if acronym and not people_only and word.lower() not in own:
            return True
        if re.fullmatch(r"\([A-ZÆØÅ]\)", word) and run:
            return True
        capitalised = re.fullmatch(r"[A-ZÆØÅ][a-zæøåé]+|[A-ZÆØÅ]\.?", word)
        if capitalised and not run and len(match.group()) == 1:
            # a lone capital letter begins no name ("I Trafikanalysen vurderes …" is "in");
            # an initial does with its full stop ("T. Olsen") or inside a name ("John T Olsen")
            capitalised = None
        if capitalised and people_only and _OF_THE.fullmatch(word):
            # nor does a noun's genitive opening a sentence: "Årets Nytårskoncert gav …"
            capitalised = None
        if capitalised and not _own(word, own):
            if (
                (people_only and _BODY_WORD.fullmatch(word))
                or _PLACE_WORD.fullmatch(word)
                or (not run and _FARM_WORD.fullmatch(word))
            ):
                # (a street, a building or a harbour is no one either: "Tune Parkvej og
                # Nørregade", "Hundige Havn"; nor a farm's name opening one, "erhvervsområdet
                # Ventrupgård Syd", which after a first name is a surname: "Simon Østergaard")
                run, person = [], False
                continue
            run.append(word)
            if len([w for w in run if w != "og"]) >= 2:
                if not people_only:
                    return True
                person = True
            if match.group()[-1] in ".!?:;," and len(word) > 2:
                if person:
                    return True
                run = []  # nor over a sentence's or a list's break ("T." is an initial)
        elif word == "og" and run and not people_only:
            run.append(word)
        else:
            if person:
                return True
            run = []
    return person


# a noun's definite genitive, which no one's name takes: "Årets", "Udvalgets", "Borgernes"
_OF_THE = re.compile(r"\w{2,}(?:ets|ernes|enes)")


# a capitalised word inside running prose: after a word in lower case ("… er nu medlem af
# Børneringen"), not after a full stop, a colon, a line's start, a dash, a sentence's first
# word ("I Trafikanalysen vurderes …", "Gruppe 1 - Væsentlige tiltag") or a name it goes on
# ("Tune Skole Højen"); nor after a word that places it ("ved Højen", "på Bakken")
_INNER_CAPITAL = re.compile(r"(?<![^\W\d_])([a-zæøåé][\wæøåé-]*,?)[^\S\n]([A-ZÆØÅ][\wæøåé-]+)")
_PLACES_IT = frozenset({"ved", "på"})


# a street, a square, a path, a house, a hall, a school, a park or a harbour: a place, where a
# capitalised word names no firm and no one ("Tune Parkvej", "Hundige Allé", "Kildestien",
# "Kulturhuset", "Hundige Havn")
_PLACE_WORD = re.compile(
    r"\w*(vej|vejen|gade|gaden|allé|alle|vænge|vænget|stræde|strædet|plads|pladsen|torv|torvet|"
    r"sti|stien|stierne|huset|hallen|skolen|parken|havn|havnen|kirke|kirken|stationen|centret|"
    r"centeret|centrum)"
    # the endings of Danish street and neighbourhood names: "de offentlige veje Møllehaven og
    # Tofteholmen", "Industrilunden", "Troldehøjen" (after a first part: "Bakken", "Engen",
    # "Holmen" alone are Norwegian surnames)
    r"|\w{3,}(?:haven|holmen|toften|marken|engen|lunden|bakken|højen)",
    re.IGNORECASE,
)
# a title in quotation marks: a report's, a project's, a campaign's ("Trafikanalyse -
# Skolesammenlægning", "Børn på vej") — the work, not who made it
_TITLE = re.compile(rf"{_MARK}{_NOT_MARK}{{1,120}}{_MARK}")


def _names_organisation(window: str, own: set[str], authorities: bool = True) -> bool:
    """Does the passage name a firm, an association or a foundation (or anyone) other than the
    question's own names? Besides what names someone, one capitalised word inside a sentence
    that is no body of the municipality, no month and no street: "… er nu medlem af
    Børneringen". Quoted titles name a work, not its maker: "Administrationen har i samarbejde
    med ekstern trafikrådgiver udarbejdet "Trafikanalyse - Skolesammenlægning"" does not say
    which firm advised; nor is the municipality itself ("Greve Kommune") the firm; nor, unless
    `authorities`, an authority of the state."""
    window = _A_MUNICIPALITY.sub(" ", _TITLE.sub(" ", window))
    if _names_someone(window, own):
        return True
    return any(
        not _own(word, own)
        and not _names_no_firm(word)
        and (authorities or not _AUTHORITY_WORD.fullmatch(word))
        and not _NUMBERED.match(window, match.end())
        and not _DEFINITE.match(window, match.end())
        for match in _INNER_CAPITAL.finditer(window)
        for before, word in [match.groups()]
        if before not in _PLACES_IT
    )


# an abbreviation with the definite article is a thing, not a name: "renovering af SFO'en",
# "pc'erne" (a firm's or a body's takes the genitive only: "KL's", "DH's")
_DEFINITE = re.compile(r"['’](?:en|et|erne|ne|ens|ets)\b")
# a town with its municipality or council is the municipality itself, which is never the
# firm asked for: "Greve Kommune har siden juni 2014 haft kontrakt med …", "Greve Byråd"
_A_MUNICIPALITY = re.compile(
    r"\b[A-ZÆØÅ][\wæøåé-]+\s+(?i:kommune|kommunes|byråd|byråds|kommunestyre|kommunestyres|"
    r"kommun|kommuns)\b"
)
# a numbered plan, rule or account: "Lokalplan nr. 13.50", "Lokalplan 14.49", "Tillæg 1"
_NUMBERED = re.compile(r"\s+(?:nr\.?\s*|no\.?\s*)?\d")
# a policy, a plan, a law or a report named by its capitalised title ("midtvejsstatus for
# Integrations- og Hjemsendelsespolitikken", "jf. Kommuneplanen"): a work, not who made it,
# like a title in quotation marks
_WORK_WORD = re.compile(
    r"\w*(politik|politikken|plan|planen|strategi|strategien|lov|loven|aftale|aftalen|"
    r"rapport|rapporten|analyse|analysen|program|programmet|redegørelse|redegørelsen|"
    r"regulativ|regulativet|vedtægt|vedtægter|vedtægterne)",
    re.IGNORECASE,
)
# a compound whose head is a common noun, or the first half of one: "EØS-lande", "IT-firma",
# "Integrations- og …" — a kind of thing, not a name
_COMMON_HEAD = re.compile(r"[\w-]*-(?:[a-zæøå]\w*)?")
# a country or a union of them is where, not who: "udlændinge, der opholder sig i Danmark"
_COUNTRIES = frozenset(
    """danmark norge sverige finland island grønland færøerne tyskland england storbritannien
    europa ukraine polen""".split()  # noqa: SIM905
)
# a farm, alone: a place ("… køkkenfaciliteter til Grevegård"), though after a first name a
# surname ("Simon Østergaard")
_FARM_WORD = re.compile(r"\w*(gård|gården|gaard)", re.IGNORECASE)
# an authority of the state is who oversees or rules, not the firm or association asked for:
# "Arbejdstilsynet har … påtalt, at Greve Kommune ikke har opfyldt sin forpligtelse overfor
# entreprenøren" does not say which contractor was hired
_AUTHORITY_WORD = re.compile(
    r"\w*(tilsyn|tilsynet|styrelse|styrelsen|ministerium|ministeriet|direktorat|direktoratet|"
    r"nævn|nævnet|nemnd|nemnda|politi|politiet|myndighed|myndigheden|ombud|ombudsmand\w*)",
    re.IGNORECASE,
)
# (unless an authority is what is asked for: "Which authority fined Helsingør Kommune?")
_ASKS_AUTHORITY = re.compile(
    rf"\b(?:{_AUTHORITY_WORD.pattern}|authorit\w*|agenc\w*|ministr\w*|regulator\w*|"
    r"inspectorate\w*|myndighet\w*)\b",
    re.IGNORECASE,
)
# the capitalised words that name no firm: a body, a place, a farm, a work, a common noun's
# compound
_NO_FIRM = (_BODY_WORD, _PLACE_WORD, _FARM_WORD, _WORK_WORD, _COMMON_HEAD)


def _names_no_firm(word: str) -> bool:
    """Is the capitalised word one of those, a month or a country?"""
    lower = word.lower()
    return (
        lower in MONTH_NAMES
        or lower in _COUNTRIES
        or any(kind.fullmatch(word) for kind in _NO_FIRM)
    )


def _own(word: str, own: set[str]) -> bool:
    return any(token in own for token in tokenize(word))


def kind_check(question: Question, kind: str | None = None) -> Callable[[str], bool] | None:
    """What a passage must hold to answer the question's kind (an amount, an area, a count, a
    length of time, a date, a person, a name), or `kind` of those it asks for; None when it
    asks for no such fact."""
    kind = kind or question.wants
    if kind == "person":
        # (what a body does not do is done by a person: "Hvem dirigerede orkestret?")
        people_only = question.who in ("person", "someone")
        # a person asked for by a post is not named by the question's own words: "Årets
        # Nytårskoncert" is no one in "Hvem er dirigent … ved nytårskoncerten?"
        own = set(question.names) | (set(question.words) if people_only else set())
        if question.who == "attendance":
            return lambda window: _names_someone(window, own)
        return lambda window: _names_someone(_ATTENDANCE_LINE.sub(" ", window), own, people_only)
    if kind == "organisation":
        own = set(question.names)
        authorities = bool(_ASKS_AUTHORITY.search(question.text))
        return lambda window: _names_organisation(
            _ATTENDANCE_LINE.sub(" ", window), own, authorities
        )
    if kind == "name":
        own = set(question.words) | set(question.names)  # `parts` are among `words`
        return lambda window: _names_a_name(window, own)
    if kind == "count":
        check: Callable[[str], bool] | None = _count_check(question)
    elif kind == "size":
        check = _size_check(question)
    elif kind == "distance" and _ASKS_HEIGHT.search(question.text):
        check = _height
    else:
        check = _CHECKS.get(kind) if kind else None
    if check is None:
        return None
    unit = (_rate_check(question) if kind == "amount" else None) or _unit_check(question)
    # (a ceiling or a floor is no sum spent or held, unless the question asks for one)
    limits = kind == "amount" and not _ASKS_LIMIT.search(question.text)
    if unit is None and not question.stated_figures and not limits:
        return check
    unstated = _unstated(question)  # (leaves the passage as it is if the question writes none)

    def holds(window: str) -> bool:
        window = unstated(_LIMIT.sub(" ", window) if limits else window)
        return (unit is None or bool(unit.search(window))) and check(window)

    return holds


# a price asked by the month, the week, the day or the hour ("Hvad koster det om måneden at
# leje en ungdomsbolig?", "timeprisen"), and how a passage prices by it ("854 kr. pr. måned",
# "kr./md.", "en timepris på 809 kr.", "60 kr. pr. time"): a total or a yearly sum does not
# answer it
_RATES = (
    (r"om måneden|i måneden|pr\.? ?md\.?|pr\.? ?måned|per måned|månedlig\w*|i månaden|per månad|"
     r"månatlig\w*|a month|per month|monthly|per mnd|pr\.? ?mnd\.?|i mnd",
     r"md|mdr|mnd|måned\w*|månad\w*|month|månedlig\w*|månatlig\w*|monthly"),
    (r"i timen|pr\.? ?time|per time|i timmen|per timme|an hour|per hour|hourly|"
     r"time(?:pris|løn|sats)\w*|tim(?:pris|lön)\w*",
     r"time|timen|t|timme|hour|time(?:pris|løn|sats)\w*|tim(?:pris|lön)\w*"),
    (r"om ugen|pr\.? ?uge|per uge|ugentlig\w*|i uka|per uke|ukentlig\w*|i veckan|per vecka|"
     r"a week|per week|weekly",
     r"uge|ugen|uke|uka|vecka|veckan|week|ugentlig\w*|ukentlig\w*|weekly"),
    (r"om dagen|pr\.? ?dag|per dag|daglig\w*|per day|a day|daily|pr\.? ?døgn|per døgn|i døgnet|"
     r"om dygnet|per dygn",
     r"dag|dagen|døgn|døgnet|dygn|day|daglig\w*|daily"),
)  # fmt: skip


def _rate_check(question: Question) -> re.Pattern[str] | None:
    """What a passage must write for a price asked by the month, the week, the day or the
    hour: a sum with that rate ("854 kr. pr. måned", "pr. md.") or a rate's own word for its
    price ("timepris", "månedlig husleje"); None when the question asks no rate."""
    for asked, written in _RATES:
        if re.search(rf"\b(?:{asked})\b", question.text, re.I):
            per = rf"(?:pr\.?|per|om|i|a|an|/)\s*(?:{written})\b"
            own = rf"\b(?:{written})\w*\s+(?:\S+\s+){{0,4}}?"  # "timepris på 809 kr."
            return re.compile(
                rf"(?:{_MONEY.pattern})\.?\s*(?:\S+\s+){{0,2}}?{per}|{own}(?:{_MONEY.pattern})",
                re.I,
            )
    return None


# a sum as a ceiling or a floor: "enkeltsøknader inntil kr 500 000", "tildelinger lik kr
# 500 000 eller høyere", "op til 50.000 kr.", "mindst 10 %" — the rule's limit; "Hvor mye
# penger står det i fondet?" is not answered by it. (A count is not checked so: "inntil fire
# ganger gjennom året" answers how often applications are treated.)
_LIMIT_AMOUNT = (
    rf"(?:kr\.?\s*)?\d[\d.,]*(?:\s*\d{{3}})*(?:\s*(?:{_MONEY_UNIT}|%|procent|prosent)\.?)*"
)
_LIMIT = re.compile(
    r"\b(?:inntil|indtil|op til|opp til|upp till|højst|høyst|högst|maks\.?|maksimalt|maximalt|"
    rf"max\.?|up to|at most|mindst|minst|minimum|at least)\s+{_LIMIT_AMOUNT}"
    rf"|{_LIMIT_AMOUNT}\s+eller\s+(?:mere|mer|merå|høyere|højere|derover|mindre|lavere|more|"
    r"higher|above|less)\b",
    re.I,
)
# a question that asks for a limit ("Hvor meget kan en forening søge?", "Hvad er loftet?"), or
# for a sum set aside, which is often a ceiling ("hvor mange penge blev der sat af til
# udsigtstårnet?" over "Der afsættes op til 95.000 kr. til udsigtstårn")
_ASKS_LIMIT = re.compile(
    r"\b(grænse\w*|grense\w*|gräns\w*|loft\w*|tak|maks\w*|max\w*|højst|høyst|högst|inntil|"
    r"indtil|op til|opp til|limit\w*|threshold\w*|ceiling|mindst|minst|minimum|at least|"
    r"up to|kan|kunne|can|could|may|må|kann|afsat\w*|afsætt\w*|sat af|sættes af|satt av|"
    r"avsatt\w*|bevilg\w*|bevilj\w*|tildel\w*|allocat\w*|set aside|earmark\w*|granted)\b",
    re.I,
)


# a question that asks what something costs or pays, in money, not by how much it changed
_ASKS_MONEY = re.compile(
    r"\b(koste\w*|kostet|kostede|kostnad\w*|\w*pris\w*|beløb\w*|beløp\w*|\w*penge\w*|kroner|"
    r"vederlag\w*|betal\w*|løn\w*|lønn\w*|gebyr\w*|takst\w*|honorar\w*|husleje\w*|tilskud\w*|"
    r"tilskott\w*|bevilg\w*|udgift\w*|utgift\w*|budget\w*|budsjett\w*|cost\w*|price\w*|pay\w*|"
    r"paid|money|salary|wages?|fees?|rent|grant\w*|kosta\w*|bøde\w*|bøter\w*|bøte|böter\w*|"
    r"fines?)\b",
    re.I,
)
_ASKS_CHANGE = re.compile(
    r"%|\b(procent\w*|prosent\w*|percent\w*|andel\w*|share|stig\w*|steg\w*|fald\w*|øge\w*|"
    r"øke\w*|økt\w*|sænk\w*|senk\w*|increase\w*|decrease\w*|rise|rose|mere|mindre|mer|more|"
    r"less)\b",
    re.I,
)


# a sum of money, in figures or in words ("120.000 kr.", "gratis")
_MONEY_OR_PRICE = re.compile(rf"{_MONEY.pattern}|{_PRICE_IN_WORDS}", re.I)


def shown_checks(question: Question, kind: str) -> list[Callable[[str], bool]]:
    """What the passages an answer shows must hold for `kind`, the strictest first. Whether an
    item states an amount at all, a share will do ("Hvor meget steg prisen?" is answered by
    "med 5 %"); but what something costs is shown as a sum of money where the item has one
    ("hvad koster det?" by "ca. 120.000 kr.", not by "mere end 50 % overholder ikke …"), how
    big a thing is by its area ("Hvor stor må ridebanen være?" by "… 20 m x 60 m", not by the
    fence's "højde på 1,5 m") and a count beside the thing counted ("Sommerferieaktiviteter
    2025: antal deltagere?" by "Omkring 1.349 børn og unge har deltaget …", not by a passage
    counting two courses)."""
    check = kind_check(question, kind)
    if check is None:
        return []
    if kind == "count" and question.counted and not counts_in_a_unit(question):
        places = counted_places(question)
        # (an English question's thing by its Danish forms: "associations" are "foreninger")
        counted = tuple(form for word in question.counted for form in question.forms_of(word))

        def beside(window: str) -> bool:
            return any(
                token.startswith(form)
                for place in places(window)
                for token in tokenize(place)
                for form in counted
            )

        return [beside, check]
    money = _ASKS_MONEY.search(question.text)
    if kind == "amount" and money and not _ASKS_CHANGE.search(question.text):
        strictest = _MONEY_OR_PRICE
    elif kind == "size" and _ASKS_EXTENT.search(question.text) and not money:
        strictest = _AREA
    else:
        return [check]
    unstated = _unstated(question)
    return [lambda window: bool(strictest.search(unstated(window))), check]


def part_checks(
    question: Question, idf: Callable[[str], float] | None = None
) -> list[Callable[[str], bool]]:
    """What the passages an answer shows must hold, for every kind asked (`shown_checks`, in
    the question's order). A further part's fact is looked for first where that part's own
    words stand: "… and who carried out the evaluation?" is answered by "Rambøll Management har
    foretaget evalueringen", not by the first part's passage naming the project's own
    "Borgerens Valg"; where no passage holds both, by the kind alone, as before."""
    checks: list[Callable[[str], bool]] = []
    parts = question.asked_parts or tuple((kind, ()) for kind in question.kinds)
    # (the question's terms once, and only when a part has words of its own)
    every = _terms(question, idf) if any(words for _, words in parts) else []
    for kind, words in parts:
        of_kind = shown_checks(question, kind)
        terms = [term for term in every if set(words).intersection(term[1])]
        if terms:
            checks += [_both(check, terms) for check in of_kind]
        checks += of_kind
    return checks


def _both(check: Callable[[str], bool], terms: Terms) -> Callable[[str], bool]:
    return lambda window: _word_score(terms, set(tokenize(window))) > 0 and check(window)


# how big, not how long: an extent
_ASKS_EXTENT = re.compile(r"\b(hvor stor[te]?|how (?:big|large)|hur stor[ta]?)\b", re.I)


def _unstated(question: Question) -> Callable[[str], str]:
    """The passage without the numbers the question writes itself: "hvor mange sager skulle
    jobcentret gennemgå efter fejlen med 225 timers reglen" is not answered by a passage whose
    only number is the rule's 225, nor "Hvornår i 2023 …?" by one saying no more than 2023."""
    if not question.stated_figures:
        return lambda window: window
    figures = re.compile(
        r"(?<![\d.,])(?:"
        + "|".join(re.escape(f) for f in question.stated_figures)
        + r")(?![.,]?\d)"
    )
    return lambda window: figures.sub(" ", window)


# a decision that approves the recommendation without repeating it: "Godkendt.", "Byrådet
# godkendte Økonomiudvalgets indstilling", "… anbefaler, at administrationens indstilling
# godkendes"
# (or points of it by number: "Ad 1) punktet blev taget til efterretning. Ad 2-3) godkendt",
# "Pkt. 2 godkendt", "1. Orienteringen blev taget til efterretning 2. Godkendt", "7.a-c
# indstilles godkendt")
_APPROVED = r"(godkendt|tiltrådt|vedtaget|anbefales|godkjent|vedtatt)\b"
APPROVES = re.compile(
    rf"\bindstilling\w*\b|\binnstilling\w*\b|^\W*(\d\W*)*{_APPROVED}"
    rf"|\b(ad|pkt|punkt)\W*(\d\W*(og\W+)?)+{_APPROVED}"
    rf"|(?<!\S)\d{{1,2}}[.)](\s*-\s*\d{{1,2}}[.)])?\s*([a-zæøå](\s*-\s*[a-zæøå])?\s+)?"
    rf"(indstilles\s+|blev\s+)?{_APPROVED}",
    re.IGNORECASE,
)


def decision_quote(
    item: AgendaItem, kinds: tuple[SectionKind, ...] = _DECISION_KINDS
) -> Quote | None:
    """The item's decision (or, lacking one, its recommendation) from its opening on, as far
    as _decision_end reads; of the first section of `kinds` it has, when given."""
    for kind in kinds:
        for section in item.sections:
            if section.kind is kind:
                spans = sentence_spans(section.text)
                if spans:
                    start, end, _ = max(
                        (w for w in _windows(section.text, spans) if w[0] == spans[0][0]),
                        key=lambda w: (w[2] == 0.0, w[1]),
                    )
                    end = _decision_end(spans, start, end)
                    return Quote(section, section.text[start:end], 0.0)
    return None


def _decision_end(spans: list[tuple[int, int]], start: int, end: int) -> int:
    """Where a decision's quote ends: it reads on through the section's next sentences while
    they fit in DECISION_CHARS. What was decided often stands after the opening ("Udvalget
    besluttede at omgøre sagen til en beslutningssag … Udvalget anbefaler … at videreføre
    pavillonløsningen i Lillebo …"), and a decision section is short. So does a
    recommendation's: its points follow its opening ("indstiller at; Orienteringen tages til
    efterretning. Jobcentret arbejder videre … Der iværksættes en indsats overfor borgere på
    førtidspension …"), and "Pkt. 2: Godkendt. Pkt. 3: Godkendt." approves the later ones."""
    for _, later in spans:
        if later > end and later - start <= DECISION_CHARS:
            end = later
    return end
