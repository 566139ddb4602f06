"""Political parties, which minutes name by their letter.

Danish minutes write "Imod stemte (A) og (Ø)" and "Kenneth Jerkel (A)"; Norwegian ones "Ap" and
"H". A question names the party in full ("Hvem fra Socialdemokratiet stemte imod …?", "Which
party …"), so the party's name is no word an answering item must hold.
"""

from __future__ import annotations

from assistant.tokens import tokenize

__all__ = ["PARTY_WORDS"]

# the words of Danish and Norwegian parties' names, stemmed as the index stems them ("dansk"
# and "det" are left out: they name far more than parties)
PARTY_WORDS = frozenset(
    tokenize(
        """Socialdemokratiet Socialdemokraterne Socialdemokrater Venstre Konservative
        Konservativ Folkeparti Folkepartiet SF Socialistisk Enhedslisten Radikale Radikal
        Liberal Alliance Moderaterne Alternativet Danmarksdemokraterne
        Arbeiderpartiet Høyre Senterpartiet Fremskrittspartiet FrP SV Venstreparti
        Venstrepartiet KrF Kristelig Miljøpartiet MDG Rødt Pensjonistpartiet"""
    )
)
