"""A case through the bodies: every stage of one case number, in date order, with its decision
and votes — the precedent a secretary looks for before drafting."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.catalog import Catalog, StoredItem
from assistant.errors import NotFoundError
from assistant.model import Citation, SectionKind
from assistant.quotes import decision_quote

__all__ = ["Stage", "case_timeline"]


@dataclass(frozen=True)
class Stage:
    item_id: str
    citation: Citation  # quote = the decision (or recommendation) as written, if any
    decided: bool  # False when the item has no decision section (an agenda, a pending case)
    votes: str | None


def _stage(stored: StoredItem) -> Stage:
    item = stored.item
    quote = decision_quote(item)
    votes = next((s.text for s in item.sections if s.kind is SectionKind.VOTES), None)
    first = item.sections[0] if item.sections else None
    section = quote.section if quote else first
    citation = Citation(
        ref=stored.ref,
        section=section.heading if section and section.heading else None,
        page=section.page if section else item.page_start,
        quote=quote.text if quote else "",
    )
    decided = quote is not None and quote.section.kind is SectionKind.DECISION
    return Stage(stored.id, citation, decided, votes)


def case_timeline(catalog: Catalog, case_number: str, include_closed: bool = False) -> list[Stage]:
    """Stages of a case, oldest first; a case with no stage the caller may see is not found."""
    stages = [
        _stage(stored)
        for stored in catalog.items_of_case(case_number.strip())
        if include_closed or not stored.item.closed
    ]
    if not stages:
        raise NotFoundError(
            f"no agenda item with case number {case_number!r}: check the number as written in "
            "the minutes (e.g. 22-012933 or 09.00.00-G01-27-23)"
        )
    return stages
