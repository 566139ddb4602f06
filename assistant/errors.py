"""Every error Referat raises on purpose, each with a message a person can act on.

    ReferatError
    ├── InputError                 a source document cannot be ingested (the batch goes on)
    │   ├── EmptyDocumentError
    │   ├── EncodingError
    │   ├── UnsupportedFormatError
    │   │   └── LegacyWordError    a Word 97 (.doc) file: save it as DOCX or PDF
    │   ├── UnsafeXmlError         an XML with entities or a DTD to fetch (never expanded)
    │   ├── IncompleteExportError  an export XML without the files that hold its text
    │   ├── ScannedPdfError
    │   ├── EncryptedPdfError
    │   ├── CorruptDocumentError
    │   ├── DocumentTooComplexError nested deeper than minutes ever are (HTML, JSON)
    │   ├── ReadTimeoutError       reading took longer than the time budget
    │   ├── ReaderFailedError      a reader broke on the file (a bug or a hostile file)
    │   ├── NoContentError         parsed, but nothing that looks like minutes or text
    │   └── WebhookTargetError     a watch's webhook URL that may not be called
    ├── NotFoundError              a source, meeting, item or case that is not in the archive
    ├── ArchiveStateError          the data dir cannot be used as it is; says which command helps
    │   ├── ArchiveMissingError    no archive there: `referat ingest`
    │   ├── ArchiveEmptyError      an archive holding nothing: `referat ingest`
    │   ├── CatalogDamagedError    the source of truth is damaged or lost: re-ingest the files
    │   ├── IndexDamagedError      a derived index (vectors, words, cache): `referat repair`
    │   ├── KeysDamagedError       keys.sqlite (not derived): move it aside, create keys again
    │   └── WatchesDamagedError    watches.sqlite (not derived): move it aside, watch again
    ├── EmbedderMismatchError      the index was built by another embedder
    ├── LanguageModelError         the configured chat endpoint failed (answers fall back)
    ├── AccessError                who is asking, and may they? (the API's 401/403/408/413/429)
    │   ├── AuthenticationError
    │   ├── PermissionDeniedError
    │   ├── TooLargeError
    │   ├── TooSlowError
    │   └── RateLimitedError
    ├── ConfigurationError         settings that cannot work
    ├── PortalError                an agenda portal could not be read (`referat sync`)
    └── SyncRunningError           another sync of this archive is running

The CLI turns these into a message and an exit code; the API into a status code and JSON.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AccessError",
    "ArchiveEmptyError",
    "ArchiveMissingError",
    "ArchiveStateError",
    "AuthenticationError",
    "CatalogDamagedError",
    "ConfigurationError",
    "CorruptDocumentError",
    "DocumentTooComplexError",
    "EmbedderMismatchError",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedPdfError",
    "IncompleteExportError",
    "IndexDamagedError",
    "InputError",
    "KeysDamagedError",
    "LanguageModelError",
    "LegacyWordError",
    "NoContentError",
    "NotFoundError",
    "PermissionDeniedError",
    "PortalError",
    "RateLimitedError",
    "ReadTimeoutError",
    "ReaderFailedError",
    "ReferatError",
    "ScannedPdfError",
    "SyncRunningError",
    "TooLargeError",
    "TooSlowError",
    "UnsafeXmlError",
    "UnsupportedFormatError",
    "WatchesDamagedError",
    "WebhookTargetError",
]


class ReferatError(Exception):
    """Base of all deliberate errors; `str(error)` is the message for a person."""


class InputError(ReferatError):
    """A source document that cannot be ingested; says what to do about it."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        # files are read in a worker process: the error crosses a pipe with its own class,
        # whose constructor takes other arguments than (source, reason)
        return _restore, (type(self), self.source, self.reason)

    def named(self, source: str) -> InputError:
        """The same error for the file `source` (helpers that never see a name raise with "")."""
        return _restore(type(self), source, self.reason)


def _restore(kind: type[InputError], source: str, reason: str) -> InputError:
    error = kind.__new__(kind)
    InputError.__init__(error, source, reason)
    return error


class EmptyDocumentError(InputError):
    def __init__(self, source: str, what: str = "the file is empty") -> None:
        super().__init__(source, f"{what}: export the minutes again and re-ingest")


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
            f"unsupported file type ({what}): convert it to PDF, DOCX, HTML, JSON or plain text",
        )


