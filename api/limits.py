"""Bounds on what a caller can send: requests per minute, body sizes, and how slowly."""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections import defaultdict, deque

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import refuse
from api.routing import route_of, takes_files
from assistant.errors import ReferatError, TooLargeError, TooSlowError

__all__ = ["READ_TIMEOUT_STATE", "BodyLimit", "RateLimiter"]

# The key under which the app tells the server (through uvicorn's lifespan state, which every
# connection is handed) how long a request's headers may take: see api/serving.py.
READ_TIMEOUT_STATE = "referat.read_timeout"


class RateLimiter:
    """Sliding one-minute window per caller; thread-safe."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def retry_after(self, who: str, count: bool = True) -> int:
        """0 if `who` may go ahead now (and, with `count`, counts this), else seconds to wait."""
        now = time.monotonic()
        with self._lock:
            hits = self._hits[who]
            while hits and now - hits[0] >= 60:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return max(1, math.ceil(60 - (now - hits[0])))
            if count:
                hits.append(now)
            elif not hits:
                del self._hits[who]  # looking must not leave an entry per address behind
            return 0


class BodyLimit:
    """Refuses request bodies over the route's limit with 413, before the app reads them.

    A route that takes a file gets the upload limit, every other route the JSON limit,
    whatever Content-Type the client claims. Bodies are counted as they arrive, so a missing
    or false Content-Length does not get past it; a body that stalls for `read_timeout`
    seconds is answered 408.
    """

    def __init__(
        self, app: ASGIApp, json_bytes: int, upload_bytes: int, read_timeout: float
    ) -> None:
        self.app = app
        self.json_bytes = json_bytes
        self.upload_bytes = upload_bytes
        self.read_timeout = read_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan" and isinstance(scope.get("state"), dict):
            scope["state"][READ_TIMEOUT_STATE] = self.read_timeout
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_bytes if takes_files(route_of(scope)) else self.json_bytes
        too_large = TooLargeError(
            f"the request is too large (limit {limit // 1024} KB): send a smaller document"
        )
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await refuse(too_large, scope, receive, send)
            return
        seen = 0
        body_done = False
        started = False
        refused: ReferatError | None = None

        async def counted() -> Message:
            nonlocal seen, body_done, refused
            if body_done:
                # past the body, the app only listens for a disconnect (an answer streamed
                # for minutes): no time limit on that
                return await receive()
            try:
                with anyio.fail_after(self.read_timeout):
                    message = await receive()
            except TimeoutError:
                refused = TooSlowError(
                    f"the request body stopped arriving for {self.read_timeout:g} s: send it "
                    "whole without pauses"
                )
                raise _Refused from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if seen > limit:
                    refused = too_large
                    raise _Refused
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if refused is not None and not started:
                return  # the app's answer to the body it could not read: ours goes instead
            started = True
            await send(message)

        with contextlib.suppress(_Refused):  # not caught by a route reading the body itself
            await self.app(scope, counted, guarded)
        if refused is not None and not started:
            started = True
            await refuse(refused, scope, receive, send)


class _Refused(Exception):
    """Raised into the app's body read; FastAPI turns it into a 400 that `guarded` drops."""
