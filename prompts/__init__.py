"""Prompt templates as text files, one per language (da, no, en), loaded as package data."""

from __future__ import annotations

from importlib.resources import files

__all__ = ["system_prompt"]


def system_prompt(language: str) -> str:
    """The system prompt for answers in `language` ('da', 'no' or 'en'; Danish otherwise)."""
    name = f"{language}.txt" if language in ("da", "no", "en") else "da.txt"
    return files(__name__).joinpath(name).read_text(encoding="utf-8")
