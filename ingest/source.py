"""A source file as read once from disk: name, bytes, and its text decoded on demand."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from charset_normalizer import from_bytes

from assistant.errors import EmptyDocumentError, EncodingError

__all__ = ["SourceFile", "decode_text"]

# Minutes in the wild come as UTF-8 (with or without BOM), Windows-1252 or Latin-1.
_FALLBACK_ENCODINGS = ("cp1252", "latin-1")
# A character a reader can see: not whitespace, a control character (NUL …) or an invisible
# format character (BOM, zero-width space, direction marks).
_VISIBLE = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def decode_text(name: str, data: bytes) -> str:
    """Decode bytes to text: UTF-8 first, then a detected legacy encoding."""
    if not data.strip():
        raise EmptyDocumentError(name)
    text = _decode(name, data)
    if _VISIBLE.search(text) is None:
        raise EmptyDocumentError(
            name, "the file holds no text (only blank, NUL or invisible characters)"
        )
    return text


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        if "\x00" not in text:
            return text
    for encoding in _FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise EncodingError(name)


@dataclass(frozen=True)
class SourceFile:
    """One file to ingest. `data` is read once; readers never touch the disk again."""

    name: str
    data: bytes
    path: Path | None = field(default=None, compare=False)

    @classmethod
    def from_path(cls, path: Path) -> SourceFile:
        return cls(name=path.name, data=path.read_bytes(), path=path)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @cached_property
    def text(self) -> str:
        """The file decoded as text (raises EmptyDocumentError / EncodingError)."""
        return decode_text(self.name, self.data)

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    def head(self, size: int = 4096) -> bytes:
        """The first bytes, for sniffing the format without decoding everything."""
        return self.data[:size].lstrip(b"\xef\xbb\xbf \t\r\n")
