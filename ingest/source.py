"""A source file as read once from disk: name, bytes, its text decoded on demand, and for the
lead XML of an ESDH export the files of its bundle."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from charset_normalizer import from_bytes

from assistant.errors import EmptyDocumentError, EncodingError
from ingest.readers.esdh.manifest import bundle_paths

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
    """One file to ingest. `data` is read once; readers never touch the disk again.

    An export's lead XML comes with `companions`: the files of its bundle (item PDFs,
    minutes, attachments), named by their path relative to the lead's folder.
    """

    name: str
    data: bytes
    path: Path | None = field(default=None, compare=False)
    companions: tuple[SourceFile, ...] = ()

    @classmethod
    def from_path(cls, path: Path) -> SourceFile:
        data = path.read_bytes()
        companions = tuple(
            cls(name=part.relative_to(path.parent).as_posix(), data=part.read_bytes(), path=part)
            for part in bundle_paths(path, data)
        )
        return cls(name=path.name, data=data, path=path, companions=companions)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @cached_property
    def identity(self) -> bytes:
        """What the stored version is computed from: the bytes, and those of the bundle."""
        if not self.companions:
            return self.data
        # a changed item PDF or attachment must re-read the bundle its lead heads
        parts = (f"{part.name}\x00{part.sha256}" for part in self.companions)
        return self.data + b"\x00bundle\x00" + "\x00".join(parts).encode()

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
