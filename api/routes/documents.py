"""Adding and removing source documents over HTTP."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile

from api.deps import ServicesDep, Writer
from api.schemas import ERRORS, DeletedPublic, DocumentPublic
from assistant.errors import InputError, NotFoundError
from ingest.fallback import fallback_line, fell_back
from ingest.pipeline import IngestOptions, ingest_source
from ingest.source import SourceFile

__all__ = ["router", "safe_name"]

router = APIRouter(prefix="/v1", responses=ERRORS, tags=["documents"])


def _visible(name: str) -> str:
    # format characters (right-to-left override, zero-width space) make a name read as another
    # ("invoice\u202efdp.exe"): dropped; control characters become "_" as before
    kept = (c for c in name if unicodedata.category(c) != "Cf")
    return "".join("_" if unicodedata.category(c) == "Cc" else c for c in kept)


def safe_name(name: str) -> str:
    """The file name to store a document under: a basename, no control, format or path
    characters."""
    base = PurePath(_visible(name).replace("\\", "/")).name
    base = re.sub(r"[/:*?\"<>|]", "_", base).strip(" .")
    if not base:
        raise InputError(name or "(no name)", "the upload has no usable file name: name the file")
    return base[:200]


def _renamed(original: str, name: str) -> list[str]:
    hidden = sorted(
        {f"U+{ord(c):04X}" for c in original if unicodedata.category(c) in ("Cf", "Cc")}
    )
    if not hidden:
        return []
    return [
        f"the file name held invisible or control characters ({', '.join(hidden[:5])}): "
        f"stored as {name!r}"
    ]


@router.post(
    "/documents",
    response_model=DocumentPublic,
    # `opened` and `notes` appear only when there is something to say
    response_model_exclude_defaults=True,
    status_code=201,
    summary="Upload a document and ingest it",
)
def upload_document(
    services: ServicesDep,
    who: Writer,
    file: Annotated[UploadFile, File(description="Minutes: PDF, HTML, JSON or text")],
    municipality: Annotated[str | None, Form(max_length=200)] = None,
    body: Annotated[str | None, Form(max_length=200)] = None,
    closed: Annotated[
        bool | None,
        Form(
            description="true marks every item closed. false opens a document stored closed, "
            "with the admin scope only; without it, or when left out, a closed document stays "
            "closed."
        ),
    ] = None,
) -> DocumentPublic:
    """Stored whole or not at all; the same file again changes nothing."""
    may_open = who.may("admin")
    # a closed=false without the admin scope keeps what is stored, like leaving it out
    wanted = None if closed is False and not may_open else closed
    options = IngestOptions.for_request(services.settings, municipality, body, wanted)
    original = file.filename or ""
    name = safe_name(original)
    source = SourceFile(name=name, data=file.file.read())
    archive = services.archive
    outcome = ingest_source(archive, source, options, services.write_lock)
    notes = _renamed(original, name)
    if closed is False and outcome.was_closed and not outcome.opened and who.sees_closed:
        why = "its text marks every item closed" if may_open else "opening it needs the admin scope"
        notes.append(f"the document stays closed: {why}")
    if outcome.opened:
        notes.append("the document was closed and is open now, except items its text marks closed")
    # a key that may not see closed items learns nothing of a closed document stored before
    hide = outcome.was_closed and not who.sees_closed
    if outcome.stored is None:
        record = archive.document(name)
        assert record is not None
        if fell_back(record.reader):  # said as for a new upload: "unchanged" may be hidden
            notes.append(fallback_line(name, record.items))
        return DocumentPublic(
            source=name, status="stored" if hide else "unchanged", meetings=record.meetings,
            items=record.items, chunks=record.chunks, notes=notes,
        )  # fmt: skip
    archive.lexical()  # the writer rebuilds the word index, not the next question
    result = outcome.stored
    if fell_back(outcome.reader):
        notes.append(fallback_line(name, result.items))
    return DocumentPublic(
        source=name,
        status="replaced" if result.replaced and not hide else "stored",
        meetings=result.meetings,
        items=result.items,
        chunks=result.chunks,
        opened=outcome.opened,
        notes=notes,
    )


@router.delete("/documents/{source}", response_model=DeletedPublic, summary="Remove a document")
def delete_document(source: str, services: ServicesDep, who: Writer) -> DeletedPublic:
    """Removes the document, its meetings, items and chunks everywhere. A document of closed
    items only is not there for a key without the `closed` scope: the same 404 as a name the
    archive does not hold, and nothing is removed."""
    with services.write_lock:
        if not services.archive.holds_document(source, who.sees_closed):
            raise NotFoundError(
                f"no document named {source!r} in the archive: `referat stats --json` and "
                "`GET /v1/meetings` list what is there"
            )
        chunks = services.archive.delete(source)
    services.archive.lexical()  # the writer rebuilds the word index, not the next question
    return DeletedPublic(source=source, chunks=chunks)
