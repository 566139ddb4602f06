"""Which meeting a question asks about, if any: "Hvad besluttede Økonomiudvalget på mødet i
marts 2024?", "hvad skete der på byrådsmødet 26. juni 2024?" name a body the archive holds and
a day or month, and nothing else to look for. Search lists that meeting's items and answering
quotes its decisions (meeting_questions); both ask here. And which bodies a question about a
decision names ("Hvad besluttede Kultur- og Fritidsudvalget om …?"): answering asks, as only a
case that came before one of them answers it.
"""

from __future__ import annotations

import re

from assistant.archive import Snapshot
from assistant.body_names import short_names
from assistant.lexical import MIN_SLIP
from assistant.question import MONTH_STEMS, Question
from assistant.tokens import one_slip, stem, tokenize

__all__ = [
    "MAX_ITEMS",
    "MAX_MEETINGS",
    "body_met",
    "deciding_bodies",
    "meeting_asked",
    "recommended_first",
]

# what a question about a meeting says besides the body and the date
_MEETING_WORDS = frozenset(
    stem(w)
    for w in [
        *("møde", "mødet", "møder", "møtet", "møte", "møter", "meeting", "meetings"),
        *("referat", "referatet", "dagsorden", "dagsordenen", "protokoll"),
        *("sket", "skete", "skjedde", "happened", "besluttede", "vedtog", "decide", "did"),
        *("its", "their", "sit", "sitt"),
        *("behandlede", "behandlet", "handled", "discussed", "drøftede", "drøftet"),
        # how people say a body met and what came of it: "Hvad snakkede beskæftigelsesudvalget
        # om, da de mødtes i marts 2024, og hvad kom de frem til?"
        *("mødtes", "møttes", "mødes", "møtes", "met", "meet", "träffades", "sammanträdet"),
        # and that it held one: "… da Beskæftigelses- og Erhvervsudvalget holdt møde den 9.
        # oktober 2023?"
        *("holdt", "holdte", "afholdt", "avholdt", "held", "holding", "höll", "hölls"),
        *("snakkede", "snakket", "talte", "talk", "talked", "diskuterede", "diskuterte"),
        *("kom", "frem", "konkluderede", "konkluderte", "concluded", "agreed", "enige"),
        *("beslöt", "beslutade", "bestemte", "besluttet", "decided"),
        # what a committee does with a case besides deciding it: recommends it to the council,
        # sends it on ("Hvad anbefalede Plan- og Tryghedsudvalget på sit møde i marts 2025?",
        # "Hvilke sager sendte … videre med en anbefaling på mødet i juni 2024?"); not what it
        # approved, which may be one item ("Hvilket referat godkendte Chefforum på mødet …?")
        *("anbefalede", "anbefalet", "anbefalte", "anbefaling", "anbefalinger", "recommend"),
        *("recommended", "recommendation", "recommendations", "rekommenderade", "tillstyrkte"),
        *("sendte", "sendt", "videre", "send", "sent", "forwarded", "skickade", "vidare"),
        *("deal", "dealt", "cover", "covered", "consider", "considered", "agenda"),
        # what a body was told at a meeting, and by whom: "Hvad orienterede forvaltningen
        # Teknisk Udvalg om på mødet den 1. oktober 2025?"
        *("orienterede", "orienteret", "orienterte", "orientering", "orienteringer", "informed"),
        *("briefed", "told", "forvaltningen", "administrationen", "administration"),
        # which of a body's meetings: "på Økonomiudvalgets ekstraordinære møde den 27. oktober
        # 2022", "the inaugural meeting", "det siste møtet i juni"
        *("ekstraordinære", "ekstraordinært", "ekstraordinert", "extra", "ekstra"),
        *("extraordinary", "extraordinarie", "ordinære", "ordinært", "ordinary", "ordinarie"),
        *("konstituerende", "konstituerande", "inaugural", "constituent", "sidste", "siste"),
        *("seneste", "last", "latest", "første", "first", "næste", "neste", "next"),
        # what a body decided, said by the noun, and the cases it took: "Hvilke beslutninger
        # traf Beskæftigelses- og Erhvervsudvalget på mødet i februar 2023?", "Which cases did
        # … take up at its meeting …?"
        *("beslutning", "beslutninger", "beslutningerne", "vedtak", "vedtakene", "decisions"),
        *("beslutningar", "traf", "truffet", "tog", "tok", "made", "make", "took", "take"),
        *("sager", "sagerne", "saker", "sakene", "punkter", "punkterne", "punktene", "items"),
        *("cases", "emner", "topics"),
    ]
)

