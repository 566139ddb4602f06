"""A file no specific reader recognised: read by the general fallback at the registry's end.

Ingest and `referat inspect` say so per file, so a user notices a layout that needs attention.
"""

from __future__ import annotations

from ingest.readers.registry import TEXT_READERS

__all__ = ["fallback_line", "fell_back"]


def fell_back(reader: str | None) -> bool:
    """Whether a reader label ("generic", "pdf+generic", …) names the general fallback."""
    # the last text reader accepts any text: it is the fallback, whatever it is called
    return reader is not None and reader.split("+")[-1] == TEXT_READERS[-1].label


def fallback_line(name: str, items: int, hint: bool = True) -> str:
    """The one line that tells a user to check a file read by the fallback."""
    line = f"{name}: no known layout — split by the general segmenter into {items} item(s)"
    return f"{line}; check with `referat inspect {name}`" if hint else line
