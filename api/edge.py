"""What every response gets on its way out: security headers, and one access-log line that
names the route's pattern, never the values a client put in the path or the query."""

from __future__ import annotations

import logging

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.routing import route_of, template

__all__ = ["ACCESS_LOG", "AccessLog", "SecurityHeaders", "content_security_policy"]

ACCESS_LOG = "referat.access"
log = logging.getLogger(ACCESS_LOG)


def content_security_policy(frame_origins: list[str]) -> str:
    """Only the server's own scripts run on its pages (the chat page, the widget, /docs)."""
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            # the widget styles its shadow DOM with a <style> element it writes itself; a style
            # cannot run code, and pinning it by hash would break with every widget change
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            " ".join(("frame-ancestors 'self'", *frame_origins)),
        )
    )


class SecurityHeaders:
    """Adds the content security policy and no-sniffing to every response."""

    def __init__(self, app: ASGIApp, frame_origins: list[str]) -> None:
        self.app = app
        self.headers = {
            "Content-Security-Policy": content_security_policy(frame_origins),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)


class AccessLog:
    """One line per request in uvicorn's access format: client, method, route pattern, status.

    Paths and query strings carry filters, case numbers and now and then a key a client put
    in the URL by mistake; the pattern (`/v1/cases/{case_number}`) carries none of them.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route_of(scope)
        status = 500  # what the server answers if the app fails before answering

        async def watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watched)
        finally:
            client = scope.get("client")
            log.info(
                '%s - "%s %s HTTP/%s" %d',
                f"{client[0]}:{client[1]}" if client else "-",
                scope["method"],
                template(scope),
                scope.get("http_version", "1.1"),
                status,
            )
