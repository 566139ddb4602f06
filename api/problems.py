"""Errors as HTTP responses: one status table and one JSON shape for the exception handler
and for the middleware that refuses requests before the app sees them.

Every error is `{"detail": what to do, for a developer}`; refusals a page shows to a person
(401, 403, 408, 413, 429) also carry `"message"`: the same, short, in the request's language
(Accept-Language: da, nb/nn/no or en).
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from assistant.errors import (
    ArchiveStateError,
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
    TooSlowError,
)

__all__ = ["error_response", "language", "refuse", "status_of"]

_STATUS: list[tuple[type[ReferatError], int]] = [
    (AuthenticationError, 401),
    (PermissionDeniedError, 403),
    (TooSlowError, 408),
    (TooLargeError, 413),
    (RateLimitedError, 429),
    (NotFoundError, 404),
    (InputError, 422),
    (LanguageModelError, 502),
    (ArchiveStateError, 503),  # a damaged archive: `referat check` / `repair` say what to do
    (EmbedderMismatchError, 500),
    (ConfigurationError, 500),
]

_LANGUAGES = {"da": "da", "nb": "nb", "nn": "nb", "no": "nb", "en": "en"}

_MESSAGES: dict[type[ReferatError], dict[str, str]] = {
    AuthenticationError: {
        "da": "Arkivet kræver en gyldig adgangsnøgle: indtast den nøgle, du har fået af "
        "administratoren.",
        "nb": "Arkivet krever en gyldig tilgangsnøkkel: skriv inn nøkkelen du har fått av "
        "administratoren.",
        "en": "This archive needs a valid access key: enter the key your administrator gave you.",
    },
    PermissionDeniedError: {
        "da": "Din nøgle giver ikke adgang til dette.",
        "nb": "Nøkkelen din gir ikke tilgang til dette.",
        "en": "Your key does not give access to this.",
    },
    TooSlowError: {
        "da": "Forespørgslen kom for langsomt frem: prøv igen.",
        "nb": "Forespørselen kom for sakte fram: prøv igjen.",
        "en": "The request arrived too slowly: try again.",
    },
    TooLargeError: {
        "da": "Forespørgslen er for stor.",
        "nb": "Forespørselen er for stor.",
        "en": "The request is too large.",
    },
    RateLimitedError: {
        "da": "For mange forespørgsler: vent {seconds} sekunder, og prøv igen.",
        "nb": "For mange forespørsler: vent {seconds} sekunder og prøv igjen.",
        "en": "Too many requests: wait {seconds} seconds and try again.",
    },
}


def status_of(error: ReferatError) -> int:
    """The HTTP status for a library error (500 for one the table does not name)."""
    return next((code for kind, code in _STATUS if isinstance(error, kind)), 500)


def language(accept_language: str | None) -> str:
    """The best of da, nb and en by the Accept-Language header (en when none fits)."""
    best, best_q = "en", 0.0
    for part in (accept_language or "").split(","):
        tag, _, params = part.partition(";")
        chosen = _LANGUAGES.get(tag.strip().lower().split("-")[0])
        if chosen is None:
            continue
        q = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                q = float(value)
            except ValueError:
                continue
        if q > best_q:
            best, best_q = chosen, q
    return best


def error_response(error: ReferatError, accept_language: str | None = None) -> JSONResponse:
    """The JSON response for a library error."""
    body: dict[str, str] = {"detail": str(error)}
    headers: dict[str, str] = {}
    texts = next((t for kind, t in _MESSAGES.items() if isinstance(error, kind)), None)
    if texts is not None:
        chosen = language(accept_language)
        seconds = error.retry_after if isinstance(error, RateLimitedError) else 0
        body["message"] = texts[chosen].format(seconds=seconds)
        headers["Content-Language"] = chosen
        headers["Vary"] = "Accept-Language"
    if isinstance(error, RateLimitedError):
        headers["Retry-After"] = str(error.retry_after)
    if isinstance(error, AuthenticationError):
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body, status_code=status_of(error), headers=headers)


async def refuse(error: ReferatError, scope: Scope, receive: Receive, send: Send) -> None:
    """Answer a request with an error without reading its body (for middleware)."""
    headers = Headers(scope=scope)
    response = error_response(error, headers.get("accept-language"))
    if headers.get("content-length", "0") != "0" or "transfer-encoding" in headers:
        # the body was never read: closing is the only way to not read it now (keep-alive
        # would have the server take in the rest, up to 50 MB, just to find the next request)
        response.headers["Connection"] = "close"
    await response(scope, receive, send)
