"""GET /favicon.ico: the icon every browser asks for, on the chat page and on /docs alike."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

__all__ = ["router"]

ICON = Path(str(files("api").joinpath("static", "favicon.ico")))

router = APIRouter(include_in_schema=False)


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    # a day's caching: browsers ask again on every page otherwise
    return FileResponse(
        ICON, media_type="image/x-icon", headers={"Cache-Control": "public, max-age=86400"}
    )
