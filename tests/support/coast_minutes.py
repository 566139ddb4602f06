"""Two small Teknisk Udvalg minutes about coastal protection (kystbeskyttelse), for watches:
January's before any watch, February's with an open and a closed matching item and one that
does not match."""

BEFORE = """REFERAT Teknisk Udvalg d. 06-01-2025

Punkt 1: Kystbeskyttelse ved Karlslunde Strand

05.01.00-A00-1-25

Sagsfremstilling

Kysten ved Karlslunde Strand eroderer. Forvaltningen foreslår sandfodring som kystbeskyttelse.

Beslutning

Udvalget godkendte sandfodring ved Karlslunde Strand.

Punkt 2: Vejbelysning på Hovedgaden

05.01.00-A00-2-25

Sagsfremstilling

Vejbelysningen på Hovedgaden er udtjent og skal udskiftes med LED.

Beslutning

Udvalget godkendte udskiftning af vejbelysningen.
"""

OPEN_DECISION = "Udvalget godkendte projektet for kystbeskyttelse ved Mosede Havn."
CLOSED_DECISION = "Udvalget godkendte ekspropriationen til kystbeskyttelse."
NEW = f"""REFERAT Teknisk Udvalg d. 03-02-2025

Punkt 1: Kystbeskyttelse ved Mosede Havn

05.01.00-A00-7-25

Sagsfremstilling

Stormflod har skadet diget ved Mosede Havn. Forvaltningen foreslår et nyt dige som
kystbeskyttelse af havnen.

Beslutning

{OPEN_DECISION}

Punkt 2: Lukket punkt: Ekspropriation til kystbeskyttelse

05.01.00-A00-8-25

Sagsfremstilling

Kystbeskyttelsen kræver ekspropriation af et areal ved Mosede.

Beslutning

{CLOSED_DECISION}

Punkt 3: Skiltning ved svømmehallen

05.01.00-A00-3-25

Sagsfremstilling

Der er ønske om nye skilte ved svømmehallen, så gæsterne kan finde indgangen.

Beslutning

Udvalget godkendte nye skilte ved svømmehallen.
"""
OPEN_TITLE = "Teknisk Udvalg 03-02-2025, punkt 1: Kystbeskyttelse ved Mosede Havn"
CLOSED_TITLE = (
    "Teknisk Udvalg 03-02-2025, punkt 2: Lukket punkt: Ekspropriation til kystbeskyttelse"
)
