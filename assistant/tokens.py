"""Words for the lexical index: Danish/Norwegian normalisation, stopwords and stemming.

Index and queries go through the same function, so whatever is folded here (case, aa/å,
ä/æ, ö/ø, inflection) meets on both sides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache, partial

import Stemmer
from bm25s.stopwords import STOPWORDS_DANISH, STOPWORDS_EN, STOPWORDS_NORWEGIAN, STOPWORDS_SWEDISH

from assistant.bilingual import TERMS

__all__ = [
    "COMPOUND_WEIGHT",
    "MIN_COMPOUND_PART",
    "MIN_HALF",
    "QUESTION_WORDS",
    "STOPWORDS",
    "Words",
    "ascii_folds",
    "content_words",
    "english_concepts",
    "halves",
    "is_function_word",
    "is_wh_word",
    "match_weight",
    "one_slip",
    "stem",
    "tokenize",
    "translatable",
    "unfold_ascii",
    "unit_forms",
]

# Danish and Norwegian glue words together: "miljøledelse" must find "miljøledelsessystemet".
# A word this long or longer also matches the words that contain it, a little weaker.
MIN_COMPOUND_PART = 5
MIN_HALF = 4  # shortest part of a compound read as two words ("lejr", not "hal")
COMPOUND_WEIGHT = 0.7

# Words every question has and no answer needs: they would only add noise to the ranking.
QUESTION_WORDS = frozenset(
    [
        "hvad",
        "hvem",
        "hvor",
        "hvornår",
        "omkring",  # "vedtaget omkring …": about, like "om"
        "længe",  # "hvor længe": the kind of fact asked for, not its topic
        "lenge",
        "hvordan",
        "hvorfor",
        "hvilke",
        "hvilken",
        "hvilket",
        "hva",
        "hvilke",
        "hvordan",
        "når",
        "blev",
        "ble",
        "bliver",
        "blitt",
        "skete",
        "skjedde",
        "sket",
        "besluttet",
        "besluttede",
        "beslutning",
        "beslutninger",
        "besluttet",
        "vedtatt",
        "vedtaget",
        "vedtog",
        "vedtak",
        "vedtaget",
        # other ways to say "decided" ("hvad blev der bestemt om …")
        "bestemt",
        "bestemte",
        "besluttes",
        "vedtages",
        "vedtas",
        "afgjort",
        "afgjorde",
        "avgjort",
        "vedtok",
        "vedtas",
        "bestemte",
        "besluttede",
        # what a body said at each stage of a case: "hvad sagde fagudvalget, Økonomiudvalget
        # og byrådet?", "hvilke politiske instanser har behandlet …", "hvad sagde hvert led?"
        # (the stages answer it; the minutes write what each decided, not that it "said", nor
        # "fagudvalget": they name the committee)
        "sagde",
        "sagt",
        "siger",
        "sa",
        "sier",
        "fagudvalg",
        "fagudvalget",
        "fagudvalgene",
        "fagudvalgets",
        "instans",
        "instanser",
        "instanserne",
        "instansene",
        "hvert",
        "led",
        "leddene",
        "gennem",  # ("Følg sagen gennem udvalgene"), a preposition as "om" is
        "igennem",
        "gjennom",
        # who was behind a proposal: "Hvilke partier stod bag budgetforslaget …?"
        "stod",
        "står",
        "bag",
        "what",
        "who",
        "when",
        "where",
        "which",
        "how",
        "why",
        "was",
        "were",
        "decided",
        "decision",
        "about",
        "om",
        "ang",
        "angående",
        "vedrørende",
        "status",
        # "earlier" places what is asked in time, as a date does, and an item need not say it
        # ("referatet fra hvilket tidligere møde blev godkendt?")
        "tidligere",
        "forrige",
        "foregående",
        "earlier",
        "previous",
        # frames around the topic: "hvad hedder …", "hvilke punkter handlede om …"
        "hedder",
        "hed",
        "hedde",
        "heter",
        "het",
        "kaldes",
        "kaldt",
        "called",
        "named",
        "handlede",
        "handler",
        "omhandlede",
        "omhandler",
        "punkter",
        "saker",
        "koster",
        "kostede",
        "koste",
        "kostet",
        "cost",
        "costs",
        # adverbs of time, frequency and manner: they frame what is asked, the minutes seldom
        # repeat them ("Hvornår blev der skruet op for varmen igen?")
        "igen",
        "igjen",
        "stadig",
        "stadigvæk",
        "fortsat",
        "fortsatt",
        "allerede",
        "endnu",
        "ennå",
        "snart",
        "aldrig",
        "aldri",
        "altid",
        "alltid",
        "ofte",
        "gerne",
        "gjerne",
        "egentlig",
        "faktisk",
        "især",
        "særlig",
        "eventuelt",
        "således",
        "derfor",
        "nemlig",
        "cirka",
        "ca",
        "ifølge",
        "iflg",
        "måske",
        "kanskje",
        "muligvis",
        "dengang",
        "bagefter",
        "etterpå",
        "efterfølgende",
        "helst",
        "hellere",
        "heller",
        # the part of a period that places a question ("i starten af 2023", "i slutningen af
        # året", "mitten av mars"): time, as a date is, which the item's meeting says; the
        # minutes seldom write it beside what happened
        "starten",
        "begyndelsen",
        "slutningen",
        "udgangen",
        "indgangen",
        "begynnelsen",
        "slutten",
        "utgangen",
        # light verbs that frame a question ("Får Greve en pantstation?", "What did … do")
        # "Hvordan gik sagen?", "Hvad endte byrådet med at beslutte?": how it went, not what
        "gik",
        "gikk",
        "gået",
        "gått",
        "endte",
        "får",
        "fik",
        "fået",
        "få",
        "fikk",
        "måtte",
        "bør",
        "gør",
        "gøres",
        "behøver",
        "behøves",
        "behøvede",
        "gjorde",
        "gjort",
        "lavet",
        "get",
        "got",
        "gets",
        "does",
        "done",
    ]
)
STOPWORDS = frozenset(STOPWORDS_DANISH) | frozenset(STOPWORDS_NORWEGIAN) | frozenset(STOPWORDS_EN)
# A Swedish question's own small words and frame ("Vad beslutade kommunstyrelsen om …"); only
# dropped from Swedish questions: the index (and so every stored token) does not change
SWEDISH_QUESTION_WORDS = frozenset(STOPWORDS_SWEDISH) | {
    "vad", "vem", "när", "hur", "varför", "vilka", "vilken", "vilket", "beslutade",
    "beslutades", "beslutat", "beslut", "besluten", "fattade", "fattades", "togs", "gällande",
    "angående", "handlade", "kostade", "kostar", "fick", "får", "ska", "skall", "vill",
    "måste", "bör", "finns", "gjorde", "göra", "gör", "sa", "sade", "ta", "tar", "tog",
    # everyday verbs, quantities and places a question frames its topic with ("hur många
    # platser gäller det?", "hur långt ut … får den gå?", "fick lov att"): no topic, and as
    # words Danish minutes never write they weighed most and sank every Swedish question
    "många", "mycket", "gäller", "gälla", "gällde", "står", "stod", "stå", "går", "gick", "gå",
    "genom", "inne", "lilla", "liten", "lite", "stor", "stora", "stort", "långt", "länge",
    "före", "lov", "fått", "få", "ute", "handlar", "handla", "varje", "fanns", "finnas",
    # adverbs and conjunctions bm25s's Swedish list lacks: unknown to Danish minutes, "även"
    # weighed as the rarest word of "Gjorde Greve en skolvägsanalys även för …?" (fresh9 v09)
    "även", "också", "bara", "redan", "dock", "samt", "både", "enligt", "kring", "medan",
    "eftersom", "därför", "alltså", "nog", "ännu",
    # the light verbs of "varför behöver taket göras om?": how it asks, not what about
    "görs", "göras", "gjordes", "gjort", "behöver", "behövs", "behövde", "behövt", "behövas",
    "början", "slutet", "mitten",
    # where a thing lies or stands behind, and "some": "Vilket it-system låg bakom felet som
    # sänkte vissa medborgares kontanthjälp?" asks about the error, not about lying or "some"
    "låg", "ligger", "legat", "bakom", "bredvid", "framför", "bland", "hos", "vissa", "viss",
    "visst", "sådär",
}  # fmt: skip

# (a range of numbers typed with an en dash is one word as with a hyphen: "2025–2028")
_WORD = re.compile(r"[^\W_]+(?:(?:[-'’]|(?<=\d)–(?=\d))[^\W_]+)*", re.UNICODE)
_STEMMER = Stemmer.Stemmer("danish")
_ENGLISH = Stemmer.Stemmer("english")
_SWEDISH = Stemmer.Stemmer("swedish")
# Old Danish/Norwegian spellings and Swedish/German letters people type for æ/ø
_FOLD = str.maketrans({"ä": "æ", "ö": "ø", "é": "e", "è": "e", "ü": "y"})


def _normalise(word: str) -> str:
    word = unicodedata.normalize("NFC", word.lower()).translate(_FOLD)
    return word.replace("aa", "å")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    stem = str(_STEMMER.stemWord(word))
    # Snowball leaves the past tense half-stemmed ("drøftede" → "drøfted" but "drøftet" →
    # "drøft"); minutes say both, so fold it
    if word.endswith("ede") and stem.endswith("ed") and len(stem) > 5:
        stem = stem[:-2]
        if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouyæøå":
            stem = stem[:-1]  # "beslutt" → "beslut", as Snowball undoubles elsewhere
    return stem


def stem(word: str) -> str:
    """One word as the index holds it: normalised and stemmed."""
    return _stem(_normalise(word))


_LETTERS = "abcdefghijklmnopqrstuvwxyzæøå"
_ASCII = (("ae", "æ"), ("oe", "ø"))  # ("aa" is "å" already: _normalise)


def one_slip(word: str) -> set[str]:
    """Every word one slip of the keyboard from `word`: a letter left out, added, changed, two
    swapped, or æ/ø typed as "ae"/"oe" ("miljøldeelse" → "miljøledelse", "faelles" → "fælles").
    """
    word = _normalise(word)
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    slips = {head + tail[1:] for head, tail in cuts if tail}
    slips |= {head + tail[1] + tail[0] + tail[2:] for head, tail in cuts if len(tail) > 1}
    slips |= {head + c + tail[1:] for head, tail in cuts if tail for c in _LETTERS}
    slips |= {head + c + tail for head, tail in cuts for c in _LETTERS}
    slips |= set(ascii_folds(word))
    slips.discard(word)
    return slips


@lru_cache(maxsize=50_000)
def halves(word: str, shortest: int, shortest_stem: int = 0) -> tuple[tuple[str, str], ...]:
    """Ways to read a word as two words of at least `shortest` letters, each stemmed as the
    index stems words (a linking -s- or -e- dropped from the first), both stems at least
    `shortest_stem` long: "spejderlejr" → … ("spejd", "lejr") …"""
    found: list[tuple[str, str]] = []
    for cut in range(shortest, len(word) - shortest + 1):
        head, tail = word[:cut], word[cut:]
        heads = [head, head[:-1]] if head[-1] in "se" and len(head) > shortest else [head]
        for first in heads:
            pair = (stem(first), stem(tail))
            if min(len(pair[0]), len(pair[1])) >= shortest_stem:
                found.append(pair)
    return tuple(dict.fromkeys(found))


def ascii_folds(word: str) -> list[str]:
    """The word with "ae" or "oe" read as the æ or ø a keyboard without them leaves out."""
    word = _normalise(word)
    return [word.replace(plain, letter) for plain, letter in _ASCII if plain in word]


def unfold_ascii(text: str) -> str:
    """A text typed without æ, ø and å as it means them ("hvor hoejt bliver taarnet" is "hvor
    højt bliver tårnet"), each letter in the case it was typed in; a text that writes any of
    the three is left as it is."""
    if _NORDIC_LETTER.search(text):
        return text
    for plain, letter in (*_ASCII, ("aa", "å")):
        text = re.sub(plain, partial(_as_typed, letter), text, flags=re.IGNORECASE)
    return text


def _as_typed(letter: str, typed: re.Match[str]) -> str:
    return letter if typed.group().islower() else letter.upper()


_NORDIC_LETTER = re.compile(r"[æøåÆØÅ]")


# units as the minutes abbreviate them: "Reduktion på 500 m2" answers "skære 500
# kvadratmeter"; each stem stands for the others of its group
_UNIT_GROUPS = (
    ("kvadratmeter", "m2", "m²", "kvm"),
    ("kubikmeter", "m3", "m³"),
    ("kilometer", "km"),
    ("millioner", "mio"),
    ("milliarder", "mia"),
    ("kroner", "kr"),
    # a period as a rate, which the stemmer leaves apart: "om året" is the minutes' "årligt",
    # "hver uge" their "ugentligt" ("måned", "månedlig", "time", "timen" share a stem already)
    ("året", "år", "årligt"),
    ("ugen", "uge", "ugentligt"),
)


@lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, ...]]:
    groups = [tuple(dict.fromkeys(stem(word) for word in group)) for group in _UNIT_GROUPS]
    return {word: tuple(w for w in group if w != word) for group in groups for word in group}


def unit_forms(word: str) -> tuple[str, ...]:
    """Other ways the minutes write a unit's stem `word` ("kvadratmet" → "m2", "m²", "kvm")."""
    return _units().get(word, ())


def is_function_word(word: str) -> bool:
    """A stopword or question word of any language asked in: the index holds none of them."""
    return _normalise(word) in _FUNCTION_WORDS


# the words that open a question, in the languages asked in
WH_WORDS = frozenset(
    """hvad hvem hvor hvornår hvorfor hvordan hvilke hvilken hvilket hva når vad vem var när
    varför hur vilka vilken vilket what who when where which why how""".split()  # noqa: SIM905
)


def is_wh_word(word: str) -> bool:
    """Does the word open a question ("hvorfor", "hvornår", "which")?"""
    return _normalise(word) in WH_WORDS


# "KMD's" is KMD, and "224'eren" is route 224: the ending is no part of the word
_POSSESSIVE = re.compile(r"['’]s$|(?<=\d)['’][^\W\d_]{1,4}$")
# an acronym's genitive as Norwegian and Swedish write it, without the apostrophe: "KLs", "SFs"
_ACRONYM_GENITIVE = re.compile(r"[A-ZÆØÅ]{2,}s")
_JOINERS = re.compile(r"[-'’–]")


@lru_cache(maxsize=500_000)
def _word_forms(raw: str, joined: bool) -> tuple[tuple[str, str], ...]:
    """(normalised word, stem) for each form of one written word; cached: words recur."""
    if _ACRONYM_GENITIVE.fullmatch(raw):
        raw = raw[:-1]
    word = _POSSESSIVE.sub("", _normalise(raw))
    parts = [p for p in _JOINERS.split(word) if p]
    words = [*parts, "".join(parts)] if joined and len(parts) > 1 else parts
    return tuple((w, _stem(w)) for w in words if len(w) > 1)


def tokenize(text: str, drop: frozenset[str] = STOPWORDS, joined: bool = True) -> list[str]:
    """Stemmed, normalised words of a text without stopwords.

    A hyphenated word gives its parts and (with `joined`) the joined form, so
    "flex-registrering" meets "flexregistrering"; single letters carry nothing and are dropped.
    """
    return [
        stem
        for match in _WORD.finditer(text)
        for word, stem in _word_forms(match.group(), joined)
        if word not in drop
    ]


_DANISH_DROP = STOPWORDS | QUESTION_WORDS
_SWEDISH_DROP = _DANISH_DROP | {_normalise(w) for w in SWEDISH_QUESTION_WORDS}
# English function words beyond bm25s's short English list: an English question's "from",
# "many", "did" are no topic, nor are its light verbs and adverbs ("came in", "want", "make
# better known", "next"), and counted as concepts they sank every English question's share
# of concepts an item holds. Only dropped from English questions ("over", "under", "her" are
# Danish words too)
ENGLISH_FUNCTION_WORDS = frozenset(
    """about above after again all also am any because been before being below between both
    can could did do does doing down during each either ever few from further had has have
    having he her here hers him his its itself just many may me might more most much must my
    now off often only other our ours out over own same shall she should so some still such
    than those through too under until up upon us very we were what whatever when where whether
    which while who whom whose why would you your became become becomes anything something
    everything nothing decide decides decisions happen happened one ones
    came come comes coming goes going went gone want wanted wants look looked looks next
    behind since already soon really actually make makes made take takes took taken taking
    give gives gave given giving keep kept tell told know known think need needed better
    well near along carry carries carried carrying bring brings brought bringing gets getting
    say says said saying puts putting hold holds held holding according regarding
    concerning""".split()  # noqa: SIM905
)
_ENGLISH_DROP = _DANISH_DROP | ENGLISH_FUNCTION_WORDS
_FUNCTION_WORDS = _ENGLISH_DROP | _SWEDISH_DROP


def content_words(question: str, joined: bool = True, language: str = "da") -> list[str]:
    """The words of a question that carry its topic (stemmed), without question words."""
    if language == "sv":
        return _swedish_words(question)
    return tokenize(question, _ENGLISH_DROP if language == "en" else _DANISH_DROP, joined)


def _swedish_words(question: str) -> list[str]:
    words = (_normalise(m.group()) for m in _WORD.finditer(question))
    return [swedish_stem(w) for w in words if w not in _SWEDISH_DROP and len(w) > 1]


def english_stem(word: str) -> str:
    """A word as an English question's words are held ("March" → "marc")."""
    return str(_ENGLISH.stemWord(word.lower()))


def swedish_stem(word: str) -> str:
    """A Swedish word as a Swedish question's words are held: Swedish endings first ("skolan"
    → "skol"), then as the index stems Danish, so Swedish words meet their Danish relatives or,
    one letter off, are respelled against the archive."""
    swedish = _normalise(word).replace("ø", "ö").replace("æ", "ä")
    return _stem(_normalise(str(_SWEDISH.stemWord(swedish))))


def english_concepts(question: str) -> list[list[str]]:
    """For each topic word of an English question, the forms it may take in Danish minutes.

    Latin loanwords are shared: English stems ("evaluated" → "evalu") are found inside Danish
    words ("evaluering") by the compound matching, and Danish writes k where English writes a
    hard c ("conflict" → "konflikt", "contract" → "kontrakt"); the everyday words of council
    business come from a short list ("council" → "byråd", bilingual.TERMS).
    """
    concepts: list[list[str]] = []
    before: list[str] = []  # the Danish words of the topic word just before this one
    # a hyphenated English word is two words ("business-friendliness"): Danish joins them
    words = (part for match in _WORD.finditer(question.lower()) for part in _split(match.group()))
    for word in words:
        if word in _ENGLISH_DROP or len(word) < 4:
            before = []
            continue
        stem = english_stem(word)
        # and the English word as Danish stems it: a loanword takes Danish endings ("printers"
        # → "printer", the minutes' "printere" → "print"; "containers", "servers")
        forms = [stem, _stem(word)]
        if re.search(r"c(?![eiy])", word):
            forms += [_stem(re.sub(r"c(?![eiy])", "k", w)) for w in (word, stem)]
        danish = _translations().get(stem, [])
        forms += [_stem(w) for w in danish]
        # two English words in a row are one Danish compound: "environmental management" →
        # "miljøledelse"; either word's concept is held by it
        joined = [
            _stem(first + link + second)
            for first in before
            for second in danish
            for link in ("", "s")  # "erhverv" + "venlighed" → "erhvervsvenlighed"
        ]
        if joined:
            concepts[-1].extend(joined)
            forms += joined
        concepts.append(forms)
        before = danish
    return [list(dict.fromkeys(forms)) for forms in concepts]


def _split(word: str) -> list[str]:
    """ "business-friendliness" → business, friendliness; "kick-off" stays one word (a part
    under four letters carries nothing alone)."""
    parts = re.split(r"[-‐]", word)
    return parts if len(parts) > 1 and all(len(p) >= 4 for p in parts) else [word]


def translations(word: str) -> list[str]:
    """The Danish and Norwegian words the term list gives for an English word, as written (not
    stemmed): a kind of firm is looked for inside the minutes' compounds, where a short stem is
    not ("bolig" in "Boligselskab", which its stem "bol" is too short to be found in)."""
    return _translations().get(english_stem(word), [])


def translatable(word: str) -> bool:
    """Is this an English word the term list carries into Danish ("School", "Council")?"""
    return bool(translations(word))


@lru_cache(maxsize=1)
def _translations() -> dict[str, list[str]]:
    """English stem → the Danish and Norwegian words for it, normalised (bilingual.TERMS)."""
    found: dict[str, list[str]] = {}
    for english, words in TERMS.items():
        found.setdefault(english_stem(english), []).extend(map(_normalise, words))
    return found


def match_weight(
    word: str, tokens: Collection[str], shortest_part: int = MIN_COMPOUND_PART
) -> float:
    """How well a set of words holds `word`: 1 as itself, COMPOUND_WEIGHT inside a compound
    (when it is at least `shortest_part` letters), else 0. The one compound rule: the lexical
    index applies it to its vocabulary, quotes and the answer check to an item's words (through
    `Words`, which asks it of many words at once)."""
    if word in tokens:
        return 1.0
    if len(word) >= shortest_part and any(word in token for token in tokens):
        return COMPOUND_WEIGHT
    return 0.0


class Words:
    """A passage's or an item's words, asked `match_weight` of many question words: one
    substring search in the joined words instead of a loop over them for each (an English
    concept has dozens of Danish forms, an item thousands of words)."""

    __slots__ = ("_joined", "tokens")

    def __init__(self, tokens: Collection[str]) -> None:
        self.tokens = tokens if isinstance(tokens, (set, frozenset)) else set(tokens)
        self._joined = "\x00".join(self.tokens)  # no word holds the separator

    def weight(self, word: str, shortest_part: int = MIN_COMPOUND_PART) -> float:
        """`match_weight(word, self.tokens, shortest_part)`."""
        if word in self.tokens:
            return 1.0
        if len(word) >= shortest_part and word in self._joined:
            return COMPOUND_WEIGHT
        return 0.0
