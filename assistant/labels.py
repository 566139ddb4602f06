"""How a cited item is named for people, in the answer's language: one label everywhere
(answers, the language model's sources, the CLI), e.g.
`10-04-2024, Chefforum, punkt 7 "Genindførelse af miljøledelse" (09.00.00-G01-27-23)`."""

from __future__ import annotations

import datetime as dt

from assistant.model import ItemRef

__all__ = ["ITEM_WORD", "date_label", "item_label"]

ITEM_WORD = {"da": "punkt", "no": "sak", "en": "item"}


def date_label(date: dt.date | None) -> str:
    """A meeting date as minutes write it (16-01-2020); "?" when unknown."""
    return date.strftime("%d-%m-%Y") if date else "?"


def item_label(ref: ItemRef, language: str = "da") -> str:
    """Date, body, item number, title and case number of an item, for people; what a document
    does not state is left out (an application has no meeting: `"Klimaprosess"`, not
    `?, ? "Klimaprosess"`)."""
    where = [date_label(ref.meeting_date)] if ref.meeting_date else []
    where += [ref.body] if ref.body else []
    if ref.item_number:
        where.append(f"{ITEM_WORD.get(language, 'punkt')} {ref.item_number}")
    case = f" ({ref.case_number})" if ref.case_number else ""
    head = f"{', '.join(where)} " if where else ""
    return f'{head}"{ref.item_title}"{case}'
