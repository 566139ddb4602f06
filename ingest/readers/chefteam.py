"""Aarhus Sundhed og Omsorg chefteam proposals ("chefteamindstillinger") with their minutes.

One document is one proposal put to the chefteam: a form (markdown headings, or an HTML
table pasted into text) with Baggrund, Beslutninger (what the chefteam is asked to decide),
Effekt, Opfølgning … and, once the meeting has been held, a "Referat" part with what was
decided. One meeting with one item comes out.
"""

from __future__ import annotations

import re

from assistant.errors import NoContentError
from assistant.model import AgendaItem, Meeting, Section, SectionKind
from ingest.dates import find_date
from ingest.html import html_to_text
from ingest.readers.albertslund import named_municipality
from ingest.sections import section_kind

__all__ = ["ChefteamReader"]

BODY = "Chefteam"

# Form headings that are not always marked up as headings (the HTML variant uses <p>).
_HEADINGS = frozenset(
    {
        "baggrund", "beslutninger", "beslutning", "effekt", "opfølgning", "kommunikation",
        "koordinering", "direkte udgifter", "direkte udgifter (tkr.)", "indirekte udgifter",
        "udgiften finansieres inden for", "udgiften finansieres inden for (sæt x)",
        "denne indstilling er (sæt x)", "referat", "økonomi", "bilag",
    }
)  # fmt: skip
# Kinds the shared table gets wrong for this form: "Beslutninger" lists what the chefteam is
# asked to decide (the recommendation); only the "Referat" part records a decision.
_KINDS = {
    "beslutninger": SectionKind.RECOMMENDATION,
    "beslutning": SectionKind.RECOMMENDATION,
    "referat": SectionKind.DECISION,
    "direkte udgifter": SectionKind.ECONOMY,
    "direkte udgifter (tkr.)": SectionKind.ECONOMY,
    "indirekte udgifter": SectionKind.ECONOMY,
    "udgiften finansieres inden for": SectionKind.ECONOMY,
    "udgiften finansieres inden for (sæt x)": SectionKind.ECONOMY,
}
# `[^<>]`, not `[^>]`: a run of "<a<a<a…" without a ">" would be scanned once per "<"
_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_PARTICIPANTS = re.compile(r"(?:Mødedeltagere|Deltager på mødet|Deltagere)\s*:\s*([^\t<\n]+)")
# A ticked box right before the label, or an "X" in the cell right after it. Both are
# matched in a short window at each place the label stands, never over the whole text.
_BOX_BEFORE = re.compile(r"(?:<input\b[^<>]*>|☒|☑|\[[xX]\])\s*$")
_CROSS_AFTER = re.compile(r"\s*[\t|]\s*[xX✓✔](?=\s|\||$)")
_WINDOW = 200
# The form's document-type label in front of the heading names the form, not the proposal.
_LABEL = re.compile(r"^chefteamindstilling\s*:\s*(?=\S)", re.IGNORECASE)


def _ticked(text: str, label: str) -> bool:
    """Whether the form box for `label` ("Lukket indstilling") is ticked."""
    start = text.find(label)
    while start >= 0:
        box = _BOX_BEFORE.search(text[max(0, start - _WINDOW) : start])
        if box is not None and (not box.group().startswith("<") or _checked(box.group())):
            return True
        end = start + len(label)
        if _CROSS_AFTER.match(text[end : end + _WINDOW]):
            return True
        start = text.find(label, end)
    return False


def _checked(tag: str) -> bool:
    return re.search(r"\bchecked\b", tag) is not None


def _key(heading: str) -> str:
    """Heading as a lookup key: "Udgiften finansieres inden for: (Sæt X)" → "… for (sæt x)"."""
    return " ".join(heading.lower().replace(":", " ").split())


def _heading(line: str) -> str | None:
    """The heading a line stands for, without markdown hashes and trailing colon."""
    bare = line.lstrip("#").strip().rstrip(":").strip()
    if line.startswith("#") or _key(bare) in _HEADINGS:
        return bare or None
    return None


def _title(text: str) -> str | None:
    """The first heading or first line (its first table cell), as written."""
    for raw in text.splitlines():
        first_cell = raw.split("\t")[0].strip()
        cell = html_to_text(first_cell) if _TAG.search(first_cell) else first_cell
        cell = cell.lstrip("#").strip()
        if cell:
            return cell
    return None


class ChefteamReader:
    """Chefteam proposals (Aarhus, Sundhed og Omsorg) with the chefteam's minutes."""

    label = "chefteam"

    def accepts(self, text: str, name: str) -> bool:
        """Names the chefteam near the top and carries the proposal form's open/closed box."""
        head = text[:20_000]
        if not re.search(r"chefteam", head[:3000], re.IGNORECASE):
            return False
        form = re.search(r"(?:Åben|Lukket) indstilling|Chefteamindstilling", head, re.IGNORECASE)
        return form is not None

    def read(self, text: str, name: str) -> list[Meeting]:
        """One meeting with the proposal as its single item."""
        title = _title(text)
        if title is None:
            raise NoContentError(name)
        # Line by line: the HTML variant keeps each table row on one line, and converting
        # the whole text at once would fold the markdown variant's lines together.
        plain = "\n".join(
            html_to_text(line) if _TAG.search(line) else line for line in text.splitlines()
        )
        lines = [re.sub(r"\s+", " ", line).strip() for line in plain.splitlines()]
        sections: list[tuple[str, list[str]]] = []
        lead: list[str] = []
        for line in lines:
            heading = _heading(line)
            if heading is not None and heading != title:
                sections.append((heading, []))
            elif sections:
                sections[-1][1].append(line)
            elif line and heading is None:
                lead.append(line)
        # The date sits in the form's head: "Den 1. november 2019", "Chefteammøde – 13. maj 2020".
        date = find_date("\n".join(lead[:6]))
        participants = _PARTICIPANTS.search(text)
        item = AgendaItem(
            number=None,
            title=_LABEL.sub("", title),
            closed=_ticked(text, "Lukket indstilling"),
            sections=[
                Section(
                    kind=_KINDS.get(_key(heading)) or section_kind(heading),
                    heading=heading,
                    text=body,
                )
                for heading, body_lines in sections
                if (body := re.sub(r"\n{3,}", "\n\n", "\n".join(body_lines)).strip())
            ],
        )
        meeting = Meeting(
            municipality=named_municipality(text),
            body=BODY,
            date=date,
            participants=(
                [p.strip() for p in re.split(r",| og ", participants.group(1)) if p.strip()]
                if participants
                else []
            ),
            source=name,
            items=[item],
        )
        return [meeting]
