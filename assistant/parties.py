"""Political parties, which minutes name by their letter.

Danish minutes write "Imod stemte (A) og (Ø)" and "Kenneth Jerkel (A)"; Norwegian ones "Ap" and
"H". A question names the party in full ("Hvem fra Socialdemokratiet stemte imod …?", "Which
party …"), so the party's name is no word an answering item must hold.
"""

from __future__ import annotations

from assistant.tokens import tokenize

__all__ = ["PARTY_ONLY", "PARTY_WORDS"]

# the words of Danish and Norwegian parties' names, stemmed as the index stems them ("dansk"
# and "det" are left out: they name far more than parties)
PARTY_WORDS = frozenset(
    tokenize(
        """Socialdemokratiet Socialdemokraterne Socialdemokrater Venstre Konservative
        Konservativ Folkeparti Folkepartiet SF Socialistisk Enhedslisten Radikale Radikal
        Liberal Alliance Moderaterne Alternativet Danmarksdemokraterne
        Arbeiderpartiet Høyre Senterpartiet Fremskrittspartiet FrP SV Venstreparti
        Venstrepartiet KrF Kristelig Miljøpartiet MDG Rødt Pensjonistpartiet"""
        # and as English writes them: "the Red-Green Alliance" is Enhedslisten, "the Social
        # Democrats" Socialdemokratiet
        """ Red-Green Red Green Alliance Democrats Social Liberals Liberal Conservatives
        Conservative Socialist People's Peoples Labour Progress Centre Center Christian"""
    )
)
# the words that name nothing but a party ("socialdemokrater", "Enhedslisten"): a question's
# party, written out, places it as a name does and is no topic an item must hold, the minutes
# writing "(A)", which the word index drops; "venstre", "radikal", "alternativet" and "moderat"
# are everyday words too, and stay topic words
PARTY_ONLY = PARTY_WORDS - frozenset(
    tokenize("Venstre Konservative Liberal Alliance Alternativet Radikale Moderaterne Kristelig "
             "Socialistisk Høyre Rødt SV Red Green Democrats Social Liberals Conservatives "
             "Conservative Socialist People's Peoples Labour Progress Centre Center Christian")
)  # fmt: skip
