"""The contract every text reader fulfils."""

from __future__ import annotations

from typing import Protocol

from assistant.model import Meeting

__all__ = ["TextReader"]


class TextReader(Protocol):
    """Turns one text format (JSON, HTML, plain text, text extracted from a PDF) into meetings.

    `accepts` sniffs the content (never trusts the file name alone) and must be cheap;
    `read` parses and raises an `assistant.errors.InputError` subclass for bad input.
    `name` is the source's basename: it goes into `Meeting.source`.
    Unknown values stay None: a reader never invents a date, body or number.
    """

    label: str

    def accepts(self, text: str, name: str) -> bool: ...

    def read(self, text: str, name: str) -> list[Meeting]: ...
