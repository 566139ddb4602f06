"""Norwegian question words as Danish minutes write them, and past forms as their nouns.

Bokmål and Danish share most words but not their spelling: Norwegian writes kj where Danish
writes k ("godkjent" / "godkendt"), ut- and av- where Danish has ud- and af- ("utkast",
"avtale"), ei and øy where Danish has ej and øj ("vei", "høy"), and p, t, k after a vowel where
Danish softened them to b, d, g ("møte" / "møde", "sak" / "sag", "kjøp" / "køb"). The words of
council business that differ outright ("bystyret" / "byrådet") come from a short list. Each
variant only counts where an item holds it, so a rule that makes a non-word costs nothing.
The same table spells out the abbreviations people type for what minutes write in full
("kvm" / "kvadratmeter").
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.tokens import stem, swedish_stem

__all__ = ["NORDIC_LANGUAGES", "danish_forms", "listed_danish", "single_consonants"]

# questions whose words are also looked for in Danish spelling: a Norwegian question is often
# read as Danish, the two share so many small words; a Swedish one is told by its letters
NORDIC_LANGUAGES = frozenset({"da", "no", "sv"})

# Norwegian word -> the Danish words for it (matched by stem)
TERMS: dict[str, tuple[str, ...]] = {
    "bystyre": ("byråd", "kommunalbestyrelse"),
    "kommunestyre": ("byråd", "kommunalbestyrelse"),
    "formannskap": ("økonomiudvalg",),
    "ordfører": ("borgmester",),
    "varaordfører": ("viceborgmester",),
    "rådmann": ("kommunaldirektør", "direktør"),
    "kommunedirektør": ("kommunaldirektør", "direktør"),
    "vedtak": ("beslutning", "vedtag"),
    "vedta": ("vedtag", "beslut"),
    "plass": ("plads",),
    "innbygger": ("borger",),
    # a child: Danish writes the plural "børn" the questions ask in ("hvor mange barn …")
    "barn": ("børn",),
    "barnehage": ("daginstitution", "børnehave", "dagtilbud"),
    "sykehjem": ("plejehjem", "plejecenter"),
    "helse": ("sundhed",),
    "eldre": ("ældre",),
    "søknad": ("ansøgning",),
    "kostnad": ("udgift", "omkostning"),
    "tomt": ("grund",),
    "budsjett": ("budget",),
    "tilskudd": ("tilskud",),
    "lønn": ("løn",),
    # a board is a "styre" in Norwegian, a "bestyrelse" in Danish; trade is "næring"/"erhverv"
    "styre": ("bestyrelse",),
    "styremedlem": ("bestyrelsesmedlem",),
    "styreleder": ("bestyrelsesformand", "formand"),
    "leder": ("formand",),  # of a committee or board: "utvalgets leder"
    "nestleder": ("næstformand",),
    "næring": ("erhverv",),
    # a board of appeal is a "nemnd" ("nemnda": Bokmål's definite form, which Snowball keeps)
    "nemnd": ("nævn",),
    "nemnda": ("nævn",),
    "næringsliv": ("erhvervsliv",),
    "vedtekt": ("vedtægt",),
    "tok": ("overtog", "tog"),
    "overtok": ("overtog",),
    "deltok": ("deltog",),
    "ble": ("blev",),
    # strong and past forms Snowball leaves apart from their nouns ("Hvem købte grunden?" over
    # "Køberen …", "godkendte salget"; "Hvem foreslo …?" over "forslag fra …")
    "købte": ("køb", "køber", "salg"),
    "kjøpte": ("køb", "køber", "salg"),
    "solgte": ("salg", "sælg"),
    "foreslo": ("forslag", "foreslå"),
    "foreslog": ("forslag", "foreslå"),
    "foreslått": ("forslag",),
    "foreslået": ("forslag",),
    "vedtok": ("vedtog", "vedtag"),
    "vedtog": ("vedtag",),
    "fikk": ("fik", "få"),
    # who replaced whom: minutes write that the new member "indtræder i stedet for" the old
    "afløste": ("indtræd", "erstat"),
    "afløser": ("indtræd", "erstat"),
    "erstattet": ("indtræd",),
    "gav": ("giv", "bevilg"),
    # where one lives is the minutes' residence: "bopælstiden i Danmark", "bosat i Greve"
    "boede": ("bopæl", "bosat"),
    "bodde": ("bopæl", "bosat"),
    "første": ("første",),
    "gang": ("gang",),
    # abbreviations the minutes write out (and the other way round)
    "kvm": ("kvadratmeter", "m2"),
    "kvadratmeter": ("kvm", "m2"),
    "mio": ("million",),
    "mia": ("milliard",),
    "eu": ("europa", "europæisk", "europaparlament"),
}
# Swedish words of council business and of the days a town hall keeps, as Danish writes
# them, where letters alone do not carry across ("nämnd" / "udvalg", "stängt" / "lukket"); a
# Swedish question's words are matched by their Swedish stem (tokens.swedish_stem)
SWEDISH: dict[str, tuple[str, ...]] = {
    "kommunfullmäktige": ("byråd", "kommunalbestyrelse"),
    "kommunstyrelse": ("økonomiudvalg",),
    "nämnd": ("udvalg",),
    "utskott": ("udvalg",),
    "ordförande": ("formand",),
    "talesperson": ("ordfører",),  # a party's spokesperson, Danish "ordfører"
    "talsperson": ("ordfører",),
    "ledamot": ("medlem",),
    "kommunalråd": ("borgmester",),
    "tjänsteman": ("medarbejder", "administration"),
    "förvaltning": ("forvaltning", "administration"),
    "invånare": ("borger",),
    "anställd": ("ansat", "medarbejder"),
    "beslutade": ("beslut", "besluttede"),
    "godkände": ("godkendt", "godkend"),
    "avslog": ("afvist", "afvis"),
    "avslå": ("afvis",),
    "föreslog": ("forslag", "foreslå"),
    "förslag": ("forslag",),
    "höll": ("holdt", "hold"),
    "bott": ("bopæl", "bosat"),
    "bodde": ("bopæl", "bosat"),
    "stängd": ("lukket", "lukning", "lukke"),
    "stängt": ("lukket", "lukning", "lukke"),
    "stänga": ("lukke", "lukning"),
    "öppen": ("åben",),
    "öppna": ("åbne", "åbning"),
    "måndag": ("mandag",),
    "tisdag": ("tirsdag",),
    "lördag": ("lørdag",),
    "söndag": ("søndag",),
    "julafton": ("juleaften", "jul"),
    "nyårsafton": ("nytårsaften", "nytår"),
    "förskola": ("børnehave", "dagtilbud", "daginstitution"),
    "skola": ("skole",),
    "äldreboende": ("plejehjem", "plejecenter"),
    "äldreomsorg": ("ældrepleje", "ældre"),
    "hemtjänst": ("hjemmepleje",),
    "idrott": ("idræt",),
    "simhall": ("svømmehal",),
    "väg": ("vej",),
    "cykelväg": ("cykelsti",),
    "bostad": ("bolig",),
    "hyra": ("leje", "husleje"),
    "hyresavtal": ("lejeaftale", "lejekontrakt"),
    "avtal": ("aftale",),
    "upphandling": ("udbud",),
    "avgift": ("takst", "gebyr"),
    "kostnad": ("udgift", "omkostning"),
    "pengar": ("penge",),
    "betala": ("betale", "betaling"),
    "sälja": ("sælge", "salg"),
    "sålde": ("solgte", "salg"),
    "köpa": ("købe", "køb"),
    "köpte": ("købte", "køb"),
    "bygglov": ("byggetilladelse",),
    "detaljplan": ("lokalplan",),
    "översiktsplan": ("kommuneplan",),
    "riva": ("nedrive", "nedrivning"),
    "sjukhus": ("sygehus", "hospital"),
    "hälsa": ("sundhed",),
    "vård": ("pleje",),
    "skylt": ("skilt", "tavle"),
    "husbil": ("autocamper",),
    "plats": ("plads", "pladser"),  # (Snowball stems the two apart)
    "yta": ("areal", "flade"),
    "sjukdom": ("sygdom",),
    "boende": ("beboer", "borger"),
    "medborgare": ("borger",),
    "stiftelse": ("fond",),
    # a firm and its hiring ("Vilket konsultföretag anlitades …?" / "konsulentfirmaet … blev
    # hyret")
    "företag": ("virksomhed", "firma"),
    "bolag": ("selskab",),
    "konsult": ("konsulent",),
    "anlita": ("hyre", "antage"),
    "tillstånd": ("tilladelse",),  # a permit (Danish "tilstand" is a condition)
    "senast": ("senest",),
    "hörn": ("hjørne",),
    # a case's handling, as the minutes word it ("handläggningstiden" / "sagsbehandlingstiden")
    "handläggning": ("sagsbehandling",),
    "handläggningstid": ("sagsbehandlingstid",),
    "uthyrd": ("udlejet", "udlej"),  # let out ("hyra" is "leje")
    "omodern": ("umoderne",),
    "vuxen": ("voksen",),
    "lärmiljö": ("læringsmiljø",),
    # the words of a permit, a building and a sale, where Swedish and Danish part ("ägaren
    # fick dispens" / "ejeren fik dispensation"); not where the Swedish stem is a Danish word
    # of its own, since a Danish question's words are looked up here too ("stöd" is "stød",
    # "träd" "træde", "kräva" made "kræver" a "krav")
    "ägare": ("ejer",),
    "dispens": ("dispensation",),
    "fastighet": ("ejendom",),
    "byggnad": ("bygning",),
    "tillbyggnad": ("tilbygning",),
    "ombyggnad": ("ombygning",),
    "nybyggnad": ("nybyggeri",),
    "bygga": ("bygge", "opføre"),
    "rivning": ("nedrivning",),
    "lägenhet": ("lejlighed",),
    "hyresgäst": ("lejer",),
    "ansökan": ("ansøgning",),
    "anmälan": ("anmeldelse",),
    "anbud": ("tilbud",),
    "bidrag": ("tilskud", "bidrag"),
    "underskott": ("underskud",),
    "överskott": ("overskud",),
    "ekonomi": ("økonomi",),
    "utredning": ("undersøgelse", "analyse", "udredning"),
    "riktlinje": ("retningslinje",),
    "tillsyn": ("tilsyn",),
    "granne": ("nabo",),
    "tomtgräns": ("skel",),
    "gräns": ("grænse", "skel"),
    "marknivå": ("terræn", "niveau"),
    "gång": ("gang",),
    "veta": ("vide",),
    "fel": ("fejl",),  # an error ("fel" is no Danish word of its own)
    "sänka": ("nedsætte", "nedsat", "sænke", "reducere"),
    "sänkte": ("nedsatte", "nedsat", "sænke", "reducere"),
    # complaints, hearings and votes
    "klagomål": ("klage",),
    "överklagande": ("klage",),
    "samråd": ("høring",),
    "yttrande": ("høringssvar", "udtalelse"),
    "omröstning": ("afstemning",),
    "rösta": ("stemme",),
    "röst": ("stemme",),
    "val": ("valg",),
    "ersättare": ("suppleant", "stedfortræder"),
    "utse": ("udpege",),
    "utsåg": ("udpegede", "udpege"),
    "anställa": ("ansætte", "ansættelse"),
    "borgmästare": ("borgmester",),
    # the town's streets, trees, waste and water
    "gata": ("gade", "vej"),
    "torg": ("torv", "plads"),
    "fälla": ("fælde", "fældning"),
    "fällning": ("fældning",),
    "buller": ("støj",),
    "lekplats": ("legeplads",),
    "avfall": ("affald",),
    "återvinning": ("genbrug",),
    "vatten": ("vand",),
    "avlopp": ("spildevand", "kloak"),
    "räddningstjänst": ("beredskab",),
    # school, work and care
    "lärare": ("lærer",),
    "grundskola": ("folkeskole", "skole"),
    "utbildning": ("uddannelse",),
    "arbete": ("arbejde",),
    "personal": ("personale", "medarbejder"),
    "verksamhet": ("virksomhed", "aktivitet"),
    "vårdboende": ("plejebolig", "plejecenter"),
    # a week, a month and an evening
    "vecka": ("uge",),
    "månad": ("måned",),
    "kväll": ("aften",),
    # the months Swedish spells otherwise, as the minutes write them
    "januari": ("januar",),
    "februari": ("februar",),
    "augusti": ("august",),
}
_SOFTENED = re.compile(r"(?<=[aeiouyæøå])([ptk])(?=[aeiouyæøå]|$)")
_HARD_TO_SOFT = {"p": "b", "t": "d", "k": "g"}


@lru_cache(maxsize=1)
def _listed() -> dict[str, tuple[str, ...]]:
    """Stem of a listed Norwegian or Swedish word → the Danish stems for it; built once, not
    by stemming every entry of both lists for each new question word."""
    return {word: tuple(map(stem, danes)) for word, danes in _listed_words().items()}


@lru_cache(maxsize=1)
def _listed_words() -> dict[str, tuple[str, ...]]:
    """Stem of a listed Norwegian or Swedish word → the Danish words for it, unstemmed: a
    compound made with one is stemmed whole, as the index stems the minutes' compounds
    ("ældre" + "bolig" is "ældrebo", where "bolig" alone is "bol")."""
    found: dict[str, list[str]] = {}
    for norwegian, danes in TERMS.items():
        found.setdefault(stem(norwegian), []).extend(danes)
    for swedish, danes in SWEDISH.items():
        found.setdefault(swedish_stem(swedish), []).extend(danes)
    return {word: tuple(danes) for word, danes in found.items()}


def listed_danish(word: str) -> tuple[str, ...]:
    """The Danish stems the lists give for a Norwegian or Swedish stem (none when unlisted)."""
    return _listed().get(word, ())


def _listed_as(word: str) -> tuple[str, ...]:
    """The Danish stems the lists give for a stem, for the stem of the stem, or for it without
    a definite -n or -t after a vowel: Snowball's Swedish stemmer leaves the definite ending on
    a word it cuts shorter bare ("byggnaden" → "byggnad", "byggnad" → "byggn") and on a word
    ending in a long vowel ("marknivån", "veckan")."""
    listed = _listed()
    bare = word[:-1] if _DEFINITE_AFTER_VOWEL.search(word) else word
    return (
        listed.get(word, ())
        or listed.get(swedish_stem(word), ())
        or listed.get(bare, ())
        or listed.get(swedish_stem(bare), ())
    )


_DEFINITE_AFTER_VOWEL = re.compile(r"(?<=[aeiouyæøåäö])[nt]$")


def _listed_plural(word: str) -> tuple[str, ...]:
    """The Danish stems for a Swedish plural whose vowel the lists' singular does not have:
    "bostäder" is the listed "bostad" (its last ä or ö an a or o, as "städer" / "stad"); the
    stem as the question's words are mapped, with æ and ø."""
    singular = _singular(word)
    return _listed().get(singular, ()) if singular else ()


