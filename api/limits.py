"""Bounds on what a caller can send: requests per minute, and body sizes."""

from __future__ import annotations

import json
import math
import threading
import time
from collections import defaultdict, deque

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["BodyLimit", "RateLimiter"]


class RateLimiter:
    """Sliding one-minute window per caller; thread-safe."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def retry_after(self, who: str) -> int:
        """0 if `who` may go ahead now (and counts the request), else seconds to wait."""
        now = time.monotonic()
        with self._lock:
            hits = self._hits[who]
            while hits and now - hits[0] >= 60:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return max(1, math.ceil(60 - (now - hits[0])))
            hits.append(now)
            return 0


class BodyLimit:
    """Refuses request bodies over a limit with 413, before the app reads them whole.

    Uploads (multipart) get the upload limit, everything else the JSON limit. Bodies are
    counted as they arrive, so a missing or false Content-Length does not get past it.
    """

    def __init__(self, app: ASGIApp, json_bytes: int, upload_bytes: int) -> None:
        self.app = app
        self.json_bytes = json_bytes
        self.upload_bytes = upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        limit = self.upload_bytes if content_type.startswith("multipart/") else self.json_bytes
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _refuse(send, limit)
            return
        seen = 0
        refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    refused = True
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            if refused:
                await _refuse(send, limit)


class _TooLarge(Exception):
    pass


async def _refuse(send: Send, limit: int) -> None:
    detail = f"the request is too large (limit {limit // 1024} KB): send a smaller document"
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