# a council or a board joined to the body by "og", "and", "med": who it met with ("Hvad talte
# Handicaprådet og Social- og Handicapudvalget om, da de mødtes i oktober 2025?" asks about the
# committee's joint meeting; "… om Handicaprådet" asks about the council)
_COUNCIL = r"\w{3,}(?:råd|rådet|council|udvalg|udvalget|utvalg|utvalget|nævn|nævnet|board)"
_JOINED = r"(?:og|and|och|samt|med|with)"
_MET_WITH = re.compile(
    rf"\b({_COUNCIL})\s+{_JOINED}\s|\s{_JOINED}\s+(?:the\s+)?({_COUNCIL})\b", re.IGNORECASE
)


def _met_with(question: Question) -> frozenset[str]:
    """The councils the question names as those the body met with, stemmed."""
    return frozenset(
        stem(name.lower())
        for match in _MET_WITH.finditer(question.text)
        for name in match.groups()
        if name
    )


# a question for what a committee recommended, and a decision that recommends ("Anbefales.",
# "Udvalget anbefaler, at transportkorridoren ophæves")
_ASKS_RECOMMENDED = re.compile(r"\b(anbefal\w*|recommend\w*|rekommend\w*|tillstyrk\w*)", re.I)
_RECOMMENDS = re.compile(r"\banbefal\w*", re.I)

MAX_MEETINGS = 3
MIN_FORM_IN_BODY = 3  # a question word found inside a body's word: "ung", not "og"
MAX_ITEMS = 15  # decisions listed per meeting


def _named_bodies(bodies: list[str], words: tuple[str, ...]) -> list[tuple[str, frozenset[str]]]:
    """The bodies whose every word the question holds ("byrådsmødet" holds "Byråd 2022-2025"),
    each with the question's words that name it; the most specific first."""
    found: list[tuple[int, str, frozenset[str]]] = []
    # a long word one slip of the keyboard from a body's word is that word mistyped
    # ("administrasonsutvalget"): a body's name is written by few items, too few for the word
    # index to correct it by (`LexicalIndex.written`)
    # (a slip changes a word's length by one at most: only a word that near a part's length is
    # read for its slips, once)
    slips: dict[str, frozenset[str]] = {}

    def holds(part: str, word: str) -> bool:
        if part in word:
            return True
        if len(word) < MIN_SLIP or abs(len(word) - len(part)) > 1:
            return False
        if word not in slips:
            slips[word] = frozenset(one_slip(word))
        return part in slips[word]

    for body in bodies:
        parts = [t for t in tokenize(body, frozenset()) if not t.isdigit() and len(t) >= 4]
        # a body word inside a question word: "byråd" in "byrådsmødet"; or a question word (an
        # English word's Danish form) inside a body word: "tryghed" (safety) in
        # "tryghedsudvalget", "ung" (youth) in "ungeudvalget"
        used = frozenset(
            w
            for part in parts
            for w in words
            if holds(part, w) or (len(w) >= MIN_FORM_IN_BODY and w in part)
        )
        if parts and all(any(holds(p, w) for w in words) for p in parts):
            found.append((len(parts), body, used))
        # or one part of it with its head word: "beskæftigelsesudvalget" (body_names)
        elif short := set(short_names(body)).intersection(words):
            found.append((1, body, frozenset(short)))
    return [(body, used) for _, body, used in sorted(found, reverse=True)]