def _singular(word: str) -> str:
    """The stem of a Swedish plural's singular, its last ä or ö an a or o ("bostäder" /
    "bostad"); empty when the word has none."""
    singular = re.sub(r"[æä]([^aeiouyæøåäö]*)$", r"a\1", word)
    singular = re.sub(r"[øö]([^aeiouyæøåäö]*)$", r"o\1", singular)
    return swedish_stem(singular) if singular != word else ""


def _soften(word: str) -> str:
    """p, t, k after a vowel as the b, d, g Danish softened them to ("møte" / "møde")."""
    return _SOFTENED.sub(lambda m: _HARD_TO_SOFT[m.group(1)], word)


def single_consonants(word: str) -> str | None:
    """A Norwegian or Swedish stem with the consonant Danish writes once where they double it
    before another ("toppmøt" → "topmød", "tillbak" → "tilbag"); None if it has none. Looked
    for in items, never used to keep a typed word from its respelling: in a Danish question a
    doubled letter is a slip ("medarbejjdernes")."""
    soft = _soften(word)
    single = re.sub(r"([bcdfghjklmnpqrstvwxz])\1(?=[bcdfghjklmnpqrstvwxz])", r"\1", soft)
    return single if single != soft else None


@lru_cache(maxsize=10_000)
def danish_forms(word: str) -> tuple[str, ...]:
    """Stems a Danish text may hold for a Norwegian (or Swedish) question's stem `word` (not
    `word` itself)."""
    listed = _listed()
    forms = list(_listed_as(word) or _listed_plural(word))
    # ("gjennom" / "gennem", "gjeld" / "gæld": Danish writes no j after g)
    spelled = word.replace("kj", "k").replace("gj", "g").replace("ei", "ej").replace("øy", "øj")
    spelled = re.sub(r"^ut", "ud", re.sub(r"av(?=[^aeiouyæøå])", "af", spelled))
    spelled = re.sub(r"(.)\1$", r"\1", spelled)  # "tilskudd", "lønn": no double at the end
    spelled = re.sub(r"^før(?=\w{3})", "for", spelled)  # Swedish "förening" / "forening"
    spelled = re.sub(r"^genom(?=\w{3})", "gennem", spelled)  # "genomföra" / "gennemføre"
    # a Latin or French loanword's sound as Norwegian spells it: "stasjon" / "station",
    # "diskusjon" / "diskussion", "prosjekt" / "projekt", "sjef" / "chef"
    loans = re.sub(r"^sj", "ch", re.sub(r"osj", "oj", spelled))
    forms += [loans, re.sub(r"sjon", "tion", loans), re.sub(r"sjon", "ssion", loans)]
    forms += [spelled, _soften(spelled)]
    # a compound whose last part is a listed word takes that part's Danish form: Swedish
    # "demenssjukdom" is "demenssygdom", Norwegian "husleienemnda" a "huslejenævn"
    # (and stemmed whole, as the index stems the minutes' compounds: `_listed_words`)
    words = _listed_words()
    made = [
        (first[:cut], dane)
        for first in dict.fromkeys((word, spelled))
        for cut in range(3, len(first) - 3)
        for dane in words.get(first[cut:], ()) or words.get(_singular(first[cut:]), ())
    ]
    forms += [start + stem(dane) for start, dane in made]
    forms += [stem(start + dane) for start, dane in made]
    # and one whose first part is: "vuxenområdet" is "voksenområdet"
    forms += [
        dane + first[cut:]
        for first in dict.fromkeys((word, spelled))
        for cut in range(3, len(first) - 3)
        for dane in listed.get(first[:cut], ())
    ]
    # "kjenne" / "kende", "godkjent" / "godkendt"; and Swedish ä where Danish writes e, not
    # æ: "tält" / "telt", "godkänt" / "godkendt", "fält" / "felt"
    plain = spelled.replace("æ", "e")
    forms += [re.sub(r"nt$", "nd", spelled), spelled.replace("nn", "nd")]
    forms += [plain, re.sub(r"nt$", "nd", plain)]
    # (each ä on its own: "välfärd" is "velfærd", e in one place and æ in the other)
    forms += [spelled[:at] + "e" + spelled[at + 1 :] for at, c in enumerate(spelled) if c == "æ"]
    # Latin c written s before e, i and y: "sertifisering" / "certificering", "sykkel" /
    # "cykel" (whose doubled consonant Danish writes once before a vowel too)
    latin = re.sub(r"s(?=[eiy])", "c", spelled)
    forms += [latin, re.sub(r"([bdgkpt])\1(?=[aeiouyæøå])", r"\1", latin)]
    return tuple(dict.fromkeys(f for f in forms if f != word and len(f) > 2))