class LegacyWordError(UnsupportedFormatError):
    def __init__(self, source: str) -> None:
        InputError.__init__(
            self,
            source,
            "Word 97 file (.doc), an old binary format Referat cannot read: open it in Word or "
            "LibreOffice, save it as DOCX or PDF, and ingest that",
        )


class IncompleteExportError(InputError):
    def __init__(self, source: str, missing: str) -> None:
        super().__init__(
            source,
            f"the export came without the files that hold its text ({missing}): ingest the "
            "export's whole folder, with the files its XML names",
        )


class UnsafeXmlError(InputError):
    def __init__(self, source: str, what: str) -> None:
        super().__init__(
            source,
            f"the XML {what}, which Referat never expands or fetches (entities can exhaust "
            "memory, external references can read other files): export it again from the "
            "system that made it, without a DOCTYPE",
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


class DocumentTooComplexError(InputError):
    def __init__(self, source: str, what: str) -> None:
        super().__init__(
            source,
            f"{what}, deeper than any minutes are: the file is probably damaged or generated; "
            "export it again (as PDF or plain text) and re-ingest",
        )


class ReadTimeoutError(InputError):
    def __init__(self, source: str, seconds: float) -> None:
        super().__init__(
            source,
            f"reading the file took longer than {seconds:g} s and was stopped: it is unusually "
            "large or malformed; split or re-export it, or raise REFERAT_INGEST_FILE_TIMEOUT",
        )


class ReaderFailedError(InputError):
    def __init__(self, source: str, detail: str) -> None:
        super().__init__(
            source,
            f"the file could not be read ({detail}): check that it opens and is minutes; if "
            "it is, report it with the file attached",
        )


class NoContentError(InputError):
    def __init__(self, source: str) -> None:
        super().__init__(
            source,
            "no text found in the document: check that it is the minutes and not a cover page",
        )


class NotFoundError(ReferatError):
    """Something asked for by name is not in the archive."""


class ArchiveStateError(ReferatError):
    """The data dir cannot be used as it is; the message names what to run."""


class ArchiveMissingError(ArchiveStateError):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"no archive at {data_dir}: fill one with `referat --data-dir {data_dir} ingest "
            "PATH...`, or point --data-dir / REFERAT_DATA_DIR at an existing archive"
        )


class ArchiveEmptyError(ArchiveStateError):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"the archive at {data_dir} is empty: fill it with `referat --data-dir {data_dir} "
            "ingest PATH...` (files or folders of minutes)"
        )


class CatalogDamagedError(ArchiveStateError):
    def __init__(self, path: Path, problem: str) -> None:
        self.problem = problem
        super().__init__(
            f"the catalog {path} {problem}: it is the archive's source of truth and cannot be "
            "rebuilt from the indexes — restore it from a backup, or move it aside and "
            "re-ingest the source files (`referat ingest PATH...`)"
        )


class IndexDamagedError(ArchiveStateError):
    def __init__(self, what: str, problem: str) -> None:
        self.problem = problem
        super().__init__(f"{what} {problem}: run `referat repair` to rebuild it from the catalog")


class KeysDamagedError(ArchiveStateError):
    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(
            f"the API keys file {path} {problem}: keys are not derived and cannot be rebuilt — "
            f"move it aside (`mv {path} {path}.damaged`) and create the keys again with "
            "`referat keys create NAME --scope SCOPES`"
        )


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


class TooSlowError(AccessError):
    """A request body that stopped arriving (a stalled or deliberately slow client)."""


class RateLimitedError(AccessError):
    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many requests: wait {retry_after} s and try again")


class ConfigurationError(ReferatError):
    """Settings that cannot work; the message names the setting."""


class PortalError(ReferatError):
    """An agenda portal that cannot be read; says which URL and what to try."""

    def __init__(self, url: str, problem: str) -> None:
        self.url = url
        self.problem = problem
        super().__init__(f"the agenda portal at {url} {problem}")


class SyncRunningError(ReferatError):
    def __init__(self, since: str | None) -> None:
        started = f" (started {since})" if since else ""
        super().__init__(
            f"another sync of this archive is running{started}: wait for it to finish "
            "(`GET /v1/sync` shows it) or stop it, then sync again; an interrupted sync "
            "resumes where it stopped"
        )


class WebhookTargetError(InputError):
    """A watch's webhook URL that Referat may not call."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(url, reason)


class WatchesDamagedError(ArchiveStateError):
    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(
            f"the watches file {path} {problem}: watches are not derived and cannot be "
            f"rebuilt — move it aside (`mv {path} {path}.damaged`) and add the watches again "
            "with `referat watch add` or `POST /v1/watches`"
        )
