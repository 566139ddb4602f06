"""Every error Referat raises on purpose, each with a message a person can act on.

    ReferatError
    ├── InputError                 a source document cannot be ingested (the batch goes on)
    │   ├── EmptyDocumentError
    │   ├── EncodingError
    │   ├── UnsupportedFormatError
    │   ├── ScannedPdfError
    │   ├── EncryptedPdfError
    │   ├── CorruptDocumentError
    │   └── NoContentError         parsed, but nothing that looks like minutes or text
    ├── NotFoundError              a source, meeting, item or case that is not in the archive
    ├── EmbedderMismatchError      the index was built by another embedder
    ├── LanguageModelError         the configured chat endpoint failed (answers fall back)
    ├── AccessError                who is asking, and may they? (the API's 401/403/413/429)
    │   ├── AuthenticationError
    │   ├── PermissionDeniedError
    │   ├── TooLargeError
    │   └── RateLimitedError
    └── ConfigurationError         settings that cannot work

The CLI turns these into a message and an exit code; the API into a status code and JSON.
"""

from __future__ import annotations

__all__ = [
    "AccessError",
    "AuthenticationError",
    "ConfigurationError",
    "CorruptDocumentError",
    "EmbedderMismatchError",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedPdfError",
    "InputError",
    "LanguageModelError",
    "NoContentError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitedError",
    "ReferatError",
    "ScannedPdfError",
    "TooLargeError",
    "UnsupportedFormatError",
]


class ReferatError(Exception):
    """Base of all deliberate errors; `str(error)` is the message for a person."""


class InputError(ReferatError):
    """A source document that cannot be ingested; says what to do about it."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class EmptyDocumentError(InputError):
    def __init__(self, source: str) -> None:
        super().__init__(source, "the file is empty: export the minutes again and re-ingest")


class EncodingError(InputError):
    def __init__(self, source: str) -> None:
        super().__init__(
            source,
            "the text encoding could not be recognised: save the file as UTF-8 and re-ingest",
        )


class UnsupportedFormatError(InputError):
    def __init__(self, source: str, what: str) -> None:
        super().__init__(
            source,
            f"unsupported file type ({what}): convert it to PDF, HTML, JSON or plain text",
        )


class ScannedPdfError(InputError):
    def __init__(self, source: str, pages: int) -> None:
        super().__init__(
            source,
            f"scanned PDF without a text layer ({pages} pages, no text): run OCR first "
            "(e.g. `ocrmypdf in.pdf out.pdf`) or ingest the text version",
        )


class EncryptedPdfError(InputError):
    def __init__(self, source: str) -> None:
        super().__init__(
            source,
            "the PDF is encrypted (password protected): save an unprotected copy and re-ingest",
        )


class CorruptDocumentError(InputError):
    def __init__(self, source: str, detail: str) -> None:
        super().__init__(
            source,
            f"the file is damaged and cannot be read ({detail}): download or export it again",
        )


class NoContentError(InputError):
    def __init__(self, source: str) -> None:
        super().__init__(
            source,
            "no text found in the document: check that it is the minutes and not a cover page",
        )


class NotFoundError(ReferatError):
    """Something asked for by name is not in the archive."""


class EmbedderMismatchError(ReferatError):
    def __init__(self, index_embedder: str, query_embedder: str) -> None:
        super().__init__(
            f"the index was built with embedder {index_embedder!r} but {query_embedder!r} is "
            "configured: set REFERAT_EMBEDDER to the index's embedder, or re-ingest into an "
            "empty data dir"
        )


class LanguageModelError(ReferatError):
    """The chat endpoint did not answer usefully; callers fall back to the extractive answer."""


class AccessError(ReferatError):
    """A request the API refuses before doing anything."""


class AuthenticationError(AccessError):
    """No key, or a key the archive does not know."""


class PermissionDeniedError(AccessError):
    """A valid key without the scope the request needs."""


class TooLargeError(AccessError):
    """A request body or upload over the configured limit."""


class RateLimitedError(AccessError):
    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many requests: wait {retry_after} s and try again")


class ConfigurationError(ReferatError):
    """Settings that cannot work; the message names the setting."""
