"""The FastAPI app: JSON API under /v1, the chat page at /, the widget at /widget.js.

Library errors reach callers through one handler, as a status code and `{"detail": message}`
(api/problems.py); refusals before the app reads a request come from its middleware.
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

from api import docs
from api.deps import Services
from api.edge import AccessLog, SecurityHeaders
from api.gate import Gate
from api.limits import BodyLimit, RateLimiter
from api.problems import error_response
from api.routes import answers, documents, health, icons
from api.routes import archive as archive_routes
from api.routes import sync as sync_routes
from api.routes import watches as watch_routes
from api.routing import template
from assistant.archive import Archive
from assistant.errors import ReferatError
from assistant.keys import KeyStore
from assistant.llm import ChatModel
from assistant.settings import Settings

__all__ = ["create_app"]

log = logging.getLogger(__name__)
STATIC = Path(str(files("api").joinpath("static")))


def create_app(settings: Settings | None = None, archive: Archive | None = None) -> FastAPI:
    """The app for one archive; opens it (and closes it) itself unless one is given.

    It opens its own archive and keys here, before any server starts: a missing or damaged
    data dir then stops `referat serve` with one line naming the fix, not a startup traceback.
    """
    settings = settings or Settings()
    own = _open_archive(settings) if archive is None else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened, keys = own or (archive, KeyStore(settings.data_dir))
        assert opened is not None
        model = ChatModel(settings) if settings.llm_base_url else None
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
        if own is not None:
            opened.close()

    app = FastAPI(
        title="Referat",
        version="0.1.0",
        summary="Answers over municipal meeting minutes, citing meeting and agenda item.",
        lifespan=lifespan,
        # /docs is served from this server (api/docs.py): FastAPI's pages load from a CDN
        docs_url=None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    # outermost last: the log sees every answer; CORS answers preflights before the gate;
    # the gate settles who is asking before the body limit lets the app read anything
    app.add_middleware(
        BodyLimit,
        json_bytes=settings.max_body_kb * 1024,
        upload_bytes=int(settings.max_upload_mb * 1024 * 1024),
        read_timeout=settings.read_timeout,
    )
    app.add_middleware(Gate)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
        )
    app.add_middleware(SecurityHeaders, frame_origins=settings.cors_origins)
    app.add_middleware(AccessLog)

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
        response = error_response(error, request.headers.get("accept-language"))
        if response.status_code >= 500:
            # the route pattern only: questions may be personal data and are never logged
            log.error("%s %s failed: %s", request.method, template(request.scope), error)
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        # a bug, not the caller's fault: the JSON error shape all the same, the details in
        # the log (the route pattern only, as above)
        log.exception("%s %s failed unexpectedly", request.method, template(request.scope))
        detail = "internal error: the server could not answer; the log says why"
        return JSONResponse({"detail": detail}, status_code=500)

    for router in (
        answers.router, archive_routes.router, documents.router, health.router, docs.router,
        icons.router,
    ):  # fmt: skip
        app.include_router(router)
    app.include_router(watch_routes.router)
    app.include_router(sync_routes.router)

    @app.get("/", include_in_schema=False)
    def chat_page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/widget.js", include_in_schema=False)
    def widget() -> FileResponse:
        return FileResponse(STATIC / "widget.js", media_type="text/javascript")

    return app


def _open_archive(settings: Settings) -> tuple[Archive, KeyStore]:
    """The archive and keys a server works on, each checked as it opens."""
    opened = Archive.open(settings, access="serve")
    try:
        keys = KeyStore(settings.data_dir)
    except BaseException:
        opened.close()
        raise
    if opened.is_empty():
        log.warning(
            "the archive at %s is empty: fill it with `referat ingest PATH...` or upload "
            "documents (POST /v1/documents)",
            settings.data_dir,
        )
    return opened, keys