def _body_forms(question: Question) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Each question word's forms a body's name may hold, and all of them: an English word
    names a body through its Danish forms ("the Planning and Safety Committee" is "Plan- og
    Tryghedsudvalget"; tokens.english_concepts joins them too)."""
    forms = {w: question.forms_of(w) for w in question.parts}
    return forms, tuple(dict.fromkeys(f for w in question.parts for f in forms[w]))


def body_met(view: Snapshot, question: Question) -> str | None:
    """The body a question names together with a month or a day it met in ("hva vedtok
    administrasjonsutvalget om avviksmeldinger i februar 2026", "da byrådet i januar 2024
    vedtog …"): that meeting's items are searched as well as the whole archive, so the item
    the question places is among those ranked though its words are not the question's."""
    flt = question.filters
    if question.date_from is None or question.date_to is None:
        return None
    if flt.body or flt.date_from or flt.date_to or flt.case_number:
        return None  # (explicit filters cut, and a meeting outside them is not to be searched)
    if not question.within_a_month:
        return None  # (a year places most questions naming a body: the boost for it suffices)
    _, every = _body_forms(question)
    for body, _ in _named_bodies(view.bodies(), every):
        if view.met(body, question.date_from, question.date_to):
            return body
    return None


def deciding_bodies(view: Snapshot, question: Question) -> frozenset[str]:
    """The bodies a question about a decision names, one of which must have had the case
    before it: "Hvad besluttede Kultur- og Fritidsudvalget om …" is not answered by a case that
    only the Klima-, Teknik- og Miljøudvalget handled. All the bodies the words may name count
    ("the city council" is Greve's byråd and Steinkjer's kommunestyre), so naming one loosely
    costs nothing; none for a question that names no body the archive holds."""
    if not question.about_decision:
        return frozenset()
    _, every = _body_forms(question)
    return frozenset(body for body, _ in _named_bodies(view.bodies(), every))


def meeting_asked(view: Snapshot, question: Question) -> str | None:
    """The body whose meeting the question asks about, if it asks about a meeting at all."""
    if question.date_from is None or question.date_to is None:
        return None
    forms, every = _body_forms(question)
    if question.filters.body:
        named = [(question.filters.body, frozenset[str]())]
    else:
        named = _named_bodies(view.bodies(), every)
    if not named:
        return None  # (most dated questions name no body: no need to ask for the towns)

    # the municipality whose body it is ("Greve's Employment and Business Committee") places
    # the meeting, as the body does
    places = view.municipality_words()

    guests = _met_with(question)

    def names_only_the_meeting(used: frozenset[str]) -> bool:
        """Does the question say nothing besides the body, its town, the meeting and the
        date?"""
        return all(
            used.intersection(forms[w])
            or w in _MEETING_WORDS
            or w in guests
            or w in MONTH_STEMS
            or w in places
            or w.isdigit()
            for w in question.parts
        )

    # (before the catalog is asked anything: most questions naming a body and a year ask
    # about a topic)
    if not any(names_only_the_meeting(used) for _, used in named):
        return None
    # of bodies named alike ("the city council": Greve's byråd, Steinkjer's kommunestyre), the
    # named town's ("What did Greve City Council decide at its meeting in December 2025?" is
    # not answered by Steinkjer's kommunestyre, which met then: Greve's did not) …
    towns = places.intersection(question.parts)
    if towns and named[1:]:
        named = [n for n in named if _of_town(view, n[0], towns)] or named
    # … and one that met in the period asked about
    date_from, date_to = question.date_from, question.date_to
    met = [n for n in named if view.met(n[0], date_from, date_to)] if named[1:] else []
    body, used = (met or named)[0]
    return body if names_only_the_meeting(used) else None


def _of_town(view: Snapshot, body: str, towns: frozenset[str]) -> bool:
    """Are the body's meetings those of a municipality the question names (by its latest)?"""
    return bool(towns.intersection(tokenize(view.municipality_of(body) or "", frozenset())))


def recommended_first(question: Question, decisions: list[str]) -> list[int]:
    """The order to list a meeting's decisions in (indices into `decisions`): agenda order,
    but for a question about what the committee recommended ("Hvad anbefalede Plan- og
    Tryghedsudvalget på sit møde i marts 2025?") the recommending decisions first, as they
    answer it and the briefings ("Orienteringen blev taget til efterretning") do not."""
    order = list(range(len(decisions)))
    if not _ASKS_RECOMMENDED.search(question.text):
        return order
    return sorted(order, key=lambda i: _RECOMMENDS.search(decisions[i]) is None)
