"""How uvicorn serves the app: which proxies it believes, how long it waits for a client, and
how many connections it holds (used by `referat serve`, and by the tests that check them).

What a slow client gets (slowloris: open many connections, send each request a byte at a
time): a connection whose request headers are not complete `read_timeout` seconds after their
first byte (or after connecting) is closed without an answer; a body that stalls for as long
is answered 408 (api/limits.py); a connection idle between requests is closed after
KEEP_ALIVE_SECONDS; and past `max_connections` open connections per process every new request
is answered 503 at once. What it does not get: a byte dripped every few seconds keeps one
body going; in front of the internet, put a reverse proxy that buffers whole requests.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.auto import AutoHTTPProtocol

from api.deps import is_loopback
from api.limits import READ_TIMEOUT_STATE
from assistant.settings import Settings

__all__ = ["KEEP_ALIVE_SECONDS", "HeadDeadline", "access_line", "server_options"]

# Idle keep-alive connections are closed after this long. It must outlast the clients' own
# idle limit (httpx and many proxies: 5 s, nginx 75 s): when both are 5 s, a client may send
# on a connection in the instant the server closes it, and that request fails.
KEEP_ALIVE_SECONDS = 90

_DEFAULT_READ_TIMEOUT: float = Settings.model_fields["read_timeout"].default
_Protocol: Any = AutoHTTPProtocol  # httptools when installed, else h11: both are subclassed


class HeadDeadline(_Protocol):  # type: ignore[misc]
    """uvicorn's HTTP protocol, closing a connection whose request headers take too long.

    uvicorn itself times out only a connection idle after a response: one that connects and
    sends nothing, or sends its headers slowly, is held forever. The deadline is the app's
    read_timeout, which the app puts in the lifespan state uvicorn hands every connection.
    """

    def connection_made(self, transport: asyncio.Transport) -> None:
        super().connection_made(transport)
        self._timer: asyncio.TimerHandle | None = None
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._timer is None and (self.cycle is None or self.cycle.response_complete):
            self._arm()  # the first byte of the next request on a kept-alive connection
        super().data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        seconds = self.app_state.get(READ_TIMEOUT_STATE, _DEFAULT_READ_TIMEOUT)
        self._timer = self.loop.call_later(seconds, self._expire, self.cycle)

    def _expire(self, waiting_after: object) -> None:
        self._timer = None
        if self.cycle is waiting_after and not self.transport.is_closing():
            self.transport.close()  # no request arrived since: there is nobody to answer


def server_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's options that protect the server (beyond host, port and logging)."""
    return {
        "http": HeadDeadline,
        # X-Forwarded-For only from the configured proxies: believed from anyone, it lets a
        # client pick a new address for every request and so escape its rate limit
        "proxy_headers": bool(settings.trusted_proxies),
        "forwarded_allow_ips": list(settings.trusted_proxies),
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "limit_concurrency": settings.max_connections,
    }


def access_line(settings: Settings) -> str:
    """One line for the start-up output: who may read without a key."""
    if settings.public_read:
        return (
            "Open items are readable without a key by anyone who reaches this address "
            "(REFERAT_PUBLIC_READ); closed items, uploads and deletes need a key."
        )
    if settings.local_read and is_loopback(settings.host):
        return (
            "Open items are readable without a key from this machine only (loopback); closed "
            "items, uploads and deletes need a key (`referat keys create NAME --scope ...`)."
        )
    return (
        "Every request needs a key (`referat keys create NAME --scope read`); "
        "REFERAT_PUBLIC_READ=true lets anyone who reaches this address read open items."
    )
