"""A request, read once: the caller's `Query` becomes a `Question` that search, answering and
generation all take as it is — its words, language, whether it is about a decision, the period it
names ("i 2024", "i januar 2020", "sidste år"), the names in it and what kind of fact it wants."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from assistant.model import Filters
from assistant.months import MONTH_TYPED, MONTHS
from assistant.nordic import NORDIC_LANGUAGES, danish_forms, listed_danish
from assistant.tokens import (
    MIN_COMPOUND_PART,
    MIN_HALF,
    STOPWORDS,
    content_words,
    english_concepts,
    halves,
    is_function_word,
    is_wh_word,
    stem,
    swedish_stem,
    tokenize,
    translatable,
    translations,
    unfold_ascii,
)

__all__ = ["Query", "Question", "analyse", "quarters_span", "with_context"]

_DECISION = re.compile(
    r"\b(beslut\w*|vedt\w*|godkend\w*|godkj\w*|decid\w*|decision\w*|resolv\w*|resolution\w*|"
    r"approv\w*|afgjort|afgør\w*|bestemt\w*|bevilg\w*|bevilget)\b",
    re.IGNORECASE,
)
# a clause that places a question at a decision: "… da lokalplanen blev endeligt vedtaget",
# "… when the renovation plan was approved"
_AT_A_DECISION = re.compile(
    r"(?<!^)\b(?:when|da|når|när|då)\b(?:\s+[\w'-]+){0,8}?\s+"
    r"(?:beslut\w*|vedt\w*|godkend\w*|godkj\w*|decid\w*|approv\w*|bevilg\w*)",
    re.IGNORECASE,
)


# a document a fact question cites, named by its decision: "… ifølge lokalplanen som ble
# endelig vedtatt?", "… according to the annual accounts the council approved?", "enligt den
# antagna planen" (what the document says is asked, not what was decided; by the decision's
# verb, since "ifølge Byrådets beslutning" asks what the decision says)
_ACCORDING_TO_DECIDED = re.compile(
    r"\b(?:ifølge|i følge|iflg\.?|according to|enligt|i henhold til)\s+"
    r"(?:[\w'-]+\s+){0,8}?(?:besluttet|besluttede|beslutad|vedtog|vedtok|vedtaget|vedtagne|"
    r"vedtatt|vedtatte|godkendt|godkendte|godkjent|godkjente|godkänd|godkända|godkände|"
    r"decided|approved|adopted|antagen|antagna|antogs)\b",
    re.IGNORECASE,
)


def _about_decision(text: str, kinds: tuple[str, ...]) -> bool:
    """Does the question ask what was decided? Not a question for a fact of a kind whose only
    decision is the one it is placed at: "How many street lights …, and how many had already
    been switched to LED when the renovation plan for 2024-2028 was approved?" asks counts, and
    "Hvor meget større måtte byggefeltet blive, da lokalplanen blev endeligt vedtaget?" a size
    (a question for no such fact still asks what was decided: "What condition did the committee
    attach when it approved the plan?"), nor a question for a vote, which the decision records
    ("Hvilke partier stemte nej, da byrådet vedtog planen?")."""
    if kinds and "vote" not in kinds and not _DECISION.search(_AT_A_DECISION.sub(" ", text)):
        return False
    if not _DECISION.search(_ACCORDING_TO_DECIDED.sub(" ", text)):
        return False
    return bool(_DECISION.search(text))


# A Swedish question gets the Danish frame: the minutes it is answered from are Danish or
# Norwegian, and their quotes are not translated
REPLY_LANGUAGE = {"sv": "da"}
MONTH_DAYS = 31  # the longest period a month names
# a month and its year are a time however they are introduced ("i marts 2024", "at its
# September 2025 meeting"); a year alone is one only after a preposition (_YEAR)
_MONTH_YEAR = re.compile(
    r"\b(?:(?:i|in|during|under)\s+)?" + MONTH_TYPED + r"\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# a season of a year: "i foråret 2022", "in spring 2022", "the autumn of 2023", "hösten 2023"
# (its months; a winter, which straddles two years, is the year's)
_SEASON_MONTHS = {
    **dict.fromkeys(("forår", "foråret", "vår", "våren", "spring"), (3, 5)),
    **dict.fromkeys(("sommer", "sommeren", "summer", "sommar", "sommaren"), (6, 8)),
    **dict.fromkeys(("efterår", "efteråret", "høst", "høsten", "höst", "hösten"), (9, 11)),
    **dict.fromkeys(("autumn", "fall"), (9, 11)),
    **dict.fromkeys(("vinter", "vinteren", "winter", "vintern"), (1, 12)),
}


def season_names(month: int) -> tuple[str, ...]:
    """The names of the seasons a month belongs to, in each language asked in."""
    return tuple(name for name, (first, last) in _SEASON_MONTHS.items() if first <= month <= last)


_SEASON_YEAR = re.compile(
    r"\b(" + "|".join(_SEASON_MONTHS) + r")(?:\s+(?:of|af|av))?\s+((?:19|20)\d\d)\b", re.I
)
# a quarter of a year: "2. kvartal 2021", "andet kvartal 2021", "the second quarter of 2024",
# "Q2 2024", "andra kvartalet 2021"
_QUARTER_ORDINALS = {
    **dict.fromkeys(("første", "first", "första", "1."), 1),
    **dict.fromkeys(("andet", "anden", "andre", "second", "andra", "2."), 2),
    **dict.fromkeys(("tredje", "third", "3."), 3),
    **dict.fromkeys(("fjerde", "fourth", "fjärde", "4."), 4),
}
_QUARTER = re.compile(
    r"(?:\b([1-4])\.\s*|\b(første|andet|anden|andre|first|second|third|fourth|första|andra|"
    r"tredje|fjerde|fjärde)\s+)(?:kvartal|quarter)(?:et|en)?\s+(?:(?:of|af|av)\s+)?"
    r"((?:19|20)\d\d)\b|\bQ([1-4])[\s-]*((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def quarters_span(text: str) -> tuple[dt.date, dt.date] | None:
    """The time from the first to the last quarter a text names ("i perioden 2. kvartal 2021 –
    1. kvartal 2022" is April 2021 to March 2022); None when it names none. Quarterly reports
    are named by the quarters they cover, not by the meeting they come to."""
    starts = []
    for match in _QUARTER.finditer(text):
        if match.group(4):
            quarter, year = int(match.group(4)), int(match.group(5))
        else:
            ordinal = match.group(2) or f"{match.group(1)}."
            quarter, year = _QUARTER_ORDINALS[ordinal.lower()], int(match.group(3))
        starts.append(dt.date(year, 3 * quarter - 2, 1))
    if not starts:
        return None
    last = max(starts)
    end_month = last.month + 2
    return min(starts), dt.date(last.year, end_month, calendar.monthrange(last.year, end_month)[1])


# "den 26. juni 2024", "26 juni 2024": one day
_DAY = re.compile(r"\b(\d{1,2})\.?\s+" + MONTH_TYPED + r"\s+((?:19|20)\d\d)\b", re.IGNORECASE)
# "i 2024" is a period; "budget 2024" or "målsætninger 2024" is a name and narrows nothing
# (and a part of the year in which things happened, read as the year: "in late 2024", "i
# begyndelsen af 2023", "i løpet av 2024"; not the end of a year, which is a point a status is
# given at, reported after it: "gæld ultimo 2023", "by the end of 2024")
_PART_OF_YEAR = (
    r"(?:early|late|mid|(?:the\s+)?(?:start|beginning|middle|course)\s+of|"
    r"(?:begyndelsen|starten|midten|løbet)\s+af|(?:begynnelsen|starten|midten|løpet)\s+av|"
    r"(?:början|starten|mitten|loppet)\s+av)"
)
_YEAR = re.compile(
    rf"\b(?:(?:i|in|during|under|året|year)\s+(?:{_PART_OF_YEAR}[\s-]+)?|{_PART_OF_YEAR}[\s-]+)"
    r"((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_LAST_YEAR = re.compile(r"\b(sidste år|sist år|i fjor|ifjor|last year|forrige år)\b", re.I)
_THIS_YEAR = re.compile(r"\b(i år|this year)\b", re.IGNORECASE)


_NUMERIC = re.compile(
    r"\b(hvor (meget|mange|stor|længe|lenge)|hvornår|når|how (much|many|long)|when|"
    r"hvilken dato|beløb|koster|koste|pris|cost|hur (mycket|många|länge)|när|kostade)\b",
    re.IGNORECASE,
)
# the kinds of fact a figure answers: "Hvad skal en pensionist betale?" asks for a number
_FIGURES = frozenset({"amount", "area", "count", "day", "distance", "share", "size"})
# the kinds of firm, association or foundation a question may ask for, after what it is a
# firm of ("arkitekt" in "arkitektfirma", "revisions" in "revisionsfirma")
_ORGANISATION = (
    r"(\w*?)(firma(?:er|et|erne)?|virksomhed\w*|selskab\w*|selskap\w*|organisation\w*|"
    r"organisasjon\w*|forening\w*|fond(?:en|e|ene)?|stiftelse\w*|leverandør\w*|leverantör\w*|"
    r"entreprenør\w*|rådgiver\w*|konsulent\w*|bureau\w*|byrå\w*|företag\w*|bolag\w*|"
    r"foretak\w*|bedrift\w*|company|companies|firms?|"
    r"organi[sz]ations?|foundations?|contractors?|suppliers?|consultan(?:t|ts|cy)|"
    r"associations?|operators?|providers?|agenc(?:y|ies))"
)
# what kind of fact a "how much / how many / when" question wants (quotes.kind_check)
_WANTS = (
    # a share: "Hvor stor en procentdel af udgifterne …?", "Hvad var stemmeprocenten …?", "what
    # share of the records …?" (before an amount: "hvor stor en andel af udgifterne")
    ("share", re.compile(r"\b(hvor stor(?:t)? (?:en )?(?:procentdel|andel|del)|"
                         r"hvor mange (?:procent|prosent)|hvilken (?:procent)?andel|"
                         r"\w*procent(?:en|del|delen)?|\w*prosent(?:en|andel|andelen)?|"
                         r"what (?:percentage|share|proportion|fraction)|percentage|"
                         r"hur stor (?:andel|del)|hur många procent|"
                         # a rate: "Hvilken rentesats fik de?", "What interest rate …?"
                         r"\w*rentesats\w*|\w*rente(?:n|sats)|interest rate|rate of interest)\b",
                         re.I)),
    # how much more or less of anything: "Hvor meget mindre end lokalplanens krav bliver
    # grunden?" is answered in square metres, "How much longer …?" in time (before an amount)
    # (but dearer or cheaper is money: "Hvor meget billigere pr. kvadratmeter …?")
    ("size", re.compile(r"\b((?:hvor (?:meget|mye)|hur mycket) (?!dyrere|billigere|dyrare|"
                        r"billigare)(?:\w+ere|mindre|færre|større|mer|mere|större|färre)|"
                        r"how much (?!cheaper|dearer|more expensive|less expensive)"
                        r"(?:\w+er|more|less|fewer))\b", re.I)),
    # (a size of a sum of money is an amount: "Hvor stort et beløb manglede …?", "Hur stort
    # belopp saknades …?", "How large an amount …?")
    ("amount", re.compile(r"\b(hvor meget|hvor mange (?:\w*penge\w*|kroner|kr|millioner|mio)|"
                          r"(?:hvor|hur) stort? (?:et |ett |en )?(?:beløb|beløp|belopp|sum|"
                          r"summa|bøde|bot|böter)\w*|"
                          r"how (?:large|big) (?:an? )?(?:amount|sum|fine)s?|belopp\w*|"
                          r"koste\w*|kostet|\w*pris\w*|beløb\w*|beløp\w*|\w*sum(?:men)?|"
                          r"vederlag\w*|hvor mye|how much|cost\w*|hur mycket|kostade|"
                          r"bevilg\w*|sat af|afsat|"
                          # what someone pays, or a sum of money by its name: "Hvad skal en
                          # pensionist betale for en tur?", "What salary was agreed?"
                          r"(?:hvad|hva|vad|what)(?:\s+\w+){0,4}\s+(?:betale|betaler|pay|pays|paid)|"
                          r"(?:hvad|hva|vad|what|hvilken|which)\s+(?:\w+\s+){0,2}(?:løn\w*|"
                          r"salary|wages?|gebyr\w*|fees?|takst\w*|honorar\w*|husleje\w*|rent|"
                          # a budget or an expense by its name: "Hva var budsjettet for …?"
                          r"budget\w*|budsjett\w*|udgift\w*|utgift\w*|expenses?))"
                          r"\b", re.I)),
    # the size of an area: "Hvor stort et areal lejer klubben?" ("hvor stor" alone may ask an
    # amount: "Hvor stor en diæt fik de?")
    ("area", re.compile(r"\b(hvor stort? (?:et )?areal\w*|hvor mange (?:kvadratmeter|m2|"
                        r"hektar|ha|dekar|daa|km)|how (?:large|big) (?:an? )?area|"
                        r"hur stor (?:en )?yta)\b", re.I)),
    # a firm, an association or a foundation asked for by its kind: "Hvilket firma leverer
    # tryghedsvagterne?", "Which audit firm …?", "Hvilken landsorganisation er … medlem af?"
    ("organisation", re.compile(rf"\b(?:hvilk(?:en|et|e)|which|what|vilk(?:en|et|a))\s+"
                                rf"((?:[\w-]+\s+)?){_ORGANISATION}\b", re.I)),
    # how a vote went: "hvordan stemte byrådet?", "hvordan falt stemmene?", "hvor mange stemte
    # for forslaget?", "what was the final vote?" (before a count: "hvor mange stemte" counts
    # votes; "hvem stemte imod?" asks for people)
    ("vote", re.compile(r"\b((?:hvordan|how|hur)\s+(?:(?:did|do|was|were)\s+)?(?:[\w'-]+\s+){0,5}?"
                        r"(?:stemte|stemde|stemt|voterte|votert|voted?|röstade)|"
                        r"hvordan (?:faldt|falt|gik|endte) (?:stemmerne|stemmene|afstemningen|"
                        r"avstemningen|voteringen)|the vote (?:go|went|fall|fell)|"
                        r"(?:hvor mange|hur många) (?:stemte|stemde|stemmer|röstade|röster)|"
                        r"how many (?:\w+\s+)?voted|(?:the |final )vote\b|"
                        r"stemmetal\w*|stemmefordeling\w*|resultat\w* af afstemning\w*|"
                        r"resultat\w* av (?:av)?stemning\w*|voting result\w*|vote count|"
                        r"omröstning\w*|med hvilke stemmer|"
                        # the parties or members who voted: "Hvilke partier stemte imod?",
                        # "Vilket parti röstade emot …?" (the vote's record names them)
                        r"(?:parti\w*|part(?:y|ies)|medlemm\w*|members?)\s+(?:\w+\s+){0,2}?"
                        r"(?:stemte|stemde|voterte|voted?|röstade)|"
                        # "Fikk forslaget flertall?", "Was it unanimous?", "Hvordan ble
                        # prosedyren vedtatt?": by what vote
                        r"flertal\w*|majorit\w*|majority|enstemmig\w*|unanim\w*|enhällig\w*|"
                        r"(?:hvordan|how|hur)\s+(?:ble|blev|blir|bliver|was|were|vart)\s+"
                        r"(?:[\w'-]+\s+){0,5}?(?:vedtatt|vedtaget|godkjent|godkendt|adopted|"
                        r"approved|antagen|antaget|antogs|beslutad))\b",
                        re.I)),
    ("count", re.compile(r"\b(hvor mange|how many|hur många|antal\w*)\b", re.I)),
    ("duration", re.compile(r"\b(hvor længe|hvor lenge|how long|hur länge|hvor lang tid)\b", re.I)),
    # a length or a distance: "Hvor langt fra land skal stenrevet ligge?", "How far …?"
    # ("hvor langt" with a direction only: "Hvor langt er man med projektet?" asks how far along,
    # "hur långt tillbaka i tiden" how long ago)
    ("distance", re.compile(r"\b((?:hvor langt|how far|hur långt)\s+(?:\w+\s+)?(?:fra|ud|ude|væk|"
                            r"ind|ut|ute|inn|bort|unna|från|from|away|out|off|offshore)|"
                            r"hvor (?:højt?|høyt?|dybt?|dypt?|bredt?)|how (?:high|deep|wide|tall)|"
                            r"hur (?:hög|djup|bred)|afstand\w*|avstand\w*)\b", re.I)),
    # a size of anything, asked by its adjective: "Hvor stor en bøde …?", "Hvor lang en grusvej
    # …?", "How big is …?" (after the readings that say which measure: "hvor stort et areal",
    # "hvor stor en andel", "hvor lang tid")
    ("size", re.compile(r"\b(hvor (?:stor[te]?|lang[e]?)(?!\s+tid\b)|how (?:big|large)|"
                        r"hur (?:stor[ta]?|lång[ta]?)(?!\s+tid\b))\b", re.I)),
    # a day asked for by its noun: "From what date …?", "Vilket datum …?", "Hvilken dag …?" is
    # answered by a day ("1. januar 2027"), not by the year a "hvornår" may be answered by
    # (before a date: "hvilken dato" asks no more than a day)
    # (English writes its compounds apart, so "day" asks a day only before the verb: "Which day
    # centre will close?" asks for a centre)
    ("day", re.compile(r"\b((?:hvilk(?:en|et)|vilk(?:en|et))\s+(?:dato|datum|dag)(?![\w-])|"
                       r"(?:what|which)\s+(?:date|day)(?=\s+(?:is|was|were|are|will|would|did|"
                       r"does|do|has|had|have|can|could|shall|must|should|may|might)\b|"
                       r"\s*[?,.]|\s*$))", re.I)),
    # "når", "when" and "när" ask only when they open the question (or its second part after
    # "og"/"and"); inside one they join a clause: "Hvordan undgår vi …, når indsatser skal i
    # gang?" asks how, not when
    # (and after the word that makes it a deadline: "Senast när måste …?", "By when …?")
    # (not when it asks on what terms something counts as something: "hvornår regnes det for
    # vanvidskørsel?" is answered by a speed, "when does a home count as unfit?" by a state)
    ("date", re.compile(r"(?:\b(hvornår)\b|"
                        r"(?:^\s*(?:(?:senest|senast|seinast|seinest|by|until)\s+)?|"
                        r"(?<=\bog\s)|(?<=\band\s)|(?<=\boch\s))(når|when|när)\b)"
                        r"(?!\s+(?:(?:does|do)\s+(?:\w+\s+){0,3}?)?(?:regnes|anses|betragtes|"
                        r"tælles|telles|defineres|räknas|betraktas|definieras|counts?)\b)",
                        re.I)),
    # a name: "Hvad skal den nye børneinstitution ved borgerhuset hedde?", "Hvad blev den
    # navngivet?", "What is the name of …?"
    ("name", re.compile(r"\b((?:hvad|hva|vad|what)(?:\s+[\w'-]+,?){0,14}?\s+(?:hedder|hedde|heder|"
                        r"heter|hete|heta|called|named)|navngiv\w*|what is the name|"
                        r"hvad er navnet|hva er navnet)\b", re.I)),
    # a reason, asked by its noun too: "… og hvad var begrundelsen?", "what was the reason?"
    ("reason", re.compile(r"\b(hvorfor|why|varför|(?:hvad|hva|vad|what) (?:er|var|blev|ble|is|was|"
                          r"were|are) (?:den |det |the )?(?:grunden|årsagen|årsaken|begrundelsen|"
                          r"begrunnelsen|grunnen|motiveringen|anledningen|skälet|orsaken|"
                          r"reasons?|reasoning|justification|grounds?|motivation))\b", re.I)),
)  # fmt: skip
# the nouns that name a sum of money
_SUMS = (
    r"(?:overskud\w*|underskud\w*|overskudd\w*|underskudd\w*|överskott\w*|underskott\w*|"
    r"udgift\w*|utgift\w*|omkostning\w*|kostnad\w*|tilskud(?:det|dene)?|tilskudd(?:et|ene)?|"
    r"bevilling\w*)"
)
# the nouns that name the kind of fact a question of keywords asks for (a full question asks
# by its question words: "Hvad var overskuddet?"; "pris", "antal", "procent" are in `_WANTS`)
_ASKED_BY_NOUN = (
    # (in the singular or the plural: "datoer virksomhedsbesøg 2024"; a time limit is a day or
    # a length of time: "opsigelsesfrist" is "inden den 30. juni 2023", "sagsbehandlingsfrist"
    # "4 uger")
    ("deadline", re.compile(r"\b(\w*frist(?:en|er|erne|ene)?|deadlines?)\b", re.I)),
    ("date", re.compile(r"\b(dato(?:en|er|erne|ene)?|datum(?:et|en)?|dates|udløb\w*|"
                        r"utløp\w*)\b", re.I)),
    ("amount", re.compile(rf"\b({_SUMS}|surplus|deficits?|costs?)\b", re.I)),
    ("reason", re.compile(r"\b(begrundelse\w*|begrunnelse\w*|årsag(?:en|er|erne)?|"
                          r"årsak(?:en|er|ene)?|motivering\w*|skäl(?:et|en)?|reasons?|"
                          r"justification)\b", re.I)),
    ("duration", re.compile(r"\b(varighed\w*|varighet\w*|længde(?:n|r|rne)?|lengde(?:n|r|ne)?|"
                            r"längd(?:en|er)?|length|duration)\b", re.I)),
    ("vote", re.compile(r"\b(votes?|voting|afstemning\w*|avstemning\w*|votering\w*)\b", re.I)),
    # a share by its noun: "NOVA andel børn Askerød" asks the percentage ("procent" is in
    # `_WANTS`, which keyword questions are read by too)
    ("share", re.compile(r"\b(andel(?:en|e|ene|ar|arna)?|shares?|proportion)\b", re.I)),
)  # fmt: skip
# and those that name it as a compound's head ("kulturtilskud 2024 i alt", "Valhallen
# anlægsudgift?"), which ask only where no noun does by itself: "Holmeagerskolen SFO2
# tillægsbevilling afstemning" asks for the vote on the grant
_ASKED_BY_HEAD = (("amount", re.compile(rf"\b(\w+{_SUMS})\b", re.I)),)
_ASKS_ORGANISATION = dict(_WANTS)["organisation"]
# an English noun for a firm of any kind
_ANY_FIRM = re.compile(
    r"compan(?:y|ies)|firms?|organi[sz]ations?|agenc(?:y|ies)|providers?|operators?", re.I
)
MIN_KIND_OF_FIRM = 4  # "lands" in "landsorganisation"; not "it" in "IT-firma"
# "the Employment and Business Committee", "City Council", "Board of Education"
_ENGLISH_BODY = re.compile(
    r"\b(?:[A-Z][a-z]+,?\s+(?:(?:and|of|for|&)\s+)?)*"
    r"(?:Committee|Council|Board|Department|Administration|Authority|Office)\b"
)
# people by their craft, who are a person whoever asks: "Hvilke solister …?", "Who is the
# conductor …?" (`_WHO`, `_ROLE`)
_PEOPLE_BY_CRAFT = r"solist\w*|musiker\w*|musicians?|dirigent\w*|conductors?|directors?"
_WHO = re.compile(
    r"\b(hvem|who|vem|hvilke personer|hvilken person|"
    # people asked for by what they are: "Hvilke solister optrådte …?", "Which director was
    # authorised …?", "Vilka politiker …?" (a word may stand between: "Which restaurant
    # director …")
    r"(?:hvilk(?:en|et|e)|which|vilk(?:en|et|a))\s+(?:[\w-]+\s+)?"
    rf"(?:{_PEOPLE_BY_CRAFT}|musikere|kunstner\w*|artists?|politiker\w*|politicians?|"
    r"direktør\w*|chef(?:en|er|erne|s)?|borgmester\w*|mayors?|rådmand\w*|rådmænd\w*|"
    r"kandidat\w*|candidates?|personer|people|persons?))\b",
    re.IGNORECASE,
)
# the verbs of appointing: what was done to the person asked for, not a post they hold, which
# the minutes write in words of their own ("udpeget til stormødet" is "… deltager fra SOU")
_APPOINTING_WORDS = (
    r"valgt\w*|vælge\w*|velge\w*|ansat|ansatt|ansættes|ansatte|ansætte|hired|employed|"
    r"udpeg\w*|utpek\w*|udnævn\w*|konstituer\w*|elected|appointed|vald|valdes"
)
_APPOINTING = re.compile(_APPOINTING_WORDS, re.IGNORECASE)
# "who" asked of a post, an election or a person's part: a person answers, not a body ("Hvem
# blev valgt som borgmester?" is not answered by "Byrådet besluttede …")
_ROLE = re.compile(
    rf"\b({_APPOINTING_WORDS}|formand(?:en|s)?|"
    r"næstformand\w*|formann(?:en)?|nestleder\w*|borgmester\w*|ordfører\w*|direktør\w*|"
    r"chair\w*|mayor|ordförande|"
    # a person by what they did or do: "Hvem er den private giver …?", "Who is the designer …?"
    r"giver(?:en)?|donor\w*|gavegiver\w*|kunstner\w*|designer\w*|arkitekt\w*|forfatter\w*|"
    rf"tales?person\w*|spokes\w*|artist\w*|author\w*|{_PEOPLE_BY_CRAFT})\b",
    re.IGNORECASE,
)
# a post as a "who" question names it: "Hvem er [den nye] dirigent for …?", "Hvem blev
# projektleder på …?" (the word before "for", "i", "på" …; not an adjective: "ansvarlig",
# "imod", "enig")
_POST_OF = re.compile(
    r"\b(?:hvem|vem)\s+(?:er|var|blev|bliver|ble|blir|är)\s+(?:(?:den|det|ny|nye|nya)\s+)*"
    r"(?!(?:ikke|inte|ansvarlig|imod|mot|emot|enig|uenig|inhabil|med|tilbage|kommet)\b)([^\W\d_]{4,})\s+"
    r"(?:for|i|af|av|på|ved|hos|til|över|over)\b",
    re.IGNORECASE,
)
# what a person does and a body does not: "Hvem vandt gavekortet …?", "Hvem dirigerede
# orkestret?", "Hvem fortalte udvalget om …?" is not answered by the committee that arranged
# it (a body decides, approves, recommends; a firm wins a tender, which is no prize)
_DONE_BY_SOMEONE = re.compile(
    r"\b(?:hvem|vem|who)\b.*\b(?:dirigere\w*|conduct(?:ed|s)?|fortalte|fortæller|fortalde|"
    r"berättade|præsentere\w*|presentere\w*|presented|presenterade|\w*prisen|\w*prisene|"
    r"\w*priset|gavekort\w*|prize|award)\b",
    re.IGNORECASE,
)
# "who" asked of a meeting's attendance: the lines listing who sent apologies answer it, and
# only then (every item's "Afbud: …" names someone)
_ATTENDANCE = re.compile(
    r"\b(afbud\w*|fravær\w*|forfall\w*|deltog|deltag\w*|deltok|stedfortræd\w*|vararepresentant\w*|"
    r"mødt|møtt|absent|attend\w*|present|substitut\w*|frånvar\w*|närvar\w*)\b",
    re.IGNORECASE,
)


# a number as written: digits, with thousands points or a decimal comma inside ("1.628", "2,5")
_WRITTEN_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Query:
    """What a caller asks: the question, its filters, the conversation so far, who asks."""

    text: str
    filters: Filters = field(default_factory=Filters)
    previous: tuple[str, ...] = ()  # the conversation's earlier questions, oldest first
    include_closed: bool = False  # may the caller see closed items (lukkede punkter)?


@dataclass(frozen=True)
class Question:
    """A query as read once, for everything that handles it afterwards."""

    query: Query
    text: str  # what is searched for: the question, a short follow-up with the topic before it
    language: str  # of `text`: "da", "no", "sv" or "en"
    reply_language: str  # of the question as asked: the answer's frame is written in it
    about_decision: bool
    asks_number: bool  # how much / how many / when: sentences with numbers answer it
    asks_who: bool  # who: sentences naming people answer it
    # amount, area, count, duration, deadline, date, day, name, reason, person …: what its
    # answer holds
    wants: str | None
    date_from: dt.date | None
    date_to: dt.date | None
    words: tuple[str, ...]  # topic words, stemmed; hyphenated words also joined
    parts: tuple[str, ...]  # the same without the joined forms
    search_words: tuple[str, ...]  # what the word index is asked for (English: + Danish forms)
    concepts: tuple[tuple[str, ...], ...]  # English questions: each word's Danish forms
    names: tuple[str, ...]  # proper names in it (stemmed), e.g. "roskildevej", "kmd"
    # a name of several words, stemmed ("Greve Strand" → ("grev", "strand")): one name, which
    # an answering item writes as those words in a row; Greve's beach is not Greve and a beach
    name_phrases: tuple[tuple[str, ...], ...] = ()
    # the capitalised words opening a question of keywords ("Birgitte Holmgaard forslag
    # byrådet", "Austad Skei konsesjon boplikt"): one name or several, so neither looked for
    # in a row nor names an item must hold (a slip in them, "Børnennes Jord", is still read),
    # but like a name phrase someone the archive never mentions where it never writes a word
    # of them
    opening_names: tuple[str, ...] = ()
    # numbers that name a thing, each with its noun (stemmed): ("budg", "2021") for "budget
    # 2021", ("sak", "63", "2025") for "sak 63/2025"
    named_numbers: tuple[tuple[str, ...], ...] = ()
    # what a "how many" question counts: the words after it ("høns" in "Hvor mange høns …?")
    counted: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # every kind asked for, in order ("Hvornår …, og hvad kostede …")
    # each part of the question that asks a kind, in order, with the words only that part
    # writes ("and who carried out the evaluation": "person", ("evaluation",)); the first
    # part's words are (): they are the topic. A kind may be asked twice ("Hvor mange punkter
    # …, og hvor mange af dem …?")
    asked_parts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # the nouns (stemmed) a question of keywords names its kind by: no topic of it
    # ("opsigelsesfrist" in "databehandlersekretariat opsigelsesfrist")
    frame: tuple[str, ...] = ()
    # the question speaks of what was to come ("skal", "will", "planlagt"): the minutes of a
    # meeting before the time it names may answer it, as they saw it coming
    speaks_ahead: bool = False
    # the month names when the event asked about took place ("…, da byrådet konstituerede sig i
    # december 2025"), not the time of a thing decided before it ("the contract from July 2024")
    month_of_event: bool = False
    # it opens with its verb and asks yes or no ("Has Greve decided to …?", "Får eleverne …?")
    yes_or_no: bool = False
    # the quarters of a year the question asks about, first to last (`quarters_span`)
    quarters: tuple[dt.date, dt.date] | None = None
    # the period is a meeting's ("på sit møde i januar 2026", "at its September 2025 meeting"):
    # an item of another meeting that speaks of that month does not answer
    at_a_meeting: bool = False
    # who may answer "who": "anyone" (a person, a party, a body), "someone" (a person, asked of
    # what a body does not do: `_DONE_BY_SOMEONE`), "person" (asked of a post or an election)
    # or "attendance" (asked of who came: the apologies lines count)
    who: str = "anyone"
    # the posts and parts "who" is asked of, stemmed ("formand", "valgt", "dirigent"): the
    # passage that names the person must name the post too (Nordic questions; English ones
    # name the post in English, which the minutes do not write)
    roles: tuple[str, ...] = ()
    # what the firm a question asks for is a firm of, each in its forms (`_firm_kinds`)
    firm_kinds: tuple[tuple[str, ...], ...] = ()
    # a topic word with another stem the index also holds it under, where Snowball cuts one
    # form of a word differently from the others: a loanword in -et short ("billet" → "bil",
    # "billetter" → "billet"), a verb's past tense long ("købte" → "købt", "køber" → "køb");
    # (stem, other) pairs, found in `respelled`, where the archive is known
    stem_forms: tuple[tuple[str, str], ...] = ()

    @property
    def asks_ahead(self) -> bool:
        """A "when" asked ahead ("Hvornår skal den udvidede butik stå klar?"): answered by a
        time the minutes saw coming, not by one before their meeting."""
        return "date" in self.kinds and self.speaks_ahead

    @property
    def numbers(self) -> tuple[str, ...]:
        """The numbers of `named_numbers`, without their nouns."""
        return tuple(dict.fromkeys(n for _, *numbers in self.named_numbers for n in numbers))

    @property
    def filters(self) -> Filters:
        return self.query.filters

    @property
    def include_closed(self) -> bool:
        return self.query.include_closed

    def other_stems(self, word: str) -> tuple[str, ...]:
        """The other stems the index also holds the topic word `word` under (`stem_forms`)."""
        return tuple(other for stemmed, other in self.stem_forms if stemmed == word)

    def forms_of(self, word: str) -> tuple[str, ...]:
        """The forms the minutes may write the question's word `word` in: an English word's
        concept (its Danish forms, `concepts`), any other word as itself."""
        return next((forms for forms in self.concepts if word in forms), (word,))

    @property
    def typed_compounds(self) -> tuple[str, ...]:
        """The words a Nordic question writes that the word index may look for by their two
        parts where it never writes them whole ("seniorrådsvalg" as "valg til Greve
        Seniorråd"); not the Danish forms made up for an English word, nor English words."""
        return self.words if self.language in NORDIC_LANGUAGES else ()

    @property
    def stated_figures(self) -> tuple[str, ...]:
        """The numbers the question writes itself ("225" in "fejlen med 225 timers reglen",
        "2023"): what it already knows, so no passage answers "how many?" by repeating them."""
        return tuple(dict.fromkeys(_WRITTEN_NUMBER.findall(self.text)))

    @property
    def period_years(self) -> tuple[str, ...]:
        """The years of the period the question names ("i 2023" → "2023"); none without one."""
        if self.date_from is None or self.date_to is None:
            return ()
        return tuple(str(year) for year in range(self.date_from.year, self.date_to.year + 1))

    @property
    def within_a_month(self) -> bool:
        """Is the period the question names a month or a day (not a year, not a season)?"""
        if self.date_from is None or self.date_to is None:
            return False
        return (self.date_to - self.date_from).days <= MONTH_DAYS

    def in_period(self, date: dt.date | None) -> bool | None:
        """Does the date fall in the period the question names? None when either is unknown."""
        if date is None or self.date_from is None or self.date_to is None:
            return None
        return self.date_from <= date <= self.date_to

    def title_covers(self, title: str) -> bool | None:
        """Does an item's title name quarters that cover those the question asks? None unless
        both name quarters: a quarterly report comes to a meeting after its period, so its
        title, not its meeting, says what period it is of."""
        if self.quarters is None:
            return None
        covered = quarters_span(title)
        if covered is None:
            return None
        return covered[0] <= self.quarters[0] and self.quarters[1] <= covered[1]

    def placed_in_period(self, date: dt.date | None, title: str) -> bool | None:
        """Is an item of the period asked: by the quarters its title names, else by its
        meeting's date."""
        covers = self.title_covers(title)
        return self.in_period(date) if covers is None else covers

    def respelled(
        self,
        respell: Callable[[str], str],
        known: Callable[[str], bool] | None = None,
        written: Callable[[str], str | None] | None = None,
    ) -> Question:
        """The question with each topic word as the archive spells it (the text itself is
        kept). `written` reads a typed word the archive lacks as the word one slip of the
        keyboard away that it writes ("miljøldeelse" → "miljøledelse"): on the words as typed,
        because a slip changes where the stemmer cuts; `respell` then maps what is still
        unknown, as a stem, to the nearest the archive holds."""

        def kept(word: str) -> bool:
            # a name is taken as written: one the archive lacks is no typo of a word it holds
            # ("Bærum" is not "byrum"); nor is a Norwegian word the archive holds in Danish
            # ("bystyret" is "byrådet", not "bystør")
            # a month is no typo either ("March" is not the archive's "marc…")
            return (
                word in self.names
                or word in MONTH_STEMS
                or (
                    self.language in NORDIC_LANGUAGES
                    and known is not None
                    and any(known(form) for form in danish_forms(word))
                )
                # nor an English word the term list carries into Danish: it is reached by its
                # Danish words, and is no slip for the nearest Danish spelling ("grant" is not
                # "grønt", "moved" not "Mosede", "month" not "mont…")
                or (self.language == "en" and translatable(word))
                # (in a Nordic question too, where the archive never writes it: "Kapitalforvaltning
                # value July 2024?" is typed half in English: `_unwritten_forms`)
                or (
                    self.language in NORDIC_LANGUAGES
                    and known is not None
                    and translatable(word)
                    and not known(word)
                )
                # nor a Swedish or Norwegian compound whose last part the lists translate into
                # a word the archive writes: "behandlingsplatser" are the minutes' "pladser",
                # not a slip for "behandlingsplan"
                or (
                    self.language in _FOREIGN_NORDIC
                    and known is not None
                    and any(
                        known(form)
                        for _, tail in halves(word, MIN_HALF, MIN_HALF)
                        for form in listed_danish(tail)
                    )
                )
            )

        every = dict.fromkeys((*self.words, *self.parts, *self.search_words, *self.names))
        # a word Snowball cuts otherwise than its other forms, which the archive writes (a
        # verb's past tense, a loanword in -et: `_stem_forms`), is no slip of another word:
        # "Hvem afløste Rikke Madsen …?" asks who "afløser", not what was "aflyst"
        forms = _stem_forms(self.text, set(every), known, self.language) if known else ()
        if known is not None and self.language in NORDIC_LANGUAGES:
            forms += _unwritten_forms(self.text, set(every), known)
        inflected = {word for word, _ in forms}
        typed: dict[str, str] = {}
        text = self.text
        if written is not None and self.language in ("no", "da"):
            for match in reversed(list(_TYPED_WORD.finditer(self.text))):
                word = stem(match.group())
                # (a name too: "Kommnes", "Hvidvres" — `written` leaves short words alone,
                # and so "Bærum", which is not "byrum")
                wanted = word in every and word not in inflected
                wanted = wanted and (word in self.names or not kept(word))
                fixed = written(match.group()) if wanted else None
                if fixed is None and self.language == "no" and known is not None:
                    fixed = _norwegian_unfolded(match.group(), word, every, self.names, known)
                if fixed is not None:  # (a question word's slip leaves no topic word)
                    typed[word] = "" if is_function_word(fixed) else stem(fixed)
                    # and the embedder reads the word as meant
                    text = text[: match.start()] + fixed + text[match.end() :]
        spelt = {
            w: typed[w] if w in typed else w if kept(w) or w in inflected else respell(w)
            for w in every
        }
        if known is not None:
            # but a name one doubled letter off a word the archive holds is that word: the
            # commonest slip in Danish and Norwegian spelling ("Vila Sitka" → "Villa Sitka")
            for name in self.names:
                if name not in typed and not known(name):
                    spelt[name] = _doubling(name, known) or name

        def mapped(words: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(spelt[w] for w in words if spelt[w]))

        # the word index is asked for the Danish spelling the archive holds too: it has no
        # "klimastrandveien", only "Klimastrandvej", no "demenssjukdom", only "demenssygdom"
        # (answering looks for both already)
        danish = (
            tuple(f for w in self.search_words for f in danish_forms(w) if known(f))
            if self.language in NORDIC_LANGUAGES and known is not None
            else ()
        )
        words = mapped(self.words)
        # (each kept as typed: those of words still asked are the other stems to look for)
        other = tuple((word, form) for word, form in forms if word in words)
        return replace(
            self,
            text=text,
            words=words,
            parts=mapped(self.parts),
            names=mapped(self.names),
            name_phrases=tuple(
                tuple(spelt.get(word, word) for word in phrase) for phrase in self.name_phrases
            ),
            opening_names=tuple(spelt.get(word, word) for word in self.opening_names),
            counted=tuple(spelt.get(word, word) for word in self.counted),
            asked_parts=tuple(
                (kind, tuple(spelt.get(word, word) for word in words))
                for kind, words in self.asked_parts
            ),
            named_numbers=tuple(
                (spelt.get(noun, noun), *rest) for noun, *rest in self.named_numbers
            ),
            search_words=tuple(
                dict.fromkeys((*mapped(self.search_words), *danish, *(w for _, w in other)))
            ),
            stem_forms=other,
        )


_TYPED_WORD = re.compile(r"[^\W\d_]+")
# questions in a Nordic language the minutes are not written in
_FOREIGN_NORDIC = frozenset({"no", "sv"})
# the endings of a noun in -er inflected without its e ("centr|et", "centr|ene", "teatr|ets")
_INFLECTED_ER = re.compile(r"[^aeiouyæøå]r(?:et|ets|e|ene|enes|es)$")
_VOWELS = frozenset("aeiouyæøå")
# a verb's past tense as typed: its root and the ending ("råd|ede", "køb|te"), in the -s form
# too ("Handicaprådet mødtes", "parterne enedes")
_PAST_TENSE = re.compile(r"(\w{2,}?)(ede|te)s?$")
# a verb and the adverb that makes it a particle verb, which the minutes often write as one
# word, the adverb first ("blev trukket ud" → "udtrukket", "lagt ned" → "nedlagt", "tog over"
# → "overtog"; Norwegian "satt opp" → "oppsatt"); not the prepositions ("til", "om", "på")
# that as often stand before the verb's object
_PARTICLE_VERB = re.compile(
    r"\b([^\W\d_]{3,})\s+(ud|ut|op|opp|ned|ind|inn|frem|fram|bort|hen|tilbage|tilbake|"
    r"sammen|igennem|gjennom|af|av|over)\b",
    re.IGNORECASE,
)


def _unwritten_forms(
    text: str, words: set[str], known: Callable[[str], bool]
) -> tuple[tuple[str, str], ...]:
    """(stem, other stem) for each word of a Nordic question whose stem the archive never
    writes: the word as typed, where the stem is cut too short to be looked for inside the
    minutes' compounds ("væske" → "væsk", which "væskebehandling" does not find: only a stem of
    MIN_COMPOUND_PART letters is); and an English word's Danish forms, by the term list and the
    months' names: a question typed half in English ("Kapitalforvaltning value July 2024?")
    asks for the minutes' "værdi" in "juli"."""
    pairs: list[tuple[str, str]] = []
    for match in _TYPED_WORD.finditer(text):
        typed = match.group().lower()
        word = stem(typed)
        if word not in words:
            continue
        month = MONTHS.get(typed)
        english = month is None and translatable(typed)
        short = len(word) < MIN_COMPOUND_PART <= len(typed)
        # (the cheap checks first: most words of a question are neither)
        if not (short or month or english) or known(word):
            continue
        found = [typed] if short else []
        if month is not None:
            found += [stem(name) for name, number in MONTHS.items() if number == month]
        elif english:
            found += [form for forms in english_concepts(typed) for form in forms]
        pairs += [(word, form) for form in dict.fromkeys(found) if form != word and known(form)]
    return tuple(dict.fromkeys(pairs))


def _stem_forms(
    text: str, words: set[str], known: Callable[[str], bool], language: str = "da"
) -> tuple[tuple[str, str], ...]:
    """(stem, other stem) for each typed topic word that Snowball cuts otherwise than the
    word's other forms, when the archive holds the other stem:
    - a loanword in -et, cut short while its plural keeps the -et ("billet" → "bil",
      "billetter" → "billet"; "budget", "toilet");
    - a noun in -er inflected without its e ("FrivilligCentrets" → "frivilligcentr",
      "FrivilligCenter" → "frivilligcent"), in a Danish or Norwegian question;
    - a verb's past tense in -ede or -te, cut longer than its present in -er ("rådede" →
      "råded", "råder" → "råd"; "købte" → "købt", "køber" → "køb"; Norwegian "søkte" →
      "søkt", "søker" → "søk"): "Hvor mange plejeboliger rådede kommunen over?" asks what
      the minutes say as "Greve Kommune råder i alt over 306 plejeboliger";
    - a particle verb as the minutes write it in one word, in a Danish or Norwegian question
      ("Hvor mange borgere blev trukket ud til klimaborgersamlingen?" over "36 borgere
      udtrukket")."""
    found: dict[str, str] = {}
    danish = language in ("da", "no")  # (English "centre", "metre" are no such nouns)
    for match in _TYPED_WORD.finditer(text):
        typed = match.group().lower()
        short = stem(typed)
        if short not in words:
            continue
        if (
            danish
            and _INFLECTED_ER.search(typed)
            and short.endswith("r")
            and short[-2] not in _VOWELS
        ):
            # a noun in -er that drops its e when inflected, cut longer there than in the
            # base form: "FrivilligCentrets" → "frivilligcentr", "FrivilligCenter" →
            # "frivilligcent" ("teatret", "registret", "plejecentrene")
            # (a stem of five letters or more: "bedre" is no "beder", stem "bed")
            whole = stem(short[:-1] + "er")
            if whole != short and len(whole) >= MIN_COMPOUND_PART and known(whole):
                found[short] = whole
            continue
        if typed.endswith("et"):
            whole = stem(typed + "ter")
            if whole != short and whole.startswith(short) and known(whole):
                found[short] = whole
            continue
        past = _PAST_TENSE.match(typed)
        if past is None:
            continue
        # (only where Snowball left the tense on: "råded", "købt"; "-de" is a noun's ending
        # too, "arbejde", and "sagde" would be a "sag")
        present = stem(past.group(1) + "er")
        if short in (present + "ed", present + "t") and known(present):
            found[short] = present
    return (*found.items(), *(_particle_verbs(text, words, known) if danish else ()))


def _particle_verbs(
    text: str, words: set[str], known: Callable[[str], bool]
) -> tuple[tuple[str, str], ...]:
    """(stem, stem of the one-word form) for each particle verb of the question that the
    archive writes in one word (`_PARTICLE_VERB`)."""
    pairs: list[tuple[str, str]] = []
    for match in _PARTICLE_VERB.finditer(text):
        verb, adverb = match.group(1).lower(), match.group(2).lower()
        short, whole = stem(verb), stem(adverb + verb)
        if short in words and whole != short and known(whole):
            pairs.append((short, whole))
    return tuple(pairs)


def _norwegian_unfolded(
    typed: str,
    word: str,
    every: dict[str, None],
    names: tuple[str, ...],
    known: Callable[[str], bool],
) -> str | None:
    """A Norwegian topic word typed without ø, å, as meant, where the archive writes its Danish
    form ("temamoetet" → "temamøtet", the minutes' "temamøde"; "paa moetet" → "på møtet"):
    `written` knows only the words the archive writes as typed, and a word the archive lacks as
    typed is no Norwegian word it holds in Danish ("moet" is no "moed"). None otherwise (and
    for a name: "Moesgaard" stays as typed)."""
    folded = unfold_ascii(typed)  # (first: most words have no "oe", "aa" to read)
    if folded == typed or word not in every or word in names or known(word):
        return None
    return folded if any(map(known, danish_forms(stem(folded)))) else None


def _doubling(word: str, known: Callable[[str], bool]) -> str | None:
    """The one word the archive holds that `word` is with a letter doubled or a double letter
    made single ("vila" → "villa", "sittka" → "sitka"); None when none or several are."""
    doubled = {word[: i + 1] + word[i:] for i in range(len(word)) if word[i].isalpha()}
    single = {word[:i] + word[i + 1 :] for i in range(len(word) - 1) if word[i] == word[i + 1]}
    found = [w for w in sorted(doubled | single) if known(w)]
    return found[0] if len(found) == 1 else None


# how much likelier than Danish a question must be Norwegian to be read as Norwegian: the two
# are close ("Hvem har kommunen kortlagt behovet for flere kameraer … sammen med?" is 0.13 more
# Norwegian by its characters). Chosen by 5-fold cross-validation over the 512 Danish and
# Norwegian questions of the read sets, 10 repeats: 0.15 in every fold, held-out error 1.2 % ±
# 1.0 (0.10: 1.8 % ± 1.0); bench/language_margin_cv.py
NORWEGIAN_MARGIN = 0.15
# any capitalised word, the first too
_CAPITALISED = re.compile(r"\b[A-ZÆØÅÄÖ][\wæøåÆØÅäöÄÖé'’-]*")
# a capitalised word that does not open the question or a sentence of it: a name
_INNER_NAME = re.compile(r"(?<!^)(?<![.?!:]\s)" + _CAPITALISED.pattern)
MIN_OWN_WORDS = 4  # below this the question is mostly names: they are all there is to go by
# a word with a letter English never writes: a Nordic word or name, whatever the question's
# language
_NORDIC_WORD = re.compile(r"\b\w*[æøåäöÆØÅÄÖ]\w*")
MIN_ENGLISH_WORDS = 2  # the rest of a question that may be read as English by itself
MIN_ENGLISH = 0.5  # and how sure the character model must be of it
# small words that Danish writes and Norwegian does not, and the other way round
_DANISH_ONLY = re.compile(
    r"\b(hvad|hvornår|blev|bliver|blevet|efter|af|sig|mig|dig|noget|meget|nogle)\b", re.I
)
_NORWEGIAN_ONLY = re.compile(
    r"\b(hva|ble|blir|blitt|etter|av|seg|meg|deg|noe|noen|mye|fikk|ikkje|kva|kven)\b", re.I
)
# the languages asked in, as the identifier names them: Nynorsk is Norwegian too
_LANGUAGES = {"da": "da", "no": "no", "nn": "no", "sv": "sv", "en": "en"}


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """langid's character n-gram model (bundled in the package), told to choose among the
    languages asked in (loaded once, about a second)."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(_LANGUAGES))
    return identifier


def _language(text: str) -> str:
    """ "da", "no", "sv" or "en". A character model rather than lists of small words: a
    Norwegian question often holds none of the few words such lists know ("Hvor mange barn
    meldte seg på svømmeprosjektet …?" is Norwegian by its spelling); the word lists read 17 of
    the 51 Norwegian questions of the read evaluation sets as Danish, this reads 2
    (EVALUATION.md).
    Text without letters is Danish, the archive's language, and so is a short question the
    model finds about as Norwegian as Danish ("Har kommunen besluttet at bygge en klatrehal?")."""
    if not _TYPED_WORD.search(text):
        return "da"
    # an English question about Danish things is English by its other words, however many
    # names it opens with ("Friluftsrådet grant for Rævebakken tower?"); a Nordic question keeps
    # enough of its own small words to stay Nordic without the words spelt with æ, ø, å
    # (and by its words without the names, any capitalised word: a search-box question may
    # open with a Danish place, "Gammeltoftevej 5 riding arena", whose letters outweigh the
    # two English words after it)
    english = _NORDIC_WORD.sub(" ", text)
    # (each text once: a question without capitals is the same text both ways)
    for rest in dict.fromkeys((english, _CAPITALISED.sub(" ", english))):
        if len(_TYPED_WORD.findall(rest)) >= MIN_ENGLISH_WORDS:
            code, probability = _identifier().classify(rest)
            if code == "en" and probability >= MIN_ENGLISH:
                return "en"
    # told by its own words, not by the names it asks about: "How much did Fonden for
    # Entreprenørskab give Greve?" is English, though most of its letters are Danish
    own_words = _INNER_NAME.sub(" ", text)
    if len(_TYPED_WORD.findall(own_words)) >= MIN_OWN_WORDS:
        text = own_words
    scores = {"da": NORWEGIAN_MARGIN}
    for code, probability in _identifier().rank(text):
        scores[_LANGUAGES[code]] = scores.get(_LANGUAGES[code], 0.0) + probability
    found = max(scores, key=lambda k: (scores[k], k == "da"))
    if found in ("da", "no"):
        # a small word only one of the two writes outweighs the characters of a name: "Hvad har
        # vi besluttet om Steinkjer?" is Danish
        danish, norwegian = len(_DANISH_ONLY.findall(text)), len(_NORWEGIAN_ONLY.findall(text))
        if danish != norwegian:
            return "da" if danish > norwegian else "no"
    return found


def _period(
    text: str, today: dt.date, quarters: tuple[dt.date, dt.date] | None
) -> tuple[dt.date | None, dt.date | None]:
    """The period a question names; `quarters` is its `quarters_span`, read once by analyse."""
    if match := _DAY.search(text):
        try:
            day = dt.date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
            return day, day
        except ValueError:
            pass  # "31. juni": not a day; the month still narrows
    if match := _MONTH_YEAR.search(text):
        month, year = MONTHS[match.group(1).lower()], int(match.group(2))
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    if match := _SEASON_YEAR.search(text):
        (first, last), year = _SEASON_MONTHS[match.group(1).lower()], int(match.group(2))
        end = calendar.monthrange(year, last)[1]
        return dt.date(year, first, 1), dt.date(year, last, end)
    if quarters:
        return quarters
    if match := _YEAR.search(text):
        year = int(match.group(1))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if _LAST_YEAR.search(text):
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if _THIS_YEAR.search(text):
        return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    return None, None


# a meeting placed by its month or day: "på sit møde i januar 2026", "mødet den 7. november
# 2022", "at its September 2025 meeting", "meeting on 28 November 2023"
_MEETING_WORD = r"(?:møde|mødet|møte|møtet|möte|mötet|meeting)"
# a month and its year that place the event asked about: in a "when" clause ("da det nye
# byråd konstituerede sig i december 2025") or after an event named by a preposition ("ved
# valget i november 2025", "at the election in November 2025")
_WHEN_IN_A_MONTH = re.compile(
    rf"(?:\b(?:da|når|när|då|when)\b[^?.;]*?"
    rf"|\b(?:ved|vid|at|efter|etter|after)\s+(?:the\s+)?\w+\s+){_MONTH_YEAR.pattern}",
    re.IGNORECASE,
)
_AT_A_MEETING = re.compile(
    rf"\b{_MEETING_WORD}\s+(?:(?:i|den|on|in|of|på)\s+)?(?:\d{{1,2}}\.?\s+)?"
    rf"{MONTH_TYPED}\b|\b{MONTH_TYPED}\s+(?:19|20)\d\d\s+meeting\b",
    re.IGNORECASE,
)


# a number right after a noun names the thing ("budget 2021", "lokalplan 1221"); after a
# preposition, a month or a season it is a time ("i 2021", "fra sommeren 2024"), after a
# small word nothing ("har 224'eren"), and before a unit it is a quantity ("skære 500
# kvadratmeter", "betale 300 kr.")
_NAMED_NUMBER = re.compile(
    r"\b([^\W\d_][\w-]*)\s+(\d{2,}(?:[-/–]\d+)?)\b(?!\s*(?:kr\b|kroner|mio|mia|mill|tkr|%|"
    r"procent|prosent|m2|m²|kvm|kvadrat|meter|km|ha\b|hektar|daa|dekar|timer|dage|døgn|uger|"
    r"måneder|år\b|personer|borgere|elever|børn|stk))"
)
# words before a number that do not name a thing by it: times and where in a period ("early
# 2025", "i slutningen af 2023", "utgangen av 2024"), small words ("enligt 225-timmarsregeln"
# is by the rule, not an "enligt" numbered 225), and "paragraf"
# ("paragraf 79" is the minutes' "§ 79", and the word index keeps only the number, which is
# still looked for)
_NOT_A_NAME = (
    frozenset(
        """i in fra from til to efter after siden since før before inden by år året year years
        uge week måned month dag day kl klokken nr nummer number pr per om on at under during
        sommer sommeren vinter vinteren forår foråret efterår efteråret høst høsten vår våren
        summer winter spring autumn fall jul julen primo ultimo medio kvartal kvartalet quarter
        sommar sommaren vintern höst hösten halvår halvåret q1 q2 q3 q4 h1 h2 paragraf
        paragrafen paragraph section ifølge iflg jf enligt according pursuant cf
        early late mid end start beginning throughout whole tidlig tidligt tidigt sent sen sein
        sena slut slutning slutningen slutten slutet udgang udgangen utgangen starten
        starta begyndelse begyndelsen begynnelse begynnelsen början midt midten mitten hele heile
        hela""".split()  # noqa: SIM905
    )
    # (and a word that places the thing among others of its kind: "the new 2025–2028
    # agreement" is the agreement for 2025–2028, no thing "new")
    | frozenset(
        """new ny nye nyt nya nytt next næste neste nästa coming upcoming kommende kommande
        last sidste siste sista previous forrige föregående former tidligere tidigare current
        nuværende nåværende nuvarande""".split()  # noqa: SIM905
    )
    # (and a determiner: "its 2025 dialogue meeting" is the 2025 meeting, no thing "its")
    | frozenset(["its", "their", "his", "her", "our", "the", "this", "that", "these", "those"])
    | frozenset(["sitt", "sine", "dess", "deras"])  # (Norwegian, Swedish)
    | frozenset(MONTHS)
    | STOPWORDS
)


# a lowercase word in -er or -ede before a number is a verb: "runder 25", "koster 50"
_VERB_BEFORE_NUMBER = re.compile(r"[^\W\d_]+(er|ede)")


def _named_numbers(text: str) -> tuple[tuple[str, ...], ...]:
    found = []
    for match in _NAMED_NUMBER.finditer(text):
        word = match.group(1)
        noun, number = tokenize(word), tokenize(match.group(2))
        verb = word.islower() and _VERB_BEFORE_NUMBER.fullmatch(word)
        if word.lower() not in _NOT_A_NAME and noun and number and not verb:
            found.append((noun[-1], *number))
    return tuple(dict.fromkeys(found))


# what a question asks ahead by: the verbs of what is to come ("skal", "vil", "forventes",
# "will", "expected"); "skulle" asks what the minutes then saw coming
_AHEAD = re.compile(
    r"\b(skal|skulle|vil|ville|forventes|forventet|forventer|ventes|planlagt|planlegges|"
    r"kommer til at|ska|skall|beräknas|will|would|expected|planned|due)\b",
    re.IGNORECASE,
)


# the auxiliary and light verbs a question is built with (Danish, Norwegian, Swedish, English)
_AUXILIARIES = (
    r"kan|kunne|må|skal|skulle|har|havde|hadde|er|var|blev|ble|bliver|blir|fik|fikk|får|"
    r"vil|ville|gik|gikk|kom|kommer|ska|fick|är|hade|can|could|did|"
    r"does|do|is|are|was|were|has|have|had|will|would"
)
# a question opening with its verb asks yes or no
_POLAR = re.compile(
    rf"\s*({_AUXILIARIES}|findes|finnes|fins|may|should|must)\b",
    re.IGNORECASE,
)


def _asked_parts(
    text: str, starts: list[tuple[str, int]], language: str
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each kind asked (`_kind_starts`) with the words of its part of the question (from its
    question word to the next part's) that no earlier part writes; () for the first part,
    which holds the topic."""
    if not starts:
        return ()
    bounds = [start for _, start in starts[1:]] + [len(text)]
    earlier = set(content_words(text[: bounds[0]], language=language))
    parts: list[tuple[str, tuple[str, ...]]] = [(starts[0][0], ())]
    for (kind, _), (start, end) in zip(starts[1:], itertools.pairwise(bounds), strict=True):
        words = [
            w
            for w in content_words(text[start:end], language=language)
            if w not in earlier and not w.isdigit()  # (a year places the part: no topic)
        ]
        parts.append((kind, tuple(dict.fromkeys(words))))
        earlier.update(words)
    return tuple(parts)


def _kind_starts(text: str, polar: bool) -> list[tuple[str, int]]:
    """The kinds of fact asked for, in the order the question asks them, each with where it
    starts asking it; the first decides what the answer must hold: "Who became chair … when
    Morten Dahlin stepped down?" asks for a person (the "when" only places it), "Hvornår … og
    hvad blev timeprisen?" for a date and then an amount: a further kind counts after
    "og"/"and". Where two readings start at the same word, the more specific wins ("hvor mange
    penge": an amount, not a count). `polar`: the question asks yes or no."""
    said = [
        (m.start(), order, kind)
        for order, (kind, words) in enumerate(_WANTS)
        for m in words.finditer(text)
        # a yes/no question names a sum without asking it: "Kan medlemmerne … få dækket den
        # løn, de mister, i stedet for det faste vederlag?" asks whether, not how much (its
        # second part may ask: "Fik de lov, og hvor meget koster det?")
        if not polar
        or kind == "vote"  # ("Fikk forslaget flertall?" is answered by the vote)
        or is_wh_word(m.group().split()[0])
        or _AND.search(text, 0, m.start())
    ]
    said += [(m.start(), len(_WANTS), "person") for m in _WHO.finditer(text)]
    kinds: list[tuple[str, int]] = []
    last = -1
    for start, _, kind in sorted(said):
        if start == last:
            continue
        if not kinds or _AND.search(text, last, start):
            kinds.append((kind, start))
        last = start
    return kinds


def _asks_by_its_words(text: str) -> bool:
    """Does the question ask with a question word or a verb opening it (not as keywords)?"""
    return bool(_POLAR.match(text)) or any(map(is_wh_word, text.split()))


def _asked_by_noun(text: str, language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The kinds a question of keywords asks for by its nouns, and those nouns (stemmed):
    "kronikervejleder forløb længde" asks a length of time, "nytårskoncert 2023 overskud" an
    amount. A question with a question word or an opening verb asks by those (`_kind_starts`)."""
    if _asks_by_its_words(text):
        return (), ()
    found = sorted(
        (m.start(), kind, m.group()) for kind, nouns in _ASKED_BY_NOUN for m in nouns.finditer(text)
    ) or sorted(
        (m.start(), kind, m.group()) for kind, nouns in _ASKED_BY_HEAD for m in nouns.finditer(text)
    )
    kinds = tuple(dict.fromkeys(kind for _, kind, _ in found))
    stems = _stemmer(language)  # (as the question's words are stemmed)
    return kinds, tuple(dict.fromkeys(stems(noun) for _, _, noun in found))


# a count asked for and the words after it, of which the counted thing is one: "Hvor mange
# høns …", "How many Danish municipalities …", "Hur många av kommunens äldrebostäder …"
# (a verb right after "hvor mange" leaves the thing unsaid: "Hvor mange var aktivt med på
# oppstartssamlingen?", "Hvor mange deltog?" count people, not "aktivt")
_COUNTED = re.compile(
    r"\b(?:hvor mange|how many|hur många|antal(?:let|et)?)\s+(?:(?:af|av|of|på)\s+)?"
    r"(?!(?:var|er|blev|ble|bliver|blir|har|havde|hadde|kom|kommer|deltog|deltok|deltager|"
    r"deltar|mødte|møtte|were|are|was|came|attended|took|är)\b)"
    r"((?:[^\W\d_][\w-]*\s+){0,2}[^\W\d_][\w-]*)",
    re.I,
)


# a verb (or "der", "som") ends the counted thing: "Hvor mange sager skulle jobcentret
# gennemgå?" counts cases, not job centres; the words before the verb name the thing
_ENDS_COUNTED = re.compile(
    rf"\b(?:der|som|that|who|måtte|skall|vill|{_AUXILIARIES})\b.*",
    re.I | re.S,
)


_TIMES = frozenset({"gange", "ganger", "gånger", "times"})
# the subject a verb is followed by in a question's inverted word order: a name, or a pronoun
_SUBJECT = re.compile(r"[A-ZÆØÅ]|(?:den|det|de|vi|man|han|hun|jeg|dere|they|we|he|she|it)$")


def _counted(text: str, language: str) -> tuple[str, ...]:
    match = _COUNTED.search(text)
    if match is None:
        return ()
    thing = _ENDS_COUNTED.sub("", match.group(1)).strip() or match.group(1)
    # and so does a verb its subject follows: "Hvor mange møder afholdt Handicaprådet …?"
    # counts meetings, not what was held (the first word is the thing, never its verb; but
    # "gange" is none: "Hvor mange gange mødtes Handicaprådet?" counts what the verb names)
    words = thing.split()
    after = [*match.group(1).split(), *text[match.end() :].split()[:1]]
    ends = next(
        (at for at in range(1, min(len(words), len(after) - 1)) if _SUBJECT.match(after[at + 1])),
        None,
    )
    if ends is not None and words[0].lower() not in _TIMES:
        thing = " ".join(words[:ends])
    return tuple(content_words(thing, joined=False, language=language))


def _who(text: str) -> str:
    if _ATTENDANCE.search(text):
        return "attendance"
    post = any(not _INFINITIVE.search(text, 0, m.start()) for m in _ROLE.finditer(text))
    if post or _POST_OF.search(text):
        return "person"
    return "someone" if _DONE_BY_SOMEONE.search(text) else "anyone"


# a verb of appointing after "at", "to", "å", "att" is what "who" does, not what is done to
# them: "Hvem fik kompetencen til at ansætte den nye borgerrådgiver?" is answered by a body
_INFINITIVE = re.compile(r"\b(?:at|att|å|to)\s+$", re.IGNORECASE)


def _stemmer(language: str) -> Callable[[str], str]:
    """How the question's words are stemmed: a Swedish question's by the Swedish stemmer."""
    return swedish_stem if language == "sv" else stem


def _roles(text: str, language: str) -> tuple[str, ...]:
    if language == "en":
        return ()
    stems = _stemmer(language)
    # the listed posts, and any post the question's own words make one: "Hvem er dirigent for
    # orkestret?", "Hvem var projektleder på …?"; not the act of appointing (`_APPOINTING`)
    said = [
        match.group() for match in _ROLE.finditer(text) if not _APPOINTING.fullmatch(match.group())
    ]
    said += [match.group(1) for match in _POST_OF.finditer(text)]
    return tuple(dict.fromkeys(stems(word) for word in said))


_LAW = frozenset({"law", "legal"})
_LAW_FIRM = ("advokat", "advokatfirma")


def _english_kind(match: re.Match[str]) -> list[tuple[str, ...]]:
    """The Danish forms of the kind an English question's firm is of: the word before "firm"
    ("audit" → "revision"), or the noun itself ("contractor"); a law firm is an "advokat"."""
    before, noun = match.group(1), match.group(3)
    if before.strip().lower() in _LAW:
        return [_LAW_FIRM]
    named = before + ("" if _ANY_FIRM.fullmatch(noun) else noun)
    # (and the Danish words as written, found inside the minutes' compounds: "housing
    # organisations" are their "Boligselskab", which the stem "bol" is too short to be found in)
    return [
        tuple(dict.fromkeys((*forms, *translations(forms[0])))) for forms in english_concepts(named)
    ]


def _firm_kinds(text: str, language: str) -> tuple[tuple[str, ...], ...]:
    """What a firm asked for is a firm of, in the forms the minutes may write it: "Hvilket
    arkitektfirma skal tegne klimaparken?" is answered where they name the architects. The
    joining "s" dropped ("revisionsfirma" → "revision"), and the verb a noun is made from kept
    too: "rådgivningsfirma" is the minutes' "rådgiverfirmaet"."""
    if language == "en":
        # English names the kind in a word of its own ("Which audit firm …?") or by the noun
        # itself ("Which contractor …?"): their Danish forms; a law firm is the minutes'
        # "advokat", not their "lov"
        return tuple(
            forms for match in _ASKS_ORGANISATION.finditer(text) for forms in _english_kind(match)
        )
    stems = _stemmer(language)
    found = []
    for match in _ASKS_ORGANISATION.finditer(text):
        kind = re.sub(r"(?<=\w{4})s$", "", match.group(2).lower())
        if len(kind) >= MIN_KIND_OF_FIRM:
            root = re.sub(r"(?<=\w{5})(?:ning|ing|else|er)$", "", kind)
            found.append(tuple(dict.fromkeys((stems(kind), root))))
    return tuple(found)


# the months as a question's words hold them (read for periods, kept from respelling, and
# no topic of a meeting question)
MONTH_STEMS = frozenset(stem(month) for month in MONTHS)
_AND = re.compile(r"\b(og|and|och|samt)\b", re.IGNORECASE)


def _names(question: str, language: str) -> tuple[str, ...]:
    """Proper names in the question (capitalised, not opening it): "Roskildevej", "KMD".
    English capitalises months too ("in September"): they are dates, not names; and the words
    of an English body's name ("the Employment and Business Committee") or any English word the
    term list translates ("Tune School"): the minutes write them in Danish, so they are
    concepts to translate, not names to find."""
    text = question.strip()
    if language == "en":
        text = _ENGLISH_BODY.sub(" ", text)
    words = re.findall(r"(?<!^)(?<![.?!]\s)\b[A-ZÆØÅ][\wæøåÆØÅ]{2,}", text)
    if language == "en":  # "Tune School", "Greve Library": the minutes write "Skole"
        words = [word for word in words if not translatable(word)]
    return tuple(token for word in words if word.lower() not in MONTHS for token in tokenize(word))


# the capitalised words opening a question of keywords: "Birgitte Holmgaard forslag byrådet",
# "Tune Skole pavillon areal" (two or more; a question opening with a question word or a verb
# capitalises its first word only because it opens it)
_CAPITALISED_WORDS = r"[A-ZÆØÅ][\wæøåÆØÅ]{2,}(?: [A-ZÆØÅ][\wæøåÆØÅ]{2,})+"
_OPENING_NAMES = re.compile(_CAPITALISED_WORDS)


def _opening_names(text: str) -> list[str]:
    """The capitalised words opening a question of keywords: one with no question word, no
    opening verb and no question mark."""
    opening = _OPENING_NAMES.match(text.strip())
    keywords = not (text.rstrip().endswith("?") or _asks_by_its_words(text))
    return opening.group().split() if opening and keywords else []


# capitalised words in a row, not opening the question: "… nær Greve Strand?", "Stop Spild Lokalt"
_CAPITALISED_RUN = re.compile(rf"(?<!^)(?<![.?!]\s)\b{_CAPITALISED_WORDS}")


def _name_phrases(question: str, names: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The question's names of several words: runs of its `names` written one after another
    (a month, an English word to translate or a body's English name breaks a run: they are
    not among the names)."""
    phrases: list[tuple[str, ...]] = []
    for match in _CAPITALISED_RUN.finditer(question.strip()):
        run: list[str] = []
        for word in (*match.group().split(), ""):
            tokens = tokenize(word)
            if tokens and all(token in names for token in tokens):
                run.extend(tokens)
                continue
            if len(run) >= 2:
                phrases.append(tuple(run))
            run = []
    return tuple(dict.fromkeys(phrases))


def analyse(query: Query | str, today: dt.date | None = None) -> Question:
    """Read a query once for everything search and answering do with it."""
    if isinstance(query, str):
        query = Query(query)
    text = with_context(query.text, list(query.previous))
    language = _language(text)
    # (a question typed without æ, ø, å is read for what it asks and when: "hvor hoejt",
    # "hvornaar", "i foraaret 2024")
    unfold = unfold_ascii if language in ("da", "no") else str
    read_as = unfold(text)
    quarters = quarters_span(read_as)
    date_from, date_to = _period(read_as, today or dt.date.today(), quarters)
    words = tuple(content_words(text, language=language))
    asked = _language(query.text) if text != query.text else language
    # (each once: "the second quarter of 2024 to the first quarter of 2025" asks about quarters
    # once, and would otherwise lead to any passage comparing two quarters)
    concepts = (
        tuple(dict.fromkeys(tuple(forms) for forms in english_concepts(text)))
        if language == "en"
        else ()
    )
    bridges = tuple(dict.fromkeys(form for forms in concepts for form in forms))
    asked_as = read_as if text == query.text else unfold(query.text)
    yes_or_no = _POLAR.match(asked_as) is not None
    starts = _kind_starts(asked_as, yes_or_no)
    kinds = tuple(dict.fromkeys(kind for kind, _ in starts))
    frame: tuple[str, ...] = ()
    if not kinds:
        kinds, frame = _asked_by_noun(asked_as, language)
    names = _names(text, language)
    return Question(
        query=query,
        text=text,
        language=language,
        reply_language=REPLY_LANGUAGE.get(asked, asked),
        about_decision=_about_decision(text, kinds),
        asks_number=bool(_NUMERIC.search(text)) or bool(_FIGURES.intersection(kinds)),
        asks_who=bool(_WHO.search(text)),
        who=_who(asked_as),
        roles=_roles(asked_as, language),
        firm_kinds=_firm_kinds(asked_as, language),
        wants=next(iter(kinds), None),
        kinds=kinds,
        asked_parts=_asked_parts(asked_as, starts, language),
        frame=frame,
        date_from=date_from,
        date_to=date_to,
        words=words,
        parts=tuple(content_words(text, joined=False, language=language)),
        search_words=words + bridges,
        concepts=concepts,
        names=names,
        name_phrases=_name_phrases(text, names),
        opening_names=tuple(t for word in _opening_names(text) for t in tokenize(word)),
        named_numbers=_named_numbers(read_as),
        counted=_counted(text, language),
        speaks_ahead=bool(_AHEAD.search(asked_as)),
        at_a_meeting=date_from is not None and bool(_AT_A_MEETING.search(read_as)),
        month_of_event=bool(_WHEN_IN_A_MONTH.search(read_as)),
        quarters=quarters,
        yes_or_no=yes_or_no,
    )


def with_context(question: str, previous: list[str]) -> str:
    """What to search for in a follow-up ("og hvad kostede det?"): short questions borrow the
    topic of the one before; full questions stand on their own."""
    if previous and len(content_words(question)) < 3:
        return f"{previous[-1]} {question}"
    return question
