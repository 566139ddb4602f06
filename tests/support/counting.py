"""Counters for how often one request re-reads its question or the word index."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest

from assistant import question as question_module
from assistant.archive import Archive


def count_reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts of `analyse` calls (wherever it was imported) and `Archive.lexical` calls."""
    counts = {"analyse": 0, "lexical": 0}
    analyse, lexical = question_module.analyse, Archive.lexical

    def counted(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counts[name] += 1
            return function(*args, **kwargs)

        return wrapper

    for module in list(sys.modules.values()):
        name = getattr(module, "__name__", "")
        if name.startswith(("assistant", "api")) and getattr(module, "analyse", None) is analyse:
            monkeypatch.setattr(module, "analyse", counted("analyse", analyse))
    monkeypatch.setattr(Archive, "lexical", counted("lexical", lexical))
    return counts
