"""GET /healthz: is the service up, and what does the archive hold?"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import ServicesDep

__all__ = ["router"]

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    embedder: str
    generative: bool


@router.get("/healthz", response_model=Health, summary="Liveness and configuration")
def healthz(services: ServicesDep) -> Health:
    return Health(
        status="ok",
        embedder=services.archive.embedder_name,
        generative=services.chat_model is not None,
    )
