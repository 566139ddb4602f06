"""Adding and removing source documents over HTTP."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile

from api.deps import ServicesDep, Writer
from api.schemas import ERRORS, DeletedPublic, DocumentPublic
from assistant.errors import InputError
from ingest.pipeline import IngestOptions, ingest_source
from ingest.source import SourceFile

__all__ = ["router", "safe_name"]

router = APIRouter(prefix="/v1", responses=ERRORS, tags=["documents"])


def safe_name(name: str) -> str:
    """The file name to store a document under: a basename, no control or path characters."""
    base = PurePath(name.replace("\\", "/")).name
    base = re.sub(r"[\x00-\x1f\x7f/:*?\"<>|]", "_", base).strip(" .")
    if not base:
        raise InputError(name or "(no name)", "the upload has no usable file name: name the file")
    return base[:200]


@router.post(
    "/documents",
    response_model=DocumentPublic,
    status_code=201,
    summary="Upload a document and ingest it",
)
def upload_document(
    services: ServicesDep,
    who: Writer,
    file: Annotated[UploadFile, File(description="Minutes: PDF, HTML, JSON or text")],
    municipality: Annotated[str | None, Form(max_length=200)] = None,
    body: Annotated[str | None, Form(max_length=200)] = None,
    closed: Annotated[bool, Form(description="Mark every item closed.")] = False,
) -> DocumentPublic:
    """Stored whole or not at all; the same file again changes nothing."""
    options = IngestOptions.for_request(services.settings, municipality, body, closed)
    name = safe_name(file.filename or "")
    source = SourceFile(name=name, data=file.file.read())
    archive = services.archive
    with services.write_lock:
        replaced = archive.document(name) is not None
        result = ingest_source(archive, source, options)
    if result is None:
        record = archive.document(name)
        assert record is not None
        return DocumentPublic(
            source=name, status="unchanged", meetings=record.meetings, items=record.items,
            chunks=record.chunks,
        )  # fmt: skip
    archive.lexical()  # the writer rebuilds the word index, not the next question
    return DocumentPublic(
        source=name,
        status="replaced" if replaced else "stored",
        meetings=result.meetings,
        items=result.items,
        chunks=result.chunks,
    )


@router.delete("/documents/{source}", response_model=DeletedPublic, summary="Remove a document")
def delete_document(source: str, services: ServicesDep, who: Writer) -> DeletedPublic:
    """Removes the document, its meetings, items and chunks everywhere."""
    with services.write_lock:
        chunks = services.archive.delete(source)
    services.archive.lexical()  # the writer rebuilds the word index, not the next question
    return DeletedPublic(source=source, chunks=chunks)
