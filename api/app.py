"""The FastAPI app: JSON API under /v1, the chat page at /, the widget at /widget.js.

Library errors reach callers through one handler, as a status code and `{"detail": message}`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.deps import Services
from api.limits import BodyLimit, RateLimiter
from api.routes import answers, documents, health
from api.routes import archive as archive_routes
from assistant.archive import Archive
from assistant.errors import (
    AuthenticationError,
    ConfigurationError,
    EmbedderMismatchError,
    InputError,
    LanguageModelError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ReferatError,
    TooLargeError,
)
from assistant.keys import KeyStore
from assistant.llm import ChatModel
from assistant.settings import Settings

__all__ = ["create_app"]

log = logging.getLogger(__name__)
STATIC = Path(str(files("api").joinpath("static")))

_STATUS: list[tuple[type[ReferatError], int]] = [
    (AuthenticationError, 401),
    (PermissionDeniedError, 403),
    (TooLargeError, 413),
    (RateLimitedError, 429),
    (NotFoundError, 404),
    (InputError, 422),
    (LanguageModelError, 502),
    (EmbedderMismatchError, 500),
    (ConfigurationError, 500),
]


def create_app(settings: Settings | None = None, archive: Archive | None = None) -> FastAPI:
    """The app for one archive; opens it (and closes it) itself unless one is given."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = archive or Archive.open(settings)
        model = ChatModel(settings) if settings.llm_base_url else None
        keys = KeyStore(settings.data_dir)
        app.state.services = Services(
            settings=settings,
            archive=opened,
            keys=keys,
            limiter=RateLimiter(settings.rate_limit_per_minute),
            chat_model=model,
        )
        opened.lexical()  # build the lexical index before the first question, not during it
        # requests beyond this many wait their turn instead of sharing the cores (and Python's
        # one lock) with dozens of others: under load, every request finishes sooner
        to_thread.current_default_thread_limiter().total_tokens = settings.request_threads
        yield
        keys.close()
        if archive is None:
            opened.close()

    app = FastAPI(
        title="Referat",
        version="0.1.0",
        summary="Answers over municipal meeting minutes, citing meeting and agenda item.",
        lifespan=lifespan,
    )
    app.add_middleware(
        BodyLimit,
        json_bytes=settings.max_body_kb * 1024,
        upload_bytes=int(settings.max_upload_mb * 1024 * 1024),
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}"
            for e in error.errors()
        ]
        detail = "invalid request: " + "; ".join(problems[:3])
        errors = jsonable_encoder(error.errors(), exclude={"input", "ctx", "url"})
        return JSONResponse({"detail": detail, "errors": errors}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error.detail)}, status_code=error.status_code, headers=error.headers
        )

    @app.exception_handler(ReferatError)
    async def referat_error(request: Request, error: ReferatError) -> JSONResponse:
        status = next((code for kind, code in _STATUS if isinstance(error, kind)), 500)
        if status >= 500:
            # the path only: questions may be personal data and are never logged
            log.error("%s %s failed: %s", request.method, request.url.path, error)
        headers = {}
        if isinstance(error, RateLimitedError):
            headers["Retry-After"] = str(error.retry_after)
        if isinstance(error, AuthenticationError):
            headers["WWW-Authenticate"] = "Bearer"
        return JSONResponse({"detail": str(error)}, status_code=status, headers=headers)

    for router in (answers.router, archive_routes.router, documents.router, health.router):
        app.include_router(router)

    @app.get("/", include_in_schema=False)
    def chat_page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/widget.js", include_in_schema=False)
    def widget() -> FileResponse:
        return FileResponse(STATIC / "widget.js", media_type="text/javascript")

    return app
